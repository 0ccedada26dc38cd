package ca

import (
	"strings"
	"unicode"
)

// clean collapses every run of white space (line breaks, tabs, no-break and
// other Unicode spaces) to one space and trims the ends.
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
