package normalize

import "strings"

// Japanese kana → modified Hepburn (as in passports, without macrons):
// yōon (きゃ kya, しゃ sha, ちゃ cha), sokuon (っ doubles the next consonant,
// っち → tchi), ん → n, the long-vowel mark ー dropped (Tōkyō → tokyo),
// extended katakana (ファ fa, ティ ti, ヴ vu, ジェ je...). Katakana and
// half-width katakana are read through their hiragana equivalents. Kanji
// in a kana name get pinyin (Japanese readings are out of scope).

var hiragana = func() map[rune]string {
	m := map[rune]string{}
	rows := []string{
		"あa", "いi", "うu", "えe", "おo", "かka", "きki", "くku", "けke", "こko",
		"さsa", "しshi", "すsu", "せse", "そso", "たta", "ちchi", "つtsu", "てte", "とto",
		"なna", "にni", "ぬnu", "ねne", "のno", "はha", "ひhi", "ふfu", "へhe", "ほho",
		"まma", "みmi", "むmu", "めme", "もmo", "やya", "ゆyu", "よyo",
		"らra", "りri", "るru", "れre", "ろro", "わwa", "ゐi", "ゑe", "をo", "んn",
		"がga", "ぎgi", "ぐgu", "げge", "ごgo", "ざza", "じji", "ずzu", "ぜze", "ぞzo",
		"だda", "ぢji", "づzu", "でde", "どdo", "ばba", "びbi", "ぶbu", "べbe", "ぼbo",
		"ぱpa", "ぴpi", "ぷpu", "ぺpe", "ぽpo", "ぁa", "ぃi", "ぅu", "ぇe", "ぉo",
		"ゃya", "ゅyu", "ょyo", "ゎwa", "ゔvu", "ゕka", "ゖke",
	}
	for _, r := range rows {
		rs := []rune(r)
		m[rs[0]] = string(rs[1:])
	}
	return m
}()

// halfwidth katakana U+FF66..U+FF9D in order, as full-width katakana.
const halfwidthKatakana = "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"

// toHiragana maps katakana (full- and half-width) to hiragana; other
// runes are returned unchanged. ok reports a kana letter.
func toHiragana(r rune) (rune, bool) {
	if r >= 0xFF66 && r <= 0xFF9D {
		r = []rune(halfwidthKatakana)[r-0xFF66]
	}
	switch {
	case r >= 0x30A1 && r <= 0x30F6:
		return r - 0x60, true
	case r == 0x30F7:
		return 'わ', true // ヷ va: rare
	case r >= 0x3041 && r <= 0x3096:
		return r, true
	case r == 0x30FC || r == 0xFF70 || r == 0x30FD || r == 0x30FE || r == 0x309D || r == 0x309E:
		return r, true
	}
	return r, false
}

func isKana(r rune) bool {
	_, ok := toHiragana(r)
	return ok || r >= 0x31F0 && r <= 0x31FF || r == 0xFF9E || r == 0xFF9F || r == 0x3099 || r == 0x309A
}

func isSmallY(r rune) bool { return r == 'ゃ' || r == 'ゅ' || r == 'ょ' }

func isSmallVowel(r rune) bool {
	return r == 'ぁ' || r == 'ぃ' || r == 'ぅ' || r == 'ぇ' || r == 'ぉ'
}

// kanaLatin romanises a run whose letters are kana (Han characters in it
// get pinyin, other characters pass through).
func kanaLatin(s string) []string {
	src := []rune(s)
	// normalise to hiragana, applying half-width voicing marks
	rs := make([]rune, 0, len(src))
	for _, r := range src {
		switch r {
		case 0xFF9E, 0x3099, 0x309B: // dakuten
			if n := len(rs); n > 0 {
				rs[n-1] = voiced(rs[n-1])
			}
			continue
		case 0xFF9F, 0x309A, 0x309C: // handakuten
			if n := len(rs); n > 0 {
				rs[n-1] = semiVoiced(rs[n-1])
			}
			continue
		}
		h, _ := toHiragana(r)
		rs = append(rs, h)
	}
	var b strings.Builder
	var buf []byte
	double := false
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		var next rune
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		var syl string
		switch {
		case r == 'っ':
			double = true
			continue
		case r == 0x30FC || r == 0xFF70: // ー
			continue
		case r == 0x309D || r == 0x30FD: // ゝ repeat
			continue
		case isSmallY(next) && hiragana[r] != "" && strings.HasSuffix(hiragana[r], "i") && r != 'い':
			base := hiragana[r]
			base = base[:len(base)-1] // ki → k, shi → sh, chi → ch, ji → j
			y := hiragana[next]
			if strings.HasSuffix(base, "sh") || strings.HasSuffix(base, "ch") || base == "j" {
				y = y[1:]
			}
			syl = base + y
			i++
		case isSmallVowel(next) && hiragana[r] != "":
			syl = extendedKana(r, next)
			i++
		default:
			if h, ok := hiragana[r]; ok {
				syl = h
			} else if isHan(r) {
				buf = appendPinyin(buf[:0], r)
				syl = string(buf)
				if i > 0 && isHan(rs[i-1]) {
					syl = " " + syl
				}
			} else {
				b.WriteRune(r)
				double = false
				continue
			}
		}
		if double && syl != "" && syl[0] != ' ' {
			if strings.HasPrefix(syl, "ch") {
				b.WriteByte('t')
			} else if c := syl[0]; c != 'a' && c != 'i' && c != 'u' && c != 'e' && c != 'o' && c != 'n' {
				b.WriteByte(c)
			}
		}
		double = false
		b.WriteString(syl)
	}
	return []string{b.String()}
}

// extendedKana reads a kana followed by a small vowel (katakana for
// foreign sounds: ファ fa, ティ ti, ウィ wi, シェ she, ヴァ va).
func extendedKana(r, small rune) string {
	v := hiragana[small]
	base := hiragana[r]
	switch r {
	case 'ふ':
		return "f" + v
	case 'て':
		return "t" + v
	case 'で':
		return "d" + v
	case 'と':
		return "t" + v
	case 'ど':
		return "d" + v
	case 'う':
		return "w" + v
	case 'ゔ':
		return "v" + v
	case 'し':
		return "sh" + v
	case 'じ':
		return "j" + v
	case 'ち':
		return "ch" + v
	case 'つ':
		return "ts" + v
	case 'い':
		return "y" + v
	case 'く', 'ぐ':
		return base[:1] + "w" + v
	}
	return base + v
}

func voiced(r rune) rune {
	if r == 'う' {
		return 'ゔ'
	}
	if h, ok := hiragana[r+1]; ok && len(h) > 0 {
		switch r {
		case 'か', 'き', 'く', 'け', 'こ', 'さ', 'し', 'す', 'せ', 'そ', 'た', 'ち', 'つ', 'て', 'と', 'は', 'ひ', 'ふ', 'へ', 'ほ':
			return r + 1
		}
	}
	return r
}

func semiVoiced(r rune) rune {
	switch r {
	case 'は', 'ひ', 'ふ', 'へ', 'ほ':
		return r + 2
	}
	return r
}
