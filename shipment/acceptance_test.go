package shipment

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// labelled is one file of testdata/shipments: a shipment with the level
// and the set of rule ids its decision must have.
type labelled struct {
	About  string `json:"about"`
	Expect struct {
		Level   Level    `json:"level"`
		Reasons []string `json:"reasons"`
	} `json:"expect"`
	Shipment json.RawMessage `json:"shipment"`
}

// testNow is the screening date of the labelled set: "recent"
// registrations without an order date are measured from it.
var testNow = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

func loadLabelled(t *testing.T) map[string]labelled {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "shipments", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]labelled{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var l labelled
		if err := json.Unmarshal(b, &l); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[strings.TrimSuffix(filepath.Base(f), ".json")] = l
	}
	return out
}

// TestLabelledShipments is acceptance criterion 1: every shipment of the
// labelled set gets its expected level and exactly its expected rules,
// screened against OFAC SDN 2024-05-03 (with its 2025-12-24 aliases and
// addresses) and the UN list.
func TestLabelledShipments(t *testing.T) {
	sn := sharedSnapshot(t)
	set := loadLabelled(t)
	if len(set) < 40 {
		t.Fatalf("%d labelled shipments, want at least 40", len(set))
	}
	fired := map[string]int{}
	levels := map[Level]int{}
	sc := &Screener{Now: func() time.Time { return testNow }}
	for _, name := range sortedNames(set) {
		l := set[name]
		t.Run(name, func(t *testing.T) {
			s, err := DecodeJSON(l.Shipment)
			if err != nil {
				t.Fatalf("reading: %v", err)
			}
			d, err := sc.Screen(context.Background(), sn, s)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range d.Reasons {
				if !slices.Contains(got, r.Rule) {
					got = append(got, r.Rule)
				}
				fired[r.Rule]++
				if r.Evidence == "" || r.Source == "" {
					t.Errorf("reason %s without evidence or source", r.Rule)
				}
			}
			slices.Sort(got)
			want := slices.Clone(l.Expect.Reasons)
			slices.Sort(want)
			if d.Level != l.Expect.Level || !slices.Equal(got, want) {
				t.Errorf("%s\nlevel %s, rules %v; want %s, %v", l.About, d.Level, got, l.Expect.Level, want)
				for _, r := range d.Reasons {
					t.Logf("  %s %s [%s] %s", r.Level, r.Rule, r.Field, r.Evidence)
				}
			}
			levels[d.Level]++
			if d.Snapshot != sn.Version || d.GoodsTables == "" || !d.ScreenedAt.Equal(testNow) {
				t.Errorf("versions %q %q at %v", d.Snapshot, d.GoodsTables, d.ScreenedAt)
			}
		})
	}
	// The set covers every rule but parties-not-screened (which needs no
	// lists, see TestNoSnapshot) and has clean shipments.
	for _, r := range Rules {
		if r.ID != RulePartiesNotScreened && fired[r.ID] == 0 {
			t.Errorf("no labelled shipment fires %s", r.ID)
		}
	}
	if levels[Clear] < 10 || levels[Review] < 10 || levels[Block] < 10 {
		t.Errorf("levels %v: want at least ten of each", levels)
	}
}

func sortedNames(m map[string]labelled) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
