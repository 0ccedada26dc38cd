package ftm

import (
	"strings"
	"unicode"

	interdict "github.com/interdict/interdict"
)

// nameProps are the FtM name properties after the primary name, in the
// order their values are added; a value already added under an earlier
// property keeps that type.
var nameProps = []struct {
	prop string
	typ  interdict.NameType
}{
	{"name", interdict.NameAKA},
	{"alias", interdict.NameAKA},
	{"previousName", interdict.NameFKA},
	{"weakAlias", interdict.NameWeakAKA},
	{"abbreviation", interdict.NameWeakAKA},
}

// addNames sets the entity's names: the caption (or the first name value)
// as primary, then the other values by nameProps, then, for a person, the
// name parts each name contains.
func addNames(e *interdict.Entity, rec *record) {
	primary := strings.TrimSpace(rec.Caption)
	if primary != "" && isSchemaLabel(primary, rec.Schema) && !hasValue(rec, primary) {
		primary = ""
	}
	if primary == "" {
		primary = rec.first("name")
	}
	if primary == "" && e.Kind == interdict.KindPerson {
		primary = strings.TrimSpace(rec.first("firstName") + " " + rec.first("lastName"))
	}
	if primary == "" {
		primary = rec.first("alias")
	}
	seen := map[string]bool{}
	add := func(full string, typ interdict.NameType) {
		if full == "" || seen[full] {
			return
		}
		seen[full] = true
		e.AddName(interdict.Name{Full: full, Type: typ})
	}
	add(primary, interdict.NamePrimary)
	for _, np := range nameProps {
		for _, v := range rec.values(np.prop) {
			add(v, np.typ)
		}
	}
	if e.Kind != interdict.KindPerson {
		return
	}
	given, family := rec.values("firstName"), rec.values("lastName")
	patronymic, middle := rec.values("fatherName"), rec.values("middleName")
	if len(given)+len(family)+len(patronymic)+len(middle) == 0 {
		return
	}
	for i := range e.Names {
		n := &e.Names[i]
		words := nameWords(n.Full)
		n.Given = bestPart(words, given)
		n.Family = bestPart(words, family)
		n.Patronymic = bestPart(words, patronymic)
		n.Middle = bestPart(words, middle)
		if strings.EqualFold(n.Middle, n.Patronymic) {
			n.Middle = ""
		}
	}
}

// hasValue reports whether s is one of the record's name values.
func hasValue(rec *record, s string) bool {
	for _, np := range nameProps {
		for _, v := range rec.values(np.prop) {
			if v == s {
				return true
			}
		}
	}
	return false
}

// nameWords splits a name into words at spaces and punctuation other
// than hyphens and apostrophes, which belong to names ("Lvova-Belova").
func nameWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || (unicode.IsPunct(r) && r != '-' && r != '\'' && r != '’')
	})
}

// bestPart returns the words of the name that spell one of the
// candidates (in order, case aside); of several candidates, the one with
// the fewest words ("Mariya" rather than "Mariya Aleksandrovna", so the
// patronymic can be a part of its own). The part is taken from the name,
// so it keeps the name's spelling ("ZAKHAROV", not "Zakharov"). "" when
// no candidate is in the name.
func bestPart(words, candidates []string) string {
	best, bestLen := "", 0
	for _, c := range candidates {
		cw := nameWords(c)
		if len(cw) == 0 || (best != "" && len(cw) >= bestLen) {
			continue
		}
		if i := indexRun(words, cw); i >= 0 {
			best, bestLen = strings.Join(words[i:i+len(cw)], " "), len(cw)
		}
	}
	return best
}

// indexRun returns where sub occurs as consecutive elements of words,
// compared case-insensitively, or -1.
func indexRun(words, sub []string) int {
	for i := 0; i+len(sub) <= len(words); i++ {
		match := true
		for j, w := range sub {
			if !strings.EqualFold(words[i+j], w) {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}
