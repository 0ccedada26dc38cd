package interdict

import "testing"

func TestDetectScript(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Script
	}{
		{"PUTIN, Vladimir Vladimirovich", ScriptLatin},
		{"Ali Ḥusayn", ScriptLatin},
		{"Путин Владимир Владимирович", ScriptCyrillic},
		{"محمد", ScriptArabic},
		{"مـحـمـد", ScriptArabic}, // tatweel is Common, not another script
		{"Ξενοφών", ScriptGreek},
		{"习近平", ScriptHan},
		{"김정은", ScriptHangul},
		{"プーチン", ScriptKana},
		{"東京のカメラ", ScriptKana},
		{"Putin Путин", ScriptMixed},
		{"12345 -", ScriptUnknown},
		{"", ScriptUnknown},
		{"ॐ", ScriptOther},
	} {
		if got := DetectScript(tc.in); got != tc.want {
			t.Errorf("DetectScript(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func BenchmarkDetectScript(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		DetectScript("PUTIN, Vladimir Vladimirovich")
		DetectScript("Путин Владимир Владимирович")
	}
}
