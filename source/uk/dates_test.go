package uk

import (
	"testing"

	"github.com/interdict/interdict"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want interdict.Date
		ok   bool
	}{
		{"", interdict.Date{}, true},
		{"26/04/1954", interdict.Date{Year: 1954, Month: 4, Day: 26}, true},
		{"00/00/1965", interdict.Date{Year: 1965}, true},
		{"00/05/1965", interdict.Date{Year: 1965, Month: 5}, true},
		{"15/00/1965", interdict.Date{Year: 1965}, true},
		{"dd/mm/1945", interdict.Date{Year: 1945}, true},
		{"05/1965", interdict.Date{Year: 1965, Month: 5}, true},
		{"1946", interdict.Date{Year: 1946}, true},
		{" 12/05/1958 ", interdict.Date{Year: 1958, Month: 5, Day: 12}, true},
		{"29/02/1960", interdict.Date{Year: 1960, Month: 2, Day: 29}, true},
		{"25569", interdict.Date{Year: 1970, Month: 1, Day: 1}, true}, // Excel serial
		{"31/02/1960", interdict.Date{}, false},
		{"00/00/0000", interdict.Date{}, false},
		{"13/13/1960", interdict.Date{}, false},
		{"1/2/3/4", interdict.Date{}, false},
		{"//1960", interdict.Date{}, false},
		{"circa 1960", interdict.Date{}, false},
		{"19601", interdict.Date{Year: 1953, Month: 8, Day: 30}, true},
		{"abcde", interdict.Date{}, false},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseDate(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestEarlier(t *testing.T) {
	a := interdict.Date{Year: 2020, Month: 1, Day: 2}
	b := interdict.Date{Year: 2020, Month: 1, Day: 3}
	if !earlier(a, b) || earlier(b, a) || earlier(interdict.Date{}, a) || !earlier(a, interdict.Date{}) {
		t.Error("earlier is wrong")
	}
}
