package batch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	interdict "github.com/interdict/interdict"
)

// appendJSONString appends s as a JSON string, byte for byte as
// encoding/json writes it with HTML escaping off: HTML characters stay as
// they are (the output is data, not a web page); invalid UTF-8 becomes
// U+FFFD.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i++
			start = i
			continue
		}
		// U+2028 and U+2029 are valid JSON but end lines in JavaScript.
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendCSVRow appends one CSV row. A field is quoted when it holds the
// delimiter, a quote, a line break or leading space. With guard, a field
// a spreadsheet would run as a formula (starting with =, +, - or @, and
// not a number) is prefixed with an apostrophe: names come from outside.
func appendCSVRow(dst []byte, cells []string, comma byte, guard bool) []byte {
	for i, c := range cells {
		if i > 0 {
			dst = append(dst, comma)
		}
		if guard && isFormula(c) {
			c = "'" + c
		}
		if !needsQuotes(c, comma) {
			dst = append(dst, c...)
			continue
		}
		dst = append(dst, '"')
		for {
			j := strings.IndexByte(c, '"')
			if j < 0 {
				dst = append(dst, c...)
				break
			}
			dst = append(dst, c[:j+1]...)
			dst = append(dst, '"')
			c = c[j+1:]
		}
		dst = append(dst, '"')
	}
	return append(dst, '\n')
}

func needsQuotes(s string, comma byte) bool {
	if s == "" {
		return false
	}
	if s[0] == ' ' || s[0] == '\t' {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case comma, '"', '\n', '\r':
			return true
		}
	}
	return false
}

func isFormula(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@':
		_, err := strconv.ParseFloat(s, 64)
		return err != nil
	}
	return false
}

// The columns a table output adds after the input's. A column of the input
// with one of these names makes them prefixed (interdict_score).
var resultColumns = []string{"result", "score", "listed_id", "listed_name", "matched_name", "source", "listed_kind", "reason", "other_matches", "error"}

// The results of a row.
const (
	resultAlert = "alert"
	resultClear = "clear"
	resultError = "error"
)

// tableRow makes the cells a table output gives one row: its line, the
// input's cells (or the JSON line), then the result columns.
func tableRow(dst []string, line int, input []string, matches []interdict.Match, errMsg string, threshold, floor float64) []string {
	dst = append(dst[:0], strconv.Itoa(line))
	dst = append(dst, input...)
	if errMsg != "" {
		return append(dst, resultError, "", "", "", "", "", "", "", "", errMsg)
	}
	if len(matches) == 0 {
		return append(dst, resultClear, "", "", "", "", "", "", fmt.Sprintf("no listed name scores %s or more", score(floor)), "", "")
	}
	top := &matches[0]
	result := resultClear
	if top.Alert {
		result = resultAlert
	}
	var others strings.Builder
	for i := 1; i < len(matches); i++ {
		if i > 1 {
			others.WriteString("; ")
		}
		others.WriteString(matches[i].ID)
		others.WriteByte(' ')
		others.WriteString(score(matches[i].Score))
	}
	return append(dst, result, score(top.Score), top.ID, top.Name, top.MatchedName, top.Source, string(top.Kind),
		reason(top, threshold), others.String(), "")
}

func score(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) }

// reason says in a line why the best match scored what it did: which
// name met which listed name, the name's score and every attribute's
// effect, against the alert threshold.
func reason(m *interdict.Match, threshold float64) string {
	var b strings.Builder
	if m.Alert {
		fmt.Fprintf(&b, "alert (≥ %s): ", score(threshold))
	} else {
		fmt.Fprintf(&b, "below the alert threshold %s: ", score(threshold))
	}
	ex := m.Explanation
	if ex == nil {
		fmt.Fprintf(&b, "listed as %q", m.MatchedName)
		return b.String()
	}
	if ex.QueryName != "" {
		fmt.Fprintf(&b, "%q ~ %q", ex.QueryName, ex.ListedName)
		if ex.NameType != "" && ex.NameType != interdict.NamePrimary {
			fmt.Fprintf(&b, " (%s)", ex.NameType)
		}
		fmt.Fprintf(&b, " name %s", score(ex.NameScore))
	} else {
		fmt.Fprintf(&b, "%q by identifier", ex.ListedName)
	}
	for _, a := range ex.Adjustments {
		fmt.Fprintf(&b, "; %s %+.2f", strings.ReplaceAll(a.Attribute, "_", " "), a.Delta)
		if a.Reason != "" {
			fmt.Fprintf(&b, " (%s)", a.Reason)
		}
	}
	return b.String()
}

// appendOKLine appends the JSON line of a screened row,
// {"input":…,"matches":[…]}, as encoding/json writes batchOK (compacted
// input, HTML escaping off), for matches without explanations; ok is
// false when it cannot (an explanation, a score encoding/json would write
// in exponent form), and the caller encodes the line with encoding/json.
// Reflection there cost an eighth of a batch's CPU.
func appendOKLine(dst []byte, input []byte, matches []interdict.Match) ([]byte, bool) {
	for i := range matches {
		// (checked first: with --explain every line falls back, and
		// should not compact its input twice)
		m := &matches[i]
		if m.Explanation != nil || m.Score != 0 && (m.Score < 1e-6 || m.Score >= 1e21) || m.Score != m.Score {
			return dst, false
		}
	}
	start := len(dst)
	dst = append(dst, `{"input":`...)
	if input == nil {
		dst = append(dst, "null"...)
	} else {
		var err error
		if dst, err = appendCompact(dst, input); err != nil {
			return dst[:start], false
		}
	}
	dst = append(dst, `,"matches":[`...)
	for i := range matches {
		m := &matches[i]
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"id":`...)
		dst = appendJSONString(dst, m.ID)
		dst = append(dst, `,"source":`...)
		dst = appendJSONString(dst, m.Source)
		dst = append(dst, `,"kind":`...)
		dst = appendJSONString(dst, string(m.Kind))
		dst = append(dst, `,"name":`...)
		dst = appendJSONString(dst, m.Name)
		dst = append(dst, `,"matched_name":`...)
		dst = appendJSONString(dst, m.MatchedName)
		dst = append(dst, `,"score":`...)
		dst = strconv.AppendFloat(dst, m.Score, 'f', -1, 64)
		dst = append(dst, `,"alert":`...)
		dst = strconv.AppendBool(dst, m.Alert)
		dst = append(dst, '}')
	}
	return append(dst, "]}\n"...), true
}

// appendCompact appends the JSON value src without insignificant space,
// as encoding/json writes a json.RawMessage.
func appendCompact(dst, src []byte) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(len(src))
	if err := json.Compact(&b, src); err != nil {
		return dst, err
	}
	return append(dst, b.Bytes()...), nil
}
