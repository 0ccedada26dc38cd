package un

import "strings"

// clean collapses runs of white space (the UN file wraps long values over
// several indented lines) and trims the result.
func clean(s string) string {
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

// isPlaceholder reports whether a value is the UN's "not available"
// marker. Only the lower-case "na" the UN types counts: "NA" is a Korean
// family name in the DPRK listings.
func isPlaceholder(s string) bool {
	return s == "na" || strings.EqualFold(s, "n/a")
}

// value cleans s and drops placeholders.
func value(s string) string {
	s = clean(s)
	if isPlaceholder(s) {
		return ""
	}
	return s
}

// joinNonEmpty joins the non-empty values with sep.
func joinNonEmpty(sep string, vals ...string) string {
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

// addOnce appends s to list unless empty or already there.
func addOnce(list []string, s string) []string {
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
