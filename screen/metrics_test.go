package screen

import (
	"os"
	"testing"
)

// TestMetrics prints every quality figure on one line, for tuning: set
// METRICS=1 (METRICS=full screens every negative name, not a fifth).
func TestMetrics(t *testing.T) {
	if os.Getenv("METRICS") == "" {
		t.Skip("set METRICS=1 to print every quality figure")
	}
	h := evalHoldout(t)
	all := allLists(t)
	p := evalPairs(t, all, all.Threshold)
	pe := evalPairs(t, emptyScreener, emptyScreener.Threshold)
	names := readNegatives(t)
	if os.Getenv("METRICS") != "full" {
		var some []negativeName
		for i, n := range names {
			if i%5 == 0 || n.set == "congress" {
				some = append(some, n)
			}
		}
		names = some
	}
	res := alertRate(t, all, names)
	y, c := res["yente"], res["congress"]
	t.Logf("holdout r@1 %.3f cal %.3f (thr %.3f) neg %.4f | pairs F1 %.3f (P %.3f R %.3f) empty %.3f | yente %.2f%% congress %.2f%%",
		h.recall1, h.calRecall1, h.thrAt1, h.negAlert, p.f1, p.precision, p.recall, pe.f1,
		100*float64(y.alerts)/float64(y.n), 100*float64(c.alerts)/float64(c.n))
}
