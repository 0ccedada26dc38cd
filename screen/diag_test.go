package screen

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/match"
)

// TestDiagMisses sorts the alias-holdout queries whose entity is not first
// by why: the entity scores zero (no word in common), low (under 0.5),
// outscored by another, tied, or not among the candidates. Set DIAG=file.
func TestDiagMisses(t *testing.T) {
	if os.Getenv("DIAG") == "" {
		t.Skip("set DIAG=file")
	}
	dir := benchDir(t)
	s := screenerFor(t, filepath.Join(dir, "alias_holdout", "data"))
	byID := map[string]int{}
	for i, e := range s.Index.Entities {
		byID[e.ID] = i
	}
	f, err := os.Open(filepath.Join(dir, "alias_holdout", "queries.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out strings.Builder
	sc := bufio.NewScanner(f)
	var sct match.Scratch
	cats := map[string]int{}
	for sc.Scan() {
		var q holdoutQuery
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			t.Fatal(err)
		}
		if q.Set == "negative" {
			continue
		}
		ms, err := s.Screen(&interdict.Query{Names: []string{q.Query}, Kind: kindOf(q.Type), Limit: 10}, false)
		if err != nil {
			t.Fatal(err)
		}
		want := "ofac-sdn:" + q.ExpectedID
		if len(ms) > 0 && ms[0].ID == want {
			continue
		}
		ei, ok := byID[want]
		if !ok {
			cats["missing"]++
			continue
		}
		qn, _ := s.Index.Prepare(q.Query, kindOf(q.Type))
		best, bestName := float32(0), ""
		for i := range s.Index.Entries {
			en := &s.Index.Entries[i]
			if int(en.Entity) != ei {
				continue
			}
			for vi := range qn {
				sc, _ := match.Score(&qn[vi], &en.Tokens, &sct, false)
				if sc > best {
					best, bestName = sc, s.Index.Entities[ei].Names[en.Name].Full
				}
			}
		}
		top, topName := 0.0, ""
		if len(ms) > 0 {
			top, topName = ms[0].Score, ms[0].MatchedName+" "+ms[0].ID
		}
		inList := false
		for _, m := range ms {
			if m.ID == want {
				inList = true
			}
		}
		cat := "zero"
		switch {
		case best >= 0.5 && float64(best) >= top-0.001:
			cat = "tie-or-not-candidate"
			if inList {
				cat = "tie"
			}
		case best >= 0.5:
			cat = "outscored"
		case best > 0:
			cat = "low"
		}
		cats[cat]++
		fmt.Fprintf(&out, "%s\t%s\twant %.3f %q\tgot %.3f %q\n", cat, q.Query, best, bestName, top, topName)
	}
	t.Logf("%v", cats)
	if err := os.WriteFile(os.Getenv("DIAG"), []byte(out.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
