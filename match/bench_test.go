package match

import (
	"testing"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/normalize"
)

func prepared(raw string, kind interdict.Kind) Name {
	a := normalize.Analyze(raw, kind)
	n := FromVariant(a.Variants[0])
	for i := range n.Tokens {
		Weigh(&n.Tokens[i], 10, 100000)
	}
	n.Sum()
	if kind != interdict.KindPerson {
		n.SetAcronyms()
		n.SetWord()
	}
	return n
}

var benchPairs = []struct {
	a, b string
	kind interdict.Kind
}{
	{"Vladimir Putin", "PUTIN, Vladimir Vladimirovich", interdict.KindPerson},
	{"Mohammed Ali Hassan", "HASSAN, Muhammad Ali", interdict.KindPerson},
	{"Sergei Lavrov", "LAVROV, Sergey Viktorovich", interdict.KindPerson},
	{"Katarina Mohamed", "KATRANJI, Mohammed", interdict.KindPerson},
	{"Abdul Rahman al-Baghdadi", "AL-BAGHDADI, Abd al-Rahman", interdict.KindPerson},
	{"QODS AVIATION INDUSTRIES", "GHODS AVIATION INDUSTRIES", interdict.KindOrganization},
	{"Rosneft Oil Company PJSC", "OPEN JOINT STOCK COMPANY ROSNEFT OIL COMPANY", interdict.KindOrganization},
	{"NIOC", "NATIONAL IRANIAN OIL COMPANY", interdict.KindOrganization},
}

// BenchmarkScore measures one name comparison, without and with the
// explanation.
func BenchmarkScore(b *testing.B) {
	qs := make([]Name, len(benchPairs))
	ls := make([]Name, len(benchPairs))
	for i, p := range benchPairs {
		qs[i], ls[i] = prepared(p.a, p.kind), prepared(p.b, p.kind)
	}
	for _, explain := range []bool{false, true} {
		name := "plain"
		if explain {
			name = "explain"
		}
		b.Run(name, func(b *testing.B) {
			var s Scratch
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				Score(&qs[i%len(qs)], &ls[i%len(ls)], &s, explain)
				i++
			}
		})
	}
}

// BenchmarkWeightedSim measures the spelling similarity of two tokens.
func BenchmarkWeightedSim(b *testing.B) {
	pairs := [][2]string{{"mohammed", "muhammad"}, {"saburinejad", "saburinezhad"}, {"katarina", "katranji"}, {"lavrov", "putin"}}
	var s Scratch
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		p := pairs[i%len(pairs)]
		s.weightedSim(p[0], p[1], FuzzyFloor)
		i++
	}
}
