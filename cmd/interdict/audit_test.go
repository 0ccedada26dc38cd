package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

// seedAudit writes records to the state directory's database: three per
// day from 2025-03-01 for days days, users alternating, every third an
// alert.
func seedAudit(t *testing.T, dir string, days int) []*interdict.AuditRecord {
	t.Helper()
	db := openState(t, dir)
	var recs []*interdict.AuditRecord
	for d := range days {
		for i := range 3 {
			n := d*3 + i
			r := &interdict.AuditRecord{
				At:       time.Date(2025, 3, 1+d, 8*i, 0, 0, 0, time.UTC),
				KeyID:    "k_aaaaaaaaaa",
				User:     []string{"alice", "bob"}[n%2],
				Route:    "/v1/screen",
				Snapshot: "snap-1",
				Query:    interdict.Query{Names: []string{fmt.Sprintf("Party %d", n)}},
				Decision: "clear",
			}
			if n%3 == 0 {
				r.Decision = "alert"
				r.Matches = []interdict.AuditMatch{{ID: "ofac-sdn:36", Score: 0.9333333333333333, Alert: true}, {ID: "un:1", Score: 0.5}}
			}
			recs = append(recs, r)
		}
	}
	if err := db.AppendAudit(context.Background(), recs); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return recs
}

func parseExport(t *testing.T, s string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatalf("export is not CSV: %v\n%s", err, s)
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != "id,at,key_id,user,route,snapshot,query,decision,matches" {
		t.Fatalf("export header %v", rows)
	}
	return rows[1:]
}

func TestAuditExport(t *testing.T) {
	env, dir := stateEnv(t)
	recs := seedAudit(t, dir, 10)
	code, out, errs := run(t, env, "audit", "export")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	rows := parseExport(t, out)
	if len(rows) != len(recs) || !strings.Contains(errs, "exported 30 records") {
		t.Fatalf("%d rows, want %d; stderr %q", len(rows), len(recs), errs)
	}
	want := []string{fmt.Sprint(recs[0].ID), "2025-03-01T00:00:00Z", "k_aaaaaaaaaa", "alice", "/v1/screen", "snap-1", "Party 0", "alert", "ofac-sdn:36:0.9333333333333333;un:1:0.5"}
	if strings.Join(rows[0], "|") != strings.Join(want, "|") {
		t.Errorf("row 0:\n got %q\nwant %q", rows[0], want)
	}
	if rows[1][7] != "clear" || rows[1][8] != "" || rows[1][1] != "2025-03-01T08:00:00Z" {
		t.Errorf("row 1: %q", rows[1])
	}

	for _, tc := range []struct {
		args []string
		want func(r *interdict.AuditRecord) bool
	}{
		{[]string{"--user", "bob"}, func(r *interdict.AuditRecord) bool { return r.User == "bob" }},
		{[]string{"--decision", "alert"}, func(r *interdict.AuditRecord) bool { return r.Decision == "alert" }},
		{[]string{"--user", "alice", "--decision", "clear"}, func(r *interdict.AuditRecord) bool { return r.User == "alice" && r.Decision == "clear" }},
		// A date as --to includes that whole day.
		{[]string{"--from", "2025-03-03", "--to", "2025-03-04"}, func(r *interdict.AuditRecord) bool { return r.At.Day() == 3 || r.At.Day() == 4 }},
		{[]string{"--from", "2025-03-03", "--to", "2025-03-03"}, func(r *interdict.AuditRecord) bool { return r.At.Day() == 3 }},
		// An instant as --to is exclusive; --from inclusive.
		{[]string{"--from", "2025-03-02T08:00:00Z", "--to", "2025-03-02T16:00:00Z"}, func(r *interdict.AuditRecord) bool {
			return r.At.Equal(time.Date(2025, 3, 2, 8, 0, 0, 0, time.UTC))
		}},
		{[]string{"--from", "2025-03-02T09:00:00+01:00", "--to", "2025-03-02T10:00:00+01:00"}, func(r *interdict.AuditRecord) bool {
			return r.At.Equal(time.Date(2025, 3, 2, 8, 0, 0, 0, time.UTC))
		}},
		{[]string{"--to", "2025-03-01T08:00:00.000000001Z"}, func(r *interdict.AuditRecord) bool { return !r.At.After(time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)) }},
		{[]string{"--from", "2025-03-09", "--user", "bob", "--decision", "alert"}, func(r *interdict.AuditRecord) bool {
			return r.At.Day() >= 9 && r.User == "bob" && r.Decision == "alert"
		}},
		{[]string{"--from", "2030-01-01"}, func(*interdict.AuditRecord) bool { return false }},
		{[]string{"--user", "nobody"}, func(*interdict.AuditRecord) bool { return false }},
	} {
		code, out, errs := run(t, env, append([]string{"audit", "export"}, tc.args...)...)
		if code != exitOK {
			t.Errorf("%v: exit %d: %s", tc.args, code, errs)
			continue
		}
		var got, want []string
		for _, row := range parseExport(t, out) {
			got = append(got, row[0])
		}
		for _, r := range recs {
			if tc.want(r) {
				want = append(want, fmt.Sprint(r.ID))
			}
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%v: ids %v, want %v", tc.args, got, want)
		}
	}
}

// TestAuditExportStreams: an export larger than a page comes out whole, in
// id order, each record once; and the store is only ever asked for a page.
func TestAuditExportStreams(t *testing.T) {
	env, dir := stateEnv(t)
	db := openState(t, dir)
	const n = 2*exportPage + 17
	recs := make([]*interdict.AuditRecord, n)
	for i := range recs {
		recs[i] = &interdict.AuditRecord{At: time.Unix(1700000000+int64(i), 0), User: "u", Decision: "clear"}
	}
	if err := db.AppendAudit(context.Background(), recs); err != nil {
		t.Fatal(err)
	}
	pages := &pageCounter{Store: db}
	var buf bytes.Buffer
	if got, err := exportCSV(context.Background(), pages, interdict.AuditFilter{}, &buf); err != nil || got != n {
		t.Fatalf("exportCSV = %d, %v", got, err)
	}
	if pages.calls != 3 || pages.biggest != exportPage {
		t.Errorf("%d queries, biggest page %d; want 3 pages of at most %d", pages.calls, pages.biggest, exportPage)
	}
	db.Close()

	out := filepath.Join(t.TempDir(), "audit.csv")
	code, stdout, errs := run(t, env, "audit", "export", "--out", out)
	if code != exitOK || stdout != "" || !strings.Contains(errs, fmt.Sprintf("exported %d records to %s", n, out)) {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, errs)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rows := parseExport(t, string(b))
	if len(rows) != n {
		t.Fatalf("%d rows, want %d", len(rows), n)
	}
	for i, row := range rows {
		if row[0] != fmt.Sprint(recs[i].ID) {
			t.Fatalf("row %d is record %s, want %d", i, row[0], recs[i].ID)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*tmp")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

type pageCounter struct {
	store.Store
	calls, biggest int
}

func (p *pageCounter) ListAudit(ctx context.Context, f interdict.AuditFilter) ([]interdict.AuditRecord, error) {
	if f.Limit <= 0 || f.Limit > exportPage {
		return nil, fmt.Errorf("asked for %d records at once", f.Limit)
	}
	recs, err := p.Store.ListAudit(ctx, f)
	p.calls++
	p.biggest = max(p.biggest, len(recs))
	return recs, err
}

// TestAuditExportCells: commas, quotes, newlines and formula-looking text
// survive the CSV, the latter defused.
func TestAuditExportCells(t *testing.T) {
	env, dir := stateEnv(t)
	db := openState(t, dir)
	r := &interdict.AuditRecord{
		At: time.Unix(1700000000, 5).UTC(), KeyID: "k_x", User: "=HYPERLINK(\"http://x\")", Route: "/v1/screen",
		Snapshot: "s", Decision: "clear",
		Query: interdict.Query{Names: []string{"-ACME, \"Trading\"\nLLC", "Ахмед"}},
	}
	if err := db.AppendAudit(context.Background(), []*interdict.AuditRecord{r}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	code, out, errs := run(t, env, "audit", "export")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	rows := parseExport(t, out)
	if len(rows) != 1 {
		t.Fatalf("%d rows", len(rows))
	}
	if rows[0][1] != "2023-11-14T22:13:20.000000005Z" {
		t.Errorf("at %q", rows[0][1])
	}
	if rows[0][3] != "'=HYPERLINK(\"http://x\")" {
		t.Errorf("user cell %q, want the formula defused", rows[0][3])
	}
	if rows[0][6] != "'-ACME, \"Trading\"\nLLC; Ахмед" {
		t.Errorf("query cell %q", rows[0][6])
	}
}

func TestAuditExportBadUsage(t *testing.T) {
	env, dir := stateEnv(t)
	seedAudit(t, dir, 1)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"audit"}, "usage:"},
		{[]string{"audit", "import"}, `unknown subcommand "import"`},
		{[]string{"audit", "export", "--from", "yesterday"}, "--from: \"yesterday\" is neither"},
		{[]string{"audit", "export", "--to", "2025-13-01"}, "--to:"},
		{[]string{"audit", "export", "--from", "2025-03-02", "--to", "2025-03-01"}, "is not before --to"},
		{[]string{"audit", "export", "--from", "2025-03-01T10:00:00Z", "--to", "2025-03-01T10:00:00Z"}, "is not before --to"},
		{[]string{"audit", "export", "--decision", "maybe"}, `--decision "maybe"`},
		{[]string{"audit", "export", "--decision", "ALERT"}, `--decision "ALERT"`},
		{[]string{"audit", "export", "--format", "xlsx"}, "not defined"},
		{[]string{"audit", "export", "extra"}, `unexpected argument "extra"`},
	} {
		code, out, errs := run(t, env, tc.args...)
		if code != exitUsage || !strings.Contains(errs, tc.want) || out != "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errs, tc.want)
		}
	}
	// A file that cannot be written is an error, not a usage mistake.
	code, _, errs := run(t, env, "audit", "export", "--out", filepath.Join(dir, "no", "such", "dir", "a.csv"))
	if code != exitError || errs == "" {
		t.Errorf("--out in a missing directory: exit %d, %q", code, errs)
	}
	if code, out, _ := run(t, env, "audit", "--help"); code != exitOK || !strings.Contains(out, "audit export") {
		t.Errorf("audit --help: exit %d", code)
	}
}
