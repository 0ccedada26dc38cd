// Package text holds the small value helpers several parsers share:
// collapsing white space, joining the values that are there, adding a
// value to a list once, and finding a name's trailing parenthesis.
package text

import "strings"

// Clean collapses runs of white space (publishers wrap long values over
// several indented lines, or double spaces) and trims the result.
func Clean(s string) string {
	if isClean(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// isClean reports whether s is already clean: no leading, trailing or
// doubled spaces and no other white space. Most values are, and this
// spares them an allocation.
func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			if i == 0 || i == len(s)-1 || s[i+1] == ' ' {
				return false
			}
		case c < ' ', c == 0xC2, c == 0xE1, c == 0xE2, c == 0xE3:
			// Control characters, and the lead bytes of the
			// Unicode spaces (U+0085, U+00A0, U+1680, U+2000 to
			// U+205F, U+3000), take the slow path.
			return false
		}
	}
	return true
}

// JoinNonEmpty joins the non-empty values with sep.
func JoinNonEmpty(sep string, vals ...string) string {
	var b strings.Builder
	for _, v := range vals {
		if v == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(v)
	}
	return b.String()
}

// AddOnce appends s to list unless s is empty or already there.
func AddOnce(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// TrailingGroup returns where the parenthesised group that ends s opens,
// matching nested parentheses ("A (B (C))" gives 2), or -1 when s does not
// end with a balanced group.
func TrailingGroup(s string) int {
	if !strings.HasSuffix(s, ")") {
		return -1
	}
	depth := 0
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case ')':
			depth++
		case '(':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}
