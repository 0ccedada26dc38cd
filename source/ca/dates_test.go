package ca

import (
	"reflect"
	"testing"
)

func TestParseDates(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		bad  bool
	}{
		{"", nil, false},
		{"1965-04-29", []string{"1965-04-29"}, false},
		{" 1953-10-27", []string{"1953-10-27"}, false},
		{"1972", []string{"1972"}, false},
		{"1971-05", []string{"1971-05"}, false},
		{"1963-1964", []string{"1963/1964"}, false},
		{"1963 or 1964", []string{"1963", "1964"}, false},
		{"1965-07-15 OR 1969-09-28", []string{"1965-07-15", "1969-09-28"}, false},
		{"born in the early 1970s", []string{"1970/1973"}, false},
		{"late 1960's", []string{"1966/1969"}, false},
		{"1980s", []string{"1980/1989"}, false},
		{"Sep-99", nil, true},
		{"1965-02-30", nil, true},
		{"1964-1963", nil, true},
		{"1972, 19x3", []string{"1972"}, true},
		{"~1960", nil, true},
	}
	for _, tt := range tests {
		dates, bad := parseDates(tt.in)
		var got []string
		for _, d := range dates {
			got = append(got, d.String())
		}
		if !reflect.DeepEqual(got, tt.want) || bad != tt.bad {
			t.Errorf("parseDates(%q) = %q, %v; want %q, %v", tt.in, got, bad, tt.want, tt.bad)
		}
	}
}
