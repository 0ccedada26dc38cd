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
// mixes kana with Han is Kana; any other mix is Mixed. ASCII is checked
// first since most listed names are Latin.
func DetectScript(s string) Script {
	var seen uint32 // bit i: scriptTables[i] seen; bit 31: another script
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			seen |= scanScripts(s[i:])
			break
		}
		if c|0x20 >= 'a' && c|0x20 <= 'z' {
			seen |= 1 // Latin
		}
	}
	switch {
	case seen == 0:
		return ScriptUnknown
	case seen == 1<<31:
		return ScriptOther
	case seen&(seen-1) == 0:
		for i, st := range scriptTables {
			if seen == 1<<i {
				return st.s
			}
		}
	}
	// Kana and Han together are Japanese.
	kanaHan := uint32(0)
	for i, st := range scriptTables {
		if st.s == ScriptKana || st.s == ScriptHan {
			kanaHan |= 1 << i
		}
	}
	if seen&^kanaHan == 0 && seen&kanaHan != 0 {
		return ScriptKana
	}
	return ScriptMixed
}

func scanScripts(s string) uint32 {
	var seen uint32
	for _, r := range s {
		// Letters of the Common script (the Arabic tatweel, modifier
		// letters) belong to no script of their own.
		if !unicode.IsLetter(r) || unicode.Is(unicode.Common, r) {
			continue
		}
		if r < 0x80 {
			seen |= 1
			continue
		}
		found := uint32(1 << 31)
		for i, st := range scriptTables {
			if unicode.Is(st.t, r) {
				found = 1 << i
				break
			}
		}
		seen |= found
	}
	return seen
}
