package source

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
)

func TestFirstDate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"ofac_sdn_2024-05-03/sdn.csv", "2024-05-03"},
		{"japan_meti_end_user_list/20250929_4.xlsx", "2025-09-29"},
		{"2025-12-19 / 2026-01-08", "2025-12-19"},
		{"2026-07", "2026-07-01"},
		{"2019 / 2025-06", "2025-06-01"},
		{"ofac_sdn/sdn.csv", ""},
		{"list_123456789/x.csv", ""},
		{"v2024-13-45/x", ""},
		{"1820-01-01", ""},
	} {
		if got := firstDate(tc.in); got != tc.want {
			t.Errorf("firstDate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func load(source, published string, n int) *interdict.ListLoad {
	l := &interdict.ListLoad{Source: source, Published: published, Files: []string{source + "-" + published}}
	for i := range n {
		l.Entities = append(l.Entities, &interdict.Entity{ID: fmt.Sprintf("%s:%s-%d", source, published, i)})
	}
	return l
}

func TestChooseLiveVersion(t *testing.T) {
	lists := choose([]*interdict.ListLoad{
		load("a", "2024-01-01", 100),
		load("a", "2025-01-01", 90), // newest, big enough: live
		load("a", "2023-01-01", 80),
		load("b", "2025-01-01", 100),
		load("b", "2026-01-01", 5), // an excerpt: refused
		load("ftm", "2024-01-01", 3),
		load("ftm", "2025-01-01", 2), // merged, not versioned
	})
	if len(lists) != 3 {
		t.Fatalf("%d lists, want 3", len(lists))
	}
	a, b, f := lists[0], lists[1], lists[2]
	if a.Live.Published != "2025-01-01" || len(a.Earlier) != 2 || len(a.Notes) != 0 {
		t.Errorf("a: live %s, %d earlier, notes %v", a.Live.Published, len(a.Earlier), a.Notes)
	}
	if b.Live.Published != "2025-01-01" || len(b.Earlier) != 1 || len(b.Notes) != 1 || !strings.Contains(b.Notes[0], "fewer than half") {
		t.Errorf("b: live %s, earlier %d, notes %v", b.Live.Published, len(b.Earlier), b.Notes)
	}
	if f.Source != "ftm" || len(f.Live.Entities) != 5 || len(f.Earlier) != 0 || f.Live.Published != "2025-01-01" {
		t.Errorf("ftm: %d entities, %d earlier, published %s", len(f.Live.Entities), len(f.Earlier), f.Live.Published)
	}
}

// TestOFACCompanions lays out OFAC files as the shared data does: a live
// sdn.csv alone, companions of another date in another folder, and an
// older complete set. The companions join the newest primary file, except
// the remark continuations, which must be of the same date.
func TestOFACCompanions(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, body string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.ReplaceAll(body, "\n", "\r\n")+"\x1a"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sdn := `36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- 
173,"ANGLO-CARIBBEAN CO., LTD.",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Remark cut here by OFAC and contin"
`
	write("sdn_2024-05-03/sdn.csv", sdn)
	write("sdn_2021-07-07/sdn.csv", sdn)
	write("sdn_2021-07-07/alt.csv", `36,12,"aka","AERO-CARIBBEAN",-0- 
`)
	write("aux_2025-12-24/alt.csv", `36,12,"aka","AERO-CARIBBEAN",-0- 
173,13,"aka","ANGLO CARIB",-0- 
99999,14,"aka","ORPHAN NAME",-0- 
`)
	write("aux_2025-12-24/add.csv", `36,25,-0- ,"Havana",-0- ,-0- 
`)
	write("aux_2025-12-24/sdn_comments.csv", `173,"ued in the comments file."
`)
	cat, err := Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	l := cat.List("ofac-sdn")
	if l == nil {
		t.Fatalf("no ofac-sdn list; failures %v, skipped %v", cat.Failures, cat.Skipped)
	}
	if l.Live.Published != "2024-05-03" || len(l.Earlier) != 1 {
		t.Fatalf("live %s with %d earlier versions", l.Live.Published, len(l.Earlier))
	}
	notes := strings.Join(l.Notes, "\n")
	for _, want := range []string{
		"aux_2025-12-24/alt.csv (2025-12-24) joined to sdn_2024-05-03/sdn.csv (2024-05-03)",
		"aux_2025-12-24/add.csv (2025-12-24) joined",
		"aux_2025-12-24/sdn_comments.csv (2025-12-24) not joined",
	} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes lack %q:\n%s", want, notes)
		}
	}
	var anglo *interdict.Entity
	for _, e := range l.Live.Entities {
		if e.ID == "ofac-sdn:173" {
			anglo = e
		}
	}
	if anglo == nil || len(anglo.Names) != 2 || strings.Contains(anglo.Remarks, "ued in the comments") {
		t.Errorf("ofac-sdn:173 = %+v; want the alias joined and the remark not continued", anglo)
	}
}

// BenchmarkLoadShared loads every list in ../shared/data, as `interdict
// lists --data ../shared/data` does.
func BenchmarkLoadShared(b *testing.B) {
	dir := shared.Data(b)
	b.ReportAllocs()
	for b.Loop() {
		cat, err := Load(context.Background(), dir)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for _, l := range cat.Lists {
			n += len(l.Live.Entities)
		}
		b.ReportMetric(float64(n), "entities")
	}
}
