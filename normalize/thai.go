package normalize

import "strings"

// Thai → Latin, a simplified Royal Thai General System (RTGS): syllables
// are parsed as [leading vowel] initial consonant [cluster] [vowel signs]
// [final consonant]; consonants take their initial or final value
// (ส s/t, น n/n, ร r/n, บ b/p...), a syllable without a written vowel gets
// the implicit o when closed and a when open, ห and อ before a sonorant
// are silent, letters marked with the thanthakhat are silent and tone
// marks are ignored. สมชาย → somchai, บุญนพ → bunnop, จุฑารัตน์ → chutharat.

func isThai(r rune) bool { return r >= 0x0E01 && r <= 0x0E5B }

func isThaiConsonant(r rune) bool { return r >= 0x0E01 && r <= 0x0E2E }

// thaiCons: initial and final values of the consonants ก..ฮ.
var thaiCons = [0x2E][2]string{
	{"k", "k"}, {"kh", "k"}, {"kh", "k"}, {"kh", "k"}, {"kh", "k"}, {"kh", "k"}, // ก ข ฃ ค ฅ ฆ
	{"ng", "ng"}, {"ch", "t"}, {"ch", "t"}, {"ch", "t"}, {"s", "t"}, {"ch", "t"}, // ง จ ฉ ช ซ ฌ
	{"y", "n"}, {"d", "t"}, {"t", "t"}, {"th", "t"}, {"th", "t"}, {"th", "t"}, // ญ ฎ ฏ ฐ ฑ ฒ
	{"n", "n"}, {"d", "t"}, {"t", "t"}, {"th", "t"}, {"th", "t"}, {"th", "t"}, // ณ ด ต ถ ท ธ
	{"n", "n"}, {"b", "p"}, {"p", "p"}, {"ph", "p"}, {"f", "p"}, {"ph", "p"}, // น บ ป ผ ฝ พ
	{"f", "p"}, {"ph", "p"}, {"m", "m"}, {"y", "i"}, {"r", "n"}, {"rue", "rue"}, // ฟ ภ ม ย ร ฤ
	{"l", "n"}, {"lue", "lue"}, {"w", "o"}, {"s", "t"}, {"s", "t"}, {"s", "t"}, // ล ฦ ว ศ ษ ส
	{"h", ""}, {"l", "n"}, {"", ""}, {"h", ""}, // ห ฬ อ ฮ
}

func thaiInitial(r rune) string { return thaiCons[r-0x0E01][0] }
func thaiFinal(r rune) string   { return thaiCons[r-0x0E01][1] }

// isThaiDependent: vowel signs written after, above or below a consonant,
// and the marks that do not end a syllable.
func isThaiDependent(r rune) bool {
	return r >= 0x0E30 && r <= 0x0E3A || r >= 0x0E47 && r <= 0x0E4E
}

func isThaiLeading(r rune) bool { return r >= 0x0E40 && r <= 0x0E44 }

func isThaiTone(r rune) bool {
	return r >= 0x0E48 && r <= 0x0E4B || r == 0x0E47 || r == 0x0E4D || r == 0x0E4E
}

var thaiClusters = map[string]bool{
	"กร": true, "กล": true, "กว": true, "ขร": true, "ขล": true, "ขว": true, "คร": true,
	"คล": true, "คว": true, "ตร": true, "ปร": true, "ปล": true, "พร": true, "พล": true,
	"บร": true, "บล": true, "ดร": true, "ฟร": true, "ฟล": true, "ผล": true,
}

func thaiLatin(s string) []string {
	var b strings.Builder
	var word strings.Builder
	rs := []rune(s)
	flush := func() {
		b.WriteString(word.String())
		word.Reset()
	}
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case r == 0x0E46: // ๆ repeats the previous word
			prev := lastThaiWord(b.String() + word.String())
			word.WriteString(" " + prev)
			i++
		case r >= 0x0E50 && r <= 0x0E59:
			word.WriteByte(byte('0' + r - 0x0E50))
			i++
		case isThaiLeading(r) || isThaiConsonant(r):
			i = thaiSyllable(&word, rs, i)
		case isThai(r):
			i++ // stray mark
		default:
			flush()
			b.WriteRune(r)
			i++
		}
	}
	flush()
	return []string{b.String()}
}

func lastThaiWord(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

// thaiSyllable reads one syllable starting at i and returns the index
// after it.
func thaiSyllable(b *strings.Builder, rs []rune, i int) int {
	at := func(k int) rune {
		if k < len(rs) {
			return rs[k]
		}
		return 0
	}
	silent := func(k int) bool { return at(k+1) == 0x0E4C } // thanthakhat
	var lead rune
	if isThaiLeading(rs[i]) {
		lead = rs[i]
		i++
	}
	if !isThaiConsonant(at(i)) {
		return i
	}
	c1 := rs[i]
	i++
	initial := thaiInitial(c1)
	// silent ห/อ before a sonorant, and clusters
	if c2 := at(i); isThaiConsonant(c2) && !silent(i) {
		switch {
		case (c1 == 'ห' && strings.ContainsRune("งญนมยรลว", c2)) || (c1 == 'อ' && c2 == 'ย'):
			initial = thaiInitial(c2)
			i++
		case thaiClusters[string([]rune{c1, c2})] && (isThaiDependent(at(i+1)) || lead != 0):
			initial += thaiInitial(c2)
			i++
		}
	}
	// vowel signs
	vowel := ""
	hasVowel := lead != 0
	for {
		r := at(i)
		if isThaiTone(r) {
			i++
			continue
		}
		if r < 0x0E30 || r > 0x0E39 {
			break
		}
		hasVowel = true
		switch r {
		case 0x0E30: // ะ
			if vowel == "" {
				vowel = "a"
			}
		case 0x0E31: // ั
			vowel = "a"
			if at(i+1) == 'ว' {
				vowel = "ua"
				i++
			}
		case 0x0E32: // า
			vowel += "a"
		case 0x0E33: // ำ
			vowel = "am"
		case 0x0E34, 0x0E35: // ิ ี
			vowel = "i"
		case 0x0E36, 0x0E37: // ึ ื
			vowel = "ue"
		case 0x0E38, 0x0E39: // ุ ู
			vowel = "u"
		}
		i++
	}
	// อ, ว, ย as vowel letters
	switch {
	case lead == 0 && vowel == "" && at(i) == 'อ' && !isThaiDependent(at(i+1)):
		vowel, hasVowel = "o", true
		i++
	case lead == 0 && vowel == "" && at(i) == 'ว' && isThaiConsonant(at(i+1)) && !isThaiDependent(at(i+2)):
		vowel, hasVowel = "ua", true
		i++
	case lead == 'เ' && vowel == "i" && at(i) == 'ย':
		vowel = "ia"
		i++
	case lead == 'เ' && vowel == "ue" && at(i) == 'อ':
		vowel = "uea"
		i++
	case lead == 'เ' && vowel == "" && at(i) == 'อ':
		vowel = "oe"
		i++
	}
	switch lead {
	case 'เ':
		switch vowel {
		case "", "a":
			vowel = "e"
		case "aa":
			vowel = "ao"
		}
	case 'แ':
		vowel = "ae"
	case 'โ':
		vowel = "o"
	case 'ใ', 'ไ':
		vowel = "ai"
	}
	vowel = strings.ReplaceAll(vowel, "aa", "a")
	// final consonant: a consonant not starting the next syllable
	final := ""
	if c := at(i); isThaiConsonant(c) {
		switch {
		case silent(i):
			i += 2 // silent letter
		case isThaiDependent(at(i + 1)):
			// it starts the next syllable
		default:
			final = thaiFinal(c)
			i++
			for isThaiConsonant(at(i)) && silent(i) {
				i += 2
			}
		}
	}
	if !hasVowel {
		if final != "" {
			vowel = "o"
		} else {
			vowel = "a"
		}
	}
	b.WriteString(initial)
	b.WriteString(vowel)
	b.WriteString(final)
	return i
}
