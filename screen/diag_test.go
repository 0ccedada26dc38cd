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
	f, _ := os.Open(filepath.Join(dir, "alias_holdout", "queries.jsonl"))
	defer f.Close()
	var out strings.Builder
	sc := bufio.NewScanner(f)
	var sct match.Scratch
	cats := map[string]int{}
	for sc.Scan() {
		var q holdoutQuery
		json.Unmarshal(sc.Bytes(), &q)
		if q.Set == "negative" {
			continue
		}
		ms, _ := s.Screen(&interdict.Query{Names: []string{q.Query}, Kind: kindOf(q.Type), Limit: 10}, false)
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
	os.WriteFile(os.Getenv("DIAG"), []byte(out.String()), 0o644)
}
