package ftm

import (
	"slices"
	"testing"

	interdict "github.com/interdict/interdict"
)

// TestIdentify checks the identifier shapes seen in targets.simple.csv.
func TestIdentify(t *testing.T) {
	const (
		person = interdict.KindPerson
		org    = interdict.KindOrganization
		vessel = interdict.KindVessel
	)
	tests := []struct {
		kind  interdict.Kind
		value string
		typ   interdict.IDType
		label string
	}{
		{vessel, "IMO9253325", interdict.IDIMO, "IMO number"},
		{vessel, "imo 9253325", interdict.IDIMO, "IMO number"},
		{org, "IMO6495856", interdict.IDIMO, "IMO company number"},
		{vessel, "IMO92533", interdict.IDOther, "Identifier"},
		{vessel, "667001255", interdict.IDMMSI, "MMSI"},
		{vessel, "UBRS8", interdict.IDCallSign, "Call sign"},
		{vessel, "9LU2058", interdict.IDCallSign, "Call sign"},
		{vessel, "RS 150443", interdict.IDOther, "Identifier"},
		{vessel, "1234", interdict.IDOther, "Identifier"},
		{org, "1125042006462", interdict.IDRegistration, "OGRN"},
		{person, "304770000000000", interdict.IDRegistration, "OGRNIP"},
		{org, "5042126251", interdict.IDTax, "INN"},
		{person, "773006863179", interdict.IDTax, "INN"},
		{person, "2561216373", interdict.IDTax, "Tax number"},
		{person, "26823158798", interdict.IDNational, "SNILS"},
		{person, "550502370", interdict.IDOther, "Identifier"},
		{org, "5493001KJTIIGC8Y1R12", interdict.IDRegistration, "LEI"},
		{org, "SABRRUMM", interdict.IDSWIFT, "SWIFT/BIC"},
		{org, "SABRRUMM012", interdict.IDSWIFT, "SWIFT/BIC"},
		{person, "SABRRUMM", interdict.IDOther, "Identifier"},
		{org, "U52292MH2024OPC426638", interdict.IDOther, "Identifier"},
		{org, "202101009245", interdict.IDOther, "Identifier"},
		{org, "", interdict.IDOther, "Identifier"},
		{interdict.KindUnknown, "IMO1234567", interdict.IDIMO, "IMO company number"},
	}
	for _, tt := range tests {
		typ, label := identify(tt.kind, tt.value)
		if typ != tt.typ || label != tt.label {
			t.Errorf("identify(%s, %q) = %s %q, want %s %q", tt.kind, tt.value, typ, label, tt.typ, tt.label)
		}
	}
}

// TestValues checks the splitting of multi-valued simple CSV cells.
func TestValues(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"a", []string{"a"}},
		{"a;b; c ;", []string{"a", "b", "c"}},
		{`""`, nil},
		{`;"x"`, []string{"x"}},
		{`"a;b";c`, []string{"a;b", "c"}},
		{`"say ""hi""";"x"`, []string{`say "hi"`, "x"}},
		{`"unclosed;x`, []string{"unclosed;x"}},
		{`"a"tail;b`, []string{"atail", "b"}},
		{`plain "quoted" word`, []string{`plain "quoted" word`}},
		{"\"line\nbreak\"", []string{"line\nbreak"}},
	}
	for _, tt := range tests {
		if got := values(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("values(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestHelpers checks the small text helpers the notes and dates rely on.
func TestHelpers(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 5600: "5,600", 1234567: "1,234,567", -1567: "-1,567"} {
		if got := commas(n); got != want {
			t.Errorf("commas(%d) = %q, want %q", n, got, want)
		}
	}
	dates := []struct {
		in   string
		want interdict.Date
		ok   bool
	}{
		{"1965", interdict.Date{Year: 1965}, true},
		{"1965-09", interdict.Date{Year: 1965, Month: 9}, true},
		{"1965-09-21", interdict.Date{Year: 1965, Month: 9, Day: 21}, true},
		{"2026-03-13T05:41:01", interdict.Date{Year: 2026, Month: 3, Day: 13}, true},
		{"1965-13-01", interdict.Date{}, false},
		{"0000", interdict.Date{}, false},
		{"~1965", interdict.Date{}, false},
		{"21.09.1965", interdict.Date{}, false},
		{"", interdict.Date{}, false},
	}
	for _, tt := range dates {
		if got, ok := parseDate(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("parseDate(%q) = %v %v, want %v %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	for in, want := range map[string]string{"2026-03-13T05:41:01": "2026-03-13", "2026-03": "", "": "", "2026-02-30": ""} {
		if got := dayOf(in); got != want {
			t.Errorf("dayOf(%q) = %q, want %q", in, got, want)
		}
	}
}
