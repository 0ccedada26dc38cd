package bis

import (
	"strconv"
	"strings"
	"time"

	interdict "github.com/interdict/interdict"
)

// now is the clock the plausibility check reads; tests pin it.
var now = time.Now

// parseDate reads the two date forms BIS uses: "MM/DD/YYYY"
// (Effective_Date, Expiration_Date) and ISO "YYYY-MM-DD" (Last_Update),
// plus the partial ISO forms. It reports false for anything else and for
// impossible dates (month 13, April 31).
func parseDate(s string) (interdict.Date, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return interdict.Date{}, false
	}
	if p := strings.Split(s, "/"); len(p) == 3 {
		m, err1 := strconv.Atoi(p[0])
		d, err2 := strconv.Atoi(p[1])
		y, err3 := strconv.Atoi(p[2])
		if err1 != nil || err2 != nil || err3 != nil || len(p[2]) != 4 || m < 1 || d < 1 {
			return interdict.Date{}, false
		}
		date := interdict.Date{Year: y, Month: m, Day: d}
		return date, date.Valid()
	}
	d, err := interdict.ParseISODate(s)
	if err != nil || d.Circa || d.ToYear != 0 {
		return interdict.Date{}, false
	}
	return d, true
}

// plausibleUpdate reports whether d can be the date a list row was last
// changed: a full date no earlier than 1980 (BIS's lists are younger) and
// no later than tomorrow by the clock. Typing slips such as year 3017 or
// 0222 fail it.
func plausibleUpdate(d interdict.Date) bool {
	if d.Year < 1980 || d.Month == 0 || d.Day == 0 {
		return false
	}
	t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
	return !t.After(now().UTC().AddDate(0, 0, 1))
}

// later reports whether a is after b; zero dates are never after.
func later(a, b interdict.Date) bool {
	return a.String() > b.String()
}
