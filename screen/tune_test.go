package screen

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/interdict/interdict/match"
)

// tunables are the scoring parameters TestTune can sweep.
var tunables = map[string]*float32{
	"KeyFloor":   &match.KeyFloor,
	"SkelFloor":  &match.SkelFloor,
	"FuzzyFloor": &match.FuzzyFloor,
	"StrongSim":  &match.StrongSim,
	"ShortToken": &match.ShortToken,
	"ShortFloor": &match.ShortFloor,
}

var tunables64 = map[string]*float64{
	"QueryExp":  &match.QueryExp,
	"ListedExp": &match.ListedExp,
	"IDFExp":    &match.IDFExp,
}

// TestTune sweeps scoring parameters one at a time and prints every
// quality figure for each value: TUNEP="KeyFloor=0.8,0.9;StrongSim=0.75".
func TestTune(t *testing.T) {
	spec := os.Getenv("TUNEP")
	if spec == "" {
		t.Skip("set TUNEP='Param=v1,v2;Other=v3' to sweep scoring parameters")
	}
	all := allLists(t)
	names := readNegatives(t)
	var some []negativeName
	for i, n := range names {
		if i%5 == 0 || n.set == "congress" {
			some = append(some, n)
		}
	}
	report := func(label string) {
		h := evalHoldout(t)
		p := evalPairs(t, all, all.Threshold)
		res := alertRate(t, all, some)
		y, c := res["yente"], res["congress"]
		t.Logf("%-18s r@1 %.3f cal %.3f (thr %.3f) neg %.4f | F1 %.3f (P %.3f R %.3f) | yente %.2f%% congress %.2f%%",
			label, h.recall1, h.calRecall1, h.thrAt1, h.negAlert, p.f1, p.precision, p.recall,
			100*float64(y.alerts)/float64(y.n), 100*float64(c.alerts)/float64(c.n))
	}
	report("base")
	for _, part := range strings.Split(spec, ";") {
		name, vals, _ := strings.Cut(part, "=")
		ptr, ptr64 := tunables[name], tunables64[name]
		if ptr == nil && ptr64 == nil {
			t.Fatalf("unknown parameter %q", name)
		}
		var old float64
		if ptr != nil {
			old = float64(*ptr)
		} else {
			old = *ptr64
		}
		set := func(f float64) {
			if ptr != nil {
				*ptr = float32(f)
			} else {
				*ptr64 = f
			}
			if name == "IDFExp" {
				screeners.Clear()
				all = allLists(t)
			}
		}
		for _, v := range strings.Split(vals, ",") {
			f, err := strconv.ParseFloat(v, 32)
			if err != nil {
				t.Fatal(err)
			}
			set(f)
			report(name + "=" + v)
		}
		set(old)
	}
}
