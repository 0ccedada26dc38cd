package eu

import (
	"reflect"
	"testing"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/source/internal/loadtest"
)

// TestParseRealFile checks the golden counts of the 5-record excerpt of
// the official file of 2026-08-05 and what each record must give.
func TestParseRealFile(t *testing.T) {
	l := loadtest.ParseFile(t, Parse, shared.Data(t, "eu_fsf_excerpt", "sample_eu_fsf.xml"))
	st := l.Stats()
	want := interdict.Stats{Records: 5, Entities: 5, Names: 45, Identifiers: 9, Links: 14, Rejects: 0,
		ByKind: map[interdict.Kind]int{interdict.KindPerson: 4, interdict.KindOrganization: 1}}
	if !reflect.DeepEqual(st, want) {
		t.Errorf("stats %+v, want %+v", st, want)
	}
	if l.Published != "2026-08-05" || l.Source != "eu" || len(l.Notes) != 0 {
		t.Errorf("Published %q Source %q Notes %q", l.Published, l.Source, l.Notes)
	}

	es := loadtest.ByID(l)
	get := func(id string) *interdict.Entity {
		e := es[id]
		if e == nil {
			t.Fatalf("%s missing", id)
		}
		return e
	}

	ksm := get("eu:EU.3579.2")
	for _, c := range []struct {
		what      string
		got, want any
	}{
		{"KSM primary", ksm.Names[0], interdict.Name{Full: "Khalid Sheikh MOHAMMED", Type: interdict.NamePrimary, Script: interdict.ScriptLatin, Given: "Khalid Sheikh", Family: "MOHAMMED", Lang: "en"}},
		{"KSM alt keys", ksm.AltKeys, []string{"eu-logical:191"}},
		{"KSM birth dates", ksm.BirthDates, []interdict.Date{{Year: 1965, Month: 4, Day: 14}, {Year: 1964, Month: 3, Day: 1}}},
		{"KSM gender", ksm.Gender, interdict.GenderMale},
		{"KSM programs", ksm.Programs, []string{"TERR"}},
		{"KSM listed on (no designationDate)", ksm.ListedOn, interdict.Date{}},
		{"KSM passport (country 00)", ksm.Identifiers, []interdict.Identifier{{Type: interdict.IDPassport, Value: "488555", Label: "National passport"}}},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s\n got %+v\nwant %+v", c.what, c.got, c.want)
		}
	}

	jan := get("eu:EU.502.12")
	if jan.BirthDates[0] != (interdict.Date{Year: 1953, ToYear: 1958, Circa: true}) || len(jan.BirthDates) != 1 ||
		!reflect.DeepEqual(jan.Citizenships, []string{"AF"}) || jan.ListedOn != (interdict.Date{Year: 2001, Month: 1, Day: 25}) ||
		!reflect.DeepEqual(jan.Titles, []string{"Maulavi", "Minister of Water and Electricity under the Taliban regime"}) {
		t.Errorf("EU.502.12: %+v", jan)
	}

	pci := get("eu:EU.3953.70")
	if pci.Kind != interdict.KindOrganization || pci.PrimaryName() != "Parchin Chemical Industries (PCI)" || len(pci.Names) != 16 || len(pci.Addresses) != 6 {
		t.Errorf("EU.3953.70 kind %v primary %q names %d addresses %d", pci.Kind, pci.PrimaryName(), len(pci.Names), len(pci.Addresses))
	}
	var persian bool
	for _, n := range pci.Names {
		if n.Full == "صنایع شیمیایی پارچین" && n.Script == interdict.ScriptArabic && n.Lang == "fa" && n.Type == interdict.NameAKA {
			persian = true
		}
		if n.Full == "Tionscail  Ceimiceán Parchin" {
			t.Errorf("double space kept in %q", n.Full)
		}
	}
	if !persian {
		t.Errorf("Persian name missing: %+v", pci.Names)
	}
	if len(pci.Titles) != 0 {
		t.Errorf("an enterprise's function became a title: %q", pci.Titles)
	}
	if len(pci.Links) != 14 || pci.Links[5] != (interdict.Link{Type: interdict.LinkAssociate, OtherName: "Zhejiang Qingji Ind. Co., Ltd", Note: "Associated entities: Zhejiang Qingji Ind. Co., Ltd in China"}) ||
		pci.Links[11] != (interdict.Link{Type: interdict.LinkAssociate, OtherName: "Davoud Damghani", Note: "Associated individuals: Davoud Damghani (Iran’s Defence Attaché in Beijing)"}) {
		t.Errorf("EU.3953.70 links %+v", pci.Links)
	}
	wantIDs := []interdict.Identifier{
		{Type: interdict.IDWebsite, Value: "http://icig.ir/", Label: "WEB"},
		{Type: interdict.IDPhone, Value: "+98 21 2258929", Label: "PHONE"},
		{Type: interdict.IDPhone, Value: "+98 21 35243153", Label: "PHONE"},
		{Type: interdict.IDPhone, Value: "+98 21 3130626", Label: "PHONE"},
		{Type: interdict.IDRegistration, Value: "892", Label: "Registration Number", Note: "Registration no.: Cooperative Company Registration No 892"},
	}
	if !reflect.DeepEqual(pci.Identifiers, wantIDs) {
		t.Errorf("EU.3953.70 identifiers\n got %+v\nwant %+v", pci.Identifiers, wantIDs)
	}

	dorda := get("eu:EU.3886.3")
	if !reflect.DeepEqual(dorda.AltKeys, []string{"eu-logical:6106", "un-ref:LYi.006"}) ||
		dorda.Names[0].Middle != "Zayd Umar" || dorda.Identifiers[0].Country != "LY" ||
		dorda.Identifiers[0].Note != "issued in Tripoli; issued 2018-11-25; valid to 2026-11-24" {
		t.Errorf("EU.3886.3: %+v", dorda)
	}

	// The Hijri record: the ISLAMIC birthdate gives its Gregorian
	// equivalent (1982-04-19, already there), never the year 1402.
	asiri := get("eu:EU.3092.36")
	if !reflect.DeepEqual(asiri.BirthDates, []interdict.Date{{Year: 1982, Month: 4, Day: 18}, {Year: 1982, Month: 4, Day: 19}}) {
		t.Errorf("EU.3092.36 birth dates %+v", asiri.BirthDates)
	}
	if asiri.PrimaryName() != "Ibrahim Hassan Tali Al-Asiri" {
		t.Errorf("EU.3092.36 primary %q", asiri.PrimaryName())
	}
	weak := map[string]bool{}
	arabic := 0
	for _, n := range asiri.Names {
		if n.Type == interdict.NameWeakAKA {
			weak[n.Full] = true
		}
		if n.Script == interdict.ScriptArabic && n.Lang == "ar" {
			arabic++
		}
	}
	if !reflect.DeepEqual(weak, map[string]bool{"Abu-Salaah": true, "Abosslah": true, "Abu Saleh": true}) || arabic != 2 {
		t.Errorf("EU.3092.36 weak names %v, Arabic names %d", weak, arabic)
	}
}
