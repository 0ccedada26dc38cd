package un

import (
	"fmt"
	"strings"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/source/internal/text"
)

// tally counts what the load notes report across records.
type tally struct {
	countries      countries
	badDates       []string // "QDi.123: impossible date 1975-02-30"
	noNumber       int      // documents without a NUMBER
	unknownQuality map[string]int
}

// entity turns a decoded record into an Entity. It returns an error
// (the reject reason) when the record cannot be used: no DATAID or no
// name.
func (t *tally) entity(r *record, individual bool) (*interdict.Entity, error) {
	dataID := text.Clean(r.DataID)
	if dataID == "" {
		return nil, fmt.Errorf("no DATAID")
	}
	if strings.ContainsAny(dataID, " :") {
		return nil, fmt.Errorf("DATAID %q is not an id", dataID)
	}
	ref := text.Clean(r.Reference)
	e := &interdict.Entity{ID: "un:" + dataID, Source: "un", Kind: interdict.KindOrganization}
	if ref != "" {
		e.AltKeys = []string{"un-ref:" + ref}
	}
	if individual {
		e.Kind = interdict.KindPerson
		e.AddName(personName(r))
	} else {
		// An entity's FIRST_NAME may hold several names
		// ("COMPAGNIE AERIENNE DES GRANDS LACS (CAGL) ; GREAT LAKES
		// BUSINESS COMPANY (GLBC)"); each is a primary name.
		for _, s := range splitScripts(nameText(value(r.FirstName))) {
			for _, n := range splitVariants(s) {
				e.AddName(interdict.Name{Full: n, Type: interdict.NamePrimary})
			}
		}
	}
	// NAME_ORIGINAL_SCRIPT is the listed name as written in its own
	// script: a second spelling of the primary name.
	for _, n := range splitScripts(nameText(r.OriginalScript)) {
		e.AddName(interdict.Name{Full: n, Type: interdict.NamePrimary})
	}

	aliases := r.IndividualAliases
	if !individual {
		aliases = r.EntityAliases
	}
	for _, a := range aliases {
		typ, known := aliasType(a.Quality)
		names := aliasNames(a, typ)
		if !known && len(names) > 0 {
			if t.unknownQuality == nil {
				t.unknownQuality = map[string]int{}
			}
			t.unknownQuality[text.Clean(a.Quality)]++
		}
		for _, n := range names {
			e.AddName(n)
		}
		if d := text.Clean(a.DateOfBirth); d != "" {
			if bd, err := parseDay(d); err == nil {
				e.AddBirthDate(bd)
			} else {
				t.badDate(ref, err)
			}
		}
		if p := text.JoinNonEmpty(", ", text.Clean(a.CityOfBirth), value(a.CountryOfBirth)); p != "" {
			e.BirthPlaces = text.AddOnce(e.BirthPlaces, p)
			e.AddCountry(t.countries.code(a.CountryOfBirth))
		}
	}
	if len(e.Names) == 0 {
		return nil, fmt.Errorf("no name")
	}

	if g := strings.ToLower(text.Clean(r.Gender)); g == "male" {
		e.Gender = interdict.GenderMale
	} else if g == "female" {
		e.Gender = interdict.GenderFemale
	}
	for _, v := range append(r.Titles, r.Designations...) {
		e.Titles = text.AddOnce(e.Titles, strings.Trim(text.Clean(v), `"“” `))
	}
	for _, v := range r.Nationalities {
		e.AddNationality(t.countries.code(v))
	}
	for _, b := range r.BirthDates {
		d, err := b.date()
		switch {
		case err == nil:
			e.AddBirthDate(d)
		case err != errNoDate:
			t.badDate(ref, err)
		}
	}
	for _, p := range r.BirthPlaces {
		if s := t.birthPlace(p, e); s != "" {
			e.BirthPlaces = text.AddOnce(e.BirthPlaces, s)
		}
	}
	addresses := r.IndividualAddresses
	if !individual {
		addresses = r.EntityAddresses
	}
	for _, a := range addresses {
		if ad, ok := t.address(a); ok {
			e.Addresses = append(e.Addresses, ad)
			e.AddCountry(ad.Country)
		}
	}
	for _, d := range r.Documents {
		if id, ok := identifier(d, &t.countries); ok {
			addIdentifier(e, id)
		} else if text.Clean(d.Type)+text.Clean(d.Type2)+text.Clean(d.Note) != "" {
			t.noNumber++
		}
	}

	program := text.Clean(r.ListType)
	if program == "" {
		program = programs[refPrefix(ref)]
	}
	e.AddProgram(program)
	if text.Clean(r.ListedOn) != "" {
		if d, err := parseDay(r.ListedOn); err == nil {
			e.ListedOn = d
		} else {
			t.badDate(ref, fmt.Errorf("LISTED_ON: %w", err))
		}
	}
	e.Remarks = text.Clean(r.Comments)
	if !individual {
		for _, imo := range remarkIMOs(e.Remarks) {
			addIdentifier(e, interdict.Identifier{Type: interdict.IDIMO, Value: imo, Label: "IMO company number", Note: "from COMMENTS1"})
		}
	}
	return e, nil
}

func (t *tally) badDate(ref string, err error) {
	t.badDates = append(t.badDates, text.JoinNonEmpty(": ", ref, err.Error()))
}

// birthPlace formats an INDIVIDUAL_PLACE_OF_BIRTH and records its country.
func (t *tally) birthPlace(p address, e *interdict.Entity) string {
	code := t.countries.code(p.Country)
	e.AddCountry(code)
	s := text.JoinNonEmpty(", ", text.Clean(p.Street), text.Clean(p.City), text.Clean(p.State), text.Clean(p.Zip), value(p.Country))
	note := text.Clean(p.Note)
	switch {
	case s == "":
		return note
	case note != "" && strings.HasPrefix(note, "("):
		return s + " " + note
	case note != "":
		return s + " (" + note + ")"
	}
	return s
}

// address reads an INDIVIDUAL_ADDRESS or ENTITY_ADDRESS. Its NOTE is
// usually about the address ("as of June 2016", "in prison") and is
// dropped, except when it is all there is: then it is the address text
// ("Office Dha’rbi-M’unin, Opposite Khyber Bank, …, Pakistan"). When the
// country is not recognised the whole address is kept as text so that the
// country name is not lost.
func (t *tally) address(a address) (interdict.Address, bool) {
	ad := interdict.Address{
		Street:     text.Clean(a.Street),
		City:       text.Clean(a.City),
		Region:     text.Clean(a.State),
		PostalCode: text.Clean(a.Zip),
		Country:    t.countries.code(a.Country),
	}
	country := value(a.Country)
	if ad.Country == "" && country != "" {
		ad.Full = text.JoinNonEmpty(", ", ad.Street, ad.City, ad.Region, ad.PostalCode, country)
	}
	if ad == (interdict.Address{}) {
		ad.Full = text.Clean(a.Note)
	}
	return ad, ad != (interdict.Address{})
}

// programs names the regime of a reference prefix, used only when a record
// lacks UN_LIST_TYPE; the names are the UN_LIST_TYPE values.
var programs = map[string]string{
	"QD": "Al-Qaida", "TA": "Taliban", "KP": "DPRK", "IR": "Iran", "IQ": "Iraq", "CD": "DRC", "LY": "Libya",
	"SO": "Somalia", "CF": "CAR", "GB": "GB", "YE": "Yemen", "HT": "Haiti", "SD": "Sudan", "SS": "SouthSudan",
}

func refPrefix(ref string) string {
	if len(ref) < 2 {
		return ""
	}
	return strings.ToUpper(ref[:2])
}
