package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/listdiff"
)

// writeLists copies the fixture lists into a new directory, editing each
// file's text with edit (nil: unchanged).
func writeLists(t *testing.T, edit map[string]func(string) string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"sdn.csv", "alt.csv", "add.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", "lists", f))
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		if fn := edit[f]; fn != nil {
			s = fn(s)
		}
		if err := os.WriteFile(filepath.Join(dir, f), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestDiffFixture: a new alias, a new address and a new link are field
// changes; a record gone is removed, a new one added.
func TestDiffFixture(t *testing.T) {
	old := writeLists(t, nil)
	new := writeLists(t, map[string]func(string) string{
		"sdn.csv": func(s string) string {
			s = strings.Replace(s, `173,"ANGLO-CARIBBEAN CO., LTD.",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `,
				`173,"ANGLO-CARIBBEAN CO., LTD.",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Linked To: BANCO NACIONAL DE CUBA."`, 1)
			var keep []string
			for _, l := range strings.SplitAfter(s, "\n") {
				if !strings.HasPrefix(l, "576,") {
					keep = append(keep, l)
				}
			}
			return strings.Join(keep, "") + "99001,\"NEW TRADING FZE\",-0- ,\"IRAN\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
		},
		"alt.csv": func(s string) string { return s + "36,99001,\"aka\",\"AERO CARIBE NUEVA\",-0- \r\n" },
		"add.csv": func(s string) string { return s + "36,99002,\"12 Calle Nueva\",\"Havana\",\"Cuba\",-0- \r\n" },
	})
	code, out, errs := run(t, nil, "diff", old, new, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var res diffResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Sources) != 1 {
		t.Fatalf("sources %+v", res.Sources)
	}
	s := res.Sources[0]
	if len(s.Added) != 1 || s.Added[0].ID != "ofac-sdn:99001" || len(s.Removed) != 1 || s.Removed[0].ID != "ofac-sdn:576" {
		t.Errorf("added %v removed %v", s.Added, s.Removed)
	}
	changes := map[string][]listdiff.FieldChange{}
	for _, c := range s.Changed {
		changes[c.ID] = c.Changes
	}
	has := func(id, field, added string) bool {
		for _, f := range changes[id] {
			if f.Field == field && strings.Contains(strings.Join(f.Added, "|"), added) {
				return true
			}
		}
		return false
	}
	if !has("ofac-sdn:36", "names", "aka: AERO CARIBE NUEVA") {
		t.Errorf("no new alias on 36: %+v", changes["ofac-sdn:36"])
	}
	if !has("ofac-sdn:36", "addresses", "12 Calle Nueva") {
		t.Errorf("no new address on 36: %+v", changes["ofac-sdn:36"])
	}
	if !has("ofac-sdn:173", "links", "linked-to: BANCO NACIONAL DE CUBA") {
		t.Errorf("no new link on 173: %+v", changes["ofac-sdn:173"])
	}
	if len(s.Changed) != 2 {
		t.Errorf("%d changed, want 2 (36 and 173): %+v", len(s.Changed), s.Changed)
	}
	code, out, _ = run(t, nil, "diff", old, new)
	for _, want := range []string{"ofac-sdn: 1 added, 1 removed, 2 changed", "+ ofac-sdn:99001", "- ofac-sdn:576", "names: + aka: AERO CARIBE NUEVA"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("text diff lacks %q:\n%s", want, out)
		}
	}
	if code, _, _ := run(t, nil, "diff", old); code != exitUsage {
		t.Errorf("one directory: exit %d", code)
	}
}

// entNums reads the ent_num column of an OFAC sdn.csv directly.
func entNums(t *testing.T, path string) map[string]bool {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		num, _, ok := strings.Cut(sc.Text(), ",")
		if ok && num != "" && strings.Trim(num, "0123456789") == "" {
			out[num] = true
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDiffOFAC is the acceptance check: the OFAC SDN list of 2024-02-20
// against that of 2024-05-03 adds and removes exactly the ent_nums the
// two files differ by, read here from the files themselves (the README of
// ../shared/data says 1,140 added and 106 removed), and reports field
// changes of the changed ones.
func TestDiffOFAC(t *testing.T) {
	oldDir := shared.Data(t, "ofac_sdn_2024-02-20")
	newDir := shared.Data(t, "ofac_sdn_2024-05-03")
	before, after := entNums(t, filepath.Join(oldDir, "sdn.csv")), entNums(t, filepath.Join(newDir, "sdn.csv"))
	added, removed := 0, 0
	for n := range after {
		if !before[n] {
			added++
		}
	}
	for n := range before {
		if !after[n] {
			removed++
		}
	}
	if added != 1140 || removed != 106 {
		t.Errorf("the files differ by %d added and %d removed ent_nums; the shared README says 1,140 and 106", added, removed)
	}

	code, out, errs := run(t, nil, "diff", oldDir, newDir, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var res diffResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Sources) != 1 || res.Sources[0].Source != "ofac-sdn" {
		t.Fatalf("sources %+v", res.Sources)
	}
	s := res.Sources[0]
	if len(s.Added) != added || len(s.Removed) != removed {
		t.Errorf("diff reports %d added and %d removed, the files %d and %d", len(s.Added), len(s.Removed), added, removed)
	}
	for _, e := range s.Added {
		if !after[strings.TrimPrefix(e.ID, "ofac-sdn:")] || before[strings.TrimPrefix(e.ID, "ofac-sdn:")] {
			t.Errorf("%s reported added", e.ID)
		}
	}
	if len(s.Changed) == 0 || s.FieldCounts["programs"] == 0 {
		t.Errorf("no field changes reported: %d changed, fields %v", len(s.Changed), s.FieldCounts)
	}
	t.Logf("%s; changed fields %v", (&s).Summary(), s.FieldCounts)

	code, out, _ = run(t, nil, "diff", oldDir, newDir, "--limit", "3")
	if code != 0 || !strings.Contains(out, "ofac-sdn: 1140 added, 106 removed") {
		t.Errorf("text diff (exit %d):\n%s", code, out)
	}
}
