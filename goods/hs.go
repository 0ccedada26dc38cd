package goods

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// HS code lengths accepted. Four digits is an HS heading, six the
// international subheading; national tariffs add digits (8 in the EU CN,
// 10 in the US HTS and EU TARIC, up to 12 in some customs systems).
const (
	MinHSDigits = 4
	MaxHSDigits = 12
)

// HSCode is a goods classification code reduced to its digits: "854231",
// "85423100", "8542310000", or a heading alone, "8542".
type HSCode string

// HSError is why a string is not an HS code.
type HSError struct {
	Value string
	Why   string
}

func (e *HSError) Error() string {
	v := e.Value
	if len(v) > 40 {
		n := 40
		for n > 0 && !utf8.RuneStart(v[n]) {
			n--
		}
		v = v[:n] + "…"
	}
	return fmt.Sprintf("%q is not an HS code (%s)", v, e.Why)
}

// ParseHS reads an HS code written with or without dots, spaces or
// hyphens between its digit groups: "8542.31", "8542 31 00",
// "8542.31.0000", "854231", "8542". It wants MinHSDigits to MaxHSDigits
// digits and nothing but those separators.
func ParseHS(s string) (HSCode, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return "", &HSError{s, "empty"}
	}
	var b [MaxHSDigits]byte
	n := 0
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c >= '0' && c <= '9':
			if n == MaxHSDigits {
				return "", &HSError{s, fmt.Sprintf("more than %d digits", MaxHSDigits)}
			}
			b[n] = c
			n++
		case c == '.' || c == ' ' || c == '-':
			if i == 0 || i == len(t)-1 || !isDigit(t[i-1]) {
				return "", &HSError{s, "a separator must stand between digits"}
			}
		default:
			return "", &HSError{s, fmt.Sprintf("want %d to %d digits, optionally grouped with dots, spaces or hyphens", MinHSDigits, MaxHSDigits)}
		}
	}
	if n < MinHSDigits {
		return "", &HSError{s, fmt.Sprintf("%d digits; a heading has at least %d", n, MinHSDigits)}
	}
	return HSCode(b[:n]), nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// Heading is the code's first four digits.
func (c HSCode) Heading() string { return string(c[:min(4, len(c))]) }

// Dotted writes the code in the usual groups: "8542", "8542.31",
// "8542.31.00", "8542.31.00.00", with any further digits after a last dot.
func (c HSCode) Dotted() string {
	s := string(c)
	if len(s) <= 4 {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:4])
	for i := 4; i < len(s); i += 2 {
		b.WriteByte('.')
		b.WriteString(s[i:min(i+2, len(s))])
	}
	return b.String()
}

// Hit is a controlled-goods entry a goods line falls under, and how.
type Hit struct {
	Entry *Entry `json:"entry"`
	// By is how the line met the entry: "code" (the declared code is the
	// entry's or under it), "heading" (a code of four or five digits whose
	// heading holds the entry: it may or may not be under it), or
	// "description" (the goods description reads as the entry's code).
	By string `json:"by"`
	// Certain is false for heading matches, for description readings
	// under the strong score, and where a qualifier (power, mass) puts the
	// goods outside the entry.
	Certain bool `json:"certain"`
	// Score is 1 for a code match, the reading's score for a description.
	Score float64 `json:"score"`
	// Words are the description's words that matched.
	Words []string `json:"words,omitempty"`
	Note  string   `json:"note,omitempty"`
}

// Hit kinds.
const (
	ByCode        = "code"
	ByHeading     = "heading"
	ByDescription = "description"
)

// Code returns the entries a declared code falls under. A code of six or
// more digits meets the entries at its first six digits (an entry at six
// digits covers every national code under it). A code of four or five
// digits meets every entry beginning with it, as uncertain heading hits:
// the goods may be under another subheading of the heading.
func (t *Tables) Code(c HSCode) []Hit {
	if len(c) >= 6 {
		es := t.byCode[string(c[:6])]
		if len(es) == 0 {
			return nil
		}
		out := make([]Hit, len(es))
		for i, e := range es {
			out[i] = Hit{Entry: e, By: ByCode, Certain: true, Score: 1}
		}
		return out
	}
	var out []Hit
	for _, e := range t.Entries {
		if strings.HasPrefix(e.Code, string(c)) {
			out = append(out, Hit{Entry: e, By: ByHeading, Score: 1,
				Note: fmt.Sprintf("the code %s gives only the heading: the goods may be under %s or another subheading", c.Dotted(), e.Dotted())})
		}
	}
	return out
}

// Line is what the tables say about one goods line.
type Line struct {
	Code HSCode `json:"code,omitempty"`
	// ByCode are the entries the declared code falls under.
	ByCode []Hit `json:"by_code,omitempty"`
	// Readings are the HS subheadings the description reads as, listed
	// or not, best first.
	Readings []Reading `json:"readings,omitempty"`
	// Hits are ByCode followed by one hit per listed entry of each
	// reading not already met by the code.
	Hits []Hit `json:"hits,omitempty"`
}

// Controlled reports whether any hit is certain or the line has any hit
// at all, as hits go: a heading or weak reading still counts.
func (l *Line) Controlled() bool { return len(l.Hits) > 0 }

// Screen matches one goods line: its declared code (may be empty) and its
// description (may be empty).
func (t *Tables) Screen(code HSCode, description string) Line {
	l := Line{Code: code}
	if code != "" {
		l.ByCode = t.Code(code)
	}
	if description != "" {
		l.Readings = t.Describe(description)
	}
	l.Hits = append(l.Hits, l.ByCode...)
	for _, r := range l.Readings {
		for _, e := range r.Entries {
			if slices.ContainsFunc(l.Hits, func(h Hit) bool { return h.Entry == e }) {
				continue
			}
			l.Hits = append(l.Hits, Hit{Entry: e, By: ByDescription, Certain: r.Certain, Score: r.Score, Words: r.Words, Note: r.Note})
		}
	}
	return l
}
