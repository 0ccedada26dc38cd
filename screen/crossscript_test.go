package screen

import (
	"bufio"
	"strconv"
	"strings"
	"testing"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
)

// kanjiOnly reports whether a name is written in Han characters only,
// with no kana: Japanese names in kanji have readings that cannot be
// derived from the characters, so they are out of scope.
func kanjiOnly(s string) bool {
	han := false
	for _, r := range s {
		switch {
		case r >= 0x4E00 && r <= 0x9FFF:
			han = true
		case r == ' ':
		default:
			return false
		}
	}
	return han
}

// TestCrossScriptPairs scores every pair of the watchman cross-script file
// at or above its Min Score, except the Japanese names written in kanji
// only.
func TestCrossScriptPairs(t *testing.T) {
	s := allLists(t)
	sc := bufio.NewScanner(shared.Open(t, "name_matching_watchman", "cross_script_pairs.csv"))
	section := ""
	n := 0
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "#") {
			section = line
			continue
		}
		f := strings.Split(line, ",")
		if len(f) < 3 {
			t.Fatalf("bad line %q", line)
		}
		min, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			t.Fatalf("bad score in %q", line)
		}
		if strings.Contains(section, "Japanese") && kanjiOnly(f[0]) {
			continue
		}
		n++
		got, ex, err := s.Compare(f[0], f[1], interdict.KindPerson)
		if err != nil {
			t.Fatal(err)
		}
		if got < min {
			t.Errorf("%s / %s: %.3f, want ≥ %.2f (%v)", f[0], f[1], got, min, ex.Tokens)
		} else {
			t.Logf("%s / %s: %.3f ≥ %.2f", f[0], f[1], got, min)
		}
	}
	if n == 0 {
		t.Fatal("no pairs read")
	}
}
