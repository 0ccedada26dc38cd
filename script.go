package interdict

import "unicode"

// Script is an ISO 15924 script code naming the writing system a name is
// in.
type Script string

// The scripts Interdict tells apart. Mixed is a name written in more than
// one non-Latin script, or in Latin and another script; Unknown is a name
// with no letters.
const (
	ScriptLatin    Script = "Latn"
	ScriptCyrillic Script = "Cyrl"
	ScriptArabic   Script = "Arab"
	ScriptGreek    Script = "Grek"
	ScriptHebrew   Script = "Hebr"
	ScriptHan      Script = "Hani"
	ScriptHangul   Script = "Hang"
	ScriptKana     Script = "Kana" // Hiragana or Katakana, possibly with Han
	ScriptArmenian Script = "Armn"
	ScriptGeorgian Script = "Geor"
	ScriptThai     Script = "Thai"
	ScriptOther    Script = "Zyyy"
	ScriptMixed    Script = "Zmix"
	ScriptUnknown  Script = "Zzzz"
)

var scriptTables = []struct {
	s Script
	t *unicode.RangeTable
}{
	{ScriptLatin, unicode.Latin},
	{ScriptCyrillic, unicode.Cyrillic},
	{ScriptArabic, unicode.Arabic},
	{ScriptGreek, unicode.Greek},
	{ScriptHebrew, unicode.Hebrew},
	{ScriptHan, unicode.Han},
	{ScriptHangul, unicode.Hangul},
	{ScriptKana, unicode.Hiragana},
	{ScriptKana, unicode.Katakana},
	{ScriptArmenian, unicode.Armenian},
	{ScriptGeorgian, unicode.Georgian},
	{ScriptThai, unicode.Thai},
}

// DetectScript returns the script of the letters in s. Japanese text that
// mixes kana with Han is Kana; any other mix is Mixed.
func DetectScript(s string) Script {
	seen := map[Script]bool{}
	for _, r := range s {
		// Letters of the Common script (the Arabic tatweel, modifier
		// letters) belong to no script of their own.
		if !unicode.IsLetter(r) || unicode.Is(unicode.Common, r) {
			continue
		}
		found := ScriptOther
		for _, st := range scriptTables {
			if unicode.Is(st.t, r) {
				found = st.s
				break
			}
		}
		seen[found] = true
	}
	switch len(seen) {
	case 0:
		return ScriptUnknown
	case 1:
		for s := range seen {
			return s
		}
	case 2:
		if seen[ScriptKana] && seen[ScriptHan] {
			return ScriptKana
		}
	}
	return ScriptMixed
}
