package dod

import (
	"time"

	interdict "github.com/interdict/interdict"
)

// now is the clock the plausibility check reads; tests pin it.
var now = time.Now

// parseDate reads the transcription's ISO dates ("2021-06-03", or a
// partial "2021-06"); it reports false for anything else.
func parseDate(s string) (interdict.Date, bool) {
	d, err := interdict.ParseISODate(s)
	if err != nil || d.Circa || d.ToYear != 0 {
		return interdict.Date{}, false
	}
	return d, true
}

// plausible reports whether d can be a date the list changed: a full date
// from 2020 (the first 1260H list was published in 2020) up to tomorrow.
func plausible(d interdict.Date) bool {
	if d.Year < 2020 || d.Month == 0 || d.Day == 0 {
		return false
	}
	t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
	return !t.After(now().UTC().AddDate(0, 0, 1))
}

// later reports whether a is after b; zero dates are never after.
func later(a, b interdict.Date) bool { return a.String() > b.String() }
