package ofac

import (
	"strings"
	"testing"

	"github.com/interdict/interdict"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want interdict.Date
		ok   bool
	}{
		{"07 Oct 1952", interdict.Date{Year: 1952, Month: 10, Day: 7}, true},
		{"7 Oct 1952", interdict.Date{Year: 1952, Month: 10, Day: 7}, true},
		{"Oct 1952", interdict.Date{Year: 1952, Month: 10}, true},
		{"1952", interdict.Date{Year: 1952}, true},
		{"circa 1952", interdict.Date{Year: 1952, Circa: true}, true},
		{"circa 01 Jul 1950", interdict.Date{Year: 1950, Month: 7, Day: 1, Circa: true}, true},
		{"1960 to 1962", interdict.Date{Year: 1960, ToYear: 1962}, true},
		{"01 Jan 1960 to 31 Dec 1962", interdict.Date{Year: 1960, ToYear: 1962}, true},
		{"01 Mar 1970 to 31 Mar 1970", interdict.Date{Year: 1970, Month: 3}, true},
		{"01 Jan 1970 to 31 Dec 1970", interdict.Date{Year: 1970}, true},
		{"Mar 1970 to Mar 1970", interdict.Date{Year: 1970, Month: 3}, true},
		{"05 May 1980 to 05 May 1980", interdict.Date{Year: 1980, Month: 5, Day: 5}, true},
		{"circa 1958-1960", interdict.Date{Year: 1958, ToYear: 1960, Circa: true}, true},
		{"21 August 2006", interdict.Date{Year: 2006, Month: 8, Day: 21}, true},
		{"29 Feb 1964", interdict.Date{Year: 1964, Month: 2, Day: 29}, true},
		{"1962 to 1960", interdict.Date{}, false},
		{"31 Feb 1964", interdict.Date{}, false},
		{"32 Jan 1964", interdict.Date{}, false},
		{"Jan", interdict.Date{}, false},
		{"62", interdict.Date{}, false},
		{"1 2 3 4", interdict.Date{}, false},
		{"1952 Oct 07", interdict.Date{}, false},
		{"", interdict.Date{}, false},
		{"circa", interdict.Date{}, false},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("parseDate(%q) = %+v %v, want %+v %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSplitFields(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		err  bool
	}{
		{`36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA"`, []string{"36", "AEROCARIBBEAN AIRLINES", "", "CUBA"}, false},
		{`1,"a, b",c`, []string{"1", "a, b", "c"}, false},
		{`1,"he said ""hi""",c`, []string{"1", `he said "hi"`, "c"}, false},
		{`1,"the "BIG" one",c`, []string{"1", `the "BIG" one`, "c"}, false},
		{`1," keep spaces ", trimmed `, []string{"1", " keep spaces ", "trimmed"}, false},
		{`1,"-0- ",x`, []string{"1", "", "x"}, false},
		{`1,,`, []string{"1", "", ""}, false},
		{`1,"x" ,y`, []string{"1", "x", "y"}, false},
		{``, []string{""}, false},
		{`1,"open`, nil, true},
		{`1,"open ""quoted""`, nil, true},
	}
	for _, tt := range tests {
		got, err := splitFields(tt.in, nil)
		if (err != nil) != tt.err {
			t.Errorf("splitFields(%q) err = %v", tt.in, err)
			continue
		}
		if !tt.err && strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("splitFields(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDecodeLine(t *testing.T) {
	for in, want := range map[string]string{
		"plain":          "plain",
		"CAF\xc9":        "CAFÉ", // Windows-1252
		"\x93quoted\x94": "\u201cquoted\u201d",
		"CAF\xc3\x89":    "CAFÉ", // already UTF-8
	} {
		if got := decodeLine([]byte(in)); got != want {
			t.Errorf("decodeLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMatchLabel(t *testing.T) {
	tests := []struct {
		seg, label, value string
	}{
		{"DOB 07 Oct 1952", "DOB", "07 Oct 1952"},
		{"Identification Number IMO 5342883", "Identification Number IMO", "5342883"},
		{"Identification Number 2.194.575 (Paraguay)", "Identification Number", "2.194.575 (Paraguay)"},
		{"Vessel Registration Identification IMO 9187629", "Vessel Registration Identification IMO", "9187629"},
		{"Email:adelb@shabakah.net.sa", "Email", "adelb@shabakah.net.sa"},
		{"EMAIL kdb@co.chesin.com", "Email", "kdb@co.chesin.com"},
		{"Alternate Title, Colonel", "Alternate Title", "Colonel"},
		{"Linked To: HAMAS", "Linked To", "HAMAS"},
		{"Nationality of Registration Russia", "Nationality of Registration", "Russia"},
		{"nationality Russia", "nationality", "Russia"},
		{"Passports 12", "", ""},
		{"Director of PALESTINE LIBERATION FRONT", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		l, v := matchLabel(tt.seg)
		got := ""
		if l != nil {
			got = l.text
		}
		if got != tt.label || v != tt.value {
			t.Errorf("matchLabel(%q) = %q %q, want %q %q", tt.seg, got, v, tt.label, tt.value)
		}
	}
}

func TestSplitIDValue(t *testing.T) {
	tests := []struct {
		in                string
		val, ctry, note   string
		withoutCountryVal string
	}{
		{"A1234567 (Iran) issued 01 Jan 2001 expires 31 Dec 2010", "A1234567", "Iran", "issued 01 Jan 2001 expires 31 Dec 2010", "A1234567 (Iran)"},
		{"HRA 738077 (Stuttgart) (Germany)", "HRA 738077 (Stuttgart)", "Germany", "", "HRA 738077 (Stuttgart) (Germany)"},
		{"12345 (Congo, Democratic Republic of the)", "12345", "Congo, Democratic Republic of the", "", "12345 (Congo, Democratic Republic of the)"},
		{"(98)(21)(66153220)", "(98)(21)(66153220)", "", "", "(98)(21)(66153220)"},
		{"9113100033607322XK (USCC)", "9113100033607322XK (USCC)", "", "", "9113100033607322XK (USCC)"},
		{"0310857, Eritrea, Issue Date 21 August 2006", "0310857, Eritrea", "", "Issue Date 21 August 2006", "0310857, Eritrea"},
		{"G025057 issued 23 Jun 1999 expires 05 Feb 2004", "G025057", "", "issued 23 Jun 1999 expires 05 Feb 2004", "G025057"},
	}
	for _, tt := range tests {
		val, ctry, note := splitIDValue(tt.in, true)
		if val != tt.val || ctry != tt.ctry || note != tt.note {
			t.Errorf("splitIDValue(%q) = %q %q %q, want %q %q %q", tt.in, val, ctry, note, tt.val, tt.ctry, tt.note)
		}
		if val, ctry, _ := splitIDValue(tt.in, false); val != tt.withoutCountryVal || ctry != "" {
			t.Errorf("splitIDValue(%q, false) = %q %q", tt.in, val, ctry)
		}
	}
}

// TestApplyRemarks runs single remarks through the remark parser.
func TestApplyRemarks(t *testing.T) {
	tests := []struct {
		name   string
		kind   interdict.Kind
		remark string
		check  func(*interdict.Entity) bool
	}{
		{"weak alias with apostrophes", interdict.KindPerson, "a.k.a. 'ABU 'ABD AL-'AZIZ'.", func(e *interdict.Entity) bool {
			return len(e.Names) == 1 && e.Names[0].Full == "ABU 'ABD AL-'AZIZ" && e.Names[0].Type == interdict.NameWeakAKA
		}},
		{"nested quotes", interdict.KindOrganization, "a.k.a. 'SUE RC 'KMP''.", func(e *interdict.Entity) bool {
			return len(e.Names) == 1 && e.Names[0].Full == "SUE RC 'KMP'"
		}},
		{"cut alias dropped", interdict.KindPerson, "a.k.a. 'WHOIS HACKIN", func(e *interdict.Entity) bool { return len(e.Names) == 0 }},
		{"d.b.a.", interdict.KindOrganization, "d.b.a. 'ANARQUIA PAINTBALL'.", func(e *interdict.Entity) bool {
			return len(e.Names) == 1 && e.Names[0].Type == interdict.NameWeakAKA
		}},
		{"company national id is a registration", interdict.KindOrganization, "National ID No. 10100834405 (Iran).", func(e *interdict.Entity) bool {
			return len(e.Identifiers) == 1 && e.Identifiers[0].Type == interdict.IDRegistration && e.Identifiers[0].Country == "IR"
		}},
		{"free text after a label is no identifier", interdict.KindPerson, "Passport issued in Sarajevo, Bosnia-Herzegovina; Passport and National ID were issued in Ulm, Germany.", func(e *interdict.Entity) bool {
			return len(e.Identifiers) == 0
		}},
		{"crypto", interdict.KindPerson, "Digital Currency Address - XBT 1Kuf2Rd8mDyAViwBozGTNYnvWL8uYFrkVo; alt. Digital Currency Address - ETH 0xa0e1c89Ef1a489c9C7dE96311eD5Ce5D32c20E4B.", func(e *interdict.Entity) bool {
			return len(e.Identifiers) == 2 && e.Identifiers[1].Label == "Digital Currency Address - ETH" && e.Identifiers[1].Value == "0xa0e1c89Ef1a489c9C7dE96311eD5Ce5D32c20E4B"
		}},
		{"tail number without digits", interdict.KindAircraft, "Aircraft Tail Number YI-BAN.", func(e *interdict.Entity) bool {
			return len(e.Identifiers) == 1 && e.Identifiers[0].Type == interdict.IDAircraftTail
		}},
		{"XML link", interdict.KindVessel, "(Linked To: NATIONAL IRANIAN TANKER COMPANY)", func(e *interdict.Entity) bool {
			return len(e.Links) == 1 && e.Links[0].OtherName == "NATIONAL IRANIAN TANKER COMPANY"
		}},
		{"links repeat", interdict.KindPerson, "Linked To: A; Linked To: B; Linked To: A.", func(e *interdict.Entity) bool { return len(e.Links) == 2 }},
		{"gender", interdict.KindPerson, "Gender Female.", func(e *interdict.Entity) bool { return e.Gender == interdict.GenderFemale }},
		{"rank and title", interdict.KindPerson, "Rank Brigadier General; Title Basij Deputy Commander.", func(e *interdict.Entity) bool {
			return strings.Join(e.Titles, "|") == "Brigadier General|Basij Deputy Commander"
		}},
		{"established", interdict.KindOrganization, "Organization Established Date Oct 1920.", func(e *interdict.Entity) bool {
			return len(e.BirthDates) == 1 && e.BirthDates[0] == interdict.Date{Year: 1920, Month: 10}
		}},
		{"semicolon without space", interdict.KindPerson, "nationality possibly Palestinian;arrested 23 Apr 2002; DOB 1970.", func(e *interdict.Entity) bool {
			return len(e.BirthDates) == 1 && e.BirthDates[0].Year == 1970
		}},
		{"nothing", interdict.KindPerson, "", func(e *interdict.Entity) bool { return len(e.Names)+len(e.Identifiers)+len(e.Links) == 0 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBuilder()
			e := &interdict.Entity{Kind: tt.kind}
			b.applyRemarks(e, tt.remark)
			if !tt.check(e) {
				t.Errorf("entity = %+v", e)
			}
		})
	}
}

func TestNameOf(t *testing.T) {
	tests := []struct {
		full          string
		person        bool
		family, given string
		script        interdict.Script
	}{
		{"PUTIN, Vladimir Vladimirovich", true, "PUTIN", "Vladimir Vladimirovich", interdict.ScriptLatin},
		{"HAMZA", true, "", "", interdict.ScriptLatin},
		{"ANGLO-CARIBBEAN CO., LTD.", false, "", "", interdict.ScriptLatin},
		{", x", true, "", "", interdict.ScriptLatin},
		{"ПУТИН, Владимир", true, "ПУТИН", "Владимир", ""},
		{"123", false, "", "", interdict.ScriptUnknown},
	}
	for _, tt := range tests {
		n := nameOf(tt.full, interdict.NameAKA, tt.person)
		if n.Family != tt.family || n.Given != tt.given || n.Script != tt.script {
			t.Errorf("nameOf(%q) = %+v", tt.full, n)
		}
	}
}

func TestLinkKey(t *testing.T) {
	for in, want := range map[string]string{
		"HAMAS":                              "HAMAS",
		"  PUTIN, Vladimir   Vladimirovich ": "PUTIN, VLADIMIR VLADIMIROVICH",
		"A\tB":                               "A B",
	} {
		if got := linkKey(in); got != want {
			t.Errorf("linkKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCommas(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1567: "1,567", 1234567: "1,234,567"} {
		if got := commas(n); got != want {
			t.Errorf("commas(%d) = %q", n, got)
		}
	}
}
