package bis

import (
	"testing"

	interdict "github.com/interdict/interdict"
)

func TestGuessKind(t *testing.T) {
	const (
		P = interdict.KindPerson
		O = interdict.KindOrganization
		U = interdict.KindUnknown
	)
	tests := []struct {
		names []string
		want  interdict.Kind
	}{
		// Legal forms.
		{[]string{"AIR FREIGHT LTD"}, O},
		{[]string{"ANNEXFIELD, LTD."}, O},
		{[]string{"COTRICOM S.A."}, O},
		{[]string{"KOTO COMMERCIO IBERICA, S.L."}, O},
		{[]string{"YARRA ANSTALT A.G."}, O},
		{[]string{"GHARE SABZ CO."}, O},
		{[]string{"SKY BLUE BIRD FZC"}, O},
		{[]string{"TECHMA GMBH"}, O},
		{[]string{"PJSC AEROFLOT"}, O},
		{[]string{"Gulf Gate Spedition GmbH"}, O},
		// Words only organizations use, digits, "&", "AND", domains.
		{[]string{"ADVANCED TECH SOLUTIONS"}, O},
		{[]string{"POBEDA AIRLINES"}, O},
		{[]string{"HASA-INVEST"}, O},
		{[]string{"P&P COMPUTERS"}, O},
		{[]string{"SYNAPTIX.NET"}, O},
		{[]string{"183rd Guard Air Defense Missile Regiment"}, O},
		{[]string{"ADT ANALOG AND DIGITAL TECHNIK"}, O},
		// An alias can tell: the trade name alone could be anything.
		{[]string{"WEARFORM", "MNC GROUP INTERNATIONAL, INC."}, O},
		// Personal names.
		{[]string{"ZIMO SHENG"}, P},
		{[]string{"I. ASH"}, P},
		{[]string{"T. K. MOHAN"}, P},
		{[]string{"GORAN B JOSBERG"}, P},
		{[]string{"JIN, ZHONGDA"}, P},
		{[]string{"ABEL HERNANDEZ, JR."}, P},
		{[]string{"ROBERT J. SHUBERT, SR."}, P},
		{[]string{"EDWIN NAVARRO MAKASIAR II"}, P},
		{[]string{"KATHERINE O'NEAL"}, P},
		{[]string{"ANASTACIO SAN MIGUEL-PADRON"}, P},
		{[]string{"MUHAMMAD ISAM MUHAMMAD ANWAR NUR SHAMMOUT"}, P},
		{[]string{"COLONEL ELYAZGI"}, P},
		{[]string{"MR. JULIO CESAR VEGA-AMARAL"}, P},
		{[]string{"Guadalupe Edgar Lucio-Amador"}, P},
		{[]string{"A.H. Shamnad"}, P},
		{[]string{"ABU HALABIYYE, Ahmad Yousef"}, P},
		{[]string{"KIM NG"}, P},
		// Neither.
		{[]string{"TECHONWEB"}, U},
		{[]string{"KZ RESULTS"}, U},
		{[]string{"AVIASTAR - TU"}, U},
		{[]string{"GE Plan"}, U},
		{[]string{"ELYAZGI"}, U},
		{[]string{"ONE TWO THREE FOUR FIVE SIX SEVEN"}, U},
		{nil, U},
		{[]string{""}, U},
	}
	for _, tt := range tests {
		if got := GuessKind(tt.names...); got != tt.want {
			t.Errorf("GuessKind(%q) = %s, want %s", tt.names, got, tt.want)
		}
	}
}

func TestTitleOf(t *testing.T) {
	tests := map[string]string{
		"CAPTAIN ELYAZGI":             "CAPTAIN",
		"MR. JULIO CESAR VEGA-AMARAL": "MR.",
		"PROFESSOR MOJTABA ATARODI":   "PROFESSOR",
		"CAPTAIN":                     "",
		"JOHN DOE":                    "",
	}
	for in, want := range tests {
		if got := titleOf(in); got != want {
			t.Errorf("titleOf(%q) = %q, want %q", in, got, want)
		}
	}
}
