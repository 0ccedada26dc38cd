package bis

import (
	"fmt"
	"io"
	"strings"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/country"
	"github.com/interdict/interdict/source/internal/csvin"
	"github.com/interdict/interdict/source/internal/notes"
)

const (
	dplSource  = "us-dpl"
	dplFormat  = "BIS Denied Persons List (dpl.txt)"
	dplProgram = "Denied Persons List"
)

// dplLayout recognises dpl.txt by its Name, Street_Address and
// Effective_Date columns (tab-separated); the columns the id, the address
// and the publication date come from are required. The package
// documentation lists them.
var dplLayout = csvin.Layout{
	Format:    dplFormat,
	Comma:     '\t',
	Signature: []string{"Name", "Street_Address", "Effective_Date"},
	Required:  dplRequired,
	Minimal:   dplRequired,
}

// dplRequired are the columns without which a row cannot be identified,
// addressed or dated.
var dplRequired = []string{"Name", "Street_Address", "City", "State", "Country", "Postal_Code", "Effective_Date", "Last_Update"}

// DetectDPL reports whether one of the first lines of head is the Denied
// Persons List's tab-separated header (quoted or not); it may lack columns
// ParseDPL needs, which ParseDPL then names. The name is not consulted:
// the header alone tells.
func DetectDPL(name string, head []byte) bool {
	return dplLayout.Detect(head)
}

// ParseDPL reads a Denied Persons List file (dpl.txt). Each row is one
// entity: BIS repeats a denied party once per address, and the id includes
// the address, so the rows of one party stay separate entities.
func ParseDPL(r io.Reader, name string) (*interdict.ListLoad, error) {
	f, err := dplLayout.Open(r, name)
	if err != nil {
		return nil, fmt.Errorf("bis: %w", err)
	}
	p := &dplParser{
		load: &interdict.ListLoad{Source: dplSource, Format: dplFormat, Files: []string{name}, Notes: f.Notes},
		byID: map[string]*interdict.Entity{},
		name: name,
	}
	if err := f.Rows(p.load, p.row); err != nil {
		return nil, fmt.Errorf("bis: %w", err)
	}
	p.finish()
	return p.load, nil
}

// dplParser holds what ParseDPL gathers across rows.
type dplParser struct {
	load *interdict.ListLoad
	byID map[string]*interdict.Entity
	name string

	published  interdict.Date
	badUpdate  notes.Lines // Last_Update values that cannot be right
	badDate    notes.Lines // Effective_Date values that cannot be read
	unknown    notes.Lines // country strings country.Code does not know
	stateInCtr notes.Lines // US state codes typed into the Country column
	foreign    notes.Lines // non-US State with no Country
	impliedUS  int         // US state and empty Country
	repeats    notes.Lines // ids seen before, merged
}

// row turns one row into an entity, or merges it into the entity an
// earlier row with the same id made.
func (p *dplParser) row(line int, cols *csvin.Columns, rec []string) {
	raw := cols.Get(rec, "Name")
	names := SplitName(raw)
	if len(names) == 0 {
		p.load.Rejects = append(p.load.Rejects, interdict.Reject{File: p.name, Line: line, Reason: "empty Name"})
		return
	}
	street, city := cols.Get(rec, "Street_Address"), cols.Get(rec, "City")
	state, ctry := cols.Get(rec, "State"), cols.Get(rec, "Country")
	effective := cols.Get(rec, "Effective_Date")
	id := interdict.HashID(dplSource, raw, street, city, ctry, effective)

	addr := p.address(line, street, city, state, ctry, cols.Get(rec, "Postal_Code"))
	e, seen := p.byID[id]
	if seen {
		p.repeats.Add(names[0].Full, line)
	} else {
		e = &interdict.Entity{ID: id, Source: dplSource}
		p.byID[id] = e
		p.load.Entities = append(p.load.Entities, e)
	}
	full := make([]string, len(names))
	for i, n := range names {
		if seen && n.Type == interdict.NamePrimary && n.Full != e.PrimaryName() {
			// A spelling variant that folds to the same id ("AL-NASER
			// AIRLINES" after "AL NASER AIRLINES") is an alias of it.
			n.Type = interdict.NameAKA
		}
		e.AddName(n)
		full[i] = n.Full
	}
	if !seen {
		e.Kind = GuessKind(full...)
		if t := titleOf(names[0].Full); t != "" {
			e.Titles = append(e.Titles, t)
		}
	}
	if addr != (interdict.Address{}) && !hasAddress(e, addr) {
		e.Addresses = append(e.Addresses, addr)
	}
	e.AddCountry(addr.Country)
	e.AddProgram(dplProgram)
	if d, ok := parseDate(effective); ok {
		e.ListedOn = d
	} else if effective != "" {
		p.badDate.Add(effective, line)
	}
	if e.Remarks == "" {
		e.Remarks = dplRemarks(cols, rec)
	}

	update := cols.Get(rec, "Last_Update")
	if d, ok := parseDate(update); ok && plausibleUpdate(d) {
		if later(d, p.published) {
			p.published = d
		}
	} else if update != "" {
		p.badUpdate.Add(update, line)
	}
}

// address builds the row's address. BIS leaves Country empty on most US
// addresses and gives the state instead, so a US state code with no
// Country means the United States; a US state code typed into the Country
// column (with State empty) is read the same way. A State that is no US
// state, with no Country, stays a region with no country: "RS" there meant
// Russia once, which the Serbian code would get wrong.
func (p *dplParser) address(line int, street, city, state, ctry, postal string) interdict.Address {
	a := interdict.Address{Street: street, City: city, Region: state, PostalCode: postal}
	switch {
	case ctry != "":
		if code, ok := country.Code(ctry); ok {
			a.Country = code
		} else if state == "" && usStates[strings.ToUpper(ctry)] {
			a.Region, a.Country = ctry, "US"
			p.stateInCtr.Add(ctry, line)
		} else {
			p.unknown.Add(ctry, line)
		}
	case usStates[strings.ToUpper(state)]:
		a.Country = "US"
		p.impliedUS++
	case state != "":
		p.foreign.Add(state, line)
	}
	return a
}

// dplRemarks keeps the order details that have no field of their own.
func dplRemarks(cols *csvin.Columns, rec []string) string {
	var parts []string
	if v := cols.Get(rec, "Expiration_Date"); v != "" {
		if d, ok := parseDate(v); ok {
			v = d.String()
		}
		parts = append(parts, "Expires "+v)
	}
	if v := cols.Get(rec, "Standard_Order"); v != "" {
		parts = append(parts, "Standard order: "+strings.ToUpper(v))
	}
	if v := cols.Get(rec, "Action"); v != "" {
		parts = append(parts, "Action: "+strings.Join(strings.Fields(v), " "))
	}
	if v := cols.Get(rec, "FR_Citation"); v != "" {
		parts = append(parts, "Federal Register: "+strings.Join(strings.Fields(v), " "))
	}
	return strings.Join(parts, "; ")
}

func hasAddress(e *interdict.Entity, a interdict.Address) bool {
	for _, x := range e.Addresses {
		if x == a {
			return true
		}
	}
	return false
}

// finish sets Published and writes the notes.
func (p *dplParser) finish() {
	l := p.load
	if !p.published.IsZero() {
		l.Published = p.published.String()
	}
	l.Notes = notes.Add(l.Notes, p.unknown.Note("country string not recognised", "country strings not recognised"))
	l.Notes = notes.Add(l.Notes, p.badUpdate.Note(
		"Last_Update value cannot be right and was left out of the publication date",
		"Last_Update values cannot be right and were left out of the publication date"))
	l.Notes = notes.Add(l.Notes, p.badDate.Note("Effective_Date value cannot be read", "Effective_Date values cannot be read"))
	l.Notes = notes.Add(l.Notes, p.stateInCtr.Note(
		"US state code in the Country column read as a US address",
		"US state codes in the Country column read as US addresses"))
	l.Notes = notes.Add(l.Notes, p.foreign.Note(
		"non-US State with no Country kept as a region without a country",
		"non-US States with no Country kept as regions without a country"))
	if p.impliedUS > 0 {
		l.Notes = append(l.Notes, notes.Plural(p.impliedUS, "row gives a US state and no Country, read as a US address", "rows give a US state and no Country, read as US addresses"))
	}
	if n := p.repeats.Rows(); n > 0 {
		l.Notes = append(l.Notes, notes.Plural(n,
			"row repeats an earlier row's id and was merged into it",
			"rows repeat an earlier row's id and were merged into it")+": "+p.repeats.List())
	}
}

// usStates are the USPS codes of the states, DC and the inhabited
// territories. The military codes are left out: "AE" is far more often
// the Emirates.
var usStates = setOf(
	"AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL",
	"IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT",
	"NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI",
	"SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "PR",
	"GU", "VI", "AS", "MP",
)
