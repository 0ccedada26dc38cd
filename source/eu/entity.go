package eu

import (
	"fmt"
	"strings"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/source/internal/text"
)

// tally counts what the load notes report across records.
type tally struct {
	countries    countries
	badDates     []string // "EU.1.2: impossible date 1965-02-30"
	unknownKinds map[string]int
	logicalIDs   int // records identified by logicalId only
}

// entity turns a decoded sanctionEntity into an Entity, or returns the
// reason it cannot be used: no reference at all, or no name.
func (t *tally) entity(r *sanctionEntity) (*interdict.Entity, error) {
	ref, logical := text.Clean(r.EUReference), text.Clean(r.LogicalID)
	e := &interdict.Entity{Source: Source}
	switch {
	case ref != "":
		e.ID = "eu:" + ref
	case logical != "":
		e.ID = "eu:logical-" + logical
		t.logicalIDs++
	default:
		return nil, fmt.Errorf("no euReferenceNumber or logicalId")
	}
	if logical != "" {
		e.AltKeys = append(e.AltKeys, "eu-logical:"+logical)
	}
	if un := text.Clean(r.UNReference); un != "" {
		e.AltKeys = append(e.AltKeys, "un-ref:"+un)
	}
	e.Kind = t.kind(r.SubjectType)

	var aliases []nameAlias
	var names []interdict.Name
	var remarks []string
	for _, a := range r.Names {
		for _, rm := range a.Remarks {
			if rm = strings.TrimSpace(rm); rm != "" && !isQualityRemark(rm) {
				remarks = append(remarks, rm)
			}
		}
		if g := strings.ToUpper(text.Clean(a.Gender)); g == "M" && e.Gender == "" {
			e.Gender = interdict.GenderMale
		} else if g == "F" && e.Gender == "" {
			e.Gender = interdict.GenderFemale
		}
		for _, s := range splitLettered(a.Title) {
			e.Titles = text.AddOnce(e.Titles, s)
		}
		// A person's function is a position; an organisation's is
		// what it does ("produces ammunition, explosives …").
		if e.Kind == interdict.KindPerson {
			for _, s := range splitLettered(a.Function) {
				e.Titles = text.AddOnce(e.Titles, s)
			}
		} else if f := text.Clean(a.Function); f != "" {
			remarks = append(remarks, f)
		}
		if n, ok := aliasName(a); ok {
			aliases = append(aliases, a)
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no name")
	}
	p := primaryAlias(aliases, names)
	names[p].Type = interdict.NamePrimary
	e.AddName(names[p])
	for _, n := range names {
		e.AddName(n)
	}
	remarks = dropNames(remarks, e.Names)

	for _, c := range r.Citizenships {
		e.AddCitizenship(t.countries.code(c.CountryISO2, c.CountryDescription))
	}
	for _, b := range r.BirthDates {
		d, err := b.date()
		switch {
		case err == nil:
			e.AddBirthDate(d)
		case err != errNoDate:
			t.badDates = append(t.badDates, e.ID+": "+err.Error())
		}
		code := t.countries.code(b.CountryISO2, b.CountryDescription)
		e.AddCountry(code)
		if s := birthPlace(b); s != "" {
			e.BirthPlaces = text.AddOnce(e.BirthPlaces, s)
		}
	}
	for _, a := range r.Addresses {
		if ad, ok := t.address(a); ok {
			e.Addresses = append(e.Addresses, ad)
			e.AddCountry(ad.Country)
		}
		for _, ci := range a.ContactInfo {
			for _, id := range contacts(ci) {
				e.AddIdentifier(id)
			}
		}
	}
	for _, d := range r.Identifications {
		for _, id := range identifiers(d, &t.countries) {
			e.AddIdentifier(id)
		}
	}
	for _, g := range r.Regulations {
		e.AddProgram(text.Clean(g.Programme))
	}
	if s := text.Clean(r.DesignationDate); s != "" {
		if d, err := parseDay(s); err == nil {
			e.ListedOn = d
		} else {
			t.badDates = append(t.badDates, e.ID+": designationDate: "+err.Error())
		}
	}
	var all []string
	for _, rm := range r.Remarks {
		all = append(all, strings.TrimSpace(rm))
	}
	all = append(all, text.Clean(r.DesignationDetails))
	all = append(all, remarks...)
	for _, rm := range all {
		e.Links = append(e.Links, remarkLinks(rm)...)
	}
	e.Remarks = cleanRemarks(all)
	return e, nil
}

// dropNames removes the alias remarks that only spell out another of the
// entity's names ("PCF" remarked "Parchin Chemical Factories", "PCI"
// remarked "Parchin Chemical Industries" beside "Parchin Chemical
// Industries (PCI)").
func dropNames(remarks []string, names []interdict.Name) []string {
	out := remarks[:0]
	for _, r := range remarks {
		r := text.Clean(r)
		named := false
		for _, n := range names {
			full := n.Full
			if open := text.TrailingGroup(full); open > 0 {
				full = strings.TrimSpace(full[:open])
			}
			if strings.EqualFold(r, n.Full) || strings.EqualFold(r, full) {
				named = true
				break
			}
		}
		if !named {
			out = append(out, r)
		}
	}
	return out
}

// cleanRemarks joins remarks one to a line, each with its white space
// collapsed, dropping empty and repeated ones.
func cleanRemarks(rs []string) string {
	var out []string
	for _, r := range rs {
		out = text.AddOnce(out, text.Clean(r))
	}
	return strings.Join(out, "\n")
}

// kind reads subjectType: code "person" or "enterprise", or the
// classification letter P or E. Anything else is counted and unknown.
func (t *tally) kind(st subjectType) interdict.Kind {
	code := strings.ToLower(text.Clean(st.Code))
	switch {
	case code == "person":
		return interdict.KindPerson
	case code == "enterprise":
		return interdict.KindOrganization
	case code == "" && strings.EqualFold(text.Clean(st.ClassificationCode), "P"):
		return interdict.KindPerson
	case code == "" && strings.EqualFold(text.Clean(st.ClassificationCode), "E"):
		return interdict.KindOrganization
	}
	if t.unknownKinds == nil {
		t.unknownKinds = map[string]int{}
	}
	t.unknownKinds[text.JoinNonEmpty("/", code, text.Clean(st.ClassificationCode))]++
	return interdict.KindUnknown
}

// birthPlace formats where a birthdate element says the birth was; the
// FSF writes "-" for no city.
func birthPlace(b birthdate) string {
	city := text.Clean(b.City)
	if city == "-" {
		city = ""
	}
	country := text.Clean(b.CountryDescription)
	if strings.EqualFold(country, "UNKNOWN") {
		country = ""
	}
	return text.JoinNonEmpty(", ", text.Clean(b.Place), city, text.Clean(b.Region), country)
}

// address reads an address element. Its remark is usually about the
// address ("Factory", "Head Office") and is dropped, unless it is all
// there is besides the country. When the country is not recognised the
// address is kept as text so that its name is not lost.
func (t *tally) address(a address) (interdict.Address, bool) {
	ad := interdict.Address{
		Street:     text.JoinNonEmpty(", ", text.Clean(a.Street), prefixed("PO Box ", text.Clean(a.PoBox))),
		City:       text.Clean(a.City),
		Region:     text.JoinNonEmpty(", ", text.Clean(a.Place), text.Clean(a.Region)),
		PostalCode: text.Clean(a.ZipCode),
		Country:    t.countries.code(a.CountryISO2, a.CountryDescription),
	}
	if ad.City == "-" {
		ad.City = ""
	}
	country := text.Clean(a.CountryDescription)
	if strings.EqualFold(country, "UNKNOWN") {
		country = ""
	}
	if ad.Country == "" && country != "" {
		ad.Full = text.JoinNonEmpty(", ", ad.Street, ad.City, ad.Region, ad.PostalCode, country)
	}
	if ad.Street == "" && ad.City == "" && ad.Region == "" && ad.PostalCode == "" && ad.Full == "" {
		var rs []string
		for _, r := range a.Remarks {
			rs = append(rs, text.Clean(r))
		}
		ad.Full = text.JoinNonEmpty("; ", rs...)
	}
	return ad, ad != (interdict.Address{})
}
