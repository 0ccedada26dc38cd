package match

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	interdict "github.com/interdict/interdict"
)

// Attribute adjustments, added to the name score (then clamped to
// [0, 1]). Agreement raises a score a little; a contradiction of a fact
// that rarely changes (a birth year, a kind) lowers it more, since a name
// alike with a different birth year is most often a namesake.
const (
	dobExact        = 0.06
	dobSameYear     = 0.03
	dobOtherYear    = -0.15
	countrySame     = 0.02
	countryOther    = -0.04
	genderOther     = -0.10
	weakAlias       = -0.03
	identifierFloor = 0.99
)

// KindOther is added when the query's kind and the entity's differ (both
// known): a person named like a company is most often another party;
// KindThing when one is a person and the other a vessel or an aircraft
// (ships are named after people: Dmitry Mendeleev).
var (
	KindOther = -0.2
	KindThing = -0.3
)

// MaxRaise is the most the attributes of q can add to a name score (a
// birth date and a country agreeing; 1 when q carries an identifier,
// which lifts a score to identifierFloor). Adjust never adds more, so a
// caller can skip the entities that cannot reach its cut.
func MaxRaise(q *interdict.Query) float64 {
	if len(q.Identifiers) > 0 {
		return 1
	}
	r := 0.0
	if len(q.BirthDates) > 0 {
		r += dobExact
	}
	if len(q.Countries) > 0 {
		r += countrySame
	}
	return r
}

// Adjust applies the query's other facts to a name score against one
// entity and says why each moved it.
func Adjust(q *interdict.Query, e *interdict.Entity, nameType interdict.NameType, score float64, explain bool) (float64, []interdict.Adjustment) {
	var adj []interdict.Adjustment
	add := func(attr string, d float64, why string) {
		score += d
		if explain {
			adj = append(adj, interdict.Adjustment{Attribute: attr, Delta: d, Reason: why})
		}
	}
	if nameType == interdict.NameWeakAKA {
		add("name_type", weakAlias, "matched a weak (low-quality) alias")
	}
	if q.Kind != "" && q.Kind != interdict.KindUnknown && e.Kind != interdict.KindUnknown && q.Kind != e.Kind {
		d := KindOther
		if q.Kind == interdict.KindPerson && isThing(e.Kind) || e.Kind == interdict.KindPerson && isThing(q.Kind) {
			d = KindThing
		}
		add("kind", d, reason(explain, "query is a %s, listed entity a %s", q.Kind, e.Kind))
	}
	if d, why := dobDelta(q.BirthDates, e, explain); d != 0 {
		add("birth_date", d, why)
	}
	if d, why := countryDelta(q.Countries, e, explain); d != 0 {
		add("country", d, why)
	}
	if q.Gender != "" && e.Gender != "" && q.Gender != e.Gender {
		add("gender", genderOther, reason(explain, "query is %s, listed entity %s", q.Gender, e.Gender))
	}
	if id, ok := SameIdentifier(q.Identifiers, e); ok && score < identifierFloor {
		add("identifier", identifierFloor-score, reason(explain, "identical %s %s", id.Type, id.Value))
	}
	return min(max(score, 0), 1), adj
}

// reason formats an adjustment's reason only when it will be shown:
// Adjust runs for every candidate of every query, explained or not.
func reason(explain bool, format string, args ...any) string {
	if !explain {
		return ""
	}
	return fmt.Sprintf(format, args...)
}

func dobDelta(qd []interdict.Date, e *interdict.Entity, explain bool) (float64, string) {
	if len(qd) == 0 || len(e.BirthDates) == 0 || (e.Kind != interdict.KindPerson && e.Kind != interdict.KindUnknown) {
		return 0, ""
	}
	// Until a pair says something (has a reason), each pair replaces the
	// last; after, only a larger delta does.
	best, why, said := -1.0, "", false
	for _, a := range qd {
		for _, b := range e.BirthDates {
			d, w, ok := compareDates(a, b, explain)
			if !said || d > best {
				best, why, said = d, w, ok
			}
		}
	}
	return best, why
}

// compareDates says how a query birth date bears on a listed one; said is
// false when the pair gives no reason (a year missing, or a year next to
// the listed range).
func compareDates(a, b interdict.Date, explain bool) (d float64, why string, said bool) {
	if a.Year == 0 || b.Year == 0 {
		return 0, "", false
	}
	lo, hi := b.Year, b.Year
	if b.ToYear != 0 {
		hi = b.ToYear
	}
	if b.Circa {
		lo, hi = lo-2, hi+2
	}
	switch {
	case a.Year < lo-1 || a.Year > hi+1:
		return dobOtherYear, reason(explain, "born %s, listed %s", a, b), true
	case a.Year < lo || a.Year > hi:
		return 0, "", false
	case a.Month != 0 && b.Month != 0 && a.Month != b.Month && b.ToYear == 0:
		return 0, reason(explain, "same year, another month: %s vs %s", a, b), true
	case a.Day != 0 && b.Day != 0 && a.Day == b.Day && a.Month == b.Month && b.ToYear == 0:
		return dobExact, reason(explain, "same birth date %s", b), true
	}
	return dobSameYear, reason(explain, "birth year agrees: %s vs %s", a, b), true
}

func countryDelta(qc []string, e *interdict.Entity, explain bool) (float64, string) {
	if len(qc) == 0 {
		return 0, ""
	}
	// (runs for every candidate: the entity's countries are walked in
	// place, and collected only to explain a disagreement)
	lists := [...][]string{e.Nationalities, e.Citizenships, e.Countries}
	known := false
	for _, c := range qc {
		for _, list := range lists {
			for _, k := range list {
				known = true
				if strings.EqualFold(c, k) {
					return countrySame, reason(explain, "country %s agrees", k)
				}
			}
		}
		for _, a := range e.Addresses {
			if a.Country == "" {
				continue
			}
			known = true
			if strings.EqualFold(c, a.Country) {
				return countrySame, reason(explain, "country %s agrees", a.Country)
			}
		}
	}
	if !known {
		return 0, ""
	}
	if !explain {
		return countryOther, ""
	}
	var all []string
	for _, list := range lists {
		all = append(all, list...)
	}
	for _, a := range e.Addresses {
		if a.Country != "" {
			all = append(all, a.Country)
		}
	}
	return countryOther, fmt.Sprintf("query country %s, listed %s", strings.Join(qc, ","), strings.Join(interdict.SortStrings(all), ","))
}

// NormalizeID reduces an identifier value to its comparable form: upper
// case letters and digits only ("AB 123-456" = "ab123456").
func NormalizeID(v string) string {
	var buf [64]byte
	return string(appendID(buf[:0], v))
}

// appendID appends NormalizeID(v) to dst: SameIdentifier runs for every
// candidate, and compares in a stack buffer without allocating.
func appendID(dst []byte, v string) []byte {
	start := len(dst)
	for _, r := range v {
		switch {
		case r >= '0' && r <= '9', r >= 'A' && r <= 'Z':
			dst = append(dst, byte(r))
		case r >= 'a' && r <= 'z':
			dst = append(dst, byte(r-'a'+'A'))
		case r >= 0x400 && unicode.IsLetter(r): // (not № or other signs)
			dst = utf8.AppendRune(dst, r)
		}
	}
	out := dst[start:]
	// "IMO 9253325" and "9253325" are one number.
	for _, p := range [...]string{"IMO", "MMSI"} {
		if rest, ok := bytes.CutPrefix(out, []byte(p)); ok && len(rest) > 0 && allDigits(rest) {
			return append(dst[:start], rest...)
		}
	}
	return dst
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// SameIdentifier finds an identifier of the query that the entity also
// holds: same normalised value, and same type where the query gives one.
// Values under five characters are too short to be decisive.
func SameIdentifier(ids []interdict.Identifier, e *interdict.Entity) (interdict.Identifier, bool) {
	if len(e.Identifiers) == 0 {
		return interdict.Identifier{}, false
	}
	var qb, xb [64]byte
	for _, q := range ids {
		qv := appendID(qb[:0], q.Value)
		if len(qv) < 5 {
			continue
		}
		for _, x := range e.Identifiers {
			if (q.Type == "" || q.Type == x.Type) && bytes.Equal(appendID(xb[:0], x.Value), qv) {
				return x, true
			}
		}
	}
	return interdict.Identifier{}, false
}

func isThing(k interdict.Kind) bool { return k == interdict.KindVessel || k == interdict.KindAircraft }
