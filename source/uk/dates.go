package uk

import (
	"strconv"
	"strings"

	"github.com/interdict/interdict"
	"github.com/xuri/excelize/v2"
)

// parseDate reads the UK lists' dates: "dd/mm/yyyy", where an unknown day
// or month is "00" (ConList) or the letters "dd"/"mm" (FCDO XML), and the
// short forms "mm/yyyy" and "yyyy". A cell holding an Excel date serial
// (a sheet re-saved by hand) is read too. The empty string is the zero
// date and ok; anything else unreadable is not ok.
func parseDate(s string) (d interdict.Date, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return interdict.Date{}, true
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '.' || r == '-' })
	if len(parts) == 1 && len(s) == 5 {
		return excelSerial(s)
	}
	if len(parts) == 0 || len(parts) > 3 || len(parts) != strings.Count(s, "/")+strings.Count(s, ".")+strings.Count(s, "-")+1 {
		return interdict.Date{}, false
	}
	y, ok := number(parts[len(parts)-1], 4)
	if !ok || y == 0 {
		return interdict.Date{}, false
	}
	d.Year = y
	if len(parts) >= 2 {
		if d.Month, ok = number(parts[len(parts)-2], 2); !ok {
			return interdict.Date{}, false
		}
	}
	if len(parts) == 3 {
		if d.Day, ok = number(parts[0], 2); !ok {
			return interdict.Date{}, false
		}
	}
	if d.Month == 0 {
		d.Day = 0 // "15/00/1970" says nothing usable about the day
	}
	if !d.Valid() {
		return interdict.Date{}, false
	}
	return d, true
}

// number reads a date part of up to width digits; "dd", "mm", "yyyy" and
// all-zero parts are unknown (0).
func number(p string, width int) (int, bool) {
	switch strings.ToLower(p) {
	case "dd", "mm", "yyyy":
		return 0, true
	}
	if len(p) == 0 || len(p) > width {
		return 0, false
	}
	n := 0
	for i := 0; i < len(p); i++ {
		if p[i] < '0' || p[i] > '9' {
			return 0, false
		}
		n = n*10 + int(p[i]-'0')
	}
	return n, true
}

// excelSerial reads a 5-digit Excel date serial, which is what a date cell
// holds when the sheet is read raw.
func excelSerial(s string) (interdict.Date, bool) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return interdict.Date{}, false
	}
	t, err := excelize.ExcelDateToTime(float64(n), false)
	if err != nil {
		return interdict.Date{}, false
	}
	return interdict.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}, true
}

// isoDate formats a full date as YYYY-MM-DD for ListLoad.Published, or ""
// when the date is not complete.
func isoDate(d interdict.Date) string {
	if d.Year == 0 || d.Month == 0 || d.Day == 0 {
		return ""
	}
	return d.String()
}

// earlier reports whether a is a known date before b (or b is unknown).
func earlier(a, b interdict.Date) bool {
	if a.IsZero() {
		return false
	}
	if b.IsZero() {
		return true
	}
	if a.Year != b.Year {
		return a.Year < b.Year
	}
	if a.Month != b.Month {
		return a.Month < b.Month
	}
	return a.Day < b.Day
}
