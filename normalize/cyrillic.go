package normalize

import (
	"strings"
	"unicode"
)

// Cyrillic transliteration in three systems:
//
//	0: BGN/PCGN-like, as used by most English-language sanctions lists
//	   (Yuriy, Aleksandr, Khrushchev, Fyodor, Sergey);
//	1: ICAO Doc 9303, as printed in Russian and Ukrainian passports
//	   (Iurii, Aleksandr, Khrushchev, Fedor, Sergei);
//	2: a "j" style close to German, Polish and South Slavic practice
//	   (Jurij, Aleksandr, Chruschtschow-like ch for х, Fjodor, Sergej).
//
// Ukrainian (і ї є ґ), Belarusian (ў) and Serbian/Macedonian (ј љ њ ћ ђ џ
// ѓ ќ ѕ) text switch the tables to the national systems: Ukrainian г is h in
// systems 0 and 1 (the official Ukrainian romanisation) and stays g in
// system 2, which thereby bridges to Russian-style spellings; Serbian
// system 0 is the Serbian Latin alphabet (folded), system 1 English-like.

const (
	cyrRussian = iota
	cyrUkrainian
	cyrBelarusian
	cyrSerbian
)

// cyrBase holds the context-free renderings of lower-case letters
// U+0400..U+04FF in the three systems. Empty entries fall back to
// go-unidecode.
var cyrBase = func() (t [0x100][3]string) {
	set := func(r rune, a, b, c string) { t[r-0x400] = [3]string{a, b, c} }
	set('а', "a", "a", "a")
	set('б', "b", "b", "b")
	set('в', "v", "v", "v")
	set('г', "g", "g", "g")
	set('ґ', "g", "g", "g")
	set('д', "d", "d", "d")
	set('е', "e", "e", "e")
	set('ё', "yo", "e", "jo")
	set('ж', "zh", "zh", "zh")
	set('з', "z", "z", "z")
	set('и', "i", "i", "i")
	set('і', "i", "i", "i")
	set('ї', "i", "i", "ji")
	set('й', "y", "i", "j")
	set('к', "k", "k", "k")
	set('л', "l", "l", "l")
	set('м', "m", "m", "m")
	set('н', "n", "n", "n")
	set('о', "o", "o", "o")
	set('п', "p", "p", "p")
	set('р', "r", "r", "r")
	set('с', "s", "s", "s")
	set('т', "t", "t", "t")
	set('у', "u", "u", "u")
	set('ў', "w", "u", "u")
	set('ф', "f", "f", "f")
	set('х', "kh", "kh", "ch")
	set('ц', "ts", "ts", "ts")
	set('ч', "ch", "ch", "ch")
	set('ш', "sh", "sh", "sh")
	set('щ', "shch", "shch", "shch")
	set('ъ', "", "ie", "")
	set('ы', "y", "y", "y")
	set('ь', "", "", "")
	set('э', "e", "e", "e")
	set('є', "ie", "ie", "je")
	set('ю', "yu", "iu", "ju")
	set('я', "ya", "ia", "ja")
	// South Slavic and Macedonian
	set('ђ', "dj", "dj", "dj")
	set('ј', "j", "j", "j")
	set('љ', "lj", "lj", "lj")
	set('њ', "nj", "nj", "nj")
	set('ћ', "c", "ch", "c")
	set('џ', "dz", "dzh", "dz")
	set('ѓ', "gj", "gj", "gj")
	set('ќ', "kj", "kj", "kj")
	set('ѕ', "dz", "dz", "dz")
	// Central Asian and other Cyrillic letters
	set('ә', "a", "a", "a")
	set('ғ', "gh", "g", "g")
	set('қ', "q", "k", "k")
	set('ң', "ng", "n", "n")
	set('ө', "o", "o", "o")
	set('ұ', "u", "u", "u")
	set('ү', "u", "u", "u")
	set('һ', "h", "h", "h")
	set('ҳ', "h", "kh", "h")
	set('ҷ', "j", "dzh", "dzh")
	set('ӣ', "i", "i", "i")
	set('ӯ', "u", "u", "u")
	set('ӱ', "u", "u", "u")
	set('ӧ', "o", "o", "o")
	set('ҙ', "z", "z", "z")
	set('ҫ', "s", "s", "s")
	set('ҡ', "k", "k", "k")
	set('ҭ', "t", "t", "t")
	set('ӑ', "a", "a", "a")
	set('ӗ', "e", "e", "e")
	set('ӳ', "u", "u", "u")
	set('ӄ', "k", "k", "k")
	set('ӈ', "ng", "n", "n")
	set('ӏ', "", "", "")
	return t
}()

// cyrBaseOf returns the cyrBase entry of r, or none outside U+0400..U+04FF.
func cyrBaseOf(r rune) [3]string {
	if r >= 0x400 && r < 0x500 {
		return cyrBase[r-0x400]
	}
	return [3]string{}
}

// cyrIotated are the renderings of е, ё, є, ї, ю, я at the start of a
// word or after a vowel or a hard/soft sign (Russian and Ukrainian).
var cyrIotated = map[rune][3]string{
	'е': {"ye", "e", "je"},
	'ё': {"yo", "e", "jo"},
	'є': {"ye", "ie", "je"},
	'ї': {"yi", "i", "ji"},
	'ю': {"yu", "iu", "ju"},
	'я': {"ya", "ia", "ja"},
}

func isCyrVowel(r rune) bool {
	switch r {
	case 'а', 'е', 'ё', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я', 'і', 'ї', 'є', 'ъ', 'ь', 'ў':
		return true
	}
	return false
}

func isCyrLetter(r rune) bool {
	return r >= 0x400 && r < 0x530 && unicode.IsLetter(r)
}

// cyrLanguage guesses the orthography from letters only one language uses.
func cyrLanguage(s string) int {
	for _, r := range s {
		switch unicode.ToLower(r) {
		case 'і', 'ї', 'є', 'ґ':
			if strings.ContainsRune(s, 'ў') || strings.ContainsRune(s, 'Ў') {
				return cyrBelarusian
			}
			return cyrUkrainian
		case 'ў':
			return cyrBelarusian
		case 'ј', 'љ', 'њ', 'ћ', 'ђ', 'џ', 'ѓ', 'ќ', 'ѕ':
			return cyrSerbian
		}
	}
	return cyrRussian
}

// cyrillicLatin transliterates a run of text whose letters are Cyrillic
// (other characters pass through) into up to three renderings.
func cyrillicLatin(s string) []string {
	lang := cyrLanguage(s)
	var b [3]strings.Builder
	for i := range b {
		b[i].Grow(len(s) + len(s)/2)
	}
	rs := []rune(s)
	for i, r := range rs {
		lr := unicode.ToLower(r)
		if !isCyrLetter(lr) {
			for v := range b {
				b[v].WriteRune(r)
			}
			continue
		}
		var prev rune
		if i > 0 {
			prev = unicode.ToLower(rs[i-1])
		}
		var next rune
		if i+1 < len(rs) {
			next = unicode.ToLower(rs[i+1])
		}
		wordStart := i == 0 || !isCyrLetter(prev) && prev != '\'' && prev != '’' && prev != 'ʼ'
		afterVowel := i > 0 && (isCyrVowel(prev) || prev == '\'' || prev == '’' || prev == 'ʼ')
		var out [3]string
		switch lang {
		case cyrUkrainian, cyrBelarusian:
			out = ukrainianLetter(lr, wordStart, afterVowel, lang)
		case cyrSerbian:
			out = serbianLetter(lr)
		default:
			out = cyrBaseOf(lr)
			if it, ok := cyrIotated[lr]; ok && (wordStart || afterVowel) {
				out = it
			}
			// Bulgarian ъ is a vowel before consonants (България → balgariya).
			if lr == 'ъ' && next != 0 && isCyrLetter(next) && !isCyrVowel(next) {
				out = [3]string{"a", "a", "a"}
			}
		}
		if out[0] == "" && out[1] == "" && out[2] == "" && lr != 'ъ' && lr != 'ь' && lr != 'ӏ' {
			u := unidecodeRune(lr)
			out = [3]string{u, u, u}
		}
		for v := range b {
			b[v].WriteString(out[v])
		}
	}
	return []string{b[0].String(), b[1].String(), b[2].String()}
}

// ukrainianLetter renders Ukrainian and Belarusian letters: system 0 is
// the official national romanisation (Ukrainian KMU 2010: Oleksandr,
// Hryhorii, Zelenskyi; Belarusian: Aliaksandr Lukashenka), system 1 the
// BGN/PCGN style with y-glides everywhere (Hryhoriy, Alyaksandr, Klyuyev),
// system 2 a j style read as Russian (г as g, и as i: Grigorij) that
// bridges to the Russian forms of the same names.
func ukrainianLetter(r rune, wordStart, afterVowel bool, lang int) [3]string {
	switch r {
	case 'г':
		return [3]string{"h", "h", "g"}
	case 'и':
		if lang == cyrBelarusian {
			return [3]string{"i", "i", "i"}
		}
		return [3]string{"y", "y", "i"}
	case 'е':
		if lang == cyrBelarusian && (wordStart || afterVowel) {
			return [3]string{"ie", "ye", "je"}
		}
		return [3]string{"e", "e", "e"}
	case 'є':
		if wordStart {
			return [3]string{"ye", "ye", "je"}
		}
		return [3]string{"ie", "ye", "je"}
	case 'ї':
		if wordStart {
			return [3]string{"yi", "yi", "ji"}
		}
		return [3]string{"i", "yi", "ji"}
	case 'ю', 'я', 'ё':
		it := cyrIotated[r]
		if wordStart {
			return [3]string{it[0], it[0], it[2]}
		}
		return [3]string{it[1], it[0], it[2]}
	case 'й':
		if wordStart {
			return [3]string{"y", "y", "j"}
		}
		return [3]string{"i", "y", "j"}
	case 'ў':
		return [3]string{"u", "w", "u"}
	case 'щ':
		return [3]string{"shch", "shch", "shch"}
	case 'х':
		return [3]string{"kh", "kh", "ch"}
	case 'ь':
		return [3]string{"", "", ""}
	}
	return cyrBaseOf(r)
}

func serbianLetter(r rune) [3]string {
	switch r {
	case 'ч':
		return [3]string{"c", "ch", "c"}
	case 'ш':
		return [3]string{"s", "sh", "s"}
	case 'ж':
		return [3]string{"z", "zh", "z"}
	case 'х':
		return [3]string{"h", "kh", "h"}
	case 'ц':
		return [3]string{"c", "ts", "c"}
	case 'ћ':
		return [3]string{"c", "ch", "c"}
	case 'ђ':
		return [3]string{"dj", "dj", "dj"}
	case 'џ':
		return [3]string{"dz", "dzh", "dz"}
	case 'й':
		return [3]string{"j", "y", "j"}
	case 'е':
		return [3]string{"e", "e", "e"}
	case 'ю':
		return [3]string{"ju", "yu", "ju"}
	case 'я':
		return [3]string{"ja", "ya", "ja"}
	}
	return cyrBaseOf(r)
}
