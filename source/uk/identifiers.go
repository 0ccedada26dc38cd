package uk

import (
	"strings"

	"github.com/interdict/interdict"
)

// registration reads one business registration value. OFSI often writes
// the register's name first ("OGRN: 1027807560186", "TIN: 305636913"):
// a short label before a colon becomes the identifier's Label, and tax
// registers (INN, TIN, tax) make it a tax id.
func registration(s, defaultLabel string) interdict.Identifier {
	id := interdict.Identifier{Type: interdict.IDRegistration, Value: s, Label: defaultLabel}
	if i := strings.IndexByte(s, ':'); i > 0 && i <= 24 && i < len(s)-1 {
		label, value := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
		if value != "" && hasDigit(value) {
			id.Label, id.Value = label, value
		}
	}
	if isTaxLabel(id.Label) {
		id.Type = interdict.IDTax
	}
	return id
}

// isTaxLabel reports whether a register or document label names a tax
// number.
func isTaxLabel(label string) bool {
	l := strings.ToLower(label)
	if strings.Contains(l, "tax") {
		return true
	}
	for _, f := range strings.FieldsFunc(l, func(r rune) bool { return r == ' ' || r == '/' || r == '.' || r == '(' || r == ')' }) {
		switch f {
		case "inn", "tin", "унн", "инн", "ntn":
			return true
		}
	}
	return false
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// imo normalises an IMO number to its digits: "IMO9562233" and "9562233"
// are the same ship. Anything that is not "IMO" plus 7 digits is kept as
// written.
func imo(s string) string {
	s = strings.TrimSpace(s)
	t := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(strings.ToUpper(s), "IMO"), ":"))
	t = strings.TrimSpace(strings.TrimPrefix(t, "NUMBER"))
	if len(t) == 7 && allDigits(t) {
		return t
	}
	return s
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// emails splits a cell of e-mail addresses (numbered, or separated by
// spaces, commas or semicolons) and keeps the parts that look like one.
func emails(s string) []string {
	var out []string
	for _, v := range values(s) {
		for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == '\n' }) {
			if p = cleanItem(p); strings.Contains(p, "@") {
				out = append(out, p)
			}
		}
	}
	return out
}

// websites splits a cell of web addresses.
func websites(s string) []string {
	var out []string
	for _, v := range values(s) {
		for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == '\n' }) {
			if p = cleanItem(p); strings.Contains(p, ".") {
				out = append(out, p)
			}
		}
	}
	return out
}

// phones splits a cell of phone numbers, numbered or separated by ". ",
// "; " or newlines.
func phones(s string) []string {
	var out []string
	for _, v := range values(s) {
		out = append(out, splitAny(v, "\n", ". ", "; ")...)
	}
	return out
}

// nationalIDType tells a national identification number that is really a
// tax number from its details ("TIN", "Taxpayer ID").
func nationalIDType(details string) interdict.IDType {
	if isTaxLabel(details) {
		return interdict.IDTax
	}
	return interdict.IDNational
}
