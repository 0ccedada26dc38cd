package au

import (
	"reflect"
	"testing"
)

func TestSplitEnumerated(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Moscow, Russia", []string{"Moscow, Russia"}},
		{"a) Quetta, Pakistan b) Nimroz Province, Afghanistan", []string{"Quetta, Pakistan", "Nimroz Province, Afghanistan"}},
		{"a)  Boghra Road, Pakistan, b) Kalay Rangin, Afghanistan", []string{"Boghra Road, Pakistan", "Kalay Rangin, Afghanistan"}},
		{"a) Club b) Pub) c) Bar", []string{"Club", "Pub)", "Bar"}},
		{"a) Sudan c) South Sudan", []string{"Sudan c) South Sudan"}},
		{"a)", nil},
	}
	for _, tt := range tests {
		if got := splitEnumerated(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitEnumerated(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitCountries(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Russia", []string{"Russia"}},
		{"Russia, Ukraine", []string{"Russia", "Ukraine"}},
		{"Somalia: Sweden", []string{"Somalia", "Sweden"}},
		{"Somalia; Sweden", []string{"Somalia", "Sweden"}},
		{"a) Sudan b) South Sudan", []string{"Sudan", "South Sudan"}},
		{"Chad\n, Central African Republic", []string{"Chad", "Central African Republic"}},
		{"Bosnia and Herzegovina", []string{"Bosnia and Herzegovina"}},
	}
	for _, tt := range tests {
		if got := splitCountries(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitCountries(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAddressCountry(t *testing.T) {
	tests := []struct {
		in     string
		code   string
		single bool
	}{
		{"10 Vozdvizhenka Street, Moscow, 125009, Russia", "RU", false},
		{"Pasdaran Avenue, PO Box 19585/777, Tehran, Iran (Islamic Republic of)", "IR", false},
		{"a, Kuala Lumpur, Malaysia (as at 30 Jan. 2014)", "MY", false},
		{"Corpus 2, Building 22, Frunze Embankment, Moscow 119160 Russia", "RU", false},
		{"Block 13a, Karachi, Pakistan; Phone 4979263", "PK", false},
		{"Yemen", "YE", false},
		{"Europe", "", true},
		{"Qom, Qom Province", "", false},
		{"P.O. Box 155671311", "", false},
	}
	for _, tt := range tests {
		code, _, single := addressCountry(tt.in)
		if code != tt.code || single != tt.single {
			t.Errorf("addressCountry(%q) = %q, %v; want %q, %v", tt.in, code, single, tt.code, tt.single)
		}
	}
}

func TestSplitReference(t *testing.T) {
	tests := []struct {
		in, number, suffix string
		ok                 bool
	}{
		{"2", "2", "", true},
		{"2a", "2", "a", true},
		{"3621ah", "3621", "ah", true},
		{"0012B", "12", "b", true},
		{"", "", "", false},
		{"x12", "", "", false},
		{"12-a", "", "", false},
		{"1234567890", "", "", false},
	}
	for _, tt := range tests {
		n, s, ok := splitReference(tt.in)
		if n != tt.number || s != tt.suffix || ok != tt.ok {
			t.Errorf("splitReference(%q) = %q, %q, %v", tt.in, n, s, ok)
		}
	}
}

func TestUNReference(t *testing.T) {
	tests := []struct{ in, want string }{
		{"TAi.002. Title: a) Mullah", "TAi.002"},
		{"QDe.137. Associated with Al-Qaida (QDe.004).", "QDe.137"},
		{"KPi.053 Ri Yong Mu", "KPi.053"},
		{"SOi.001\r\nBorn", "SOi.001"},
		{"Member of the State Duma", ""},
		{"QDx.137", ""},
		{"TAi.", ""},
	}
	for _, tt := range tests {
		if got := unReference(tt.in); got != tt.want {
			t.Errorf("unReference(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPreviousNames(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Previous names include ASHER", []string{"ASHER"}},
		{"Previous names includes JAVA, SEA and OCEAN STAR. Flag: Panama", []string{"JAVA", "SEA", "OCEAN STAR"}},
		{"Flag: Panama", nil},
	}
	for _, tt := range tests {
		if got := previousNames(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("previousNames(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
