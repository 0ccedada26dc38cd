package meti

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// foldWidth maps full-width ASCII (letters, digits, brackets, commas, the
// ideographic space) to ASCII and half-width katakana to full-width, so
// "（DEC）", "ＩＲＧＣＡＳＦ", "Ｎ" and "ｶﾀｶﾅ" compare as their usual forms.
func foldWidth(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return width.Fold.String(s)
		}
	}
	return s
}

// clean collapses runs of white space to one space and trims the ends.
func clean(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func hasLatin(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

// hasNonLatinLetter reports whether s has a letter of another script
// (Han, kana, Hangul, Cyrillic, Arabic, …).
func hasNonLatinLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

// isKana reports whether s is written wholly in kana: hiragana, katakana,
// the prolonged sound mark and the middle dot, with spaces between.
func isKana(s string) bool {
	letters := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r):
			letters = true
		case r == 'ー' || r == '・' || r == ' ':
		default:
			return false
		}
	}
	return letters
}
