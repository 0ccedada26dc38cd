package normalize

import (
	"strings"
	"unicode"
)

// Greek transliteration: system 0 follows ELOT 743 / ISO 843 (type 2,
// transcription-like: αυ → av/af, μπ → b at the start of a word, χ → ch,
// η → i, υ → y); system 1 is the phonetic practice of many passports and
// lists (χ → h, υ → i, ου → ou).

// greekPlain maps a lower-case Greek letter without accent to its ELOT
// rendering and its phonetic rendering.
var greekPlain = map[rune][2]string{
	'α': {"a", "a"}, 'β': {"v", "v"}, 'γ': {"g", "g"}, 'δ': {"d", "d"},
	'ε': {"e", "e"}, 'ζ': {"z", "z"}, 'η': {"i", "i"}, 'θ': {"th", "th"},
	'ι': {"i", "i"}, 'κ': {"k", "k"}, 'λ': {"l", "l"}, 'μ': {"m", "m"},
	'ν': {"n", "n"}, 'ξ': {"x", "x"}, 'ο': {"o", "o"}, 'π': {"p", "p"},
	'ρ': {"r", "r"}, 'σ': {"s", "s"}, 'ς': {"s", "s"}, 'τ': {"t", "t"},
	'υ': {"y", "i"}, 'φ': {"f", "f"}, 'χ': {"ch", "h"}, 'ψ': {"ps", "ps"},
	'ω': {"o", "o"}, 'ϐ': {"v", "v"}, 'ϑ': {"th", "th"}, 'ϕ': {"f", "f"},
	'ϲ': {"s", "s"}, 'ϊ': {"i", "i"}, 'ϋ': {"y", "i"}, 'ΐ': {"i", "i"}, 'ΰ': {"y", "i"},
}

// greekBase strips tonos and other accents from a lower-case Greek letter
// and reports whether it carried a diaeresis (which blocks digraphs).
func greekBase(r rune) (rune, bool) {
	switch r {
	case 'ά':
		return 'α', false
	case 'έ':
		return 'ε', false
	case 'ή':
		return 'η', false
	case 'ί':
		return 'ι', false
	case 'ό':
		return 'ο', false
	case 'ύ':
		return 'υ', false
	case 'ώ':
		return 'ω', false
	case 'ϊ', 'ΐ':
		return 'ι', true
	case 'ϋ', 'ΰ':
		return 'υ', true
	}
	if r >= 0x1F00 && r < 0x2000 { // polytonic
		if d := polytonicBase(r); d != 0 {
			return d, false
		}
	}
	return r, false
}

func polytonicBase(r rune) rune {
	// Extended Greek blocks group letters by base in runs of 8/16.
	switch {
	case r >= 0x1F00 && r <= 0x1F0F, r >= 0x1F70 && r <= 0x1F71, r >= 0x1F80 && r <= 0x1F8F, r >= 0x1FB0 && r <= 0x1FBC:
		return 'α'
	case r >= 0x1F10 && r <= 0x1F1D, r >= 0x1F72 && r <= 0x1F73, r >= 0x1FC8 && r <= 0x1FC9:
		return 'ε'
	case r >= 0x1F20 && r <= 0x1F2F, r >= 0x1F74 && r <= 0x1F75, r >= 0x1F90 && r <= 0x1F9F, r >= 0x1FC2 && r <= 0x1FCC:
		return 'η'
	case r >= 0x1F30 && r <= 0x1F3F, r >= 0x1F76 && r <= 0x1F77, r >= 0x1FD0 && r <= 0x1FDB:
		return 'ι'
	case r >= 0x1F40 && r <= 0x1F4D, r >= 0x1F78 && r <= 0x1F79, r >= 0x1FF8 && r <= 0x1FF9:
		return 'ο'
	case r >= 0x1F50 && r <= 0x1F5F, r >= 0x1F7A && r <= 0x1F7B, r >= 0x1FE0 && r <= 0x1FEB:
		return 'υ'
	case r >= 0x1F60 && r <= 0x1F6F, r >= 0x1F7C && r <= 0x1F7D, r >= 0x1FA0 && r <= 0x1FAF, r >= 0x1FF2 && r <= 0x1FFC:
		return 'ω'
	case r >= 0x1FE4 && r <= 0x1FE5, r == 0x1FEC:
		return 'ρ'
	}
	return 0
}

func isGreekLetter(r rune) bool {
	return (r >= 0x370 && r < 0x400 || r >= 0x1F00 && r < 0x2000) && unicode.IsLetter(r)
}

// voicelessAfterDigraph: αυ/ευ/ηυ are af/ef/if before these (and at the end).
func greekVoiceless(r rune) bool {
	switch r {
	case 'θ', 'κ', 'ξ', 'π', 'σ', 'ς', 'τ', 'φ', 'χ', 'ψ', 0:
		return true
	}
	return false
}

func greekLatin(s string) []string {
	src := []rune(s)
	type gl struct {
		r   rune
		dia bool
		ok  bool // is a Greek letter
	}
	ls := make([]gl, len(src))
	for i, r := range src {
		lr := unicode.ToLower(r)
		if isGreekLetter(lr) {
			b, dia := greekBase(lr)
			ls[i] = gl{b, dia, true}
		} else {
			ls[i] = gl{r: r}
		}
	}
	at := func(i int) rune {
		if i < len(ls) && ls[i].ok {
			return ls[i].r
		}
		return 0
	}
	var b [2]strings.Builder
	for i := 0; i < len(ls); i++ {
		c := ls[i]
		if !c.ok {
			b[0].WriteRune(c.r)
			b[1].WriteRune(c.r)
			continue
		}
		wordStart := i == 0 || !ls[i-1].ok
		n := at(i + 1)
		nDia := i+1 < len(ls) && ls[i+1].dia
		two := func(e, p string) {
			b[0].WriteString(e)
			b[1].WriteString(p)
			i++
		}
		switch {
		case c.r == 'ο' && n == 'υ' && !nDia:
			two("ou", "ou")
			continue
		case (c.r == 'α' || c.r == 'ε' || c.r == 'η') && n == 'υ' && !nDia:
			v := "a"
			switch c.r {
			case 'ε':
				v = "e"
			case 'η':
				v = "i"
			}
			if greekVoiceless(at(i + 2)) {
				two(v+"f", v+"f")
			} else {
				two(v+"v", v+"v")
			}
			continue
		case c.r == 'α' && n == 'ι' && !nDia:
			two("ai", "e")
			continue
		case c.r == 'ε' && n == 'ι' && !nDia:
			two("ei", "i")
			continue
		case c.r == 'ο' && n == 'ι' && !nDia:
			two("oi", "i")
			continue
		case c.r == 'γ' && n == 'γ':
			two("ng", "ng")
			continue
		case c.r == 'γ' && n == 'κ':
			if wordStart {
				two("gk", "g")
			} else {
				two("gk", "ng")
			}
			continue
		case c.r == 'γ' && n == 'ξ':
			two("nx", "nx")
			continue
		case c.r == 'γ' && n == 'χ':
			two("nch", "nh")
			continue
		case c.r == 'μ' && n == 'π':
			if wordStart {
				two("b", "b")
			} else {
				two("mp", "mb")
			}
			continue
		case c.r == 'ν' && n == 'τ':
			if wordStart {
				two("d", "d")
			} else {
				two("nt", "nd")
			}
			continue
		case c.r == 'τ' && n == 'ζ':
			two("tz", "tz")
			continue
		}
		p, ok := greekPlain[c.r]
		if !ok {
			u := unidecodeRune(c.r)
			p = [2]string{u, u}
		}
		b[0].WriteString(p[0])
		b[1].WriteString(p[1])
	}
	return []string{b[0].String(), b[1].String()}
}
