package eu

import (
	"reflect"
	"testing"

	"github.com/interdict/interdict"
)

func TestBirthdate(t *testing.T) {
	for _, c := range []struct {
		in   birthdate
		want interdict.Date
		err  string // "" for none, "-" for errNoDate
	}{
		{birthdate{Birthdate: "1965-04-14", CalendarType: "GREGORIAN", Year: "1965", Month: "4", Day: "14"}, interdict.Date{Year: 1965, Month: 4, Day: 14}, ""},
		{birthdate{Year: "1960", Circa: "true"}, interdict.Date{Year: 1960, Circa: true}, ""},
		{birthdate{Year: "1970", Month: "6"}, interdict.Date{Year: 1970, Month: 6}, ""},
		{birthdate{YearRangeFrom: "1953", YearRangeTo: "1958", Circa: "true"}, interdict.Date{Year: 1953, ToYear: 1958, Circa: true}, ""},
		{birthdate{YearRangeFrom: "1953", YearRangeTo: "1953"}, interdict.Date{Year: 1953}, ""},
		{birthdate{YearRangeTo: "1958"}, interdict.Date{}, "year range to 1958 has no start"},
		{birthdate{YearRangeFrom: "1958", YearRangeTo: "1953"}, interdict.Date{}, "impossible date 1958/1953"},
		{birthdate{Birthdate: "1982-04-19", CalendarType: "ISLAMIC", Year: "1402", Month: "6", Day: "24"}, interdict.Date{Year: 1982, Month: 4, Day: 19}, ""},
		{birthdate{Birthdate: "1402-06-24", CalendarType: "ISLAMIC", Year: "1402"}, interdict.Date{}, "ISLAMIC birthdate 1402-06-24 is not a Gregorian equivalent of year 1402"},
		{birthdate{Birthdate: "1990-01-01", CalendarType: "ISLAMIC", Year: "1402"}, interdict.Date{}, "ISLAMIC birthdate 1990-01-01 is not a Gregorian equivalent of year 1402"},
		{birthdate{CalendarType: "ISLAMIC", Year: "1402", Month: "6", Day: "24"}, interdict.Date{}, "ISLAMIC calendar date 1402-6-24 has no Gregorian birthdate, not converted"},
		{birthdate{CalendarType: "ISLAMIC"}, interdict.Date{}, "-"},
		{birthdate{Birthdate: "1982-04-19", CalendarType: "PERSIAN"}, interdict.Date{Year: 1982, Month: 4, Day: 19}, ""},
		{birthdate{Birthdate: "1965-02-30"}, interdict.Date{}, `date "1965-02-30": out of range`},
		{birthdate{Year: "abc"}, interdict.Date{}, `year "abc" is not a number`},
		{birthdate{Year: "65"}, interdict.Date{}, "impossible date 0065"},
		{birthdate{Month: "6"}, interdict.Date{}, "impossible date ????-06"},
		{birthdate{Year: "1970", Month: "13"}, interdict.Date{}, "impossible date 1970-13"},
		{birthdate{City: "Kabul"}, interdict.Date{}, "-"},
	} {
		got, err := c.in.date()
		switch {
		case c.err == "-" && err != errNoDate,
			c.err == "" && err != nil,
			c.err != "" && c.err != "-" && (err == nil || err.Error() != c.err),
			got != c.want:
			t.Errorf("%+v: got %+v, %v; want %+v, %q", c.in, got, err, c.want, c.err)
		}
	}
}

func TestPrimaryAlias(t *testing.T) {
	mk := func(id, name, strong string) nameAlias {
		return nameAlias{LogicalID: id, WholeName: name, Strong: strong}
	}
	for _, c := range []struct {
		in   []nameAlias
		want string
	}{
		{[]nameAlias{mk("161419", "Bin Khalid", "true"), mk("289", "Khalid Sheikh MOHAMMED", "true"), mk("290", "Ali Salem", "true")}, "Khalid Sheikh MOHAMMED"},
		{[]nameAlias{mk("50", "زینب", "true"), mk("100", "Zainab", "true")}, "Zainab"},
		{[]nameAlias{mk("50", "زینب", "true"), mk("10", "Zee", "false")}, "زینب"},
		{[]nameAlias{mk("x", "B", "false"), mk("", "A", "false")}, "B"},
		{[]nameAlias{mk("", "A", "true"), mk("", "B", "true")}, "A"},
	} {
		var names []interdict.Name
		for _, a := range c.in {
			n, _ := aliasName(a)
			names = append(names, n)
		}
		if got := names[primaryAlias(c.in, names)].Full; got != c.want {
			t.Errorf("primary of %+v = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestAliasName(t *testing.T) {
	for _, c := range []struct {
		in   nameAlias
		want interdict.Name
		ok   bool
	}{
		{nameAlias{WholeName: "Tionscail  Ceimiceán\nParchin", Language: "GA", Strong: "true"}, interdict.Name{Full: "Tionscail Ceimiceán Parchin", Type: interdict.NameAKA, Lang: "ga"}, true},
		{nameAlias{FirstName: "Abu", LastName: "Saleh", WholeName: "Abu Saleh", Remarks: []string{"low quality aliias"}}, interdict.Name{Full: "Abu Saleh", Type: interdict.NameWeakAKA, Given: "Abu", Family: "Saleh"}, true},
		{nameAlias{WholeName: "X", Strong: "false", Language: "not a language"}, interdict.Name{Full: "X", Type: interdict.NameWeakAKA}, true},
		{nameAlias{WholeName: "أحمد ـ علي"}, interdict.Name{Full: "أحمد علي", Type: interdict.NameAKA}, true},
		{nameAlias{WholeName: " "}, interdict.Name{Type: interdict.NameAKA}, false},
	} {
		got, ok := aliasName(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("aliasName(%+v) = %+v, %v; want %+v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	for _, r := range []string{"good quality alias", "Good quality alias", "low quality aliias", "lo quality alias", "High quality alias."} {
		if !isQualityRemark(r) {
			t.Errorf("isQualityRemark(%q) = false", r)
		}
	}
	if isQualityRemark("Parchin Chemical Factories") {
		t.Error("a name expansion taken for a quality remark")
	}
}

func TestSplitLettered(t *testing.T) {
	for in, want := range map[string][]string{
		"(a) Mullah (b) Maulavi":            {"Mullah", "Maulavi"},
		"Maulavi":                           {"Maulavi"},
		"(a) Deputy Minister, (b) Governor": {"Deputy Minister", "Governor"},
		"":                                  nil,
	} {
		if got := splitLettered(in); !reflect.DeepEqual(got, want) {
			t.Errorf("splitLettered(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRemarkLinks(t *testing.T) {
	got := remarkLinks("Part of X.\nAssociated entities: \nA Co (AC);\nB Ltd in China;\nAssociated persons: C D (an employee of A);\nE: not a list item; F")
	want := []interdict.Link{
		{Type: interdict.LinkAssociate, OtherName: "A Co", Note: "Associated entities: A Co (AC)"},
		{Type: interdict.LinkAssociate, OtherName: "B Ltd", Note: "Associated entities: B Ltd in China"},
		{Type: interdict.LinkAssociate, OtherName: "C D", Note: "Associated persons: C D (an employee of A)"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("remarkLinks\n got %+v\nwant %+v", got, want)
	}
	if l := remarkLinks("Also associated with Nasir Al-Wahishi (deceased), Qasim al-Rimi"); l != nil {
		t.Errorf("a comma list in prose became links: %+v", l)
	}
}

func TestIdentifiersAndContacts(t *testing.T) {
	var c countries
	got := identifiers(identification{Number: "123", LatinNumber: "123", TypeCode: "NRN", place: place{CountryISO2: "BE"}}, &c)
	if !reflect.DeepEqual(got, []interdict.Identifier{{Type: interdict.IDNational, Value: "123", Label: "NRN", Country: "BE"}}) {
		t.Errorf("identifiers: %+v", got)
	}
	if got := identifiers(identification{TypeCode: "passport"}, &c); got != nil {
		t.Errorf("identifier without number: %+v", got)
	}
	for _, tc := range []struct {
		code string
		want interdict.IDType
	}{{"swiftbic", interdict.IDSWIFT}, {"imo", interdict.IDIMO}, {"regnumber", interdict.IDRegistration}, {"birthcert", interdict.IDOther}, {"ssn", interdict.IDNational}} {
		if got := identifiers(identification{Number: "1", TypeCode: tc.code}, &c); got[0].Type != tc.want {
			t.Errorf("%s: %v", tc.code, got[0].Type)
		}
	}
	if got := contacts(contactInfo{Key: "phone", Value: " ; +1 2 ;"}); !reflect.DeepEqual(got, []interdict.Identifier{{Type: interdict.IDPhone, Value: "+1 2", Label: "PHONE"}}) {
		t.Errorf("contacts: %+v", got)
	}
}
