package source

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// folderMeta is one row of a data directory's sources.csv, the provenance
// table the shared data carries (folder, source, publisher, format,
// published, role, coverage).
type folderMeta struct {
	published string
	coverage  string
}

// readSourcesCSV reads root/sources.csv if there is one. It is optional
// provenance: a missing or malformed table is ignored, since sources are
// recognised by content.
func readSourcesCSV(root string) map[string]folderMeta {
	fh, err := os.Open(filepath.Join(root, "sources.csv"))
	if err != nil {
		return nil
	}
	defer fh.Close()
	r := csv.NewReader(fh)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil || len(recs) < 2 {
		return nil
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[strings.TrimSpace(h)] = i
	}
	fi, ok1 := col["folder"]
	pi, ok2 := col["published"]
	ci, ok3 := col["coverage"]
	if !ok1 || !ok2 || !ok3 {
		return nil
	}
	out := map[string]folderMeta{}
	for _, rec := range recs[1:] {
		if len(rec) <= max(fi, pi, ci) {
			continue
		}
		out[rec[fi]] = folderMeta{published: firstDate(rec[pi]), coverage: strings.TrimSpace(rec[ci])}
	}
	return out
}

// preDate dates a file before parsing, for formats that carry no date of
// their own (OFAC's legacy CSV): a date in its path ("ofac_sdn_2024-05-03",
// "20250929_4.xlsx"), else its folder's published date in sources.csv,
// else the file's modification time. A date inside the file, found by the
// parser, takes precedence over all of these.
func preDate(root string, f found, meta map[string]folderMeta) string {
	if d := firstDate(filepath.ToSlash(f.rel)); d != "" {
		return d
	}
	if m, ok := meta[topDir(f.rel)]; ok && m.published != "" {
		return m.published
	}
	if fi, err := os.Stat(f.path); err == nil {
		return fi.ModTime().UTC().Format("2006-01-02")
	}
	return ""
}

// firstDate finds the earliest-written date in s, as YYYY-MM-DD: either
// "YYYY-MM-DD" or eight digits "YYYYMMDD" (not part of a longer number),
// with a plausible year. A bare "YYYY-MM" (as in "2026-07") gives
// "YYYY-MM-01" only when no full date is present.
func firstDate(s string) string {
	month := ""
	for i := 0; i < len(s); i++ {
		if i > 0 && isDigit(s[i-1]) || !isDigit(s[i]) {
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		run := s[i:j]
		switch {
		case len(run) == 8:
			if d := ymd(run[:4], run[4:6], run[6:8]); d != "" {
				return d
			}
		case len(run) == 4 && j+3 <= len(s) && s[j] == '-' && isDigit(s[j+1]) && isDigit(s[j+2]):
			if j+6 <= len(s) && s[j+3] == '-' && isDigit(s[j+4]) && isDigit(s[j+5]) && (j+6 == len(s) || !isDigit(s[j+6])) {
				if d := ymd(run, s[j+1:j+3], s[j+4:j+6]); d != "" {
					return d
				}
			}
			if month == "" && (j+3 == len(s) || !isDigit(s[j+3])) {
				month = ymd(run, s[j+1:j+3], "01")
			}
		}
		i = j
	}
	return month
}

func ymd(y, m, d string) string {
	t, err := time.Parse("2006-01-02", y+"-"+m+"-"+d)
	if err != nil || t.Year() < 1990 || t.Year() > 2100 {
		return ""
	}
	return t.Format("2006-01-02")
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
