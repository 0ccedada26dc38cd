package ca

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// recordID builds "ca:<regime>-<schedule>-<item>" (see the package doc).
func recordID(countryField, schedule, item string) string {
	var b strings.Builder
	b.WriteString(Source)
	b.WriteByte(':')
	b.WriteString(regimeSlug(countryField))
	if s := slug(schedule); s != "" {
		b.WriteByte('-')
		b.WriteString(s)
	}
	b.WriteByte('-')
	if s := slug(item); s != "" {
		b.WriteString(s)
	} else {
		// An item of punctuation alone still needs a stable, non-empty
		// segment; keep it visible rather than collide with another.
		b.WriteString("x")
	}
	return b.String()
}

// regimeSlug slugs the English half of the Country field, or the acronym
// closing it ("… Regulations (JVCFOR)" gives "jvcfor").
func regimeSlug(field string) string {
	english := englishHalf(field)
	if acr := closingAcronym(english); acr != "" {
		return slug(acr)
	}
	if s := slug(english); s != "" {
		return s
	}
	return slug(field)
}

// englishHalf returns the part of a bilingual "English / Français" field
// before the first " / ". Canada writes the English first; fields with no
// French half ("Ukraine") are returned whole.
func englishHalf(field string) string {
	field = clean(field)
	if i := strings.Index(field, " / "); i >= 0 {
		return strings.TrimSpace(field[:i])
	}
	if i := strings.Index(field, "/"); i > 0 {
		return strings.TrimSpace(field[:i])
	}
	return field
}

// closingAcronym returns X when s ends in "(X)" with X two or more
// upper-case letters or digits.
func closingAcronym(s string) string {
	if !strings.HasSuffix(s, ")") {
		return ""
	}
	i := strings.LastIndexByte(s, '(')
	if i < 0 {
		return ""
	}
	acr := s[i+1 : len(s)-1]
	if len(acr) < 2 {
		return ""
	}
	for _, r := range acr {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return ""
		}
	}
	return acr
}

// slug lower-cases s, strips accents, keeps ASCII letters, digits and dots,
// and turns every other run into one hyphen.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.':
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		default:
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(r)
	}
	return strings.Trim(b.String(), ".")
}
