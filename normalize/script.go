package normalize

import (
	"unicode"
	"unicode/utf8"

	"github.com/interdict/interdict"
)

// scriptTables mirrors interdict's table order so DetectScript here gives
// the same answer as interdict.DetectScript without its per-call map.
var scriptTables = [...]struct {
	bit uint16
	t   *unicode.RangeTable
}{
	{1 << sLatin, unicode.Latin},
	{1 << sCyrillic, unicode.Cyrillic},
	{1 << sArabic, unicode.Arabic},
	{1 << sGreek, unicode.Greek},
	{1 << sHebrew, unicode.Hebrew},
	{1 << sHan, unicode.Han},
	{1 << sHangul, unicode.Hangul},
	{1 << sKana, unicode.Hiragana},
	{1 << sKana, unicode.Katakana},
	{1 << sArmenian, unicode.Armenian},
	{1 << sGeorgian, unicode.Georgian},
	{1 << sThai, unicode.Thai},
}

// Script indexes used in bit sets.
const (
	sLatin = iota
	sCyrillic
	sArabic
	sGreek
	sHebrew
	sHan
	sHangul
	sKana
	sArmenian
	sGeorgian
	sThai
	sOther
)

var scriptOfBit = [...]interdict.Script{
	sLatin: interdict.ScriptLatin, sCyrillic: interdict.ScriptCyrillic,
	sArabic: interdict.ScriptArabic, sGreek: interdict.ScriptGreek,
	sHebrew: interdict.ScriptHebrew, sHan: interdict.ScriptHan,
	sHangul: interdict.ScriptHangul, sKana: interdict.ScriptKana,
	sArmenian: interdict.ScriptArmenian, sGeorgian: interdict.ScriptGeorgian,
	sThai: interdict.ScriptThai, sOther: interdict.ScriptOther,
}

// DetectScript is interdict.DetectScript without allocation: the script
// of the letters in s, Kana for kana mixed with Han, Mixed for any other
// mix, Unknown when s has no letters.
func DetectScript(s string) interdict.Script {
	return scriptFromSet(scriptSet(s))
}

// scriptSet returns the bit set of scripts of the letters in s.
func scriptSet(s string) uint16 {
	var seen uint16
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if (c|0x20) >= 'a' && (c|0x20) <= 'z' {
				seen |= 1 << sLatin
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		// Letters of the Common script (tatweel, modifier letters) belong
		// to no script of their own.
		if !unicode.IsLetter(r) || unicode.Is(unicode.Common, r) {
			continue
		}
		bit := uint16(1 << sOther)
		for _, st := range scriptTables {
			if unicode.Is(st.t, r) {
				bit = st.bit
				break
			}
		}
		seen |= bit
	}
	return seen
}

func scriptFromSet(seen uint16) interdict.Script {
	switch {
	case seen == 0:
		return interdict.ScriptUnknown
	case seen&(seen-1) == 0:
		for i, sc := range scriptOfBit {
			if seen == 1<<i {
				return sc
			}
		}
	case seen == 1<<sKana|1<<sHan:
		return interdict.ScriptKana
	}
	return interdict.ScriptMixed
}
