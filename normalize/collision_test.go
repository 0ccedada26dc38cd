package normalize

import (
	"encoding/csv"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
)

// sdnNames reads the names of the OFAC SDN snapshot (column 2) with their
// kind (column 3: "individual" is a person, vessels and aircraft aside).
func sdnNames(tb testing.TB) (names []string, kinds []interdict.Kind) {
	tb.Helper()
	f, err := os.Open(shared.Data(tb, "ofac_sdn_2024-05-03", "sdn.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			continue
		}
		if len(rec) < 3 {
			continue
		}
		k := interdict.KindOrganization
		switch strings.TrimSpace(rec[2]) {
		case "individual":
			k = interdict.KindPerson
		case "vessel":
			k = interdict.KindVessel
		case "aircraft":
			k = interdict.KindAircraft
		}
		names = append(names, rec[1])
		kinds = append(kinds, k)
	}
	return names, kinds
}

func negativeNames(tb testing.TB, file string) []string {
	tb.Helper()
	f, err := os.Open(shared.Data(tb, "negatives_yente_synthetic", file))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	recs, err := r.ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, rec := range recs[1:] {
		out = append(out, rec[0])
	}
	return out
}

// strong returns the identifying tokens of a variant.
func strong(v Variant) []Token {
	var out []Token
	for _, t := range v.Tokens {
		if !t.Weak() && t.Flags&Initial == 0 {
			out = append(out, t)
		}
	}
	return out
}

// TestKeyCollisionRate measures how much coarser Key and Skeleton are
// than folded text on real names: tokens of the synthetic non-sanctioned
// persons (negatives_global.csv: many scripts, negatives_us.csv) against
// tokens of OFAC SDN names. Reported per measure:
//
//   - pair collision: the chance that a random negative token and a random
//     SDN token with different text share the measure;
//   - token hit: the share of distinct negative tokens whose measure occurs
//     among SDN tokens;
//   - name hit: the share of negative persons all of whose identifying
//     tokens (at least two) occur in one single SDN person entry, a proxy
//     for the false alerts of a matcher that trusted the measure blindly.
func TestKeyCollisionRate(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the full SDN list")
	}
	measures := []struct {
		name string
		f    func(Token) string
	}{
		{"text", func(t Token) string { return t.Text }},
		{"Key", func(t Token) string { return t.Key }},
		{"Skeleton", func(t Token) string { return t.Skeleton }},
		{"Soundex", func(t Token) string { return soundex(t.Text) }}, // baseline
	}
	names, kinds := sdnNames(t)
	var sdnAnalyzed []Name
	for i, n := range names {
		sdnAnalyzed = append(sdnAnalyzed, Analyze(n, kinds[i]))
	}
	negFiles := []string{"negatives_global.csv", "negatives_us.csv"}
	negAnalyzed := map[string][]Name{}
	for _, f := range negFiles {
		for _, n := range negativeNames(t, f) {
			negAnalyzed[f] = append(negAnalyzed[f], Analyze(n, interdict.KindPerson))
		}
	}
	for _, m := range measures {
		sdnTexts := map[string]string{} // text → measure
		byM := map[string][]int32{}     // person entries by measure
		for i, a := range sdnAnalyzed {
			for _, v := range a.Variants {
				for _, tk := range strong(v) {
					sdnTexts[tk.Text] = m.f(tk)
					if kinds[i] == interdict.KindPerson {
						byM[m.f(tk)] = appendUnique(byM[m.f(tk)], int32(i))
					}
				}
			}
		}
		sdnCount := map[string]int{} // measure → distinct SDN texts
		for _, k := range sdnTexts {
			sdnCount[k]++
		}
		if m.name != "text" {
			t.Logf("%-8s SDN: %d distinct token texts, %d distinct values (%.2f texts per value)",
				m.name, len(sdnTexts), len(sdnCount), float64(len(sdnTexts))/float64(len(sdnCount)))
		}
		for _, f := range negFiles {
			negTexts := map[string]string{}
			hits, counted := 0, 0
			for _, a := range negAnalyzed[f] {
				hit := false
				for _, v := range a.Variants {
					st := strong(v)
					for _, tk := range st {
						negTexts[tk.Text] = m.f(tk)
					}
					if len(st) >= 2 && allInOne(st, byM, m.f) {
						hit = true
					}
				}
				counted++
				if hit {
					hits++
				}
			}
			tokHit := 0
			pairs := 0.0
			for text, k := range negTexts {
				if sdnCount[k] > 0 {
					tokHit++
				}
				n := sdnCount[k]
				if mk, ok := sdnTexts[text]; ok && mk == k {
					n-- // the same text is not a collision
				}
				pairs += float64(n)
			}
			pairRate := pairs / float64(len(negTexts)) / float64(len(sdnTexts))
			t.Logf("%-8s %s: pair collision %.5f%%, token hit %.1f%%, name hit %.2f%% (%d names, %d distinct tokens)",
				m.name, f, 100*pairRate, pct(tokHit, len(negTexts)), pct(hits, counted), counted, len(negTexts))
		}
	}
}

func appendUnique(s []int32, v int32) []int32 {
	if len(s) > 0 && s[len(s)-1] == v {
		return s
	}
	return append(s, v)
}

// allInOne reports whether one entry holds all tokens (by f).
func allInOne(st []Token, idx map[string][]int32, f func(Token) string) bool {
	cur := idx[f(st[0])]
	for _, tk := range st[1:] {
		if len(cur) == 0 {
			return false
		}
		cur = intersect(cur, idx[f(tk)])
	}
	return len(cur) > 0
}

func intersect(a, b []int32) []int32 {
	var out []int32
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			out = append(out, a[i])
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return out
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// soundex is American Soundex of a folded token, a baseline for the
// collision figures.
func soundex(s string) string {
	const codes = "01230120022455012623010202" // a..z
	var out []byte
	var last byte
	for i := 0; i < len(s) && len(out) < 4; i++ {
		c := s[i]
		if c < 'a' || c > 'z' {
			return s
		}
		code := codes[c-'a']
		if i == 0 {
			out = append(out, c)
			last = code
			continue
		}
		if code != '0' && code != last {
			out = append(out, code)
		}
		if c != 'h' && c != 'w' {
			last = code
		}
	}
	for len(out) < 4 {
		out = append(out, '0')
	}
	return string(out)
}

// TestAliasTokenRecall measures the other side: how many tokens of the
// OFAC aliases of a listed person (alt.csv, "aka" only) occur among the
// tokens of the person's primary name, by text, Key and Skeleton. Many
// aliases are different names altogether (kunyas, nicknames), so the
// ceiling is well below 100%. The aliases are only counted here; nothing
// in the package is derived from them.
func TestAliasTokenRecall(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the full SDN list")
	}
	names, kinds := sdnNames(t)
	_ = names
	primary := map[string]int{}
	f, err := os.Open(shared.Data(t, "ofac_sdn_2024-05-03", "sdn.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord, r.LazyQuotes = -1, true
	for i := 0; ; {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil || len(rec) < 3 {
			continue
		}
		primary[rec[0]] = i
		i++
	}
	g, err := os.Open(shared.Data(t, "ofac_sdn_aux_2025-12-24", "alt.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	r = csv.NewReader(g)
	r.FieldsPerRecord, r.LazyQuotes = -1, true
	var total, byText, byKey, bySkel int
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil || len(rec) < 4 || strings.TrimSpace(rec[2]) != "aka" {
			continue
		}
		i, ok := primary[rec[0]]
		if !ok || kinds[i] != interdict.KindPerson {
			continue
		}
		texts, keys, skels := map[string]bool{}, map[string]bool{}, map[string]bool{}
		for _, v := range Analyze(names[i], interdict.KindPerson).Variants {
			for _, tk := range strong(v) {
				texts[tk.Text], keys[tk.Key], skels[tk.Skeleton] = true, true, true
			}
		}
		alias := Analyze(rec[3], interdict.KindPerson)
		if len(alias.Variants) == 0 {
			continue
		}
		for _, tk := range strong(alias.Variants[0]) {
			total++
			if texts[tk.Text] {
				byText++
			}
			if keys[tk.Key] {
				byKey++
			}
			if skels[tk.Skeleton] {
				bySkel++
			}
		}
	}
	t.Logf("OFAC person aliases: %d tokens; found among the primary name's tokens by text %.1f%%, by Key %.1f%%, by Skeleton %.1f%%",
		total, pct(byText, total), pct(byKey, total), pct(bySkel, total))
	if total == 0 || byKey < byText {
		t.Errorf("keys find fewer alias tokens than text")
	}
}
