package un

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/source/internal/text"
)

// parseDay reads a UN date, "YYYY-MM-DD" or "YYYY", tolerating the time
// zone suffix some LISTED_ON values carry ("2015-03-27-04:00"): the zone
// says where the clerk was, not which day the listing was.
func parseDay(s string) (interdict.Date, error) {
	s = text.Clean(s)
	if len(s) > 10 && s[4] == '-' && strings.ContainsRune("-+TZ", rune(s[10])) {
		s = s[:10]
	}
	return interdict.ParseISODate(s)
}

// errNoDate marks a birth-date element that says nothing usable; it is
// not counted as unreadable.
var errNoDate = errors.New("no date")

// date reads one INDIVIDUAL_DATE_OF_BIRTH. TYPE_OF_DATE says which fields
// hold the date: EXACT and APPROXIMATELY use DATE or YEAR, BETWEEN uses
// FROM_YEAR and TO_YEAR. Older records put the whole date, or just its
// month, in NOTE ("Nov. 1973", "Sep."); those are read when they are that
// simple and nothing else.
func (b birthDate) date() (interdict.Date, error) {
	typ := strings.ToUpper(text.Clean(b.Type))
	note := text.Clean(b.Note)
	var d interdict.Date
	var err error
	switch {
	case text.Clean(b.Date) != "":
		d, err = parseDay(b.Date)
	case text.Clean(b.Year) != "":
		d.Year, err = parseYear(b.Year)
	case text.Clean(b.FromYear) != "" || text.Clean(b.ToYear) != "":
		d, err = yearRange(b.FromYear, b.ToYear)
	case note != "":
		d, err = noteDate(note)
	default:
		return interdict.Date{}, errNoDate
	}
	if err != nil {
		return interdict.Date{}, err
	}
	if d.Month == 0 && d.Day == 0 && d.ToYear == 0 {
		// A note holding only a month ("Sep.") completes a YEAR.
		if m, ok := monthOnly(note); ok {
			d.Month = m
		}
	}
	if typ == "APPROXIMATELY" || strings.EqualFold(note, "approximately") {
		d.Circa = true
	}
	if !d.Valid() {
		return interdict.Date{}, fmt.Errorf("impossible date %s", d)
	}
	return d, nil
}

func parseYear(s string) (int, error) {
	s = text.Clean(s)
	y, err := strconv.Atoi(s)
	if err != nil || len(s) != 4 || y < 1000 {
		return 0, fmt.Errorf("year %q is not a 4-digit year", s)
	}
	return y, nil
}

func yearRange(from, to string) (interdict.Date, error) {
	var d interdict.Date
	var err error
	if text.Clean(from) == "" || text.Clean(to) == "" {
		return d, fmt.Errorf("year range %q to %q is open", text.Clean(from), text.Clean(to))
	}
	if d.Year, err = parseYear(from); err != nil {
		return d, err
	}
	if d.ToYear, err = parseYear(to); err != nil {
		return d, err
	}
	if d.ToYear < d.Year {
		return interdict.Date{}, fmt.Errorf("year range %d to %d runs backwards", d.Year, d.ToYear)
	}
	if d.ToYear == d.Year {
		d.ToYear = 0
	}
	return d, nil
}

var (
	yearRE  = regexp.MustCompile(`\b(1[89]\d\d|20\d\d)\b`)
	monthRE = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(1[89]\d\d|20\d\d)\b`)
)

// otherReckoningRE matches notes whose numbers are not Gregorian dates:
// another calendar, or an age.
var otherReckoningRE = regexp.MustCompile(`(?i)\b(?:hijri|calendar|old)\b`)

var months = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// noteDate reads a date written in a NOTE: "August 1961" or "Nov. 1973"
// give a month, "Between Aug. and Sep. 1977" only its year. Notes in
// another calendar ("24/06/1402 (Hijri Calendar)") or relative to an
// unknown date ("30-35 years old") give nothing: reading 1402 as a year
// would invent a birth date.
func noteDate(note string) (interdict.Date, error) {
	if otherReckoningRE.MatchString(note) {
		return interdict.Date{}, fmt.Errorf("note %q holds no Gregorian date", note)
	}
	l := strings.ToLower(note)
	years := yearRE.FindAllString(note, -1)
	if len(years) != 1 {
		if len(years) == 0 && strings.EqualFold(note, "approximately") {
			return interdict.Date{}, errNoDate
		}
		return interdict.Date{}, fmt.Errorf("note %q holds no single year", note)
	}
	d := interdict.Date{}
	d.Year, _ = strconv.Atoi(years[0])
	if m := monthRE.FindStringSubmatch(note); m != nil && !strings.Contains(l, "between") {
		d.Month = months[strings.ToLower(m[1])]
	}
	return d, nil
}

// monthOnly reads a note that is just a month name ("Sep.", "August").
func monthOnly(note string) (int, bool) {
	n := strings.ToLower(strings.TrimSuffix(text.Clean(note), "."))
	if len(n) < 3 {
		return 0, false
	}
	m, ok := months[n[:3]]
	if !ok {
		return 0, false
	}
	full := []string{"", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}[m]
	if n == n[:3] || n == full || (m == 9 && n == "sept") {
		return m, true
	}
	return 0, false
}
