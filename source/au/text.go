package au

import (
	"strings"
	"unicode"
)

// clean collapses every run of white space (line breaks, tabs, no-break
// spaces) to one space and trims the ends.
func clean(s string) string {
	if !needsClean(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// needsClean reports whether s has white space other than single ASCII
// spaces between words, so the common case allocates nothing.
func needsClean(s string) bool {
	prevSpace := true
	for _, r := range s {
		if r == ' ' {
			if prevSpace {
				return true
			}
			prevSpace = true
			continue
		}
		if unicode.IsSpace(r) {
			return true
		}
		prevSpace = false
	}
	return prevSpace && s != ""
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// indexFold is strings.Index ignoring the case of ASCII letters; sub must
// be ASCII.
func indexFold(s, sub string) int {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		if strings.EqualFold(s[i:i+n], sub) {
			return i
		}
	}
	return -1
}
