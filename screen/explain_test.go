package screen

import (
	"fmt"
	"os"
	"strings"
	"testing"

	interdict "github.com/interdict/interdict"
)

// TestExplainQuery screens the names in $EXPLAIN (separated by ";", an
// optional "o:" or "p:" prefix giving the kind) against all lists and
// prints the top matches with their explanations, for diagnosis.
func TestExplainQuery(t *testing.T) {
	if os.Getenv("EXPLAIN") == "" {
		t.Skip("set EXPLAIN='name;name' to explain queries against all lists")
	}
	s := allLists(t)
	if os.Getenv("EXPLAIN_HOLDOUT") != "" {
		s = screenerFor(t, benchDir(t)+"/alias_holdout/data")
	}
	for _, raw := range strings.Split(os.Getenv("EXPLAIN"), ";") {
		kind := interdict.KindUnknown
		switch {
		case strings.HasPrefix(raw, "o:"):
			kind, raw = interdict.KindOrganization, raw[2:]
		case strings.HasPrefix(raw, "p:"):
			kind, raw = interdict.KindPerson, raw[2:]
		}
		ms, err := s.Screen(&interdict.Query{Names: []string{raw}, Kind: kind, Limit: 5}, true)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("== %s (%s)\n", raw, kind)
		for _, m := range ms {
			fmt.Printf("  %.3f %s %q (%s)\n", m.Score, m.ID, m.MatchedName, m.Name)
			if ex := m.Explanation; ex != nil {
				var b strings.Builder
				for _, tm := range ex.Tokens {
					fmt.Fprintf(&b, " [%s|%s %s %.2f w%.2f]", tm.Query, tm.Listed, tm.How, tm.Similarity, tm.Weight)
				}
				for _, a := range ex.Adjustments {
					fmt.Fprintf(&b, " {%s %+.2f}", a.Attribute, a.Delta)
				}
				fmt.Printf("        name %.3f:%s\n", ex.NameScore, b.String())
			}
		}
	}
}

// TestExplainCompare compares the pairs in $COMPARE ("a|b;a|b", optional
// "o:"/"p:" prefix for the kind) against the all-lists weights.
func TestExplainCompare(t *testing.T) {
	if os.Getenv("COMPARE") == "" {
		t.Skip("set COMPARE='a|b;c|d' to explain comparisons")
	}
	s := allLists(t)
	for _, pr := range strings.Split(os.Getenv("COMPARE"), ";") {
		kind := interdict.KindPerson
		switch {
		case strings.HasPrefix(pr, "o:"):
			kind, pr = interdict.KindOrganization, pr[2:]
		case strings.HasPrefix(pr, "u:"):
			kind, pr = interdict.KindUnknown, pr[2:]
		}
		a, b, _ := strings.Cut(pr, "|")
		sc, ex, err := s.Compare(a, b, kind)
		if err != nil {
			t.Fatal(err)
		}
		var sb strings.Builder
		for _, tm := range ex.Tokens {
			fmt.Fprintf(&sb, " [%s|%s %s %.2f w%.2f]", tm.Query, tm.Listed, tm.How, tm.Similarity, tm.Weight)
		}
		fmt.Printf("%.3f %s | %s:%s\n", sc, a, b, sb.String())
	}
}
