package ca

import (
	"reflect"
	"testing"
)

func TestSplitAliases(t *testing.T) {
	tests := []struct {
		in     string
		person bool
		want   []string
	}{
		{"", true, nil},
		{"Sergei, Serhii SHERBAKOV", true, []string{"weak-aka:Sergei", "aka:Serhii SHERBAKOV"}},
		{"Баранов, Олег Анатольевич", true, []string{"aka:Баранов, Олег Анатольевич"}},
		{"Belarusian: Юры Іванавіч ВАСІЛЕВІЧ, Russian\u00a0: Юрий Иванович ВАСИЛЕВИЧ", true,
			[]string{"aka:Юры Іванавіч ВАСІЛЕВІЧ@be", "aka:Юрий Иванович ВАСИЛЕВИЧ@ru"}},
		{"Alexander, or Alexandr Valerievich Kalinin", true, []string{"weak-aka:Alexander", "aka:Alexandr Valerievich Kalinin"}},
		{"Manakhimova and Semendueva and Jasmine", true, []string{"weak-aka:Manakhimova", "weak-aka:Semendueva", "weak-aka:Jasmine"}},
		{"(Юрий Николаевич ГОВТВИН / Юрiй Миколайович ГОВТВIН", true, []string{"aka:Юрий Николаевич ГОВТВИН", "aka:Юрiй Миколайович ГОВТВIН"}},
		{"Siyamak Rahpeyk,Siamak Rahpiek, Siyamak Rah-Peyk\n", true, []string{"aka:Siyamak Rahpeyk", "aka:Siamak Rahpiek", "aka:Siyamak Rah-Peyk"}},
		{"Банк Зенит, ПАО", false, []string{"aka:Банк Зенит, ПАО"}},
		{"ОАО, БЭТО", false, []string{"aka:ОАО, БЭТО"}},
		{"Министерство образования, науки и молодежи Республики Крым", false, []string{"aka:Министерство образования, науки и молодежи Республики Крым"}},
		{"LAT, LLC Laser Devices and Technologies", false, []string{"aka:LAT", "aka:LLC Laser Devices and Technologies"}},
		{"GSK Advance, GSK Advance Co. Ltd. and GSK for Advanced Business Co. Ltd.\nArabic: شركة جي أس كيه", false,
			[]string{"aka:GSK Advance", "aka:GSK Advance Co. Ltd.", "aka:GSK for Advanced Business Co. Ltd.", "aka:شركة جي أس كيه@ar"}},
		{"Zadna Company and Zadna\nInternational Investments", false, []string{"aka:Zadna Company", "aka:Zadna International Investments"}},
		{"Тетяна Олександрівна Кузьміч and Цвєтаєва", false, []string{"aka:Тетяна Олександрівна Кузьміч", "aka:Цвєтаєва"}},
		{"Центр (исследовательский, боевого применения) 924", false, []string{"aka:Центр (исследовательский, боевого применения) 924"}},
		{"Sazman-e Basij-e Mostazafan, the Basij", false, []string{"aka:Sazman-e Basij-e Mostazafan", "aka:the Basij"}},
		{"IRGC, l'Armée des Gardiens", false, []string{"aka:IRGC", "aka:l'Armée des Gardiens"}},
		{"Sepah-e Pasdaran-e Enghelab-e Eslami/GRI", false, []string{"aka:Sepah-e Pasdaran-e Enghelab-e Eslami", "aka:GRI"}},
		{`Акционерное Общество "Бюро По Релейной Технике," СКТБ РТ, and Бюро, АО`, false,
			[]string{`aka:Акционерное Общество "Бюро По Релейной Технике`, "aka:СКТБ РТ", "aka:Бюро, АО"}},
		{"Mosgorsud;\nМосковский городской суд or Мосгорсуд", false, []string{"aka:Mosgorsud", "aka:Московский городской суд", "aka:Мосгорсуд"}},
		{" ; , / or ", false, nil},
	}
	for _, tt := range tests {
		var got []string
		for _, n := range splitAliases(tt.in, tt.person) {
			s := string(n.Type) + ":" + n.Full
			if n.Lang != "" {
				s += "@" + n.Lang
			}
			got = append(got, s)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitAliases(%q, %v)\n got %q\nwant %q", tt.in, tt.person, got, tt.want)
		}
	}
}

func TestEntityNames(t *testing.T) {
	tests := []struct {
		in   string
		org  bool
		want []string
	}{
		{"Lady R", false, []string{"primary:Lady R"}},
		{"Iranian Army/Armée iranienne", true, []string{"primary:Iranian Army", "aka:Armée iranienne"}},
		{"Sepah/GRI", true, []string{"primary:Sepah/GRI"}},
		{"MEC Steel Mills (Hmaw Bi/Pyi/Ywama)", true, []string{"primary:MEC Steel Mills (Hmaw Bi/Pyi/Ywama)"}},
		{"Mytishchi Machine-Building Plant (also known as Mytishchinski Mashinostroitelny Zavod, OAO)", true,
			[]string{"primary:Mytishchi Machine-Building Plant", "aka:Mytishchinski Mashinostroitelny Zavod, OAO"}},
		{"Proletarsky Zavod, PJSC (also known as\nPublic Joint Stock Company Proletarsky\nPlant and Public Joint Stock Company\nProletarsky Zavod)", true,
			[]string{"primary:Proletarsky Zavod, PJSC", "aka:Public Joint Stock Company Proletarsky Plant", "aka:Public Joint Stock Company Proletarsky Zavod"}},
		{"Omsk Transport Machine Building Plant\n(also known as Omsk Transport Machine\nFactory Omsktransmash\n", true,
			[]string{"primary:Omsk Transport Machine Building Plant", "aka:Omsk Transport Machine Factory Omsktransmash"}},
		{"General Intelligence Directorate;", true, []string{"primary:General Intelligence Directorate"}},
	}
	for _, tt := range tests {
		var got []string
		for _, n := range entityNames(tt.in, tt.org) {
			got = append(got, string(n.Type)+":"+n.Full)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("entityNames(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}
