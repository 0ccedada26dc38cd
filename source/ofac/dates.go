package ofac

import (
	"strings"

	"github.com/interdict/interdict"
)

// monthNumbers maps OFAC's month abbreviations (and the full names that
// appear in a few older remarks) to month numbers.
var monthNumbers = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	"january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

// parseDate reads the date forms OFAC writes after DOB and the other date
// labels: "07 Oct 1952", "Oct 1952", "1952", "circa 1952", ranges "1960 to
// 1962" and "01 Jan 1960 to 31 Dec 1962", and "circa 1958-1960". The domain
// Date only ranges over years, so a range within one month keeps the month,
// a range within one year keeps the year, and a longer range becomes
// Year..ToYear.
func parseDate(s string) (interdict.Date, bool) {
	s = strings.TrimSpace(s)
	circa := false
	if len(s) > 6 && strings.EqualFold(s[:6], "circa ") {
		circa = true
		s = strings.TrimSpace(s[6:])
	}
	var d interdict.Date
	var ok bool
	if i := strings.Index(s, " to "); i >= 0 {
		d, ok = parseRange(s[:i], s[i+4:])
	} else if len(s) == 9 && s[4] == '-' && isDigits(s[:4]) && isDigits(s[5:]) {
		d, ok = parseRange(s[:4], s[5:])
	} else {
		d, ok = parseSingleDate(s)
	}
	if !ok {
		return interdict.Date{}, false
	}
	d.Circa = circa
	return d, true
}

func parseRange(from, to string) (interdict.Date, bool) {
	a, ok1 := parseSingleDate(from)
	b, ok2 := parseSingleDate(to)
	if !ok1 || !ok2 || b.Year < a.Year {
		return interdict.Date{}, false
	}
	switch {
	case a == b:
		return a, true
	case a.Year == b.Year && a.Month == b.Month && a.Month != 0:
		return interdict.Date{Year: a.Year, Month: a.Month}, true
	case a.Year == b.Year:
		return interdict.Date{Year: a.Year}, true
	}
	return interdict.Date{Year: a.Year, ToYear: b.Year}, true
}

// parseSingleDate reads "DD Mon YYYY", "Mon YYYY" or "YYYY".
func parseSingleDate(s string) (interdict.Date, bool) {
	var f [4]string
	n := 0
	for w := range strings.FieldsSeq(s) {
		if n == len(f) {
			return interdict.Date{}, false
		}
		f[n] = w
		n++
	}
	var d interdict.Date
	switch n {
	case 1:
		d.Year = year(f[0])
	case 2:
		d.Month = month(f[0])
		d.Year = year(f[1])
		if d.Month == 0 {
			return interdict.Date{}, false
		}
	case 3:
		d.Day = atoi(f[0], 2)
		d.Month = month(f[1])
		d.Year = year(f[2])
		if d.Day == 0 || d.Month == 0 {
			return interdict.Date{}, false
		}
	default:
		return interdict.Date{}, false
	}
	if d.Year == 0 || !d.Valid() {
		return interdict.Date{}, false
	}
	return d, true
}

func year(s string) int {
	if len(s) != 4 {
		return 0
	}
	return atoi(s, 4)
}

func month(s string) int {
	s = strings.TrimSuffix(s, ".")
	if len(s) < 3 || len(s) > 9 {
		return 0
	}
	var buf [9]byte
	for i := 0; i < len(s); i++ {
		buf[i] = lower(s[i])
	}
	return monthNumbers[string(buf[:len(s)])]
}

// atoi reads a positive decimal of at most maxDigits digits; anything else is 0.
func atoi(s string, maxDigits int) int {
	if s == "" || len(s) > maxDigits {
		return 0
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

func isDigits(s string) bool {
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

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
