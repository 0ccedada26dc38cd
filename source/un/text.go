package un

import (
	"strings"

	"github.com/interdict/interdict/source/internal/text"
)

// isPlaceholder reports whether a value is the UN's "not available"
// marker. Only the lower-case "na" the UN types counts: "NA" is a Korean
// family name in the DPRK listings.
func isPlaceholder(s string) bool {
	return s == "na" || strings.EqualFold(s, "n/a")
}

// value cleans s (the UN file wraps long values over several indented
// lines) and drops placeholders.
func value(s string) string {
	s = text.Clean(s)
	if isPlaceholder(s) {
		return ""
	}
	return s
}
