package csl

import (
	"strconv"
	"strings"

	interdict "github.com/interdict/interdict"
)

// items splits a multi-valued CSL cell at ";" and drops the "and " the
// Entity List carries over from Federal Register prose ("…; and 21
// Changsheng Street, …").
func items(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		p = strings.Join(strings.Fields(p), " ")
		if len(p) > 4 && strings.EqualFold(p[:4], "and ") {
			p = strings.TrimSpace(p[4:])
		}
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseAddress reads one address item: the parts the CSL joins with ", ",
// ending in a two-letter country code ("Badenerstrasse 791, Zurich, 8048,
// CH"), a country name ("…, Hebei, China"), or, on older US addresses, a
// state and ZIP code ("…, PHONEIX, AZ, 85043"), which the Denied Persons
// List means as the United States. The item is kept whole as Full; a
// bare country code is an address with only a country. unknown is a
// two-letter code country.Code did not know.
func parseAddress(item string, code func(string) (string, bool)) (a interdict.Address, unknown string, impliedUS bool) {
	parts := strings.Split(item, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	last := parts[len(parts)-1]
	switch {
	case isCode(last):
		if c, ok := code(last); ok {
			a.Country = c
		} else {
			unknown = last
		}
		if len(parts) == 1 {
			return a, unknown, false
		}
	case len(parts) >= 3 && isZIP(last) && usStates[parts[len(parts)-2]]:
		a.Country, impliedUS = "US", true
	case len(parts) >= 2 && len(last) > 3:
		if c, ok := code(last); ok {
			a.Country = c
		}
	}
	a.Full = item
	return a, unknown, impliedUS
}

func isZIP(s string) bool {
	if len(s) == 10 && s[5] == '-' {
		s = s[:5] + s[6:]
	}
	if len(s) != 5 && len(s) != 9 {
		return false
	}
	_, err := strconv.Atoi(s)
	return err == nil
}

// usStates are the USPS codes of the states, DC and the inhabited
// territories.
var usStates = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD
		MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY
		DC PR GU VI AS MP`) {
		usStates[s] = true
	}
}

var months = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

// parseDate reads the date forms the CSL uses: ISO "1965", "1965-07",
// "1965-07-01"; OFAC's "01 Jul 1965" and "Jul 1965"; "07/01/1965"; a
// "circa"/"approximately" prefix; and a range "1960 to 1962" or
// "1960 - 1962". It reports false for anything else.
func parseDate(s string) (interdict.Date, bool) {
	s = strings.TrimSpace(s)
	low := strings.ToLower(s)
	circa := false
	for _, p := range []string{"circa ", "approximately ", "approx. ", "c. ", "ca. "} {
		if strings.HasPrefix(low, p) {
			circa, s, low = true, strings.TrimSpace(s[len(p):]), low[len(p):]
			break
		}
	}
	for _, sep := range []string{" to ", " - "} {
		if i := strings.Index(low, sep); i > 0 {
			from, ok1 := parseDate(s[:i])
			to, ok2 := parseDate(s[i+len(sep):])
			if !ok1 || !ok2 || from.Month != 0 || to.Month != 0 {
				return interdict.Date{}, false
			}
			d := interdict.Date{Year: from.Year, ToYear: to.Year, Circa: circa}
			return d, d.Valid()
		}
	}
	var d interdict.Date
	f := strings.Fields(strings.ReplaceAll(s, "/", " "))
	switch {
	case len(f) == 1:
		x, err := interdict.ParseISODate(f[0])
		if err != nil {
			return interdict.Date{}, false
		}
		d = x
	case len(f) == 2 && months[strings.ToLower(prefix(f[0], 3))] > 0:
		y, err := strconv.Atoi(f[1])
		if err != nil || len(f[1]) != 4 {
			return interdict.Date{}, false
		}
		d = interdict.Date{Year: y, Month: months[strings.ToLower(prefix(f[0], 3))]}
	case len(f) == 3 && months[strings.ToLower(prefix(f[1], 3))] > 0:
		day, err1 := strconv.Atoi(f[0])
		y, err2 := strconv.Atoi(f[2])
		if err1 != nil || err2 != nil || len(f[2]) != 4 || day < 1 {
			return interdict.Date{}, false
		}
		d = interdict.Date{Year: y, Month: months[strings.ToLower(prefix(f[1], 3))], Day: day}
	case len(f) == 3 && strings.Contains(s, "/"):
		m, err1 := strconv.Atoi(f[0])
		day, err2 := strconv.Atoi(f[1])
		y, err3 := strconv.Atoi(f[2])
		if err1 != nil || err2 != nil || err3 != nil || len(f[2]) != 4 || m < 1 || day < 1 {
			return interdict.Date{}, false
		}
		d = interdict.Date{Year: y, Month: m, Day: day}
	default:
		return interdict.Date{}, false
	}
	d.Circa = d.Circa || circa
	return d, d.Valid() && d.Year > 0
}

func prefix(s string, n int) string {
	if len(s) < n {
		return s
	}
	return s[:n]
}
