package monitor

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/cases"
	"github.com/interdict/interdict/dataset"
	"github.com/interdict/interdict/listdiff"
	"github.com/interdict/interdict/source"
)

func person(id, name string, programs ...string) *interdict.Entity {
	return &interdict.Entity{ID: "test:" + id, Source: "test", Kind: interdict.KindPerson, Programs: programs,
		Names: []interdict.Name{{Full: name, Type: interdict.NamePrimary}}}
}

func snapOf(published string, ents ...*interdict.Entity) *dataset.Snapshot {
	cat := &source.Catalog{Lists: []*source.List{{Source: "test", Live: &interdict.ListLoad{Source: "test", Published: published, Entities: ents}}}}
	return dataset.Build(cat, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
}

func TestRefreshSynthetic(t *testing.T) {
	ctx := context.Background()
	base := []*interdict.Entity{
		person("1", "Viktor Anatolyevich Bout"),
		person("2", "Abdul Qadeer Khan"),
		person("3", "Mohammad Reza Naqdi"),
	}
	old := snapOf("2024-01-01", base...)
	// Added: Sergei Chemezov. Removed: Khan. Changed: Naqdi gets a program.
	next := snapOf("2024-02-01", base[0], person("3", "Mohammad Reza Naqdi", "IRGC"), person("4", "Sergei Viktorovich Chemezov"))
	m := newMonitor(t)
	book := []interdict.MonitoredParty{
		{ID: "c-bout", Query: interdict.Query{Names: []string{"Viktor Bout"}}},
		{ID: "c-khan", Query: interdict.Query{Names: []string{"Abdul Qadeer Khan"}}},
		{ID: "c-naqdi", Query: interdict.Query{Names: []string{"Mohammad Reza Naqdi"}}},
		{ID: "c-chemezov", Query: interdict.Query{Names: []string{"Sergei Chemezov"}}},
		{ID: "c-nobody", Query: interdict.Query{Names: []string{"Jane Q. Public"}}},
	}
	reg, err := m.Register(ctx, old, book, cases.System)
	if err != nil {
		t.Fatal(err)
	}
	if reg.Added != 5 || reg.Opened != 3 {
		t.Fatalf("register: %+v", reg)
	}
	// The analyst dismisses Naqdi's alert; the entity then changes, so it
	// alerts again. Bout's alert stays open and is not reopened.
	as, _ := m.Store.ListAlerts(ctx, interdict.AlertFilter{Party: "c-naqdi"})
	if len(as) != 1 {
		t.Fatalf("alerts of c-naqdi: %+v", as)
	}
	if _, err := m.Cases.Decide(ctx, as[0].ID, cases.Actor{KeyID: "k", Name: "ana"}, cases.Decision{Action: cases.ActionDismiss, Reason: "another Naqdi"}); err != nil {
		t.Fatal(err)
	}
	res, err := m.Refresh(ctx, old, next)
	if err != nil {
		t.Fatal(err)
	}
	if res.EntitiesAdded != 1 || res.EntitiesRemoved != 1 || res.EntitiesChanged != 1 {
		t.Errorf("diff: %+v", res)
	}
	var opened []string
	for _, id := range res.OpenedAlerts {
		a, _, _ := m.Store.GetAlert(ctx, id)
		opened = append(opened, a.Party+"→"+a.EntityID)
	}
	slices.Sort(opened)
	if strings.Join(opened, ",") != "c-chemezov→test:4,c-naqdi→test:3" {
		t.Errorf("opened %v", opened)
	}
	if res.Rescreened >= len(book) {
		t.Errorf("re-screened %d of %d", res.Rescreened, len(book))
	}
	// Khan's open alert carries the removal.
	khan, _ := m.Store.ListAlerts(ctx, interdict.AlertFilter{Party: "c-khan"})
	_, evs, _ := m.Store.GetAlert(ctx, khan[0].ID)
	if len(evs) != 2 || evs[1].Kind != interdict.EventEntityRemoved {
		t.Errorf("history of Khan's alert: %+v", evs)
	}
	// Every party is now recorded against the new snapshot.
	ps, _ := m.Store.ListMonitored(ctx, "", 0)
	for _, p := range ps {
		if p.Snapshot != next.Version {
			t.Errorf("%s last screened against %s", p.ID, p.Snapshot)
		}
	}
	// A restart (no previous snapshot in memory) on the same lists
	// re-screens nobody.
	res, err = m.Refresh(ctx, nil, next)
	if err != nil || res.Rescreened != 0 {
		t.Errorf("refresh after restart: %+v, %v", res, err)
	}
}

func TestFingerprintMatchesListdiff(t *testing.T) {
	old := loadSnap(t, "ofac_sdn_2024-02-20")
	next := loadSnap(t, "ofac_sdn_2024-05-03")
	before := map[string]*interdict.Entity{}
	for _, e := range old.Index.Entities {
		before[e.ID] = e
	}
	both, changed := 0, 0
	for _, e := range next.Index.Entities {
		o, ok := before[e.ID]
		if !ok {
			continue
		}
		both++
		fields := listdiff.Fields(o, e)
		same := interdict.EntityFingerprint(o) == interdict.EntityFingerprint(e)
		if same != (len(fields) == 0) {
			t.Errorf("%s: fingerprint same %v, listdiff fields %v", e.ID, same, fields)
		}
		if !same {
			changed++
		}
	}
	t.Logf("%d entities in both files, %d changed", both, changed)
	if changed != 37 {
		t.Errorf("%d changed, want the 37 of cmd/interdict TestDiffOFAC", changed)
	}
}

func TestReadBook(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		ids      []string
		rejects  []int // lines
		err      bool
	}{
		{"csv", "ID,Name,Aliases,Kind,Birth_Date,Country\nc1,Viktor Bout,Victor But;Butt,person,1967-01-13,Russia\nc2,Acme Ltd,,organization,,GB\n", []string{"c1", "c2"}, nil, false},
		{"csv rejects", "id,name,kind,birth_date,country\nc1,,person,,\nc2,X,robot,,\nc3,Y,,1967-13-01,\nc4,Z,,,Atlantis\n,W,,,\nc6,Fine,,,\n", []string{"c6"}, []int{2, 3, 4, 5, 6}, false},
		{"csv bom and blank lines", "\ufeffid,name\n\nc1,A\n", []string{"c1"}, nil, false},
		{"csv no name column", "id,full\nc1,A\n", nil, nil, true},
		{"empty", "", nil, nil, true},
		{"jsonl", `{"id":"c1","names":["Viktor Bout"],"kind":"person","countries":["RU"]}` + "\n\n" + `{"id":"c2","names":["A"]}` + "\n", []string{"c1", "c2"}, nil, false},
		{"jsonl rejects", `{"id":"c1","names":["A"]}` + "\n" + `{"id":"c2"}` + "\n" + `{"id":"c3","names":["B"],"colour":"red"}` + "\n" + `{"id":"c4","names":["C"]} {}` + "\n" + "not json\n", []string{"c1"}, []int{2, 3, 4, 5}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := ReadBook(strings.NewReader(tc.in))
			if tc.err {
				if !errors.Is(err, ErrBook) {
					t.Fatalf("err = %v, want ErrBook", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, p := range b.Parties {
				ids = append(ids, p.ID)
			}
			var lines []int
			for _, r := range b.Rejects {
				lines = append(lines, r.Line)
			}
			if strings.Join(ids, ",") != strings.Join(tc.ids, ",") || len(lines) != len(tc.rejects) {
				t.Fatalf("parties %v rejects %+v; want %v and lines %v", ids, b.Rejects, tc.ids, tc.rejects)
			}
			for i := range lines {
				if lines[i] != tc.rejects[i] {
					t.Errorf("reject %d at line %d, want %d (%s)", i, lines[i], tc.rejects[i], b.Rejects[i].Reason)
				}
			}
		})
	}
	b, _ := ReadBook(strings.NewReader("id,name,aliases,kind,birth_date,country\nc1,Viktor Bout,Victor But;Butt,person,1967-01-13,Russia\n"))
	q := b.Parties[0].Query
	if len(q.Names) != 3 || q.Kind != interdict.KindPerson || q.BirthDates[0] != (interdict.Date{Year: 1967, Month: 1, Day: 13}) || q.Countries[0] != "RU" {
		t.Errorf("query read: %+v", q)
	}
}

func FuzzReadBook(f *testing.F) {
	f.Add("id,name\nc1,A\n")
	f.Add("id,name,aliases,kind,birth_date,country\nc1,Viktor Bout,Victor But;Butt,person,1967-01-13,Russia\n")
	f.Add(`{"id":"c1","names":["Viktor Bout"],"kind":"person"}` + "\n")
	f.Add("id,name\n\"c1,A\n")
	f.Fuzz(func(t *testing.T, in string) {
		b, err := ReadBook(strings.NewReader(in))
		if err != nil {
			if !errors.Is(err, ErrBook) {
				t.Fatalf("error not ErrBook: %v", err)
			}
			return
		}
		for _, p := range b.Parties {
			if err := check(&p); err != nil {
				t.Fatalf("party kept that fails its check: %v", err)
			}
		}
	})
}
