package au

import (
	"strings"

	"github.com/interdict/interdict/country"
)

// splitEnumerated cuts DFAT's "a) first b) second c) third" lists into
// their items. Text that does not open with "a)" is one item. A marker
// counts only as the next letter in order and after a space or
// punctuation, so "Pasdaran St. b)" style slips and words ending in "b)"
// inside an item do not cut it.
func splitEnumerated(s string) []string {
	t := strings.TrimSpace(s)
	if t == "" {
		return nil
	}
	if !strings.HasPrefix(t, "a)") {
		return []string{t}
	}
	var parts []string
	rest := t[2:]
	for letter := byte('b'); letter <= 'z'; letter++ {
		i := findMarker(rest, letter)
		if i < 0 {
			break
		}
		parts = append(parts, rest[:i])
		rest = rest[i+2:]
	}
	parts = append(parts, rest)
	out := parts[:0]
	for _, p := range parts {
		if p = strings.Trim(clean(p), " ,;"); p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// findMarker finds "x)" for letter x where it starts a list item.
func findMarker(s string, letter byte) int {
	marker := string([]byte{letter, ')'})
	for from := 0; ; {
		i := strings.Index(s[from:], marker)
		if i < 0 {
			return -1
		}
		i += from
		if i == 0 || !isAlnum(s[i-1]) {
			return i
		}
		from = i + 1
	}
}

func isAlnum(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

// splitCountries cuts a Citizenship cell ("Russia, Ukraine", "Somalia:
// Sweden", "a) Sudan b) South Sudan", "Chad\n, Central African Republic")
// into country strings.
func splitCountries(cell string) []string {
	var out []string
	for _, item := range splitEnumerated(cell) {
		for _, s := range strings.FieldsFunc(item, func(r rune) bool {
			return r == ',' || r == ';' || r == ':' || r == '\n' || r == '\r'
		}) {
			if s = strings.Trim(clean(s), "."); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// splitAddresses cuts an Address cell into addresses: "a) … b) …" items,
// then blank lines. Semicolons do not cut: DFAT uses them inside one
// address before telephone and fax numbers as often as between addresses.
func splitAddresses(cell string) []string {
	cell = strings.ReplaceAll(cell, "\r\n", "\n")
	var out []string
	for _, item := range splitEnumerated(cell) {
		for _, a := range strings.Split(item, "\n\n") {
			if a = strings.Trim(clean(a), " ,;."); a != "" {
				out = append(out, a)
			}
		}
	}
	return out
}

// addressCountry finds the country of an address: its last comma or
// semicolon part that is not a telephone, fax or e-mail note (as written,
// then without bracketed remarks such as "(as at 30 Jan. 2014)"), else the
// last one to three words of that part ("Moscow 119160 Russia"). It
// returns the code, the string tried, and whether the address is a short
// place name alone ("Europe", "The Hague"): only those are worth reporting,
// since a longer address may simply end in a city.
func addressCountry(a string) (code, candidate string, single bool) {
	if last := lastPart(a); last != "" {
		if code, ok := country.Code(last); ok {
			return code, last, false
		}
	}
	base := stripParens(a)
	last := lastPart(base)
	if last == "" {
		return "", "", false
	}
	if code, ok := country.Code(last); ok {
		return code, last, false
	}
	words := strings.Fields(last)
	for n := 3; n >= 1; n-- {
		if n >= len(words) {
			continue
		}
		w := strings.Join(words[len(words)-n:], " ")
		if len(w) < 4 || !hasLetter(w) {
			continue
		}
		if code, ok := country.Code(w); ok {
			return code, w, false
		}
	}
	single = last == clean(strings.Trim(base, " ,;.")) && len(words) <= 3 && !strings.ContainsAny(last, "0123456789")
	return "", last, single
}

// lastPart returns the last comma- or semicolon-separated part of an
// address that is not a contact note.
func lastPart(a string) string {
	parts := strings.FieldsFunc(a, func(r rune) bool { return r == ',' || r == ';' })
	for i := len(parts) - 1; i >= 0; i-- {
		p := strings.Trim(clean(parts[i]), " .")
		if p == "" || isContact(p) {
			continue
		}
		return p
	}
	return ""
}

// isContact reports whether an address part is a telephone, fax or e-mail
// note rather than a place.
func isContact(p string) bool {
	l := strings.ToLower(p)
	for _, w := range []string{"phone", "tel", "fax", "mobile", "e-mail", "email"} {
		if strings.HasPrefix(l, w) {
			return true
		}
	}
	return strings.Contains(l, "@")
}

// stripParens removes bracketed text.
func stripParens(s string) string {
	if !strings.Contains(s, "(") {
		return s
	}
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}
