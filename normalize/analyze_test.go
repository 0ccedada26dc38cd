package normalize

import (
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/interdict/interdict"
)

// checkName verifies the invariants every Name must satisfy.
func checkName(t testing.TB, raw string, n Name) {
	t.Helper()
	if n.Raw != raw {
		t.Errorf("Raw changed")
	}
	if len(n.Variants) > MaxVariants {
		t.Errorf("%d variants", len(n.Variants))
	}
	if n.Truncated != (utf8.RuneCountInString(raw) > MaxRunes) {
		t.Errorf("Truncated = %v for %d runes", n.Truncated, utf8.RuneCountInString(raw))
	}
	seen := map[string]bool{}
	for _, v := range n.Variants {
		if seen[v.Text] {
			t.Errorf("duplicate variant %q", v.Text)
		}
		seen[v.Text] = true
		if len(v.Tokens) == 0 || len(v.Tokens) > MaxTokens {
			t.Errorf("variant %q has %d tokens", v.Text, len(v.Tokens))
		}
		var texts []string
		for _, tk := range v.Tokens {
			texts = append(texts, tk.Text)
			if tk.Text == "" || strings.ContainsRune(tk.Text, ' ') || !utf8.ValidString(tk.Text) {
				t.Errorf("bad token text %q", tk.Text)
			}
			if tk.Key == "" || tk.Skeleton == "" {
				t.Errorf("token %q without key (%q, %q)", tk.Text, tk.Key, tk.Skeleton)
			}
			if tk.Joined != "" && tk.Flags&Particle == 0 {
				t.Errorf("token %q: Joined without Particle", tk.Text)
			}
		}
		if j := strings.Join(texts, " "); j != v.Text {
			t.Errorf("variant text %q != tokens %q", v.Text, j)
		}
	}
}

func TestAnalyzeBasics(t *testing.T) {
	n := Analyze("PUTIN, Vladimir Vladimirovich", interdict.KindPerson)
	checkName(t, "PUTIN, Vladimir Vladimirovich", n)
	if n.Script != interdict.ScriptLatin || len(n.Variants) != 1 || n.Variants[0].Text != "putin vladimir vladimirovich" {
		t.Errorf("got %+v", n)
	}
	if n := Analyze("", interdict.KindPerson); len(n.Variants) != 0 || n.Script != interdict.ScriptUnknown {
		t.Errorf("empty: %+v", n)
	}
	if n := Analyze(" - , . ", interdict.KindOrganization); len(n.Variants) != 0 {
		t.Errorf("punctuation only: %+v", n)
	}
	n = Analyze("Дмитрий Медведев", interdict.KindPerson)
	checkName(t, "Дмитрий Медведев", n)
	if n.Script != interdict.ScriptCyrillic || len(n.Variants) != 3 {
		t.Errorf("got %+v", n)
	}
	// vessels: no legal forms, no canon
	v := Analyze("OLEKSANDR LLC", interdict.KindVessel)
	if d := describe(v.Variants[0]); d != "oleksandr llc" || v.Variants[0].Tokens[0].Key != Key("oleksandr") {
		t.Errorf("vessel: %q %+v", d, v.Variants[0].Tokens)
	}
	// persons: canon before key
	p := Analyze("Oleksandr", interdict.KindPerson)
	if p.Variants[0].Tokens[0].Key != Key("aleksandr") {
		t.Errorf("person canon: %+v", p.Variants[0].Tokens)
	}
	// unknown kind: legal forms and titles both apply
	u := Analyze("Dr Romashka LLC", interdict.KindUnknown)
	if d := describe(u.Variants[0]); d != "dr/stop romashka llc/L:LLC" {
		t.Errorf("unknown: %q", d)
	}
}

func TestAnalyzeTruncates(t *testing.T) {
	long := strings.Repeat("Абвгд ", 1000)
	n := Analyze(long, interdict.KindOrganization)
	checkName(t, long, n)
	if !n.Truncated {
		t.Error("not truncated")
	}
	for _, v := range n.Variants {
		if len(v.Tokens) > MaxTokens {
			t.Errorf("%d tokens", len(v.Tokens))
		}
	}
	exact := strings.Repeat("a", MaxRunes)
	if n := Analyze(exact, interdict.KindPerson); n.Truncated {
		t.Error("truncated at exactly MaxRunes")
	}
}

func TestAnalyzeAllocs(t *testing.T) {
	tables()
	for _, c := range []struct {
		raw  string
		kind interdict.Kind
		max  float64
	}{
		{"vladimir putin", interdict.KindPerson, 3},
		{"AL-BAGHDADI, Abu Bakr", interdict.KindPerson, 4},
		{"ANGLO-CARIBBEAN CO., LTD.", interdict.KindOrganization, 5},
	} {
		if n := testing.AllocsPerRun(200, func() { Analyze(c.raw, c.kind) }); n > c.max {
			t.Errorf("Analyze(%q): %v allocations, want ≤ %v", c.raw, n, c.max)
		}
	}
}

func TestAnalyzeConcurrent(t *testing.T) {
	names := []string{"Владимир Путин", "محمد علي", "习近平", "김정은", "ООО Ромашка", "AL-BAGHDADI, Abu Bakr"}
	want := make([]string, len(names))
	for i, n := range names {
		want[i] = describeName(Analyze(n, interdict.KindUnknown))
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < 200; r++ {
				i := (g + r) % len(names)
				if got := describeName(Analyze(names[i], interdict.KindUnknown)); got != want[i] {
					t.Errorf("concurrent %q: %q != %q", names[i], got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

func describeName(n Name) string {
	var parts []string
	for _, v := range n.Variants {
		for _, tk := range v.Tokens {
			parts = append(parts, tk.Text+"/"+tk.Key+"/"+tk.Skeleton)
		}
		parts = append(parts, "|")
	}
	return strings.Join(parts, " ")
}
