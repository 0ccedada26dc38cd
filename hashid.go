package interdict

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
)

// HashID derives a stable entity id for a source whose publisher gives no
// id of its own: "<source>:<16 hex digits>", from a SHA-256 of the given
// identifying fields. Each field is case-folded and its runs of space and
// punctuation collapsed, so that re-typed whitespace or case in a later
// version of the list keeps the id. Which fields each source uses is
// documented in its package.
func HashID(source string, fields ...string) string {
	h := sha256.New()
	for i, f := range fields {
		if i > 0 {
			h.Write([]byte{0x1f})
		}
		h.Write([]byte(foldField(f)))
	}
	return source + ":" + hex.EncodeToString(h.Sum(nil))[:16]
}

func foldField(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		space = true
	}
	return b.String()
}
