package ca

import (
	"strconv"
	"strings"

	"github.com/interdict/interdict"
)

// parseDates reads Canada's DateOfBirthOrShipBuildDate: mostly ISO
// ("1965-04-29", "1972", "1965-04"), sometimes alternatives ("1963 or 1964",
// "1965-07-15 OR 1969-09-28"), a year range ("1963-1964") or words ("born in
// the early 1970s"). It returns every date it could read, and bad=true when
// some part of s was not understood (so the caller can report it).
func parseDates(s string) (dates []interdict.Date, bad bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, false
	}
	if d, ok := parseDecade(s); ok {
		return []interdict.Date{d}, false
	}
	for _, part := range splitDateList(s) {
		d, ok := parseOneDate(part)
		if !ok {
			bad = true
			continue
		}
		dates = append(dates, d)
	}
	return dates, bad
}

// splitDateList cuts s on " or ", commas and semicolons.
func splitDateList(s string) []string {
	s = strings.NewReplacer(" OR ", ",", " or ", ",", " Or ", ",", ";", ",").Replace(s)
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseOneDate reads "YYYY", "YYYY-MM", "YYYY-MM-DD" or the range
// "YYYY-YYYY".
func parseOneDate(s string) (interdict.Date, bool) {
	if len(s) == 9 && s[4] == '-' {
		from, err1 := strconv.Atoi(s[:4])
		to, err2 := strconv.Atoi(s[5:])
		if err1 == nil && err2 == nil && allDigits(s[:4]) && allDigits(s[5:]) {
			d := interdict.Date{Year: from, ToYear: to}
			if d.Valid() && from > 0 && to > from {
				return d, true
			}
			return interdict.Date{}, false
		}
	}
	d, err := interdict.ParseISODate(s)
	if err != nil || d.Circa || d.ToYear != 0 || d.Year == 0 {
		return interdict.Date{}, false
	}
	return d, true
}

// parseDecade reads "[born in the] [early|mid|late] 1970s" as a year range:
// early is the first four years of the decade, mid the middle four, late
// the last four, and a bare decade all ten.
func parseDecade(s string) (interdict.Date, bool) {
	l := strings.ToLower(s)
	l = strings.TrimPrefix(l, "born in ")
	l = strings.TrimPrefix(l, "the ")
	from, to := 0, 9
	for _, q := range []struct {
		word     string
		from, to int
	}{{"early ", 0, 3}, {"mid ", 3, 6}, {"mid-", 3, 6}, {"late ", 6, 9}} {
		if strings.HasPrefix(l, q.word) {
			l = l[len(q.word):]
			from, to = q.from, q.to
			break
		}
	}
	switch {
	case strings.HasSuffix(l, "'s"):
		l = l[:len(l)-2]
	case strings.HasSuffix(l, "s"):
		l = l[:len(l)-1]
	default:
		return interdict.Date{}, false
	}
	if len(l) != 4 || !allDigits(l) || l[3] != '0' {
		return interdict.Date{}, false
	}
	y, _ := strconv.Atoi(l)
	return interdict.Date{Year: y + from, ToYear: y + to}, true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
