package country

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// fold appends to dst the lookup key of s: lower case, Latin accents
// removed, every run of characters that are neither letters, digits nor
// marks turned into one space, no leading or trailing space. Dots are
// dropped without a space, so "U.A.E." and "UAE" fold alike. "&" folds to
// "and". When skipParens is set, text inside balanced parentheses is left
// out; if the parentheses of s do not balance, they are treated as spaces
// instead. fold never allocates when dst has room.
func fold(dst []byte, s string, skipParens bool) []byte {
	start := len(dst)
	if skipParens && !balanced(s) {
		skipParens = false
	}
	depth := 0
	space := false // a separator is pending
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case skipParens && c == '(':
				depth++
				space = true
				continue
			case skipParens && c == ')':
				if depth > 0 {
					depth--
				}
				space = true
				continue
			case depth > 0:
				continue
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == '.':
				continue
			case c == '&':
				dst = appendWord(dst, start, &space, "and")
				space = true
				continue
			default:
				space = true
				continue
			}
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			dst = append(dst, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if depth > 0 {
			i += n
			continue
		}
		switch {
		case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
			i += n
			dst = foldASCIIRune(dst, start, &space, byte(r-0xFEE0))
			continue
		case r == 0x2019 || r == 0x2018 || r == 0x00B4: // quotes, acute accent
			i += n
			space = true
			continue
		}
		if isLatin(r) {
			// Decompose (NFKD) and keep the base letters only.
			d := norm.NFKD.PropertiesString(s[i:]).Decomposition()
			i += n
			if d == nil {
				dst = appendRune(dst, start, &space, r)
				continue
			}
			for len(d) > 0 {
				dr, dn := utf8.DecodeRune(d)
				d = d[dn:]
				if unicode.Is(unicode.Mn, dr) {
					continue
				}
				if dr < utf8.RuneSelf {
					dst = foldASCIIRune(dst, start, &space, byte(dr))
				} else {
					dst = appendRune(dst, start, &space, dr)
				}
			}
			continue
		}
		i += n
		dst = appendRune(dst, start, &space, r)
	}
	return dst
}

// foldASCIIRune folds one ASCII byte as fold does.
func foldASCIIRune(dst []byte, start int, space *bool, c byte) []byte {
	switch {
	case 'A' <= c && c <= 'Z':
		c += 'a' - 'A'
	case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
	case c == '.':
		return dst
	default:
		*space = true
		return dst
	}
	if *space && len(dst) > start {
		dst = append(dst, ' ')
	}
	*space = false
	return append(dst, c)
}

// appendRune appends a non-ASCII rune: letters lower-cased (with a few
// Latin letters that have no decomposition spelled out), marks kept as part
// of the word, anything else a separator.
func appendRune(dst []byte, start int, space *bool, r rune) []byte {
	switch r {
	case 'ß':
		return appendWordPart(dst, start, space, "ss")
	case 'æ', 'Æ':
		return appendWordPart(dst, start, space, "ae")
	case 'œ', 'Œ':
		return appendWordPart(dst, start, space, "oe")
	case 'ø', 'Ø':
		return appendWordPart(dst, start, space, "o")
	case 'đ', 'Đ':
		return appendWordPart(dst, start, space, "d")
	case 'ł', 'Ł':
		return appendWordPart(dst, start, space, "l")
	case 'ı':
		return appendWordPart(dst, start, space, "i")
	}
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
		*space = true
		return dst
	}
	if *space && len(dst) > start {
		dst = append(dst, ' ')
	}
	*space = false
	return utf8.AppendRune(dst, unicode.ToLower(r))
}

// appendWordPart appends letters that continue the current word.
func appendWordPart(dst []byte, start int, space *bool, w string) []byte {
	if *space && len(dst) > start {
		dst = append(dst, ' ')
	}
	*space = false
	return append(dst, w...)
}

// appendWord appends w as a word of its own.
func appendWord(dst []byte, start int, space *bool, w string) []byte {
	if len(dst) > start {
		dst = append(dst, ' ')
	}
	*space = false
	return append(dst, w...)
}

// isLatin reports whether r is in a Latin block whose accented letters
// fold to their base letters.
func isLatin(r rune) bool {
	return r < 0x0250 || (r >= 0x1E00 && r <= 0x1EFF) || (r >= 0xFB00 && r <= 0xFB06)
}

// balanced reports whether the parentheses of s balance.
func balanced(s string) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}
