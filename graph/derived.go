package graph

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	interdict "github.com/interdict/interdict"
)

// sharedIDs adds an edge between every two entities holding the same
// IMO, passport or national id, or registration or tax number: the value
// normalised (letters and digits, upper case), at least five characters,
// not one character repeated, issued by the same country where both say,
// and held by at most maxShared entities.
func (b *Builder) sharedIDs(ents []*interdict.Entity, maxShared int) {
	type held struct {
		node    int32
		country string
		label   string
	}
	groups := map[string][]held{}
	for _, e := range ents {
		n := b.index[e.ID]
		for _, id := range e.Identifiers {
			cl := idClass(id.Type)
			if cl == "" {
				continue
			}
			v := normalizeID(id.Value)
			if genericID(v) {
				continue
			}
			k := cl + " " + v
			g := groups[k]
			if len(g) > 0 && g[len(g)-1].node == n {
				continue
			}
			groups[k] = append(g, held{n, id.Country, string(id.Type)})
		}
	}
	keys := sortedKeys(groups)
	for _, k := range keys {
		g := groups[k]
		if len(g) < 2 {
			continue
		}
		if len(g) > maxShared {
			b.stats.GenericSkipped++
			continue
		}
		v := k[strings.IndexByte(k, ' ')+1:]
		for x := range g {
			for y := x + 1; y < len(g); y++ {
				if g[x].country != "" && g[y].country != "" && g[x].country != g[y].country {
					continue
				}
				ev := g[x].label + " " + v
				if c := cmpOr(g[x].country, g[y].country); c != "" {
					ev += " (" + c + ")"
				}
				b.AddEdge(g[x].node, g[y].node, EdgeSharedID, SourceDerived, "both hold "+ev)
			}
		}
	}
}

// idClass groups identifier types numbering the same thing (see
// resolve); other types (phones, e-mails, websites, wallets) relate no
// one here: a ministry's switchboard or website is given for its every
// department.
func idClass(t interdict.IDType) string {
	switch t {
	case interdict.IDIMO:
		return "imo"
	case interdict.IDPassport, interdict.IDNational:
		return "personal-id"
	case interdict.IDRegistration, interdict.IDTax:
		return "registry"
	}
	return ""
}

// normalizeID keeps the letters and digits of an identifier, upper case;
// "IMO 9253325" is "9253325".
func normalizeID(v string) string {
	var sb strings.Builder
	for _, r := range v {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			sb.WriteRune(unicode.ToUpper(r))
		}
	}
	out := sb.String()
	if rest, ok := strings.CutPrefix(out, "IMO"); ok && rest != "" && strings.Trim(rest, "0123456789") == "" {
		return rest
	}
	return out
}

// genericID: under five characters, or one character repeated.
func genericID(v string) bool {
	return len(v) < 5 || strings.Count(v, v[:1]) == len(v)
}

// sharedAddresses adds an edge between every two entities giving the same
// full street address: folded (case, punctuation, the country as a code),
// with a street part (a street field, or at least three parts with a
// number in one that is not the last), never a city, region or country
// alone, and given by at most maxShared entities.
func (b *Builder) sharedAddresses(ents []*interdict.Entity, maxShared int) {
	groups := map[string][]int32{}
	shown := map[string]string{}
	for _, e := range ents {
		n := b.index[e.ID]
		for _, a := range e.Addresses {
			k, ok := streetKey(a)
			if !ok {
				continue
			}
			g := groups[k]
			if len(g) > 0 && g[len(g)-1] == n {
				continue
			}
			groups[k] = append(g, n)
			if _, had := shown[k]; !had {
				shown[k] = a.String()
			}
		}
	}
	for _, k := range sortedKeys(groups) {
		g := groups[k]
		if len(g) < 2 {
			continue
		}
		if len(g) > maxShared {
			b.stats.GenericSkipped++
			continue
		}
		for x := range g {
			for y := x + 1; y < len(g); y++ {
				b.AddEdge(g[x], g[y], EdgeSharedAddress, SourceDerived, fmt.Sprintf("both give the address %q", shown[k]))
			}
		}
	}
}

// streetKey is the comparable form of a full street address, and whether
// the address is one.
func streetKey(a interdict.Address) (string, bool) {
	var parts []string
	if a.Street != "" {
		for _, p := range []string{a.Street, a.City, a.Region, a.PostalCode} {
			if f := foldAddr(p); f != "" {
				parts = append(parts, f)
			}
		}
		if !hasLetter(parts[0]) {
			return "", false
		}
	} else {
		full := a.Full
		if full == "" {
			return "", false
		}
		for _, p := range strings.Split(full, ",") {
			if f := foldAddr(p); f != "" {
				parts = append(parts, f)
			}
		}
		// drop a trailing country name, kept as a code below
		if len(parts) > 0 && a.Country != "" && len(parts[len(parts)-1]) > 0 && !hasDigit(parts[len(parts)-1]) {
			parts = parts[:len(parts)-1]
		}
		if len(parts) < 2 {
			return "", false
		}
		numbered := false
		for _, p := range parts[:len(parts)-1] {
			numbered = numbered || hasDigit(p) && hasLetter(p)
		}
		if !numbered && !(hasDigit(parts[len(parts)-1]) && len(parts) >= 3) {
			return "", false
		}
	}
	return strings.Join(parts, ",") + "|" + a.Country, true
}

func foldAddr(s string) string {
	var sb strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			space = false
			sb.WriteRune(r)
		} else {
			space = true
		}
	}
	return sb.String()
}

func hasDigit(s string) bool  { return strings.ContainsAny(s, "0123456789") }
func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
