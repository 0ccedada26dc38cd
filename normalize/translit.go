package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-unidecode"
)

// MaxVariants caps the number of Latin renderings of one name.
const MaxVariants = 6

// Latin returns the Latin renderings of s, folded (see Fold), best first
// and without duplicates. Latin-script input gives just its fold. Each run
// of another script is transliterated by its own rules (see the cyrillic,
// greek, arabic, hebrew, han, hangul and kana files); Armenian, Georgian,
// Thai and any other script go through go-unidecode. When runs of several
// scripts give different numbers of renderings, rendering k combines the
// k-th rendering of every run (or its last one). The result is never empty
// for non-empty input, but may hold "" when s has no letters or digits.
// Like Analyze, Latin reads at most MaxRunes runes of s.
func Latin(s string) []string {
	s, _ = truncate(s, MaxRunes)
	return latinRenderings(s, false)
}

// tclass is the transliteration class of a rune.
type tclass uint8

const (
	tNeutral tclass = iota // spaces, punctuation, digits, marks: join any run
	tLatin
	tCyrillic
	tGreek
	tArabic
	tHebrew
	tHan
	tHangul
	tKana
	tThai
	tDevanagari
	tOther
)

func runeClass(r rune) tclass {
	switch {
	case r < utf8.RuneSelf:
		if (r|0x20) >= 'a' && (r|0x20) <= 'z' {
			return tLatin
		}
		return tNeutral
	case r < 0x250, r >= 0x1E00 && r < 0x1F00, r >= 0xFF01 && r <= 0xFF5E, r >= 0xFB00 && r <= 0xFB06:
		if unicode.IsLetter(r) {
			return tLatin
		}
		return tNeutral
	case r >= 0x400 && r < 0x530, r >= 0x1C80 && r < 0x1C90, r >= 0x2DE0 && r < 0x2E00, r >= 0xA640 && r < 0xA6A0:
		return tCyrillic
	case r >= 0x370 && r < 0x400, r >= 0x1F00 && r < 0x2000:
		if unicode.IsLetter(r) {
			return tGreek
		}
		return tNeutral
	case r >= 0x590 && r < 0x600, r >= 0xFB1D && r < 0xFB50:
		if isHebrewLetter(r) {
			return tHebrew
		}
		return tNeutral
	case isArabicLetter(r):
		return tArabic
	case isArabicMark(r):
		return tNeutral
	case isHangulSyllable(r):
		return tHangul
	case isKana(r):
		return tKana
	case isHan(r):
		return tHan
	case r >= 0x1100 && r < 0x1200, r >= 0x3130 && r < 0x3190:
		return tOther // stray jamo
	case isThai(r):
		if r >= 0x0E01 && r <= 0x0E2E || r >= 0x0E40 && r <= 0x0E44 {
			return tThai
		}
		return tNeutral
	case r >= 0x0900 && r <= 0x097F:
		if unicode.IsLetter(r) {
			return tDevanagari
		}
		return tNeutral
	}
	if unicode.IsLetter(r) && !isApostrophe(r) && !unicode.Is(unicode.Common, r) {
		return tOther
	}
	return tNeutral
}

// segment is a run of one transliteration class.
type segment struct {
	text  string
	class tclass
}

func segments(s string) []segment {
	var out []segment
	start := 0
	cur := tNeutral
	for i, r := range s {
		c := runeClass(r)
		if c == tNeutral || c == cur {
			continue
		}
		if cur == tNeutral {
			cur = c
			continue
		}
		// Han next to kana belongs to the kana run (Japanese names).
		if cur == tKana && c == tHan || cur == tHan && c == tKana {
			cur = tKana
			continue
		}
		out = append(out, segment{s[start:i], cur})
		start, cur = i, c
	}
	if start < len(s) {
		out = append(out, segment{s[start:], cur})
	}
	return out
}

// latinRenderings implements Latin; org reads Han text as an
// organisation name (syllable by syllable).
func latinRenderings(s string, org bool) []string {
	segs := segments(s)
	if len(segs) == 1 && (segs[0].class == tLatin || segs[0].class == tNeutral) {
		return []string{Fold(s)}
	}
	parts := make([][]string, len(segs))
	n := 1
	for i, sg := range segs {
		var v []string
		switch sg.class {
		case tCyrillic:
			v = cyrillicLatin(sg.text)
		case tGreek:
			v = greekLatin(sg.text)
		case tArabic:
			v = arabicLatin(sg.text)
		case tHebrew:
			v = hebrewLatin(sg.text)
		case tHan:
			v = hanLatin(sg.text, org)
		case tHangul:
			v = hangulLatin(sg.text)
		case tKana:
			v = kanaLatin(sg.text)
		case tThai:
			v = thaiLatin(sg.text)
		case tDevanagari:
			v = devanagariLatin(sg.text)
		case tOther:
			v = []string{unidecodeString(sg.text)}
		default:
			v = []string{sg.text}
		}
		parts[i] = v
		if len(v) > n {
			n = len(v)
		}
	}
	if n > MaxVariants {
		n = MaxVariants
	}
	out := make([]string, 0, n)
	buf := make([]byte, 0, 2*len(s)+16)
	for k := 0; k < n; k++ {
		buf = buf[:0]
		for _, p := range parts {
			j := k
			if j >= len(p) {
				j = len(p) - 1
			}
			// a space between runs of different scripts keeps words apart
			// only where the text had one; runs are concatenated as is.
			buf = append(buf, p[j]...)
		}
		f := Fold(string(buf))
		dup := false
		for _, o := range out {
			if o == f {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, f)
		}
	}
	return out
}

func unidecodeString(s string) string { return unidecode.Unidecode(s) }

// devanagariLatin reads Devanagari through go-unidecode, adding the
// inherent vowel a after a consonant that carries no vowel sign or virama
// (except at the end of a word, where Hindi drops it): रजनीकांत →
// rajanikant rather than rjniikaant.
func devanagariLatin(s string) []string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if r < 0x0900 || r > 0x097F {
			b.WriteRune(r)
			continue
		}
		u := strings.ToLower(unidecodeString(string(r)))
		switch u {
		case "aa", "ii", "uu":
			u = u[:1]
		}
		b.WriteString(u)
		if isDevaConsonant(r) {
			var next rune
			if i+1 < len(rs) {
				next = rs[i+1]
			}
			if next == 0x093C && i+2 < len(rs) { // nukta
				next = rs[i+2]
			}
			if isDevaConsonant(next) || next == 0x0902 || next == 0x0901 || next == 0x0903 {
				b.WriteByte('a')
			}
		}
	}
	return []string{b.String()}
}

func isDevaConsonant(r rune) bool { return r >= 0x0915 && r <= 0x0939 || r >= 0x0958 && r <= 0x095F }
