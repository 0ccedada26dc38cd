package au

import (
	"reflect"
	"testing"
)

func TestParseBirthDates(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		bad  []string
	}{
		{"", nil, nil},
		{"24473", []string{"1967-01-01"}, nil},
		{"9157", []string{"1925-01-25"}, nil},
		{"1963", []string{"1963"}, nil},
		{"1945, 1946,1947.1948", []string{"1945", "1946", "1947", "1948"}, nil},
		{"11/04/1963, 1/01/1960\u00a0\u00a0", []string{"1963-04-11", "1960-01-01"}, nil},
		{"08/1977, 09/1977; 1976", []string{"1977-08", "1977-09", "1976"}, nil},
		{"27/05/1973 01/01/1975", []string{"1973-05-27", "1975-01-01"}, nil},
		{"1961,\n/02/1961,\n13/03/1961", []string{"1961", "1961-02", "1961-03-13"}, nil},
		{"Approximately 1960, 1966", []string{"~1960", "1966"}, nil},
		{"5 May 1957, April 1957, 31 December 1961", []string{"1957-05-05", "1957-04", "1961-12-31"}, nil},
		{"Between 1963 and 1968", []string{"1963/1968"}, nil},
		{"1944,", []string{"1944"}, nil},
		{"19/04/1982, 24/06/1402", []string{"1982-04-19"}, []string{"24/06/1402"}},
		{"7/02/1950/11/1950 08/08/1945", []string{"1945-08-08"}, []string{"7/02/1950/11/1950"}},
		{"10/061962", nil, []string{"10/061962"}},
		{"31/02/1970", nil, []string{"31/02/1970"}},
		{"unknown", nil, []string{"unknown"}},
		{"1965-07-15", []string{"1965-07-15"}, nil},
	}
	for _, tt := range tests {
		ds, bad := parseBirthDates(tt.in)
		if got := dates(ds); !reflect.DeepEqual(got, tt.want) || !reflect.DeepEqual(bad, tt.bad) {
			t.Errorf("parseBirthDates(%q) = %q, bad %q; want %q, bad %q", tt.in, got, bad, tt.want, tt.bad)
		}
	}
}

func TestListingDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Listed by UN 1267 Committee on 25 January 2001 (amended on 20 December 2005)", "2001-01-25"},
		{"Listed on: 5 Aug. 2016 (Relisted on 9 Aug. 2017)", "2016-08-05"},
		{"Designated under the Autonomous Sanctions Regulations 2011 on 21 March 2014", "2014-03-21"},
		{"Autonomous Sanctions (Designated Persons) Amendment (No. 10) Instrument 2023", ""},
		{"41340", "2013-03-07"},
		{"", ""},
	}
	for _, tt := range tests {
		d, ok := listingDate(tt.in)
		if got := d.String(); got != tt.want || ok != (tt.want != "") {
			t.Errorf("listingDate(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestControlDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"46077", "2026-02-24"},
		{"46077.5", "2026-02-24"},
		{"24/02/2026", "2026-02-24"},
		{"2026", ""},
		{"60", ""},
		{"x", ""},
	}
	for _, tt := range tests {
		d, ok := controlDate(tt.in)
		if got := d.String(); got != tt.want || ok != (tt.want != "") {
			t.Errorf("controlDate(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}
