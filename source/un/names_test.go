package un

import (
	"reflect"
	"testing"

	"github.com/interdict/interdict"
)

func TestPersonName(t *testing.T) {
	for _, c := range []struct {
		in   record
		want interdict.Name
	}{
		{record{FirstName: "ERIC", SecondName: "BADEGE"}, interdict.Name{Full: "ERIC BADEGE", Given: "ERIC", Family: "BADEGE"}},
		{record{FirstName: "MOHAMMAD YAQOUB"}, interdict.Name{Full: "MOHAMMAD YAQOUB"}},
		{record{FirstName: "OMAR", SecondName: "SABAWI", ThirdName: "IBRAHIM", FourthName: "HASAN AL-TIKRITI"},
			interdict.Name{Full: "OMAR SABAWI IBRAHIM HASAN AL-TIKRITI", Given: "OMAR", Middle: "SABAWI IBRAHIM", Family: "HASAN AL-TIKRITI"}},
		{record{FirstName: "SHAMIL", SecondName: "MAGOMEDOVICH", ThirdName: "ISMAILOV"},
			interdict.Name{Full: "SHAMIL MAGOMEDOVICH ISMAILOV", Given: "SHAMIL", Patronymic: "MAGOMEDOVICH", Family: "ISMAILOV"}},
		{record{FirstName: "FAIZULLAH", SecondName: "KHAN", ThirdName: "NOORZAI", FourthName: "na"},
			interdict.Name{Full: "FAIZULLAH KHAN NOORZAI", Given: "FAIZULLAH", Middle: "KHAN", Family: "NOORZAI"}},
		{record{FirstName: "RI", SecondName: "SONG HYOK", ListType: "DPRK"}, interdict.Name{Full: "RI SONG HYOK", Given: "SONG HYOK", Family: "RI"}},
		{record{FirstName: "NA", SecondName: "KYONG", Reference: "KPi.999"}, interdict.Name{Full: "NA KYONG", Given: "KYONG", Family: "NA"}},
		{record{FirstName: "  ", SecondName: "\n"}, interdict.Name{}},
	} {
		c.want.Type = interdict.NamePrimary
		if got := personName(&c.in); got != c.want {
			t.Errorf("personName(%+v) = %+v, want %+v", c.in, got, c.want)
		}
	}
}

func TestAliasNames(t *testing.T) {
	for _, c := range []struct {
		name, note string
		want       []string
	}{
		{"Rumuli", "", []string{"Rumuli"}},
		{"", "original script: Ваня", nil},
		{"Abu Banat", "original script: Абу Банат", []string{"Abu Banat", "Абу Банат"}},
		{"Sayf-Al Adl", "DOB: 11 Apr. 1963. POB: Monufia Governorate, Egypt. Nationality: Egypt. In\nArabic: سيف العدل ", []string{"Sayf-Al Adl", "سيف العدل"}},
		{"Ri’ad Muhammad", "Previously listed as. In Arabic: رياض محمد", []string{"Ri’ad Muhammad", "رياض محمد"}},
		{"Tharwat Salah", "previously listed as", []string{"Tharwat Salah"}},
		{"Haji Gulab Gul (حاجی گلاب گل ولد حاجی حضرت گل )", "", []string{"Haji Gulab Gul", "حاجی گلاب گل ولد حاجی حضرت گل"}},
		{"Akhter Mohmad son of Noor Mohmad (اختر محمد ولد نور محمد ),", "", []string{"Akhter Mohmad son of Noor Mohmad", "اختر محمد ولد نور محمد"}},
		{"Agha Jan Alizai اغا جان عالیزی", "formerly listed as", []string{"Agha Jan Alizai", "اغا جان عالیزی"}},
		{"Amir Khazmat (original script: Амир Хазмат)", "", []string{"Amir Khazmat", "Амир Хазмат"}},
		{"أنصار الشريعة بليبيا (Ansar al Charia in Libya (ASL))", "", []string{"أنصار الشريعة بليبيا", "Ansar al Charia in Libya (ASL)"}},
		{"جبهة النصرة (the Victory Front; Jabhat al-Nusrah)", "", []string{"جبهة النصرة", "the Victory Front", "Jabhat al-Nusrah"}},
		{"شبكة أنصار المجاهدين (Ansar al-Mujahideen Network - sub-unit name)", "", []string{"شبكة أنصار المجاهدين", "Ansar al-Mujahideen Network"}},
		{"شيخ يونس الموريتاني", "Yunis al-Mauritani; Younis al-Mauritani; Shaykh\nYunis the Mauritanian", []string{"شيخ يونس الموريتاني", "Yunis al-Mauritani", "Younis al-Mauritani", "Shaykh Yunis the Mauritanian"}},
		{"أبو دعاء", "(Abu Du’a; Abu Duaa’) prominently known by this nom de guerre", []string{"أبو دعاء"}},
		{"Ivan", "a; b; 1970", []string{"Ivan"}},
		{"Mohammed Sabet; Mohammad Sabet b) M. Javad Kareemi Sabet", "", []string{"Mohammed Sabet", "Mohammad Sabet", "M. Javad Kareemi Sabet"}},
		{"Islamic Jihad Group (IJG; IJU)", "", []string{"Islamic Jihad Group (IJG; IJU)"}},
		{"أديب شعبـان العانــي", "", []string{"أديب شعبان العاني"}},
		{"Abu Ivan (أبو إيفان (Иван))", "", []string{"Abu Ivan (أبو إيفان (Иван))"}},
	} {
		var got []string
		for _, n := range aliasNames(alias{Name: c.name, Note: c.note}, interdict.NameAKA) {
			got = append(got, n.Full)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("aliasNames(%q, %q) = %q, want %q", c.name, c.note, got, c.want)
		}
	}
}

func TestAliasType(t *testing.T) {
	for _, c := range []struct {
		in    string
		want  interdict.NameType
		known bool
	}{
		{"Good", interdict.NameAKA, true}, {"Low", interdict.NameWeakAKA, true}, {"a.k.a.", interdict.NameAKA, true},
		{"f.k.a.", interdict.NameFKA, true}, {"", interdict.NameAKA, true}, {"Medium", interdict.NameAKA, false},
	} {
		if got, known := aliasType(c.in); got != c.want || known != c.known {
			t.Errorf("aliasType(%q) = %v, %v", c.in, got, known)
		}
	}
}

func TestDocumentType(t *testing.T) {
	for _, c := range []struct {
		t1, t2 string
		want   interdict.IDType
	}{
		{"Passport", "", interdict.IDPassport},
		{"Numéro de passeport", "", interdict.IDPassport},
		{"Número de pasaporte", "", interdict.IDPassport},
		{"National Identification Number", "", interdict.IDNational},
		{"National Identification Number", "national passport", interdict.IDPassport},
		{"National Identification Number", "Italian Fiscal Code", interdict.IDTax},
		{"National Identification Number", "Birth certificate", interdict.IDOther},
		{"National Identification Number", "Ration card no.", interdict.IDOther},
		{"National Identification Number", "United States Social Security Number", interdict.IDNational},
		{"Other", "", interdict.IDOther},
	} {
		if got := documentType(c.t1, c.t2); got != c.want {
			t.Errorf("documentType(%q, %q) = %v, want %v", c.t1, c.t2, got, c.want)
		}
	}
}
