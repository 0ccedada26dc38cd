package bis

import (
	"slices"
	"testing"
)

func TestSplitName(t *testing.T) {
	tests := []struct {
		in   string
		want []string // "type:full"
	}{
		{"ZIMO SHENG", []string{"primary:ZIMO SHENG"}},
		{" I. ASH", []string{"primary:I. ASH"}},
		{"AL-NASER  AIRLINES", []string{"primary:AL-NASER AIRLINES"}},
		{"ANNEXFIELD , LTD.", []string{"primary:ANNEXFIELD, LTD."}},
		{"UTAIR AVIATION JSC,", []string{"primary:UTAIR AVIATION JSC"}},
		{"FUYI SUN A/K/A FRANK SUN", []string{"primary:FUYI SUN", "aka:FRANK SUN"}},
		{"JOHN DOE A.K.A. JACK DOE AKA J. DOE", []string{"primary:JOHN DOE", "aka:JACK DOE", "aka:J. DOE"}},
		{"SIBERIAN AIRLINES D/B/A S7 AIRLINES", []string{"primary:SIBERIAN AIRLINES", "aka:S7 AIRLINES"}},
		{"NEW TRADING LLC F/K/A OLD TRADING LLC", []string{"primary:NEW TRADING LLC", "fka:OLD TRADING LLC"}},
		{"NEW TRADING LLC FORMERLY KNOWN AS OLD TRADING LLC", []string{"primary:NEW TRADING LLC", "fka:OLD TRADING LLC"}},
		{"ACME LTD, ALSO KNOWN AS ACME TRADING", []string{"primary:ACME LTD", "aka:ACME TRADING"}},
		{"PEARL (A.K.A. NEI-CHIEN CHU) LI", []string{"primary:PEARL LI", "aka:NEI-CHIEN CHU"}},
		{"ACME (F/K/A BETA CORP)", []string{"primary:ACME", "fka:BETA CORP"}},
		{"SAMMY (IHSAN MEDHAT) ELASHI", []string{"primary:SAMMY ELASHI", "aka:IHSAN MEDHAT ELASHI"}},
		{`IHSAN MEDHAT "SAMMY" ELASHI`, []string{"primary:IHSAN MEDHAT ELASHI", "aka:SAMMY ELASHI"}},
		{"APPLIED SYSTEMS METHODS AND TECHNOLOGY (ASMAT)", []string{"primary:APPLIED SYSTEMS METHODS AND TECHNOLOGY", "aka:ASMAT"}},
		{"ASMAT (APPLIED SYSTEMS METHODS AND TECHNOLOGY)", []string{"primary:ASMAT", "aka:APPLIED SYSTEMS METHODS AND TECHNOLOGY"}},
		{"SOCCER ZONE (MNC GROUP INTERNATIONAL, INC.)", []string{"primary:SOCCER ZONE", "aka:MNC GROUP INTERNATIONAL, INC."}},
		// "AND" joins words of one name; never a separator.
		{"ADT ANALOG AND DIGITAL TECHNIK", []string{"primary:ADT ANALOG AND DIGITAL TECHNIK"}},
		// A country in trailing parentheses qualifies the name.
		{"ACME TRADING (CHINA)", []string{"primary:ACME TRADING (CHINA)"}},
		// An organization's inner parenthesis is part of its name.
		{"SMIC MANUFACTURING (BEIJING) CORPORATION", []string{"primary:SMIC MANUFACTURING (BEIJING) CORPORATION"}},
		// Broken or odd input keeps its text.
		{"ACME (UNCLOSED", []string{"primary:ACME (UNCLOSED"}},
		{"ACME () LTD", []string{"primary:ACME LTD"}},
		{"(ONLY PAREN)", []string{"primary:(ONLY PAREN)"}},
		{"A.K.A. JOHN DOE", []string{"primary:JOHN DOE"}},
		{"JOHN DOE A/K/A JOHN DOE", []string{"primary:JOHN DOE"}},
		{"", nil},
		{" , ", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, n := range SplitName(tt.in) {
			got = append(got, string(n.Type)+":"+n.Full)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("SplitName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
