package un

import (
	"testing"

	"github.com/interdict/interdict"
)

func TestBirthDate(t *testing.T) {
	for _, c := range []struct {
		in   birthDate
		want interdict.Date
		err  bool
	}{
		{birthDate{Type: "EXACT", Date: "1965-04-14"}, interdict.Date{Year: 1965, Month: 4, Day: 14}, false},
		{birthDate{Type: "EXACT", Year: "1971"}, interdict.Date{Year: 1971}, false},
		{birthDate{Type: "APPROXIMATELY", Year: "1966"}, interdict.Date{Year: 1966, Circa: true}, false},
		{birthDate{Type: "APPROXIMATELY", Date: "1964-01-01"}, interdict.Date{Year: 1964, Month: 1, Day: 1, Circa: true}, false},
		{birthDate{Type: "BETWEEN", FromYear: "1960", ToYear: "1962"}, interdict.Date{Year: 1960, ToYear: 1962}, false},
		{birthDate{Type: "BETWEEN", FromYear: "1960", ToYear: "1962", Note: "Approximately "}, interdict.Date{Year: 1960, ToYear: 1962, Circa: true}, false},
		{birthDate{Type: "BETWEEN", FromYear: "1960", ToYear: "1960"}, interdict.Date{Year: 1960}, false},
		{birthDate{Type: "BETWEEN", FromYear: "1962", ToYear: "1960"}, interdict.Date{}, true},
		{birthDate{Type: "BETWEEN", FromYear: "1962"}, interdict.Date{}, true},
		{birthDate{Type: "EXACT", Note: "Nov. 1973 "}, interdict.Date{Year: 1973, Month: 11}, false},
		{birthDate{Type: "EXACT", Note: "August 1961"}, interdict.Date{Year: 1961, Month: 8}, false},
		{birthDate{Type: "EXACT", Note: "Between Aug. and Sep. 1977"}, interdict.Date{Year: 1977}, false},
		{birthDate{Type: "EXACT", Year: "1958", Note: "Sep."}, interdict.Date{Year: 1958, Month: 9}, false},
		{birthDate{Type: "EXACT", Date: "1979-03-03", Note: "from false passport"}, interdict.Date{Year: 1979, Month: 3, Day: 3}, false},
		{birthDate{Type: "EXACT", Note: "24/06/1402 (Hijri Calendar)"}, interdict.Date{}, true},
		{birthDate{Type: "APPROXIMATELY", Note: "30-35 years old"}, interdict.Date{}, true},
		{birthDate{Type: "EXACT", Date: "1975-02-30"}, interdict.Date{}, true},
		{birthDate{Type: "EXACT", Year: "75"}, interdict.Date{}, true},
		{birthDate{Type: "EXACT", Date: "circa 1960"}, interdict.Date{}, true},
	} {
		got, err := c.in.date()
		if (err != nil) != c.err || got != c.want {
			t.Errorf("%+v: got %+v, %v; want %+v, error %v", c.in, got, err, c.want, c.err)
		}
	}
	if _, err := (birthDate{}).date(); err != errNoDate {
		t.Errorf("empty birth date: err %v, want errNoDate", err)
	}
}

func TestParseDay(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
		err  bool
	}{
		{"2012-12-31", "2012-12-31", false},
		{"2015-03-27-04:00", "2015-03-27", false},
		{"2026-02-27T00:00:09.554Z", "2026-02-27", false},
		{" 2001 ", "2001", false},
		{"27/03/2015", "", true},
		{"2015-13-01", "", true},
	} {
		d, err := parseDay(c.in)
		if (err != nil) != c.err || d.String() != c.want {
			t.Errorf("parseDay(%q) = %v, %v; want %q, error %v", c.in, d, err, c.want, c.err)
		}
	}
}
