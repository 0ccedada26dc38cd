package interdict

import (
	"fmt"
	"strconv"
	"strings"
)

// Date is a partial calendar date: a year alone, a year and month, or a
// full date. Zero fields are unknown. Circa marks an approximate date
// ("circa 1960"); To, when set, closes a range ("1960 to 1962").
type Date struct {
	Year  int  `json:"year,omitempty"`
	Month int  `json:"month,omitempty"`
	Day   int  `json:"day,omitempty"`
	Circa bool `json:"circa,omitempty"`
	// ToYear closes a year range; zero when the date is not a range.
	ToYear int `json:"to_year,omitempty"`
}

// IsZero reports whether no part of the date is known.
func (d Date) IsZero() bool { return d.Year == 0 && d.Month == 0 && d.Day == 0 }

// String formats the date as ISO 8601 with only the known parts:
// "1952", "1952-10", "1952-10-07"; "~1960" for circa; "1960/1962" for a
// range.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	var b strings.Builder
	if d.Circa {
		b.WriteByte('~')
	}
	if d.Year != 0 {
		fmt.Fprintf(&b, "%04d", d.Year)
	} else {
		b.WriteString("????")
	}
	if d.Month != 0 {
		fmt.Fprintf(&b, "-%02d", d.Month)
		if d.Day != 0 {
			fmt.Fprintf(&b, "-%02d", d.Day)
		}
	}
	if d.ToYear != 0 {
		fmt.Fprintf(&b, "/%04d", d.ToYear)
	}
	return b.String()
}

// Valid reports whether the known parts form a possible date: months in
// 1..12 and days in range for the month (a February 29 is accepted in any
// year, since publishers give it for leap years only).
func (d Date) Valid() bool {
	if d.Year < 0 || d.Year > 9999 || d.Month < 0 || d.Month > 12 || d.Day < 0 || d.Day > 31 {
		return false
	}
	if d.Day != 0 && d.Month == 0 {
		return false
	}
	if d.Day != 0 && d.Day > daysIn[d.Month] {
		return false
	}
	if d.ToYear != 0 && d.ToYear < d.Year {
		return false
	}
	return true
}

var daysIn = [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// ParseISODate reads "YYYY", "YYYY-MM" or "YYYY-MM-DD", with an optional
// "~" prefix for circa and an optional "/YYYY" range end, the forms String
// writes. Anything else is an error.
func ParseISODate(s string) (Date, error) {
	var d Date
	orig := s
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "~") {
		d.Circa = true
		s = s[1:]
	}
	if i := strings.IndexByte(s, '/'); i >= 0 {
		y, err := strconv.Atoi(s[i+1:])
		if err != nil || len(s[i+1:]) != 4 {
			return Date{}, fmt.Errorf("date %q: bad range end", orig)
		}
		d.ToYear = y
		s = s[:i]
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, fmt.Errorf("date %q: want YYYY[-MM[-DD]]", orig)
	}
	dst := []*int{&d.Year, &d.Month, &d.Day}
	for i, p := range parts {
		if len(p) == 0 || len(p) > 4 || (i > 0 && len(p) != 2) {
			return Date{}, fmt.Errorf("date %q: want YYYY[-MM[-DD]]", orig)
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return Date{}, fmt.Errorf("date %q: %q is not a number", orig, p)
		}
		*dst[i] = n
	}
	if !d.Valid() {
		return Date{}, fmt.Errorf("date %q: out of range", orig)
	}
	return d, nil
}
