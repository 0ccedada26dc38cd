package index

import (
	"context"
	"sync"
	"testing"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/match"
	"github.com/interdict/interdict/source"
)

var (
	benchOnce sync.Once
	benchEnts []*interdict.Entity
	benchIx   *Index
)

// allLists loads every list of ../shared/data once per test binary.
func allLists(tb testing.TB) ([]*interdict.Entity, *Index) {
	tb.Helper()
	dir := shared.Data(tb)
	benchOnce.Do(func() {
		cat, err := source.Load(context.Background(), dir)
		if err != nil {
			tb.Fatal(err)
		}
		benchEnts = cat.Entities()
		benchIx = Build(benchEnts)
	})
	if benchIx == nil {
		tb.Fatal("lists did not load")
	}
	return benchEnts, benchIx
}

// benchQueries are names of several kinds and scripts, found and not.
var benchQueries = []struct {
	name string
	kind interdict.Kind
}{
	{"Vladimir Putin", interdict.KindPerson},
	{"Sergei Viktorovich Lavrov", interdict.KindPerson},
	{"Mohammed Ali Hassan", interdict.KindPerson},
	{"Ali SABURINEJAD", interdict.KindPerson},
	{"John Smith", interdict.KindPerson},
	{"QODS AVIATION INDUSTRIES", interdict.KindOrganization},
	{"IRGC", interdict.KindOrganization},
	{"BANCO NACIONAL DE CUBA", interdict.KindOrganization},
	{"Rosneft Oil Company PJSC", interdict.KindOrganization},
	{"Владимир Путин", interdict.KindPerson},
	{"김정은", interdict.KindPerson},
	{"محمد علي", interdict.KindPerson},
}

// BenchmarkBuild indexes every list of ../shared/data.
func BenchmarkBuild(b *testing.B) {
	ents, _ := allLists(b)
	b.ReportAllocs()
	for b.Loop() {
		Build(ents)
	}
}

// BenchmarkCandidates measures candidate generation (Prepare excluded)
// against every list of ../shared/data.
func BenchmarkCandidates(b *testing.B) {
	_, ix := allLists(b)
	qs := make([][]match.Name, len(benchQueries))
	for i, q := range benchQueries {
		qs[i], _ = ix.Prepare(q.name, q.kind)
	}
	var out []Candidate
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		out = ix.AppendCandidates(out[:0], qs[i%len(qs)], 64, nil)
		i++
	}
}

// BenchmarkPrepare measures the analysis and weighing of a query name.
func BenchmarkPrepare(b *testing.B) {
	_, ix := allLists(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		q := benchQueries[i%len(benchQueries)]
		ix.Prepare(q.name, q.kind)
		i++
	}
}
