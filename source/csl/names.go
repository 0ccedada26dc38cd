package csl

import (
	"strings"
	"unicode"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/source/bis"
)

// successorClause starts the tail the State Department's nonproliferation
// list appends to names ("…; and any successor, sub-unit, or subsidiary
// thereof"). It is kept in Remarks, not as a name.
const successorClause = "any successor"

// splitName reads the name cell: items separated by ";" (the first is the
// primary, the rest are aliases), each split further by bis.SplitName, the
// rules the Denied Persons List needs and that also hold for the Entity
// List's "X (ACRONYM)" and "a.k.a." forms. remark is a successor clause
// taken off the end.
func splitName(cell string) (names []interdict.Name, remark string) {
	for i, it := range items(cell) {
		if strings.HasPrefix(strings.ToLower(it), successorClause) {
			remark = "Includes " + it
			continue
		}
		for j, n := range bis.SplitName(trimStop(it)) {
			if i > 0 || j > 0 {
				if n.Type == interdict.NamePrimary {
					n.Type = interdict.NameAKA
				}
			}
			names = append(names, n)
		}
	}
	if len(names) > 0 {
		names[0].Type = interdict.NamePrimary
	}
	return names, remark
}

// splitAltNames reads alt_names: ";"-separated, each an a.k.a. (or an
// f.k.a. where it says so), with acronyms in trailing parentheses split
// off as a further a.k.a.
func splitAltNames(cell string) []interdict.Name {
	var out []interdict.Name
	for _, it := range items(cell) {
		fka := startsFKA(it)
		for _, n := range bis.SplitName(trimStop(it)) {
			switch {
			case n.Type == interdict.NameFKA:
			case n.Type == interdict.NamePrimary && fka:
				n.Type = interdict.NameFKA
			default:
				n.Type = interdict.NameAKA
			}
			out = append(out, n)
		}
	}
	return out
}

func startsFKA(s string) bool {
	u := strings.ToUpper(s)
	for _, p := range []string{"F/K/A", "F.K.A.", "FKA ", "FORMERLY"} {
		if strings.HasPrefix(u, p) {
			return true
		}
	}
	return false
}

// trimStop drops the full stop that ends a Federal Register sentence
// ("…Technology Institute.", "…Research Institute 13.") but not one that
// ends an abbreviation ("Ltd.", "Co.", "S.A.", "Jr."): only after a number
// or a word of five or more letters.
func trimStop(s string) string {
	if !strings.HasSuffix(s, ".") {
		return s
	}
	body := strings.TrimSuffix(s, ".")
	last := body[strings.LastIndexAny(body, " ,")+1:]
	if last == "" {
		return s
	}
	letters, digits := 0, 0
	for _, r := range last {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		default:
			return s
		}
	}
	if (letters >= 5 && digits == 0) || (letters == 0 && digits > 0) {
		return body
	}
	return s
}

// personParts fills Family and Given from OFAC's "FAMILY, Given" form,
// used by the Treasury lists for individuals. Names without exactly one
// comma, or whose part after the comma is a suffix ("SMITH, JR."), are
// left as they are.
func personParts(n *interdict.Name) {
	family, given, ok := strings.Cut(n.Full, ",")
	if !ok || strings.Contains(given, ",") {
		return
	}
	family, given = strings.TrimSpace(family), strings.TrimSpace(given)
	switch strings.ToUpper(strings.Trim(given, ".")) {
	case "", "JR", "SR", "II", "III", "IV":
		return
	}
	if family == "" {
		return
	}
	n.Family, n.Given = family, given
}
