package dod

import (
	"strings"
	"unicode"

	"github.com/interdict/interdict/source/internal/text"
)

// fold is the comparison key for company names: lower case, letters and
// digits only, single spaces. It matches interdict.HashID's folding, so
// two names that fold alike get the same id.
func fold(s string) string {
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

// cleanName collapses whitespace and trims stray separators.
func cleanName(s string) string {
	return strings.Trim(strings.Join(strings.Fields(s), " "), " ,;")
}

// stripMarks removes the transcription's trailing marks from a Name cell:
// the asterisk of the 2021–2024 lists and a full stop after a closing
// parenthesis ("… (Qihoo 360).").
func stripMarks(s string) string {
	s = strings.TrimSpace(s)
	for {
		t := strings.TrimSpace(strings.TrimRight(s, "*"))
		if strings.HasSuffix(t, ").") {
			t = strings.TrimSuffix(t, ".")
		}
		if t == s {
			return s
		}
		s = t
	}
}

// trailingParen splits "Base (inner)" at its last balanced top-level
// parenthesis; ok is false when s does not end with one.
func trailingParen(s string) (base, inner string, ok bool) {
	i := text.TrailingGroup(s)
	if i < 0 {
		return s, "", false
	}
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1 : len(s)-1]), true
}

// formerNames returns the folded names a Name cell says the company was
// formerly called: "X (formerly Y)" gives Y, and Y without its own
// trailing acronym ("Zhonghang … Limited (ZEMIC)" gives the full form
// and "Zhonghang … Limited").
func formerNames(name string) map[string]bool {
	_, inner, ok := trailingParen(stripMarks(name))
	if !ok {
		return nil
	}
	low := strings.ToLower(inner)
	if !strings.HasPrefix(low, "formerly ") {
		return nil
	}
	former := strings.TrimSpace(inner[len("formerly "):])
	out := map[string]bool{fold(former): true}
	if base, acr, ok := trailingParen(former); ok {
		out[fold(base)] = true
		out[fold(acr)] = true
	}
	return out
}

// splitList splits a multi-valued cell. Values are joined with ";" or with
// a bare "," ("Knownsec,Beijing Kownsec"); a comma followed by a space
// stays, since it belongs to the value ("Co., Ltd.").
func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ";") {
		start := 0
		for i := 0; i < len(part); i++ {
			if part[i] == ',' && (i+1 == len(part) || part[i+1] != ' ') {
				out = appendClean(out, part[start:i])
				start = i + 1
			}
		}
		out = appendClean(out, part[start:])
	}
	return out
}

func appendClean(out []string, s string) []string {
	if s = cleanName(s); s != "" {
		return append(out, s)
	}
	return out
}
