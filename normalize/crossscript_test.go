package normalize

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
)

type crossPair struct {
	query, expected, section string
}

func readCrossPairs(t *testing.T) []crossPair {
	t.Helper()
	f, err := os.Open(shared.Data(t, "name_matching_watchman", "cross_script_pairs.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []crossPair
	section := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "#") {
			if strings.Contains(line, " to Latin") {
				section = strings.TrimSpace(strings.TrimPrefix(line, "#"))
			}
			continue
		}
		f := strings.Split(line, ",")
		if len(f) < 2 {
			t.Fatalf("bad row %q", line)
		}
		out = append(out, crossPair{f[0], f[1], section})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func keysOf(v Variant) []string {
	ks := make([]string, len(v.Tokens))
	for i, tk := range v.Tokens {
		ks[i] = tk.Key
	}
	return ks
}

// kanjiOnly: a name of the Japanese section written without kana.
func kanjiOnly(p crossPair) bool {
	return strings.HasPrefix(p.section, "Japanese") && DetectScript(p.query) == interdict.ScriptHan
}

// TestCrossScriptPairs: the query's variants must include one whose token
// keys equal those of the expected Latin name (except kanji-only Japanese
// names, whose readings are out of scope).
func TestCrossScriptPairs(t *testing.T) {
	pairs := readCrossPairs(t)
	if len(pairs) < 20 {
		t.Fatalf("read %d pairs", len(pairs))
	}
	pass, skipped := 0, 0
	for _, p := range pairs {
		if kanjiOnly(p) {
			skipped++
			continue
		}
		q := Analyze(p.query, interdict.KindPerson)
		e := Analyze(p.expected, interdict.KindPerson)
		want := keysOf(e.Variants[0])
		found := false
		for _, v := range q.Variants {
			if slices.Equal(keysOf(v), want) {
				found = true
				break
			}
		}
		if !found {
			var got [][]string
			for _, v := range q.Variants {
				got = append(got, keysOf(v))
			}
			t.Errorf("%s %q → %q: no variant with keys %v; got %v (texts %v)", p.section, p.query, p.expected, want, got, Latin(p.query))
			continue
		}
		pass++
	}
	t.Logf("cross-script pairs: %d/%d pass, %d kanji-only skipped", pass, len(pairs)-skipped, skipped)
}
