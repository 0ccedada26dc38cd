package un

import (
	"strings"
	"testing"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/source/internal/loadtest"
)

func linkCounts(l *interdict.ListLoad) map[interdict.LinkType]int {
	m := map[interdict.LinkType]int{}
	for _, e := range l.Entities {
		for _, k := range e.Links {
			m[k.Type]++
		}
	}
	return m
}

func hasName(e *interdict.Entity, full string, typ interdict.NameType, script interdict.Script) bool {
	for _, n := range e.Names {
		if n.Full == full && n.Type == typ && n.Script == script {
			return true
		}
	}
	return false
}

func findLink(e *interdict.Entity, otherID string) (interdict.Link, bool) {
	for _, k := range e.Links {
		if k.OtherID == otherID {
			return k, true
		}
	}
	return interdict.Link{}, false
}

// TestParseRealFile checks the golden counts of the official file of
// 2026-02-27 and a few known records.
func TestParseRealFile(t *testing.T) {
	l := loadtest.ParseFile(t, Parse, shared.Data(t, "un_consolidated", "UN_consolidated.xml"))
	st := l.Stats()
	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"records", st.Records, 1003},
		{"entities", st.Entities, 1003},
		{"persons", st.ByKind[interdict.KindPerson], 730},
		{"organizations", st.ByKind[interdict.KindOrganization], 273},
		{"names", st.Names, 4268},
		{"identifiers", st.Identifiers, 464},
		{"links", st.Links, 507},
		{"rejects", st.Rejects, 0},
		{"linked-to links", linkCounts(l)[interdict.LinkLinkedTo], 314},
		{"associate links", linkCounts(l)[interdict.LinkAssociate], 108},
		{"directs links", linkCounts(l)[interdict.LinkDirects], 49},
		{"family links", linkCounts(l)[interdict.LinkFamily], 25},
		{"director links", linkCounts(l)[interdict.LinkDirector], 11},
	} {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.what, c.got, c.want)
		}
	}
	if l.Published != "2026-02-27" || l.Source != "un" || l.Coverage != "" {
		t.Errorf("Published %q Source %q Coverage %q", l.Published, l.Source, l.Coverage)
	}
	for _, want := range []string{
		"5 reference numbers in COMMENTS1 name no record of this file",
		"QDi.317 (3)",
		"14 documents have no NUMBER",
		`note "24/06/1402 (Hijri Calendar)" holds no Gregorian date`,
	} {
		if loadtest.NoteWith(l, want) == "" {
			t.Errorf("no note with %q in %q", want, l.Notes)
		}
	}

	es := loadtest.ByID(l)
	for _, c := range []struct {
		id    string
		check func(e *interdict.Entity) bool
		what  string
	}{
		{"un:6907993", func(e *interdict.Entity) bool {
			return e.PrimaryName() == "ERIC BADEGE" && e.Gender == interdict.GenderMale &&
				e.AltKeys[0] == "un-ref:CDi.001" && e.Programs[0] == "DRC" &&
				e.BirthDates[0] == interdict.Date{Year: 1971} && e.Nationalities[0] == "CD" &&
				e.ListedOn == interdict.Date{Year: 2012, Month: 12, Day: 31}
		}, "ERIC BADEGE: gender, ref, program, birth year, nationality, listing date"},
		{"un:6908655", func(e *interdict.Entity) bool {
			n := e.Names[0]
			return n.Full == "RI SONG HYOK" && n.Family == "RI" && n.Given == "SONG HYOK"
		}, "DPRK names are family name first"},
		{"un:2962519", func(e *interdict.Entity) bool {
			return len(e.BirthDates) == 2 && e.BirthDates[0] == interdict.Date{Year: 1982, Month: 4, Day: 19} &&
				e.BirthDates[1] == interdict.Date{Year: 1982, Month: 4, Day: 18} &&
				hasName(e, "إبراهيم حسن طالع العسيري", interdict.NamePrimary, interdict.ScriptArabic) &&
				hasName(e, "إبراهيم حسن طالع عسيري", interdict.NameAKA, interdict.ScriptArabic) &&
				hasName(e, "Abu Saleh", interdict.NameWeakAKA, interdict.ScriptLatin)
		}, "al-Asiri: two Gregorian birth dates, the Hijri note not read as a year; Arabic names split out"},
		{"un:690784", func(e *interdict.Entity) bool {
			return len(e.Nationalities) == 0 && e.PrimaryName() == "GAFFAR MOHAMMED ELHASSAN"
		}, `SDi.001: nationality "na" is not Namibia`},
		{"un:6908450", func(e *interdict.Entity) bool {
			return e.ListedOn == interdict.Date{Year: 2015, Month: 3, Day: 27}
		}, "LISTED_ON with a time zone"},
		{"un:6907996", func(e *interdict.Entity) bool {
			return len(e.BirthDates) == 1 && e.BirthDates[0] == interdict.Date{Year: 1973, Month: 11}
		}, `birth date only in NOTE "Nov. 1973"`},
		{"un:690747", func(e *interdict.Entity) bool {
			n := 0
			for _, id := range e.Identifiers {
				if id.Value == "381420754" {
					n++
					if id.Label != "Passport" || id.Type != interdict.IDPassport {
						return false
					}
				}
			}
			return n == 1
		}, "a passport listed in French, Spanish and English is one identifier"},
		{"un:6908670", func(e *interdict.Entity) bool {
			return len(e.Identifiers) == 1 && e.Identifiers[0].Type == interdict.IDIMO && e.Identifiers[0].Value == "5571322"
		}, "IMO company number from the remarks"},
		{"un:6908429", func(e *interdict.Entity) bool {
			return hasName(e, "هيئة تحرير الشام", interdict.NameAKA, interdict.ScriptArabic) &&
				hasName(e, "Hay’at Tahrir al-Sham (HTS)", interdict.NameAKA, interdict.ScriptLatin) &&
				hasName(e, "Jabhat al-Nusrah", interdict.NameAKA, interdict.ScriptLatin)
		}, "an Arabic alias with a list of transliterations is split"},
		{"un:111794", func(e *interdict.Entity) bool {
			k1, ok1 := findLink(e, "un:6908427")
			k2, ok2 := findLink(e, "un:113995")
			return ok1 && k1.Type == interdict.LinkDirects && k1.OtherName == "AL MOULATHAMOUN" &&
				ok2 && k2.Type == interdict.LinkLinkedTo
		}, "Belmokhtar heads QDe.140 (in a list) and is a council member of QDe.014"},
		{"un:3000441", func(e *interdict.Entity) bool {
			k, ok := findLink(e, "un:2785696")
			return ok && k.Type == interdict.LinkDirector && k.OtherName == "SIRAJUDDIN JALLALOUDINE HAQQANI"
		}, "the Haqqani Network is headed by TAi.144"},
		{"un:2960150", func(e *interdict.Entity) bool {
			k, ok := findLink(e, "un:2785696")
			return ok && k.Type == interdict.LinkFamily
		}, "TAi.150 is the uncle of TAi.144"},
		{"un:112075", func(e *interdict.Entity) bool {
			k, ok := findLink(e, "un:113966")
			return ok && k.Type == interdict.LinkLinkedTo
		}, "leading local affiliates of ISIL is not directing it"},
	} {
		e := es[c.id]
		if e == nil {
			t.Errorf("%s missing", c.id)
			continue
		}
		if !c.check(e) {
			t.Errorf("%s: %s: got %+v", c.id, c.what, e)
		}
	}

	for _, e := range l.Entities {
		if !strings.HasPrefix(e.ID, "un:") || e.Source != "un" || len(e.Names) == 0 {
			t.Errorf("%s: bad id, source or no name", e.ID)
		}
		for _, n := range e.Names {
			if n.Script == interdict.ScriptMixed {
				t.Errorf("%s: name %q left in mixed script", e.ID, n.Full)
			}
		}
		for _, k := range e.Links {
			if es[k.OtherID] == nil || k.OtherName == "" {
				t.Errorf("%s: link %+v to no record", e.ID, k)
			}
		}
	}
}
