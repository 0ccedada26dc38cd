package screen

import (
	"fmt"
	"strings"
	"testing"

	interdict "github.com/interdict/interdict"
)

// rankCase is a real listed party queried in several spellings and
// scripts: the first match must be its OFAC record (want) or its record on
// another list (see sameParty).
type rankCase struct {
	kind    interdict.Kind
	want    string
	queries []string
}

var rankCases = []rankCase{
	{interdict.KindPerson, "ofac-sdn:35096", []string{
		"Vladimir Putin", "PUTIN, Vladimir Vladimirovich", "Vladimir Vladimirovich Putin",
		"Wladimir Putin", "Vladimir Poutine", "Władimir Putin", "Vladimir Vladimirovič Putin",
		"Владимир Путин", "Владимир Владимирович Путин", "ПУТИН Владимир Владимирович",
		"Володимир Путін", "Βλαντίμιρ Πούτιν", "فلاديمير بوتين", "ولادیمیر پوتین",
		"ולדימיר פוטין", "블라디미르 푸틴",
	}},
	{interdict.KindPerson, "ofac-sdn:35233", []string{
		"Sergei Lavrov", "Sergey Lavrov", "Sergey Viktorovich Lavrov", "LAVROV, Sergei Viktorovich",
		"Serguei Lavrov", "Sergej Lawrow", "Siarhei Lavrou", "Сергей Лавров", "Сергей Викторович Лавров",
		"Сергій Лавров", "Σεργκέι Λαβρόφ", "سيرغي لافروف",
	}},
	{interdict.KindOrganization, "ofac-sdn:16418", []string{
		"Qods Aviation Industries", "QODS AVIATION INDUSTRIES", "Ghods Aviation Industries",
		"Quds Aviation Industries", "Qods Aviation Industry", "Qods Aviation Industries Co.",
		"Qods Aviation Industries Company",
	}},
	{interdict.KindOrganization, "ofac-sdn:39637", []string{
		"Shahed Aviation Industries Research Center", "Shahed Aviation Industries Research Centre",
		"SHAHED AVIATION INDUSTRIES RESEARCH CENTER", "Shahid Aviation Industries Research Center",
		"Shahed Aviation Industries Research Centre Co.", "SAIRC",
	}},
	{interdict.KindOrganization, "ofac-sdn:33594", []string{
		"Oje Parvaz Mado Nafar", "OJE PARVAZ MADO NAFAR COMPANY", "Owj Parvaz Mado Nafar Company",
		"Oje Parvaz Mado Nafar Co.", "Ouj Parvaz Mado Nafar", "Oje Parvaz Madonafar",
	}},
	{interdict.KindOrganization, "ofac-sdn:45708", []string{
		"Alabuga Special Economic Zone", "Special Economic Zone Alabuga", "SEZ Alabuga",
		"JSC Special Economic Zone of Industrial Production Alabuga", "AO OEZ PPT Alabuga",
		"АО ОЭЗ ППТ Алабуга", "Особая экономическая зона Алабуга",
		"Акционерное общество Особая экономическая зона промышленно-производственного типа Алабуга",
	}},
	{interdict.KindPerson, "ofac-sdn:36407", []string{"Dmitry Medvedev", "Dmitri Medvedev", "Дмитрий Медведев", "Дмитрий Анатольевич Медведев"}},
	{interdict.KindPerson, "ofac-sdn:20157", []string{"Kim Jong Un", "Kim Jong-un", "KIM, Jong Un", "김정은", "金正恩"}},
	{interdict.KindPerson, "ofac-sdn:26945", []string{"Ali Khamenei", "Ali Hosseini Khamenei", "Seyed Ali Khamenei", "علی خامنه\u200cای", "علی خامنه ای", "علی حسینی خامنه\u200cای"}},
}

// lookalikes are real people and companies that are not listed but whose
// names resemble listed ones: none may alert.
var lookalikes = []struct {
	kind interdict.Kind
	name string
}{
	{interdict.KindPerson, "Vladimir Nabokov"},
	{interdict.KindPerson, "Vladimir Horowitz"},
	{interdict.KindPerson, "Vladimir Klitschko"},
	{interdict.KindPerson, "Sergey Brin"},
	{interdict.KindPerson, "Sergei Rachmaninoff"},
	{interdict.KindPerson, "Sergey Bubka"},
	{interdict.KindPerson, "Dmitri Shostakovich"},
	{interdict.KindPerson, "Dmitri Mendeleev"},
	{interdict.KindPerson, "Anna Netrebko"},
	{interdict.KindPerson, "Kim Yuna"},
	{interdict.KindPerson, "Lee Min-ho"},
	{interdict.KindPerson, "Mohamed ElBaradei"},
	{interdict.KindPerson, "Shahid Afridi"},
	{interdict.KindPerson, "Naguib Sawiris"},
	{interdict.KindPerson, "Михаил Булгаков"},
	{interdict.KindPerson, "Юрий Гагарин"},
	{interdict.KindOrganization, "Qantas Airways"},
	{interdict.KindOrganization, "Qatar Aviation Services"},
	{interdict.KindOrganization, "Emirates Aviation University"},
	{interdict.KindOrganization, "Shaheen Air International"},
	{interdict.KindOrganization, "Airbus Industries"},
	{interdict.KindOrganization, "Alabama Power Company"},
	{interdict.KindOrganization, "Air France"},
	{interdict.KindOrganization, "Aerolineas Argentinas"},
	{interdict.KindOrganization, "Aviation Industry Corporation of Canada"},
	{interdict.KindOrganization, "Parvaz Travel Agency"},
	{interdict.KindOrganization, "Special Economic Zone Authority of Oman"},
}

// TestRankListed: every spelling of a listed party puts it first against
// every list of ../shared/data.
func TestRankListed(t *testing.T) {
	s := allLists(t)
	for _, c := range rankCases {
		want := entityByID(s, c.want)
		if want == nil {
			t.Logf("%s not in this snapshot", c.want)
			continue
		}
		for _, q := range c.queries {
			ms, err := s.Screen(&interdict.Query{Names: []string{q}, Kind: c.kind, Limit: 5}, false)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case len(ms) == 0:
				t.Errorf("%s: no match, want %s", q, c.want)
			case !sameParty(s, entityByID(s, ms[0].ID), want):
				t.Errorf("%s: first is %s %q (%.3f), want %s %q; %s", q, ms[0].ID, ms[0].MatchedName, ms[0].Score, c.want, want.PrimaryName(), summary(ms))
			}
		}
	}
}

func entityByID(s *Screener, id string) *interdict.Entity {
	for _, e := range s.Index.Entities {
		if e.ID == id {
			return e
		}
	}
	return nil
}

// sameParty reports whether got is want or its record on another list:
// an entity of the same kind with a name scoring at least 0.85 against
// one of want's (lists word the names of one company differently: "SEZ
// Alabuga, Alabuga Special Economic Zone Production and Industrial Type
// Joint Stock Company" and "Joint Stock Company Special Economic Zone of
// Industrial Production Alabuga").
func sameParty(s *Screener, got, want *interdict.Entity) bool {
	if got == nil || got == want {
		return got != nil
	}
	if got.Kind != want.Kind && got.Kind != interdict.KindUnknown {
		return false
	}
	for _, a := range got.Names {
		for _, b := range want.Names {
			if sc, _, err := s.Compare(a.Full, b.Full, want.Kind); err == nil && sc >= 0.85 {
				return true
			}
		}
	}
	return false
}

// TestLookalikesStayBelow: unlisted real names that resemble listed ones
// do not alert.
func TestLookalikesStayBelow(t *testing.T) {
	s := allLists(t)
	for _, l := range lookalikes {
		ms, err := s.Screen(&interdict.Query{Names: []string{l.name}, Kind: l.kind, Limit: 3}, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) > 0 && ms[0].Alert {
			t.Errorf("%s alerts: %s", l.name, summary(ms))
		} else if len(ms) > 0 {
			t.Logf("%s: best %.3f %q", l.name, ms[0].Score, ms[0].MatchedName)
		}
	}
}

func summary(ms []interdict.Match) string {
	var b strings.Builder
	for i, m := range ms {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s %q %.3f", m.ID, m.MatchedName, m.Score)
	}
	return b.String()
}
