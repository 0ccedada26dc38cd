package eu

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/source/internal/text"
)

// parseDay reads an FSF date attribute, "YYYY-MM-DD", or the date part of
// a timestamp ("2026-08-05T16:47:04.449+02:00": the day the publisher
// wrote, not converted to another time zone).
func parseDay(s string) (interdict.Date, error) {
	s = text.Clean(s)
	if len(s) > 10 && s[4] == '-' && strings.ContainsRune("T+-Z ", rune(s[10])) {
		s = s[:10]
	}
	return interdict.ParseISODate(s)
}

// errNoDate marks a birthdate element with no date in it (only a place);
// it is not counted as unreadable.
var errNoDate = errors.New("no date")

// date reads a birthdate element. A Gregorian one (calendarType GREGORIAN
// or absent) gives its full birthdate attribute, or else the parts it has:
// year, monthOfYear, dayOfMonth, or yearRangeFrom/yearRangeTo; circa marks
// it approximate.
//
// Another calendar (the FSF uses ISLAMIC for Hijri dates) is read only
// through the birthdate attribute, which the FSF fills with the Gregorian
// equivalent; year, monthOfYear and dayOfMonth are in that calendar and
// reading them as Gregorian would make "1402" a birth year. A birthdate
// attribute that is itself a Hijri date (a year far from the Gregorian
// equivalent of the Hijri year) is refused too.
func (b birthdate) date() (interdict.Date, error) {
	cal := strings.ToUpper(text.Clean(b.CalendarType))
	gregorian := cal == "" || cal == "GREGORIAN"
	var d interdict.Date
	var err error
	switch {
	case text.Clean(b.Birthdate) != "":
		d, err = parseDay(b.Birthdate)
		if err != nil {
			return d, err
		}
		if !gregorian && !gregorianEquivalent(cal, d.Year, b.Year) {
			return interdict.Date{}, fmt.Errorf("%s birthdate %s is not a Gregorian equivalent of year %s", cal, text.Clean(b.Birthdate), text.Clean(b.Year))
		}
	case !gregorian:
		if text.Clean(b.Year)+text.Clean(b.YearRangeFrom) == "" {
			return interdict.Date{}, errNoDate
		}
		return interdict.Date{}, fmt.Errorf("%s calendar date %s-%s-%s has no Gregorian birthdate, not converted", cal, text.Clean(b.Year), text.Clean(b.Month), text.Clean(b.Day))
	case text.Clean(b.Year) != "" || text.Clean(b.Month) != "" || text.Clean(b.Day) != "":
		if d.Year, err = number(b.Year, "year"); err != nil {
			return d, err
		}
		if d.Month, err = number(b.Month, "monthOfYear"); err != nil {
			return d, err
		}
		if d.Day, err = number(b.Day, "dayOfMonth"); err != nil {
			return d, err
		}
	case text.Clean(b.YearRangeFrom) != "" || text.Clean(b.YearRangeTo) != "":
		if d.Year, err = number(b.YearRangeFrom, "yearRangeFrom"); err != nil {
			return d, err
		}
		if d.ToYear, err = number(b.YearRangeTo, "yearRangeTo"); err != nil {
			return d, err
		}
		if d.Year == 0 {
			return interdict.Date{}, fmt.Errorf("year range to %d has no start", d.ToYear)
		}
		if d.ToYear == d.Year {
			d.ToYear = 0
		}
	default:
		return interdict.Date{}, errNoDate
	}
	d.Circa = isTrue(b.Circa)
	if !d.Valid() || (d.Year != 0 && d.Year < 1000) || (d.Year == 0 && d.Month != 0) {
		return interdict.Date{}, fmt.Errorf("impossible date %s", d)
	}
	return d, nil
}

// number reads an optional whole-number attribute; "" is 0.
func number(s, what string) (int, error) {
	s = text.Clean(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s %q is not a number", what, s)
	}
	return n, nil
}

// gregorianEquivalent reports whether year can be the Gregorian year of a
// date in the calendar cal whose own year is calYear. Only ISLAMIC can be
// checked: a Hijri year H falls in Gregorian year 622 + 0.97·H or the one
// after. For an unknown calendar the attribute is trusted when it is a
// plausible birth year.
func gregorianEquivalent(cal string, year int, calYear string) bool {
	if year < 1800 {
		return false
	}
	h, err := strconv.Atoi(text.Clean(calYear))
	if cal != "ISLAMIC" || err != nil || h == 0 {
		return true
	}
	return math.Abs(float64(year)-(float64(h)*0.970229+621.5643)) <= 1.5
}
