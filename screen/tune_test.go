package screen

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/interdict/interdict/match"
)

// tunables are the scoring parameters TestTune can sweep.
var tunables = map[string]*float32{
	"KeyFloor":     &match.KeyFloor,
	"SkelFloor":    &match.SkelFloor,
	"FuzzyFloor":   &match.FuzzyFloor,
	"StrongSim":    &match.StrongSim,
	"ShortToken":   &match.ShortToken,
	"ShortFloor":   &match.ShortFloor,
	"Acr3":         &match.AcronymSim3,
	"FinalVowel":   &match.FinalVowel,
	"BlendSim":     &match.BlendSim,
	"Sharpen":      &match.Sharpen,
	"Conflict":     &match.Conflict,
	"BoundCut":     &BoundCut,
	"WeakStop":     &match.WeakStop,
	"WeakLegal":    &match.WeakLegal,
	"WeakSymbol":   &match.WeakSymbol,
	"WeakParticle": &match.WeakParticle,
	"WeakInitial":  &match.WeakInitial,
	"ConflictMin":  &match.ConflictMin,
	"FirstLetter":  &match.FirstLetter,
	"FirstIndel":   &match.FirstIndel,
	"Acr4":         &match.AcronymSim4,
	"Acr5":         &match.AcronymSim5,
}

var tunables64 = map[string]*float64{
	"QueryExp":  &match.QueryExp,
	"ListedExp": &match.ListedExp,
	"IDFExp":    &match.IDFExp,
	"KindOther": &match.KindOther,
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
		if os.Getenv("TUNETHR") != "" {
			var b strings.Builder
			for _, thr := range []float64{0.68, 0.7, 0.72, 0.74, 0.76, 0.78, 0.8} {
				p := evalPairs(t, all, thr)
				fmt.Fprintf(&b, " | %.2f: F1 %.3f y %.2f%% c %.2f%%", thr, p.f1, 100*y.rateAt(thr), 100*c.rateAt(thr))
			}
			t.Logf("%-18s%s", "", b.String())
		}
	}
	report("base")
	get := func(name string) (float64, func(float64)) {
		ptr, ptr64 := tunables[name], tunables64[name]
		if ptr == nil && ptr64 == nil {
			t.Fatalf("unknown parameter %q", name)
		}
		set := func(f float64) {
			if ptr != nil {
				*ptr = float32(f)
			} else {
				*ptr64 = f
			}
			if name == "IDFExp" || strings.HasPrefix(name, "Weak") {
				screeners.Clear()
				all = allLists(t)
			}
		}
		if ptr != nil {
			return float64(*ptr), set
		}
		return *ptr64, set
	}
	parse := func(v string) float64 {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	for _, part := range strings.Split(spec, ";") {
		if strings.Contains(part, "+") {
			// one configuration of several parameters: A=x+B=y
			var undo []func()
			for _, kv := range strings.Split(part, "+") {
				name, v, _ := strings.Cut(kv, "=")
				old, set := get(name)
				set(parse(v))
				undo = append(undo, func() { set(old) })
			}
			report(part)
			for _, u := range undo {
				u()
			}
			continue
		}
		name, vals, _ := strings.Cut(part, "=")
		old, set := get(name)
		for _, v := range strings.Split(vals, ",") {
			set(parse(v))
			report(name + "=" + v)
		}
		set(old)
	}
}
