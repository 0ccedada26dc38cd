package au

import (
	"strconv"
	"strings"
	"time"

	"github.com/interdict/interdict"
)

// Plausible birth years. DFAT sometimes gives a Persian-calendar date
// ("24/06/1402"); such a date is not read as a Gregorian one.
const (
	minYear = 1850
	maxYear = 2030
)

// parseBirthDates reads a Date of Birth cell: a list split by commas,
// semicolons, line breaks or plain spaces, of Excel serials ("24473"),
// "dd/mm/yyyy", "d/mm/yyyy", "mm/yyyy", years, "1980.1981", "5 May
// 1957", "April 1957", "Approximately 1953" (circa) and "Between 1963 and
// 1968" (a range). It returns the dates read and the pieces it could not.
func parseBirthDates(cell string) (dates []interdict.Date, bad []string) {
	// A cell that is one bare number but not a year is a date cell Excel
	// stores as a serial; before 1927 serials have four digits ("9157" is
	// 1925-01-25), which a list item of four digits could not be told from.
	if t := strings.TrimSpace(cell); len(t) >= 3 && len(t) <= 5 && allDigits(t) {
		if _, isYear := year(t); !isYear {
			if d, ok := excelSerial(t); ok && plausible(d.Year) {
				return []interdict.Date{d}, nil
			}
		}
	}
	cell = strings.NewReplacer("\r", ",", "\n", ",", ";", ",").Replace(cell)
	for _, chunk := range strings.Split(cell, ",") {
		chunk = clean(chunk)
		if chunk == "" {
			continue
		}
		ds, miss := parseDateChunk(chunk)
		bad = append(bad, miss...)
		dates = append(dates, ds...)
	}
	return dates, bad
}

// circaWords mark an approximate date.
var circaWords = []string{"approximately ", "approx. ", "approx ", "circa ", "c. ", "ca. ", "about ", "around "}

// parseDateChunk reads one comma-free piece, which may still hold several
// dates separated by spaces ("27/05/1973 01/01/1975"). It returns the
// dates and the pieces it could not read.
func parseDateChunk(chunk string) (dates []interdict.Date, bad []string) {
	lower := strings.ToLower(chunk)
	circa := false
	for _, w := range circaWords {
		if strings.HasPrefix(lower, w) {
			circa = true
			lower = strings.TrimSpace(lower[len(w):])
			break
		}
	}
	words := strings.Fields(lower)
	if d, ok := dateFromWords(words); ok {
		d.Circa = circa
		return []interdict.Date{d}, nil
	}
	for _, w := range words {
		ds, ok := parseDateToken(w)
		if !ok {
			bad = append(bad, w)
			continue
		}
		for _, d := range ds {
			d.Circa = circa
			dates = append(dates, d)
		}
	}
	if len(words) == 0 {
		bad = append(bad, chunk)
	}
	return dates, bad
}

// dateFromWords reads the worded forms: "5 may 1957", "april 1957",
// "between 1963 and 1968".
func dateFromWords(w []string) (interdict.Date, bool) {
	switch {
	case len(w) == 4 && w[0] == "between" && w[2] == "and":
		from, ok1 := year(w[1])
		to, ok2 := year(w[3])
		if ok1 && ok2 && to > from {
			return interdict.Date{Year: from, ToYear: to}, true
		}
	case len(w) == 3:
		day, err := strconv.Atoi(w[0])
		m := month(w[1])
		y, ok := year(w[2])
		if err == nil && m > 0 && ok {
			d := interdict.Date{Year: y, Month: m, Day: day}
			return d, day > 0 && d.Valid()
		}
	case len(w) == 2:
		m := month(w[0])
		y, ok := year(w[1])
		if m > 0 && ok {
			return interdict.Date{Year: y, Month: m}, true
		}
	}
	return interdict.Date{}, false
}

// parseDateToken reads one space-free token: "dd/mm/yyyy", "mm/yyyy",
// "yyyy", an Excel serial, "yyyy.yyyy" (two years) or ISO "yyyy-mm-dd".
func parseDateToken(tok string) ([]interdict.Date, bool) {
	tok = strings.Trim(tok, "/.")
	if tok == "" {
		return nil, false
	}
	if strings.Contains(tok, ".") {
		var out []interdict.Date
		for _, p := range strings.Split(tok, ".") {
			y, ok := year(p)
			if !ok {
				return nil, false
			}
			out = append(out, interdict.Date{Year: y})
		}
		return out, true
	}
	if strings.Contains(tok, "/") {
		parts := strings.Split(tok, "/")
		nums := make([]int, len(parts))
		for i, p := range parts {
			n, err := strconv.Atoi(p)
			if err != nil || n < 0 || len(p) > 4 {
				return nil, false
			}
			nums[i] = n
		}
		var d interdict.Date
		switch {
		case len(parts) == 3 && len(parts[2]) == 4 && len(parts[0]) <= 2 && len(parts[1]) <= 2:
			d = interdict.Date{Year: nums[2], Month: nums[1], Day: nums[0]}
		case len(parts) == 2 && len(parts[1]) == 4 && len(parts[0]) <= 2:
			d = interdict.Date{Year: nums[1], Month: nums[0]}
		default:
			return nil, false
		}
		if d.Month == 0 || (len(parts) == 3 && d.Day == 0) || !d.Valid() || !plausible(d.Year) {
			return nil, false
		}
		return []interdict.Date{d}, true
	}
	if strings.Count(tok, "-") == 2 {
		d, err := interdict.ParseISODate(tok)
		if err != nil || !plausible(d.Year) {
			return nil, false
		}
		return []interdict.Date{d}, true
	}
	if y, ok := year(tok); ok {
		return []interdict.Date{{Year: y}}, true
	}
	if len(tok) == 5 {
		if d, ok := excelSerial(tok); ok && plausible(d.Year) {
			return []interdict.Date{d}, true
		}
	}
	return nil, false
}

// year reads a four-digit plausible year.
func year(s string) (int, bool) {
	if len(s) != 4 {
		return 0, false
	}
	y, err := strconv.Atoi(s)
	if err != nil || !plausible(y) {
		return 0, false
	}
	return y, true
}

func plausible(y int) bool { return y >= minYear && y <= maxYear }

var months = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
	"october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

func month(s string) int { return months[strings.TrimSuffix(strings.ToLower(s), ".")] }

// excelEpoch is day zero of Excel's 1900 date system as it is used in
// practice: serial 1 is 1900-01-01 and serial 61 is 1900-03-01 (Excel
// counts a 29 February 1900 that never was), so counting from 30 December
// 1899 is right for every serial from 61 on.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// excelSerial reads an Excel date serial (a whole number of days; a time
// fraction is ignored).
func excelSerial(s string) (interdict.Date, bool) {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		s = s[:i]
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 61 || n > 2958465 {
		return interdict.Date{}, false
	}
	t := excelEpoch.AddDate(0, 0, n)
	return interdict.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}, true
}

// controlDate reads the Control Date: an Excel serial, or the same date
// as text ("24/02/2026") where the cell was typed rather than formatted.
//
// Control dates are recent; anything before 1990 is a misread cell.
func controlDate(s string) (interdict.Date, bool) {
	if d, ok := excelSerial(s); ok && d.Year >= 1990 {
		return d, true
	}
	ds, ok := parseDateToken(s)
	if ok && len(ds) == 1 && ds[0].Day != 0 && ds[0].Year >= 1990 {
		return ds[0], true
	}
	return interdict.Date{}, false
}

// listingDate returns the first full date in a Listing Information cell
// ("Listed on 24 March 2007 (amended on …)" gives 2007-03-24; "Listed on:
// 5 Aug. 2016" gives 2016-08-05), or an Excel serial where the whole cell
// is one.
func listingDate(s string) (interdict.Date, bool) {
	if d, ok := excelSerial(s); ok && len(s) == 5 {
		return d, true
	}
	words := strings.Fields(strings.NewReplacer(",", " ", "(", " ", ")", " ", ":", " ").Replace(s))
	for i := 0; i+2 < len(words); i++ {
		if len(words[i]) > 2 || !allDigits(words[i]) {
			continue
		}
		day, _ := strconv.Atoi(words[i])
		if day < 1 || day > 31 {
			continue
		}
		m := month(words[i+1])
		y, ok := year(strings.TrimSuffix(words[i+2], "."))
		if m == 0 || !ok {
			continue
		}
		d := interdict.Date{Year: y, Month: m, Day: day}
		if d.Valid() {
			return d, true
		}
	}
	return interdict.Date{}, false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
