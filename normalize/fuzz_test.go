package normalize

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/interdict/interdict"
)

var fuzzKinds = []interdict.Kind{
	interdict.KindPerson, interdict.KindOrganization, interdict.KindVessel,
	interdict.KindAircraft, interdict.KindUnknown, "",
}

// FuzzAnalyze feeds any bytes (invalid UTF-8, control characters, huge
// strings) to Analyze and the functions it is built from, and checks the
// invariants of the result. Seed corpus: testdata/fuzz/FuzzAnalyze.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"", "AL-BAGHDADI, Abu Bakr", "Владимир Путин", "محمد علي", "习近平", "김정은",
		"やまだ たろう", "משה", "Αλέξανδρος", "สมชาย", "ООО «Ромашка»", "S.A. de C.V.",
		"\xff\xfe\x00", "Abd al-Rahman bin Abdullah", strings.Repeat("ab ", 200),
		"a\u0301\u0301\u0301", "ʻ", "ﷺ", "ﾀﾞｲｽｹ", "々々", "ๆ", "\u200d\u200c",
	} {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, raw string, k uint8) {
		kind := fuzzKinds[int(k)%len(fuzzKinds)]
		n := Analyze(raw, kind)
		checkName(t, raw, n)
		if len(raw) < 4096 {
			if got, want := n.Script, interdict.DetectScript(raw); !n.Truncated && got != want {
				t.Errorf("Script %s, interdict.DetectScript %s", got, want)
			}
		}
		for _, v := range n.Variants {
			for _, tk := range v.Tokens {
				if tk.Flags&(Legal|Symbol|Initial|Particle) != 0 {
					continue
				}
				text := tk.Text
				if kind == interdict.KindPerson || kind == interdict.KindUnknown || kind == "" {
					text = Canon(text)
				}
				if tk.Key != Key(text) || tk.Skeleton != Skeleton(text) {
					t.Errorf("token %q: key %q/%q, Key gives %q/%q", tk.Text, tk.Key, tk.Skeleton, Key(text), Skeleton(text))
				}
			}
		}
		for _, l := range Latin(raw) {
			if !utf8.ValidString(l) || Fold(l) != l {
				t.Errorf("Latin rendering %q not folded", l)
			}
		}
		if f := Fold(raw); Fold(f) != f || !utf8.ValidString(f) {
			t.Errorf("Fold(%q) = %q not stable", raw, f)
		}
		for _, tok := range Tokens(raw) {
			if tok == "" || strings.ContainsRune(tok, ' ') {
				t.Errorf("Tokens: bad token %q", tok)
			}
		}
	})
}
