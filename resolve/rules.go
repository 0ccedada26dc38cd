package resolve

import (
	"fmt"
	"slices"
	"strings"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/match"
)

// crossRefs finds the pairs of records of different sources where one
// carries a key of the other: the same alternative key on both (the UN
// reference "un-ref:QDi.001" on a UK and a UN record), or a referent that
// translates to the other's id or key ("ftm:ofac-45937" is
// "ofac-sdn:45937"). With only set, just the pairs touching those
// entities.
func (r *resolver) crossRefs(only map[int]bool) []Decision {
	owners := map[string][]int{}
	for i, e := range r.ents {
		owners[e.ID] = append(owners[e.ID], i)
		for _, k := range e.AltKeys {
			if !r.withheld(k) {
				owners[k] = append(owners[k], i)
			}
		}
	}
	var out []Decision
	add := func(i, j int, why string) {
		if i == j || r.src[i] == r.src[j] {
			return
		}
		if only != nil && !only[i] && !only[j] {
			return
		}
		out = append(out, Decision{A: r.ents[i].ID, B: r.ents[j].ID, Rule: RuleCrossRef, Evidence: why, Score: 1})
	}
	for i, e := range r.ents {
		for _, k := range e.AltKeys {
			if r.withheld(k) {
				continue
			}
			for _, j := range owners[k] {
				if j > i || r.ents[j].ID == k {
					// a shared key is seen from both holders: once
					if r.ents[j].ID == k {
						add(i, j, fmt.Sprintf("%s carries the key %s", e.ID, k))
					} else {
						add(i, j, fmt.Sprintf("both carry %s", k))
					}
				}
			}
			for _, t := range translate(k) {
				if r.withheld(t) {
					continue
				}
				for _, j := range owners[t] {
					add(i, j, fmt.Sprintf("%s carries the referent %s, which is %s", e.ID, strings.TrimPrefix(k, "ftm:"), t))
				}
			}
		}
	}
	return out
}

func (r *resolver) withheld(k string) bool { return r.opt.Withhold != nil && r.opt.Withhold(k) }

// translate maps an OpenSanctions referent to the keys Interdict gives the
// same record when it loads the official list itself.
func translate(k string) []string {
	ref, ok := strings.CutPrefix(k, "ftm:")
	if !ok {
		return nil
	}
	if n, ok := strings.CutPrefix(ref, "ofac-"); ok && digits(n) {
		return []string{"ofac-sdn:" + n, "ofac-cons:" + n}
	}
	if n, ok := strings.CutPrefix(ref, "gb-hmt-"); ok && digits(n) {
		return []string{"uk-group:" + n}
	}
	if n, ok := strings.CutPrefix(ref, "gb-fcdo-"); ok && n != "" {
		return []string{"uk:" + strings.ToUpper(n)}
	}
	if n, ok := strings.CutPrefix(ref, "au-dfat-"); ok {
		if i := strings.IndexByte(n, '-'); i > 0 {
			n = n[:i]
		}
		if digits(n) {
			return []string{"au:" + n}
		}
	}
	if n, ok := strings.CutPrefix(ref, "eu-fsf-eu-"); ok {
		if a, b, ok := strings.Cut(n, "-"); ok && digits(a) && digits(b) {
			return []string{"eu:EU." + a + "." + b}
		}
	}
	return nil
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// idClass groups identifier types that number the same thing: a passport
// and a national id number of a person are compared with each other, so
// are a company's registration and tax numbers (publishers file the
// Russian INN and OGRN under either).
func idClass(t interdict.IDType) Rule {
	switch t {
	case interdict.IDIMO:
		return RuleIMO
	case interdict.IDPassport, interdict.IDNational:
		return RulePassport
	case interdict.IDRegistration, interdict.IDTax:
		return RuleRegistry
	}
	return ""
}

// Generic reports an identifier value that identifies nothing: shorter
// than five characters after NormalizeID, or one character repeated
// ("000000", "XXXXXX"), or a placeholder word.
func Generic(v string) bool {
	if len(v) < 5 {
		return true
	}
	if strings.Count(v, v[:1]) == len(v) {
		return true
	}
	switch v {
	case "UNKNOWN", "NONE", "NOTKNOWN", "NIL", "NULL", "123456", "1234567", "12345678", "123456789":
		return true
	}
	return false
}

// heldID is one identifier of one entity.
type heldID struct {
	ent     int
	typ     interdict.IDType
	country string
	raw     string
}

// identifiers finds the pairs of records of different sources holding the
// same IMO, passport or national id, or registration or tax number (see
// the package comment for what else each needs). Values held by more
// than maxShared records are generic and skipped.
func (r *resolver) identifiers(only map[int]bool) []Decision {
	groups := map[string][]heldID{}
	for i, e := range r.ents {
		for _, id := range e.Identifiers {
			cl := idClass(id.Type)
			if cl == "" {
				continue
			}
			v := match.NormalizeID(id.Value)
			if Generic(v) {
				continue
			}
			k := string(cl) + "\x00" + v
			groups[k] = append(groups[k], heldID{ent: i, typ: id.Type, country: id.Country, raw: id.Value})
		}
	}
	var out []Decision
	sc := r.pool.Get().(*match.Scratch)
	defer r.pool.Put(sc)
	r.generic = 0
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		g := groups[k]
		if len(g) < 2 {
			continue
		}
		if distinctEntities(g) > maxShared {
			r.generic++
			continue
		}
		cl := Rule(k[:strings.IndexByte(k, 0)])
		for x := range g {
			for y := x + 1; y < len(g); y++ {
				i, j := g[x].ent, g[y].ent
				if i == j || r.src[i] == r.src[j] {
					continue
				}
				if only != nil && !only[i] && !only[j] {
					continue
				}
				if d, ok := r.sameID(cl, g[x], g[y], sc); ok {
					out = append(out, d)
				}
			}
		}
	}
	return out
}

func distinctEntities(g []heldID) int {
	n := 0
	for x := range g {
		if x == 0 || g[x].ent != g[x-1].ent {
			n++
		}
	}
	return n
}

// sameID decides whether two records holding one identifier value are one
// party.
func (r *resolver) sameID(cl Rule, x, y heldID, sc *match.Scratch) (Decision, bool) {
	a, b := r.ents[x.ent], r.ents[y.ent]
	d := Decision{A: a.ID, B: b.ID, Rule: cl, Score: 1}
	if x.country != "" && y.country != "" && x.country != y.country {
		return d, false
	}
	what := fmt.Sprintf("%s %s", x.typ, x.raw)
	if x.country != "" || y.country != "" {
		what += " (" + cmpOr(x.country, y.country) + ")"
	}
	switch cl {
	case RuleIMO:
		if a.Kind != b.Kind {
			return d, false
		}
		d.Evidence = "same IMO number " + match.NormalizeID(x.raw)
		return d, true
	case RulePassport:
		if !kindsAgree(a.Kind, interdict.KindPerson) || !kindsAgree(b.Kind, interdict.KindPerson) {
			return d, false
		}
		if f, _ := dobFact(a, b); f == factConflict {
			return d, false
		}
	case RuleRegistry:
		if a.Kind == interdict.KindPerson || b.Kind == interdict.KindPerson || !kindsAgree(a.Kind, b.Kind) {
			return d, false
		}
		if f, _ := countryFact(a, b); f == factConflict {
			return d, false
		}
	}
	// A number is copied wrongly now and then, and a passport number
	// of one country can be another's: the names must be alike too.
	s, qn, ln := r.nameScore(x.ent, y.ent, sc)
	if s < idNameBar {
		return d, false
	}
	d.Evidence = fmt.Sprintf("same %s on both; names %.2f alike (%q ~ %q)", what, s, qn, ln)
	d.Score = round(s)
	return d, true
}

// idNameBar is the name score two records sharing a passport or
// registration number need: low, since the number is the evidence, but
// enough to catch a number typed into the wrong record.
const idNameBar = 0.5

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
