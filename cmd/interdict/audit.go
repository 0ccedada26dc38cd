package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

const auditUsage = `usage:
  interdict audit export [--from T] [--to T] [--user U] [--decision alert|clear] [--out FILE.csv]

Writes the audit trail in STATE/interdict.db (--state DIR or $INTERDICT_STATE),
or in the PostgreSQL database --db URL names (or $INTERDICT_DB), as CSV, one
row per screening decision, oldest first:
  id, at, key_id, user, route, snapshot, query, decision, matches
where query is the names screened joined by "; " and matches is
"entity-id:score" joined by ";". T is RFC 3339 (2025-03-01T09:30:00Z) or a
date (2025-03-01, UTC): --from is inclusive; --to is exclusive for an
instant and includes the whole day for a date. A cell that would start with
= + - or @ is prefixed with ' so that a spreadsheet shows it as text instead
of running it as a formula.`

// exportPage is how many records one query reads: the export streams,
// holding one page in memory, and each page is a short read that never
// holds back the server's writes or WAL checkpoints.
const exportPage = 1000

func (m *Main) runAudit(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(m.Stderr, auditUsage)
		return exitUsage
	}
	switch args[0] {
	case "export":
		return m.auditExport(ctx, args[1:])
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(m.Stdout, auditUsage)
		return exitOK
	}
	fmt.Fprintf(m.Stderr, "interdict audit: unknown subcommand %q\n\n%s\n", args[0], auditUsage)
	return exitUsage
}

func (m *Main) auditExport(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("audit export", &d)
	dbURL := m.dbFlag(fs)
	from := fs.String("from", "", "only decisions at or after this time (RFC 3339, or a date YYYY-MM-DD in UTC)")
	to := fs.String("to", "", "only decisions before this time (RFC 3339), or on or before this date (YYYY-MM-DD, UTC)")
	user := fs.String("user", "", "only this user's decisions")
	decision := fs.String("decision", "", "only alert or only clear decisions")
	out := fs.String("out", "", "write the CSV to this file (default: standard output)")
	if pos, err := parse(fs, args); err != nil {
		return exitUsage
	} else if len(pos) > 0 {
		fmt.Fprintf(m.Stderr, "interdict audit export: unexpected argument %q\n", pos[0])
		return exitUsage
	}
	var f interdict.AuditFilter
	var err error
	if f.From, err = parseWhen(*from, false); err != nil {
		fmt.Fprintf(m.Stderr, "interdict audit export: --from: %v\n", err)
		return exitUsage
	}
	if f.To, err = parseWhen(*to, true); err != nil {
		fmt.Fprintf(m.Stderr, "interdict audit export: --to: %v\n", err)
		return exitUsage
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		fmt.Fprintf(m.Stderr, "interdict audit export: --from %s is not before --to %s\n", *from, *to)
		return exitUsage
	}
	switch *decision {
	case "", "alert", "clear":
	default:
		fmt.Fprintf(m.Stderr, "interdict audit export: --decision %q: want alert or clear\n", *decision)
		return exitUsage
	}
	f.User, f.Decision = *user, *decision

	db, ok := m.openDB(ctx, &d, *dbURL)
	if !ok {
		return exitError
	}
	var n int
	if *out == "" || *out == "-" {
		n, err = exportCSV(ctx, db, f, m.Stdout)
	} else {
		n, err = exportFile(ctx, db, f, *out)
	}
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict audit export: %v\n", err)
		return m.closeDB(db, exitError)
	}
	where := "standard output"
	if *out != "" && *out != "-" {
		where = *out
	}
	fmt.Fprintf(m.Stderr, "exported %s to %s\n", plural(n, "record", "records"), where)
	return m.closeDB(db, exitOK)
}

// parseWhen reads an RFC 3339 time or a date (UTC). A date given as the
// end of a range means the end of that day: the next midnight, exclusive.
func parseWhen(s string, end bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is neither RFC 3339 (2025-03-01T09:30:00Z) nor a date (2025-03-01)", s)
	}
	if end {
		t = t.AddDate(0, 0, 1)
	}
	return t, nil
}

// exportFile writes the CSV beside path and renames it into place once
// complete, so that a failed or interrupted export leaves no partial file
// that looks like a whole one.
func exportFile(ctx context.Context, st store.Store, f interdict.AuditFilter, path string) (int, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name()) // after a successful rename, a no-op
	n, err := exportCSV(ctx, st, f, tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	return n, err
}

// exportCSV streams the records f selects to w, a page at a time (keyset
// pagination on the id), and returns how many it wrote.
func exportCSV(ctx context.Context, st store.Store, f interdict.AuditFilter, w io.Writer) (int, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	if err := cw.Write([]string{"id", "at", "key_id", "user", "route", "snapshot", "query", "decision", "matches"}); err != nil {
		return 0, err
	}
	n := 0
	f.Limit = exportPage
	for {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		page, err := st.ListAudit(ctx, f)
		if err != nil {
			return n, err
		}
		for i := range page {
			if err := cw.Write(auditRow(&page[i])); err != nil {
				return n, err
			}
			n++
		}
		if len(page) < exportPage {
			break
		}
		f.AfterID = page[len(page)-1].ID
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return n, err
	}
	return n, bw.Flush()
}

func auditRow(r *interdict.AuditRecord) []string {
	var ms strings.Builder
	for i, m := range r.Matches {
		if i > 0 {
			ms.WriteByte(';')
		}
		ms.WriteString(m.ID)
		ms.WriteByte(':')
		// The shortest form that reads back as the same float64: the
		// score as it was decided on, not a rounding of it.
		ms.WriteString(strconv.FormatFloat(m.Score, 'f', -1, 64))
	}
	return []string{
		strconv.FormatInt(r.ID, 10),
		r.At.UTC().Format(time.RFC3339Nano),
		cell(r.KeyID),
		cell(r.User),
		cell(r.Route),
		cell(r.Snapshot),
		cell(strings.Join(r.Query.Names, "; ")),
		r.Decision,
		cell(ms.String()),
	}
}

// cell defuses a value a spreadsheet would take for a formula (CSV
// injection): the names screened come from outside, and this file is
// made to be opened by compliance staff in Excel or LibreOffice.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
