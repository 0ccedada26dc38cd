package normalize

import (
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s folded for comparison: Latin letters are decomposed (NFKD)
// and stripped of their accents, special Latin letters are spelled out in
// ASCII (ß→ss, æ→ae, ø→o, đ→d, ł→l, ı→i, þ→th, œ→oe, ŋ→ng), everything is
// lower-cased, apostrophes and similar marks inside or around words are
// removed (O'Brien → obrien, al-'Ali → al ali), every other punctuation or
// symbol becomes a space, and runs of spaces are collapsed and trimmed.
// Digits are kept.
//
// Fold is meant for Latin text. Letters of other scripts pass through
// lower-cased and otherwise unchanged (combining accents from the generic
// combining-mark blocks are still dropped); use Latin to transliterate them.
func Fold(s string) string {
	if isFolded(s) {
		return s
	}
	b := appendFold(make([]byte, 0, len(s)+4), s)
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b)) // b is not used again
}

// isFolded reports whether s is already in folded form (lower-case ASCII
// letters, digits, single inner spaces), so Fold can return it unchanged.
func isFolded(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			prevSpace = false
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		default:
			return false
		}
	}
	return true
}

// asciiClass classifies bytes below 0x80 for the fast path: 0 = separator
// (becomes a space), 1 = keep as is, 2 = upper-case letter, 3 = drop
// (apostrophes and similar).
var asciiClass = func() (t [128]byte) {
	for c := 0; c < 128; c++ {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			t[c] = 1
		case c >= 'A' && c <= 'Z':
			t[c] = 2
		case c == '\'' || c == '`':
			t[c] = 3
		}
	}
	return t
}()

// appendFold appends the fold of s to dst. It never adds a leading space
// to an empty dst and never leaves a trailing space.
func appendFold(dst []byte, s string) []byte {
	start := len(dst)
	space := false // a separator is pending
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch asciiClass[c] {
			case 0:
				space = true
			case 1:
				if space && len(dst) > start {
					dst = append(dst, ' ')
				}
				space = false
				dst = append(dst, c)
			case 2:
				if space && len(dst) > start {
					dst = append(dst, ' ')
				}
				space = false
				dst = append(dst, c+'a'-'A')
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		rep, kind := foldRune(r)
		switch kind {
		case foldDrop:
			continue
		case foldSpace:
			space = true
			continue
		}
		if space && len(dst) > start {
			dst = append(dst, ' ')
		}
		space = false
		if kind == foldString {
			dst = append(dst, rep...)
		} else {
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return dst
}

type foldKind uint8

const (
	foldKeep   foldKind = iota // keep the rune, lower-cased
	foldString                 // replace by the returned ASCII string
	foldDrop                   // remove
	foldSpace                  // separator
)

// latinFold maps U+0080..U+024F to folded ASCII ("" with latinKind
// foldDrop/foldSpace for marks and symbols); latinExtFold does the same
// for Latin Extended Additional (U+1E00..U+1EFF).
var (
	latinFold    [0x250]string
	latinKind    [0x250]foldKind
	latinExtFold [0x100]string
	latinExtKind [0x100]foldKind
)

// specialLatin lists letters NFKD does not decompose into ASCII.
var specialLatin = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'ø': "o", 'Ø': "o",
	'đ': "d", 'Đ': "d", 'ł': "l", 'Ł': "l", 'ı': "i", 'þ': "th", 'Þ': "th",
	'œ': "oe", 'Œ': "oe", 'ð': "d", 'Ð': "d", 'ħ': "h", 'Ħ': "h",
	'ŧ': "t", 'Ŧ': "t", 'ŀ': "l", 'Ŀ': "l", 'ĸ': "k", 'ŋ': "ng", 'Ŋ': "ng",
	'ſ': "s", 'ƒ': "f", 'ƀ': "b", 'ɓ': "b", 'ƈ': "c", 'ɗ': "d", 'ɖ': "d",
	'ǥ': "g", 'ɠ': "g", 'ɨ': "i", 'ƙ': "k", 'ƚ': "l", 'ɲ': "n", 'ƞ': "n",
	'ɵ': "o", 'ƥ': "p", 'ʠ': "q", 'ɍ': "r", 'ƭ': "t", 'ʈ': "t", 'ʉ': "u",
	'ʋ': "v", 'ƴ': "y", 'ɏ': "y", 'ƶ': "z", 'ȥ': "z", 'ʒ': "z", 'Ʒ': "z",
	'ə': "e", 'Ə': "e", 'ɛ': "e", 'Ɛ': "e", 'ɔ': "o", 'Ɔ': "o", 'ĳ': "ij",
	'Ĳ': "ij", 'ǆ': "dz", 'ǅ': "dz", 'Ǆ': "dz", 'ǉ': "lj", 'ǈ': "lj",
	'Ǉ': "lj", 'ǌ': "nj", 'ǋ': "nj", 'Ǌ': "nj", 'ȸ': "db", 'ȹ': "qp",
	'Ɂ': "", 'ɂ': "", // glottal stops: dropped like apostrophes
}

// apostrophes are removed rather than turned into spaces.
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '`', '´', '‘', '’', '‛', '′', 'ʹ', 'ʻ', 'ʼ', 'ʽ', 'ʾ', 'ʿ', 'ˈ', '＇', '｀', 'ꞌ', 'Ꞌ':
		return true
	}
	return false
}

func init() {
	for r := rune(0x80); r < 0x250; r++ {
		latinFold[r], latinKind[r] = computeFold(r)
	}
	for r := rune(0x1E00); r < 0x1F00; r++ {
		latinExtFold[r-0x1E00], latinExtKind[r-0x1E00] = computeFold(r)
	}
}

// computeFold folds one Latin-range rune the slow way (NFKD, drop marks).
func computeFold(r rune) (string, foldKind) {
	if isApostrophe(r) || r == 0xAD { // soft hyphen: invisible
		return "", foldDrop
	}
	if lr := unicode.ToLower(r); lr != r {
		// fold the lower-case letter, so that folding is idempotent
		if lr < 0x80 {
			return string(lr), foldString
		}
		if s, k := computeFold(lr); k != foldKeep {
			return s, k
		}
		return string(lr), foldString
	}
	if s, ok := specialLatin[r]; ok {
		if s == "" {
			return "", foldDrop
		}
		return s, foldString
	}
	if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) {
		return "", foldDrop
	}
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		if unicode.IsNumber(r) { // ², ½: keep their digits
			return numberFold(r)
		}
		return "", foldSpace
	}
	var out []byte
	for _, d := range norm.NFKD.String(string(r)) {
		switch {
		case d >= 'a' && d <= 'z', d >= '0' && d <= '9':
			out = append(out, byte(d))
		case d >= 'A' && d <= 'Z':
			out = append(out, byte(d)+'a'-'A')
		case unicode.Is(unicode.Mn, d):
		case d < utf8.RuneSelf:
			// compatibility punctuation inside a letter: ignore
		default:
			if s, ok := specialLatin[d]; ok {
				out = append(out, s...)
				continue
			}
			// A letter with no ASCII base (IPA and the like): keep it.
			return "", foldKeep
		}
	}
	if len(out) == 0 {
		return "", foldDrop
	}
	return string(out), foldString
}

func numberFold(r rune) (string, foldKind) {
	var out []byte
	for _, d := range norm.NFKD.String(string(r)) {
		if d >= '0' && d <= '9' {
			out = append(out, byte(d))
		}
	}
	if len(out) == 0 {
		return "", foldSpace
	}
	return string(out), foldString
}

// foldRune folds one non-ASCII rune.
func foldRune(r rune) (string, foldKind) {
	switch {
	case r < 0x250:
		return latinFold[r], latinKind[r]
	case r >= 0x1E00 && r < 0x1F00:
		return latinExtFold[r-0x1E00], latinExtKind[r-0x1E00]
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		a := byte(r - 0xFF01 + 0x21)
		switch asciiClass[a] {
		case 1:
			return asciiStrings[a], foldString
		case 2:
			return asciiStrings[a+'a'-'A'], foldString
		case 3:
			return "", foldDrop
		}
		return "", foldSpace
	case r >= 0xFB00 && r <= 0xFB06: // Latin ligatures
		return ligatures[r-0xFB00], foldString
	case isApostrophe(r):
		return "", foldDrop
	case r >= 0x300 && r < 0x370, r >= 0x1AB0 && r < 0x1B00, r >= 0x1DC0 && r < 0x1E00,
		r >= 0x20D0 && r < 0x2100, r >= 0xFE20 && r < 0xFE30:
		return "", foldDrop // generic combining marks
	case r == 0x200C || r == 0x200D || r == 0xFEFF || r == 0x200B || r == 0x2060:
		return "", foldDrop // joiners, BOM, soft hyphen
	case r == utf8.RuneError:
		return "", foldSpace
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) {
		if lr := unicode.ToLower(r); lr != r && (lr < 0x250 || lr >= 0x1E00 && lr < 0x1F00) {
			if lr < 0x80 {
				return asciiStrings[lr], foldString
			}
			if rep, k := foldRune(lr); k != foldKeep {
				return rep, k // Å (Angstrom sign) → a
			}
		}
		return "", foldKeep
	}
	return "", foldSpace
}

var ligatures = [7]string{"ff", "fi", "fl", "ffi", "ffl", "st", "st"}

var asciiStrings = func() (t [128]string) {
	for c := 0; c < 128; c++ {
		t[c] = string(rune(c))
	}
	return t
}()
