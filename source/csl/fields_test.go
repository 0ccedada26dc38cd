package csl

import (
	"slices"
	"testing"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/country"
)

func TestParseIDItem(t *testing.T) {
	tests := []struct {
		in         string
		labelFirst bool
		want       idItem
	}{
		// Current layout: type, number, country.
		{"Passport, 836238033, KP", true, idItem{id: interdict.Identifier{Type: interdict.IDPassport, Value: "836238033", Label: "Passport", Country: "KP"}}},
		{"Registration ID, C122790", true, idItem{id: interdict.Identifier{Type: interdict.IDRegistration, Value: "C122790", Label: "Registration ID"}}},
		{"Gender, Male", true, idItem{gender: interdict.GenderMale}},
		{"Secondary sanctions risk:, Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 and/or 589.209", true,
			idItem{feature: "Secondary sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 and/or 589.209"}},
		{"Executive Order 13662 Directive Determination -, Subject to Directive 2", true,
			idItem{feature: "Executive Order 13662 Directive Determination: Subject to Directive 2"}},
		{"V.A.T. Number, CHE-267.936.404, CH", true, idItem{id: interdict.Identifier{Type: interdict.IDTax, Value: "CHE-267.936.404", Label: "V.A.T. Number", Country: "CH"}}},
		{"National ID No., 12345, XZ", true, idItem{id: interdict.Identifier{Type: interdict.IDNational, Value: "12345", Label: "National ID No."}, country: "XZ"}},
		// Older layout: [country, ]number, type.
		{"US, 80-0890696, Tax ID No.", false, idItem{id: interdict.Identifier{Type: interdict.IDTax, Value: "80-0890696", Label: "Tax ID No.", Country: "US"}}},
		{"5030056754, Tax ID No.", false, idItem{id: interdict.Identifier{Type: interdict.IDTax, Value: "5030056754", Label: "Tax ID No."}}},
		{"CO, 811038291-3, NIT #", false, idItem{id: interdict.Identifier{Type: interdict.IDTax, Value: "811038291-3", Label: "NIT #", Country: "CO"}}},
		{"IMO 8898831, Vessel Registration Identification", false, idItem{id: interdict.Identifier{Type: interdict.IDIMO, Value: "8898831", Label: "Vessel Registration Identification"}}},
		{"Panama, Former Vessel Flag", false, idItem{feature: "Former Vessel Flag: Panama"}},
		{"Subject to Secondary Sanctions, Additional Sanctions Information -", false, idItem{feature: "Additional Sanctions Information: Subject to Secondary Sanctions"}},
		{"North Korea Sanctions Regulations, sections 510.201 and 510.210, Secondary sanctions risk:", false,
			idItem{feature: "Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210"}},
		{"www.aictc.ir, Website", false, idItem{id: interdict.Identifier{Type: interdict.IDWebsite, Value: "www.aictc.ir", Label: "Website"}}},
		{"transneft@ak.transneft.ru, Email Address", false, idItem{id: interdict.Identifier{Type: interdict.IDEmail, Value: "transneft@ak.transneft.ru", Label: "Email Address"}}},
		// Either order is recognised whatever the layout says.
		{"RKBZCHZZ, SWIFT/BIC", true, idItem{id: interdict.Identifier{Type: interdict.IDSWIFT, Value: "RKBZCHZZ", Label: "SWIFT/BIC"}}},
		{"Email Address, a@b.c", false, idItem{id: interdict.Identifier{Type: interdict.IDEmail, Value: "a@b.c", Label: "Email Address"}}},
		// A label nobody knows: the layout decides.
		{"Kennitala, 123", true, idItem{id: interdict.Identifier{Type: interdict.IDOther, Value: "123", Label: "Kennitala"}}},
		{"LONELYVALUE", true, idItem{id: interdict.Identifier{Type: interdict.IDOther, Value: "LONELYVALUE"}}},
	}
	for _, tt := range tests {
		got, ok := parseIDItem(tt.in, tt.labelFirst, country.Code)
		if !ok || got != tt.want {
			t.Errorf("parseIDItem(%q, %v) = %+v, %v, want %+v", tt.in, tt.labelFirst, got, ok, tt.want)
		}
	}
	if _, ok := parseIDItem(" , ", true, country.Code); ok {
		t.Error("empty item accepted")
	}
}

func TestParseAddress(t *testing.T) {
	tests := []struct {
		in      string
		want    interdict.Address
		unknown string
		us      bool
	}{
		{"Badenerstrasse 791, Zurich, 8048, CH", interdict.Address{Full: "Badenerstrasse 791, Zurich, 8048, CH", Country: "CH"}, "", false},
		{"CN", interdict.Address{Country: "CN"}, "", false},
		{"XZ", interdict.Address{}, "XZ", false},
		{"1 Road, Town, XZ", interdict.Address{Full: "1 Road, Town, XZ"}, "XZ", false},
		{"113 Hezuo Road, Shijiazhuang, Hebei, China", interdict.Address{Full: "113 Hezuo Road, Shijiazhuang, Hebei, China", Country: "CN"}, "", false},
		{"3037 S. 69TH DRIVE, PHONEIX, AZ, 85043", interdict.Address{Full: "3037 S. 69TH DRIVE, PHONEIX, AZ, 85043", Country: "US"}, "", true},
		{"1 Main St, Springfield, IL, 62701-1234", interdict.Address{Full: "1 Main St, Springfield, IL, 62701-1234", Country: "US"}, "", true},
		{"Meiktila", interdict.Address{Full: "Meiktila"}, "", false},
	}
	for _, tt := range tests {
		a, unknown, us := parseAddress(tt.in, country.Code)
		if a != tt.want || unknown != tt.unknown || us != tt.us {
			t.Errorf("parseAddress(%q) = %+v %q %v, want %+v %q %v", tt.in, a, unknown, us, tt.want, tt.unknown, tt.us)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := map[string]string{
		"1965":               "1965",
		"1965-07-01":         "1965-07-01",
		"circa 1960":         "~1960",
		"Approximately 1960": "~1960",
		"1960 to 1962":       "1960/1962",
		"01 Jan 1950":        "1950-01-01",
		"Feb 1951":           "1951-02",
		"03/04/1952":         "1952-03-04",
		"31 Feb 1950":        "",
		"1962 to 1960":       "",
		"sometime":           "",
		"":                   "",
		"0000":               "",
	}
	for in, want := range tests {
		d, ok := parseDate(in)
		if got := d.String(); (want == "") == ok || (ok && got != want) {
			t.Errorf("parseDate(%q) = %q, %v, want %q", in, got, ok, want)
		}
	}
}

func TestNames(t *testing.T) {
	type nm = []string
	str := func(ns []interdict.Name) nm {
		var out nm
		for _, n := range ns {
			out = append(out, string(n.Type)+":"+n.Full)
		}
		return out
	}
	names, remark := splitName("Sinobright Import and Export Company; and any successor, sub-unit, or subsidiary thereof")
	if !slices.Equal(str(names), nm{"primary:Sinobright Import and Export Company"}) || remark != "Includes any successor, sub-unit, or subsidiary thereof" {
		t.Errorf("successor: %q %q", str(names), remark)
	}
	names, _ = splitName("Gulf Eagle Contracting (GEC); Gulf Eagle LLC")
	if !slices.Equal(str(names), nm{"primary:Gulf Eagle Contracting", "aka:GEC", "aka:Gulf Eagle LLC"}) {
		t.Errorf("acronym: %q", str(names))
	}
	alts := splitAltNames("China Electronics Technology Group Corp. (CETC) 54th Research Institute; Communication, Telemetry and Telecontrol Research Institute (CTI); and Shijiazhuang Communication Observation and Control Technology Institute.; f.k.a. Old Name Co.")
	want := nm{
		"aka:China Electronics Technology Group Corp. (CETC) 54th Research Institute",
		"aka:Communication, Telemetry and Telecontrol Research Institute", "aka:CTI",
		"aka:Shijiazhuang Communication Observation and Control Technology Institute",
		"fka:Old Name Co.",
	}
	if !slices.Equal(str(alts), want) {
		t.Errorf("alt names %q", str(alts))
	}
	for in, want := range map[string]string{
		"Institute.": "Institute", "Co.": "Co.", "Ltd.": "Ltd.", "S.A.": "S.A.", "Institute 13.": "Institute 13", "Jr.": "Jr.", ".": ".",
	} {
		if got := trimStop(in); got != want {
			t.Errorf("trimStop(%q) = %q, want %q", in, got, want)
		}
	}
	parts := []struct{ full, family, given string }{
		{"RIM, Ryong Nam", "RIM", "Ryong Nam"},
		{"SMITH, JR.", "", ""},
		{"A, B, C", "", ""},
		{"Mohammed ABU JHEISHEH", "", ""},
		{", X", "", ""},
	}
	for _, p := range parts {
		n := interdict.Name{Full: p.full}
		personParts(&n)
		if n.Family != p.family || n.Given != p.given {
			t.Errorf("personParts(%q) = %q %q", p.full, n.Family, n.Given)
		}
	}
}

func TestParseList(t *testing.T) {
	tests := map[string]list{
		"Entity List (EL) - Bureau of Industry and Security":             {"EL", "Entity List"},
		"Military End User (MEU) List - Bureau of Industry and Security": {"MEU", "Military End User List"},
		"Specially Designated Nationals (SDN) - Treasury Department":     {"SDN", "Specially Designated Nationals"},
		"Denied Persons List":                  {"DPL", "Denied Persons List"},
		"Some New List - Department of Things": {"SNL", "Some New List"},
		"":                                     {"CSL", ""},
	}
	for in, want := range tests {
		if got := parseList(in); got != want {
			t.Errorf("parseList(%q) = %+v, want %+v", in, got, want)
		}
	}
}

func TestLinkedTo(t *testing.T) {
	got := linkedTo("For more information …; (Linked To: ROSTEC); (Linked To: QASEMI, Rostam); (Linked To: A (B) C) (Linked To: broken")
	if !slices.Equal(got, []string{"ROSTEC", "QASEMI, Rostam", "A (B) C"}) {
		t.Errorf("linkedTo = %q", got)
	}
}
