package ftm

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"

	interdict "github.com/interdict/interdict"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// trimBOM drops a leading UTF-8 byte order mark, which spreadsheet tools
// add when they save UTF-8 text.
func trimBOM(b []byte) []byte { return bytes.TrimPrefix(b, utf8BOM) }

// commas formats n with thousands separators, as the load notes do.
func commas(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// foldKey reduces s to its lower-cased letters and digits, so that two
// spellings of one address that differ only in case, spacing or
// punctuation count as one.
func foldKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// parseDate reads an FtM date: "YYYY", "YYYY-MM", "YYYY-MM-DD", possibly
// with a time after a "T" (which is dropped). ok is false for anything
// else and for an all-zero date.
func parseDate(s string) (interdict.Date, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, 'T'); i >= 0 {
		s = s[:i]
	}
	if s == "" {
		return interdict.Date{}, false
	}
	d, err := interdict.ParseISODate(s)
	if err != nil || d.IsZero() || d.Circa || d.ToYear != 0 {
		return interdict.Date{}, false
	}
	return d, true
}

// dayOf returns the "YYYY-MM-DD" day of an FtM timestamp
// ("2026-03-13T05:41:01"), or "" when s does not start with a full date.
func dayOf(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 10 {
		return ""
	}
	d, ok := parseDate(s[:10])
	if !ok || d.Day == 0 {
		return ""
	}
	return s[:10]
}

// earlier reports whether a is before b, unknown parts counting as
// earliest ("2023" is before "2023-02-01").
func earlier(a, b interdict.Date) bool {
	if a.Year != b.Year {
		return a.Year < b.Year
	}
	if a.Month != b.Month {
		return a.Month < b.Month
	}
	return a.Day < b.Day
}

// addString appends s to list once, ignoring empty strings.
func addString(list []string, s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
