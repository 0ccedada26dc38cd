package gaps

import (
	"context"
	"strings"
	"testing"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/index"
	"github.com/interdict/interdict/resolve"
	"github.com/interdict/interdict/source"
)

func ent(id, name, ref string, programs ...string) *interdict.Entity {
	src, _, _ := strings.Cut(id, ":")
	e := &interdict.Entity{ID: id, Source: src, Kind: interdict.KindOrganization, Programs: programs,
		Names: []interdict.Name{{Full: name, Type: interdict.NamePrimary}}}
	if ref != "" {
		e.AltKeys = []string{"un-ref:" + ref}
	}
	return e
}

func list(src, published string, cov interdict.Coverage, ents ...*interdict.Entity) *source.List {
	return &source.List{Source: src, Live: &interdict.ListLoad{Source: src, Published: published, Coverage: cov, Entities: ents}}
}

// fixture: a UN party the UK lists too; a UK party not on the UN list; a
// UN party designated after the UK list's date; OFAC's list two years
// old; the EU's an excerpt.
func fixture(t *testing.T) (*source.Catalog, *resolve.Clusters) {
	un1 := ent("un:1", "ALPHA TRADING", "IRe.001", "Iran")
	uk1 := ent("uk:1", "ALPHA TRADING CO", "IRe.001", "Iran (Nuclear)")
	uk2 := ent("uk:2", "BRAVO LOGISTICS", "", "Russia")
	un3 := ent("un:3", "CHARLIE HOLDINGS", "IRe.003", "Iran")
	un3.ListedOn = interdict.Date{Year: 2025, Month: 9, Day: 28}
	of := ent("ofac-sdn:9", "ALPHA TRADING", "", "NPWMD")
	of.AltKeys = []string{"un-ref:IRe.001"}
	cat := &source.Catalog{Lists: []*source.List{
		list("un", "2026-02-27", interdict.CoverageFull, un1, un3),
		list("uk", "2025-04-14", interdict.CoverageFull, uk1, uk2),
		list("ofac-sdn", "2024-05-03", interdict.CoverageFull, of),
		list("eu", "2026-08-05", interdict.CoverageExcerpt),
	}}
	cs, err := resolve.Resolve(context.Background(), index.Build(cat.Entities()), resolve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return cat, cs
}

func TestBuild(t *testing.T) {
	cat, cs := fixture(t)
	rep, err := Build(cat, cs, Options{Allies: []string{"us", "uk", "eu", "un"}})
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]Row{}
	for _, r := range rep.Rows {
		rows[r.Cluster] = r
	}
	for _, tc := range []struct {
		cluster, ally string
		state         State
		why           string
	}{
		{"un:1", "un", Listed, ""},
		{"un:1", "uk", Listed, ""},
		{"un:1", "us", Listed, ""},
		{"un:1", "eu", Unknown, "excerpt"},
		{"uk:2", "un", NotListed, ""},
		{"uk:2", "us", Unknown, "older than the newest"},
		{"un:3", "uk", Unknown, "predates the listing of un:3 on 2025-09-28"},
	} {
		c := rows[tc.cluster].Cells[tc.ally]
		if c.State != tc.state || !strings.Contains(c.Why, tc.why) {
			t.Errorf("%s by %s: %+v, want %s (%s)", tc.cluster, tc.ally, c, tc.state, tc.why)
		}
	}
	if got := rows["un:1"].Cells["uk"].Regimes; len(got) != 1 || got[0] != "uk: Iran (Nuclear)" {
		t.Errorf("regimes %v", got)
	}
	if rep.Pairs["uk"]["un"] != 1 || rep.Gaps != 1 {
		t.Errorf("pairs %v gaps %d", rep.Pairs, rep.Gaps)
	}
	if len(rep.ByRegime) == 0 || rep.ByRegime[0].Key != "uk: Russia" || rep.ByRegime[0].NotListed["un"] != 1 {
		t.Errorf("by regime %+v", rep.ByRegime)
	}
	// --program
	rep, _ = Build(cat, cs, Options{Allies: []string{"uk", "un"}, Program: "russia"})
	if len(rep.Rows) != 1 || rep.Rows[0].Cluster != "uk:2" {
		t.Errorf("program filter: %+v", rep.Rows)
	}
	if _, err := Build(cat, cs, Options{Allies: []string{"xx"}}); err == nil {
		t.Error("unknown ally accepted")
	}
}

type fakeScreener map[string]interdict.Match

func (f fakeScreener) Screen(q *interdict.Query, _ bool) ([]interdict.Match, error) {
	if m, ok := f[q.Names[0]]; ok {
		return []interdict.Match{m}, nil
	}
	return nil, nil
}

func TestNamesAndWriters(t *testing.T) {
	cat, cs := fixture(t)
	names, err := ReadNames(strings.NewReader("\ufeffname,country,role\nAlpha Trading,IR,x\n,,\nNobody Ltd,TR,y\n"))
	if err != nil || len(names) != 2 || names[0].Country != "IR" {
		t.Fatalf("%+v %v", names, err)
	}
	s := fakeScreener{"Alpha Trading": {ID: "uk:1", MatchedName: "ALPHA TRADING CO", Score: 0.97, Alert: true}}
	rep, err := Names(cat, cs, s, names, Options{Allies: []string{"uk", "un", "eu"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Rows) != 2 || rep.Rows[0].Cells["un"].State != Listed || rep.Rows[1].Cells["uk"].State != NotListed || rep.Rows[1].Cells["eu"].State != Unknown {
		t.Errorf("rows %+v", rep.Rows)
	}
	var b strings.Builder
	if err := rep.WriteText(&b, 10); err != nil || !strings.Contains(b.String(), "2 names; 1 found on a list") {
		t.Errorf("text: %v\n%s", err, b.String())
	}
	b.Reset()
	if err := rep.WriteCSV(&b); err != nil || strings.Count(b.String(), "\n") != 3 {
		t.Errorf("csv: %v\n%s", err, b.String())
	}
	b.Reset()
	if err := rep.WriteHTML(&b); err != nil || !strings.Contains(b.String(), `<td class="not-listed">no</td>`) {
		t.Errorf("html: %v\n%s", err, b.String())
	}
}
