package resolve

import (
	"context"
	"slices"
	"strings"
	"testing"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/index"
)

func ent(id string, kind interdict.Kind, names ...string) *interdict.Entity {
	src, _, _ := strings.Cut(id, ":")
	e := &interdict.Entity{ID: id, Source: src, Kind: kind}
	for i, n := range names {
		t := interdict.NameAKA
		if i == 0 {
			t = interdict.NamePrimary
		}
		e.AddName(interdict.Name{Full: n, Type: t})
	}
	return e
}

func dob(y, m, d int) interdict.Date { return interdict.Date{Year: y, Month: m, Day: d} }

func fixture() []*interdict.Entity {
	// one person on three lists, by name and birth date
	un := ent("un:1", interdict.KindPerson, "ABDUL RAHMAN QASIM")
	un.BirthDates = []interdict.Date{dob(1970, 3, 4)}
	un.Nationalities = []string{"YE"}
	uk := ent("uk:A1", interdict.KindPerson, "Abdul Rahman QASIM")
	uk.BirthDates = []interdict.Date{dob(1970, 3, 4)}
	au := ent("au:7", interdict.KindPerson, "Abdulrahman Qasim")
	au.BirthDates = []interdict.Date{dob(1970, 0, 0)}
	au.Citizenships = []string{"YE"}
	// a namesake born twenty years later: not the same person
	ca := ent("ca:9", interdict.KindPerson, "Abdul Rahman Qasim")
	ca.BirthDates = []interdict.Date{dob(1990, 1, 1)}
	// a vessel by IMO, names differ
	v1 := ent("ofac-sdn:50", interdict.KindVessel, "OCEAN GLORY")
	v1.Identifiers = []interdict.Identifier{{Type: interdict.IDIMO, Value: "IMO 9187629"}}
	v2 := ent("ua-war:NK-v", interdict.KindVessel, "SEA PRIDE")
	v2.Identifiers = []interdict.Identifier{{Type: interdict.IDIMO, Value: "9187629"}}
	// a person by passport and country, another whose passport country differs
	p1 := ent("ofac-sdn:60", interdict.KindPerson, "KARIMI, Hossein")
	p1.Identifiers = []interdict.Identifier{{Type: interdict.IDPassport, Value: "K1234567", Country: "IR"}}
	p2 := ent("uk:B2", interdict.KindPerson, "Hossein KARIMI")
	p2.Identifiers = []interdict.Identifier{{Type: interdict.IDPassport, Value: "K 123 4567", Country: "IR"}}
	p3 := ent("au:8", interdict.KindPerson, "Hossein Karimi")
	p3.Identifiers = []interdict.Identifier{{Type: interdict.IDPassport, Value: "K1234567", Country: "TR"}}
	p3.BirthDates = []interdict.Date{dob(1950, 0, 0)}
	p1.BirthDates = []interdict.Date{dob(1975, 0, 0)}
	// an FtM record naming an OFAC one by referent
	f := ent("ftm:NK-1", interdict.KindOrganization, "Zeta Holdings")
	f.AltKeys = []string{"ftm:ofac-70"}
	o := ent("ofac-sdn:70", interdict.KindOrganization, "ZETA HOLDING GROUP LIMITED")
	// two organisations alike in name, different countries
	c1 := ent("uk:C3", interdict.KindOrganization, "GOLDEN STAR TRADING")
	c1.Countries = []string{"AE"}
	c2 := ent("ca:C4", interdict.KindOrganization, "Golden Star Trading")
	c2.Countries = []string{"MM"}
	return []*interdict.Entity{un, uk, au, ca, v1, v2, p1, p2, p3, f, o, c1, c2}
}

func resolveAll(t *testing.T, ents []*interdict.Entity, opt Options) *Clusters {
	t.Helper()
	c, err := Resolve(context.Background(), index.Build(ents), opt)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func members(c *Clusters, id string) []string {
	out := c.Of(id).MemberIDs()
	slices.Sort(out)
	return out
}

func TestRules(t *testing.T) {
	c := resolveAll(t, fixture(), Options{})
	for _, tc := range []struct {
		id   string
		want []string
	}{
		{"un:1", []string{"au:7", "uk:A1", "un:1"}},
		{"ca:9", []string{"ca:9"}},
		{"ofac-sdn:50", []string{"ofac-sdn:50", "ua-war:NK-v"}},
		{"ofac-sdn:60", []string{"ofac-sdn:60", "uk:B2"}},
		{"au:8", []string{"au:8"}},
		{"ftm:NK-1", []string{"ftm:NK-1", "ofac-sdn:70"}},
		{"uk:C3", []string{"uk:C3"}},
	} {
		if got := members(c, tc.id); !slices.Equal(got, tc.want) {
			t.Errorf("cluster of %s: %v, want %v", tc.id, got, tc.want)
		}
	}
	rules := map[Rule]bool{}
	for _, cl := range c.All() {
		for _, d := range cl.Decisions {
			rules[d.Rule] = true
			if d.Evidence == "" {
				t.Errorf("decision without evidence: %+v", d)
			}
		}
	}
	for _, r := range []Rule{RuleCrossRef, RuleIMO, RulePassport, RuleName} {
		if !rules[r] {
			t.Errorf("no decision by rule %s", r)
		}
	}
	if cl := c.Of("un:1"); cl.ID != "un:1" {
		t.Errorf("cluster id %s, want the UN record's", cl.ID)
	}
	// the same result resolving around one record only
	local := resolveAll(t, fixture(), Options{Only: []int{2}}) // au:7
	if got := members(local, "au:7"); !slices.Equal(got, []string{"au:7", "uk:A1", "un:1"}) {
		t.Errorf("around au:7: %v", got)
	}
}

// TestWithhold: a cross-reference withheld joins nothing by itself.
func TestWithhold(t *testing.T) {
	a := ent("uk:X", interdict.KindOrganization, "ALPHA")
	a.AltKeys = []string{"un-ref:QDe.999"}
	b := ent("un:Y", interdict.KindOrganization, "OMEGA")
	b.AltKeys = []string{"un-ref:QDe.999"}
	c := resolveAll(t, []*interdict.Entity{a, b}, Options{})
	if len(c.Of("uk:X").Members) != 2 {
		t.Error("shared UN reference did not join")
	}
	c = resolveAll(t, []*interdict.Entity{a, b}, Options{Withhold: func(k string) bool { return strings.HasPrefix(k, "un-ref:") }})
	if len(c.Of("uk:X").Members) != 1 {
		t.Error("a withheld reference joined")
	}
}

// TestOnePerSource: a list names a party once, so a second record of a
// list is refused, unless the two are one person listed twice.
func TestOnePerSource(t *testing.T) {
	reg := []interdict.Identifier{{Type: interdict.IDRegistration, Value: "5067847016782"}}
	x := ent("un:1", interdict.KindOrganization, "DELTA SHIPPING LINES")
	x.Countries, x.Identifiers = []string{"KP"}, reg
	y1 := ent("uk:1", interdict.KindOrganization, "DELTA SHIPPING LINES")
	y1.Countries, y1.Identifiers = []string{"KP"}, reg
	y2 := ent("uk:2", interdict.KindOrganization, "Delta Shipping Agency")
	y2.Countries, y2.Identifiers = []string{"KP"}, reg
	c := resolveAll(t, []*interdict.Entity{x, y1, y2}, Options{})
	if n := len(c.Of("un:1").Members); n != 2 {
		t.Errorf("cluster of %d", n)
	}
	if len(c.Refused) == 0 || !strings.Contains(c.Refused[0].Evidence, "both on uk") {
		t.Errorf("refused %+v", c.Refused)
	}

	p := ent("un:5", interdict.KindPerson, "FEREIDOUN ABBASI-DAVANI")
	p.BirthDates = []interdict.Date{dob(1958, 0, 0)}
	q1 := ent("au:5", interdict.KindPerson, "FEREIDOUN ABBASI-DAVANI")
	q1.BirthDates = []interdict.Date{dob(1958, 0, 0)}
	q2 := ent("au:6", interdict.KindPerson, "Fereidoun Abbasi Davani")
	q2.BirthDates = []interdict.Date{dob(1958, 0, 0)}
	c = resolveAll(t, []*interdict.Entity{p, q1, q2}, Options{})
	if n := len(c.Of("un:5").Members); n != 3 {
		t.Errorf("a person listed twice by one list: cluster of %d, want 3", n)
	}
}

func TestTranslate(t *testing.T) {
	for in, want := range map[string][]string{
		"ftm:ofac-45937":             {"ofac-sdn:45937", "ofac-cons:45937"},
		"ftm:gb-hmt-16271":           {"uk-group:16271"},
		"ftm:gb-fcdo-rus2051":        {"uk:RUS2051"},
		"ftm:au-dfat-6816-victor-vl": {"au:6816"},
		"ftm:eu-fsf-eu-7985-24":      {"eu:EU.7985.24"},
		"ftm:ru-inn-183111242406":    nil,
		"un-ref:QDi.001":             nil,
	} {
		if got := translate(in); !slices.Equal(got, want) {
			t.Errorf("translate(%q) = %v, want %v", in, got, want)
		}
	}
}
