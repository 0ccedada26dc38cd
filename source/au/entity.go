package au

import (
	"strings"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/country"
)

// entity builds the entity of one entry from all its rows.
func (p *parser) entity(en *entry) *interdict.Entity {
	e := &interdict.Entity{ID: Source + ":" + en.number, Source: Source}
	rows := primaryFirst(en.rows)
	e.Kind = p.kind(en, rows)
	p.names(e, en, rows)

	var remarks, listings []string
	for i := range rows {
		r := &rows[i]
		if e.Kind == interdict.KindPerson && r.dob != "" {
			dates, bad := parseBirthDates(r.dob)
			for _, d := range dates {
				e.AddBirthDate(d)
			}
			for _, b := range bad {
				p.notes.badDates[b]++
			}
		}
		for _, place := range splitEnumerated(clean(r.pob)) {
			e.BirthPlaces = addOnce(e.BirthPlaces, place)
		}
		p.citizenships(e, r.citizen)
		p.addresses(e, r.address)
		if r.info != "" {
			remarks = addOnce(remarks, r.info)
			if ref := unReference(r.info); ref != "" {
				e.AltKeys = addOnce(e.AltKeys, "un-ref:"+ref)
			}
			if e.Kind == interdict.KindVessel {
				for _, n := range previousNames(r.info) {
					e.AddName(interdict.Name{Full: n, Type: interdict.NameFKA})
				}
			}
		}
		if r.listing != "" {
			listings = addOnce(listings, r.listing)
			if e.ListedOn.IsZero() {
				if d, ok := listingDate(r.listing); ok {
					e.ListedOn = d
				}
			}
		}
		if r.imo != "" {
			e.AddIdentifier(interdict.Identifier{Type: interdict.IDIMO, Value: r.imo, Label: "IMO Number"})
		}
		e.AddProgram(r.program)
		if r.control != "" {
			if d, ok := controlDate(r.control); ok {
				if s := d.String(); s > p.notes.published {
					p.notes.published = s
				}
			} else {
				p.notes.badControlDates[r.control]++
			}
		}
	}
	for _, l := range listings {
		remarks = append(remarks, "Listing information: "+l)
	}
	e.Remarks = strings.Join(remarks, "\n\n")
	return e
}

// primaryFirst returns the rows with the Primary Name rows first, the rest
// in sheet order, so the primary name leads the entity's names.
func primaryFirst(rows []nameRow) []nameRow {
	out := make([]nameRow, 0, len(rows))
	for _, r := range rows {
		if isPrimary(r.nameType) {
			out = append(out, r)
		}
	}
	for _, r := range rows {
		if !isPrimary(r.nameType) {
			out = append(out, r)
		}
	}
	return out
}

func isPrimary(nameType string) bool { return strings.EqualFold(nameType, "Primary Name") }

// kind reads the Type of the entry's rows, preferring the Primary Name
// row's; blank Types (one alias row has none) are ignored.
func (p *parser) kind(en *entry, rows []nameRow) interdict.Kind {
	text := ""
	mixed := false
	for _, r := range rows {
		if r.kind == "" {
			continue
		}
		if text == "" {
			text = r.kind
		} else if !strings.EqualFold(text, r.kind) {
			mixed = true
		}
	}
	if mixed {
		p.notes.mixedKinds = append(p.notes.mixedKinds, en.number)
	}
	k, ok := interdict.ParseKind(text)
	if !ok {
		if text == "" {
			text = "(blank)"
		}
		p.notes.unknownKinds[text]++
	}
	return k
}

// names adds the entry's names: the primary first, then the others in
// sheet order.
func (p *parser) names(e *interdict.Entity, en *entry, rows []nameRow) {
	primaries := 0
	for _, r := range rows {
		if isPrimary(r.nameType) {
			primaries++
		}
	}
	switch {
	case primaries == 0:
		p.notes.noPrimary = append(p.notes.noPrimary, en.number)
	case primaries > 1:
		p.notes.manyPrimaries = append(p.notes.manyPrimaries, en.number)
	}
	for i, r := range rows {
		n := interdict.Name{Full: r.name, Type: interdict.NameAKA}
		switch strings.ToLower(r.nameType) {
		case "primary name", "original script":
			n.Type = interdict.NamePrimary
		case "alias":
			if strings.EqualFold(r.strength, "weak") {
				n.Type = interdict.NameWeakAKA
			}
		default:
			t := r.nameType
			if t == "" {
				t = "(blank)"
			}
			p.notes.unknownNameTypes[t]++
		}
		if i == 0 && primaries == 0 {
			n.Type = interdict.NamePrimary
		}
		e.AddName(n)
	}
}

// citizenships adds the countries of a Citizenship cell: to Citizenships
// for a person, to Countries for anything else.
func (p *parser) citizenships(e *interdict.Entity, cell string) {
	for _, s := range splitCountries(cell) {
		code, ok := country.Code(s)
		if !ok {
			p.notes.unknownCountries[s]++
			continue
		}
		if e.Kind == interdict.KindPerson {
			e.AddCitizenship(code)
		} else {
			e.AddCountry(code)
		}
	}
}

// addresses adds the addresses of an Address cell and their countries.
func (p *parser) addresses(e *interdict.Entity, cell string) {
	for _, a := range splitAddresses(cell) {
		code, candidate, single := addressCountry(a)
		if code == "" && single && candidate != "" {
			p.notes.placeAddresses[candidate]++
		}
		addr := interdict.Address{Full: a, Country: code}
		dup := false
		for _, x := range e.Addresses {
			if x == addr {
				dup = true
				break
			}
		}
		if !dup {
			e.Addresses = append(e.Addresses, addr)
		}
		e.AddCountry(code)
	}
}

// unReference returns the UN reference number that opens the Additional
// Information of UN listings ("TAi.002. Title: …" gives "TAi.002"), or "".
func unReference(info string) string {
	s := strings.TrimSpace(info)
	if len(s) < 6 || s[2] != 'i' && s[2] != 'e' || s[3] != '.' {
		return ""
	}
	if !isUpper(s[0]) || !isUpper(s[1]) {
		return ""
	}
	i := 4
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i-4 < 2 || i-4 > 4 {
		return ""
	}
	return s[:i]
}

func isUpper(b byte) bool { return b >= 'A' && b <= 'Z' }

// previousNames reads "Previous names include X" (or "includes X, Y and
// Z") from a vessel's Additional Information.
func previousNames(info string) []string {
	s := clean(info)
	// Search s itself: an index into strings.ToLower(s) is not an index
	// into s when s holds invalid UTF-8, which lowering rewrites.
	i := indexFold(s, "previous names include")
	if i < 0 {
		return nil
	}
	s = s[i+len("previous names include"):]
	s = strings.TrimPrefix(s, "s")
	if j := strings.IndexAny(s, ".;\n"); j >= 0 {
		s = s[:j]
	}
	var out []string
	for _, part := range strings.Split(s, ",") {
		for _, n := range strings.Split(part, " and ") {
			if n = strings.Trim(strings.TrimSpace(n), ":"); n != "" {
				out = append(out, strings.TrimSpace(n))
			}
		}
	}
	return out
}

func addOnce(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
