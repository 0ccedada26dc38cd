// Package interdict holds Interdict's domain types: the listed parties
// (Entity and its parts), the outcome of loading one list (ListLoad), and
// small pure helpers on them. It does no I/O and imports nothing of the
// project, so every other package can depend on it.
package interdict

import (
	"sort"
	"strings"
)

// Kind says what sort of party an entity is.
type Kind string

// The kinds of party. Organization covers companies, legal entities,
// businesses, government bodies and OFAC's untyped ("-0-") entries.
const (
	KindPerson       Kind = "person"
	KindOrganization Kind = "organization"
	KindVessel       Kind = "vessel"
	KindAircraft     Kind = "aircraft"
	KindUnknown      Kind = "unknown"
)

// Kinds lists every kind in a fixed order, for reports.
var Kinds = []Kind{KindPerson, KindOrganization, KindVessel, KindAircraft, KindUnknown}

// ParseKind reads a kind name as written by String or by a user
// ("company", "entity" and "business" mean organization). The empty string
// and anything unrecognised give KindUnknown and false.
func ParseKind(s string) (Kind, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "person", "individual":
		return KindPerson, true
	case "organization", "organisation", "company", "entity", "business", "legalentity":
		return KindOrganization, true
	case "vessel", "ship":
		return KindVessel, true
	case "aircraft":
		return KindAircraft, true
	case "unknown":
		return KindUnknown, true
	}
	return KindUnknown, false
}

// Gender of a person, where the publisher gives one.
type Gender string

// Genders.
const (
	GenderUnknown Gender = ""
	GenderMale    Gender = "male"
	GenderFemale  Gender = "female"
)

// Entity is one record of one list: a listed person, organization, vessel
// or aircraft, with everything the publisher says about it. The same real
// party on several lists is several Entities, grouped later into a cluster.
type Entity struct {
	// ID is stable across list versions: "<source>:<publisher's own id>",
	// e.g. "ofac-sdn:36", "un:6907993", "uk:RUS0001". Sources without a
	// stable publisher id derive one from a hash of identifying fields (see
	// the source package's documentation).
	ID string `json:"id"`
	// Source is the list's short name, the part of ID before the colon.
	Source string `json:"source"`
	// AltKeys are other keys the publisher uses for the same record, such as
	// the UK OFSI Group ID ("uk-group:12345") or a UN reference number.
	AltKeys []string `json:"alt_keys,omitempty"`

	Kind   Kind   `json:"kind"`
	Names  []Name `json:"names"`
	Gender Gender `json:"gender,omitempty"`
	// Titles are honorifics and positions ("Dr.", "President of the
	// Russian Federation").
	Titles []string `json:"titles,omitempty"`

	BirthDates  []Date   `json:"birth_dates,omitempty"`
	BirthPlaces []string `json:"birth_places,omitempty"`
	// Nationalities, Citizenships and Countries are ISO 3166-1 alpha-2
	// codes. Countries holds every other country association the publisher
	// gives (registration, operation, address countries, a vessel's flag).
	Nationalities []string `json:"nationalities,omitempty"`
	Citizenships  []string `json:"citizenships,omitempty"`
	Countries     []string `json:"countries,omitempty"`

	Addresses   []Address    `json:"addresses,omitempty"`
	Identifiers []Identifier `json:"identifiers,omitempty"`
	Vessel      *Vessel      `json:"vessel,omitempty"`

	// Programs are the sanctions programs or regimes the entity is listed
	// under, as the publisher names them ("RUSSIA-EO14024", "Russia").
	Programs []string `json:"programs,omitempty"`
	ListedOn Date     `json:"listed_on,omitzero"`
	Remarks  string   `json:"remarks,omitempty"`
	Links    []Link   `json:"links,omitempty"`
}

// PrimaryName is the entity's first primary name, or its first name of any
// type, or "".
func (e *Entity) PrimaryName() string {
	for _, n := range e.Names {
		if n.Type == NamePrimary {
			return n.Full
		}
	}
	if len(e.Names) > 0 {
		return e.Names[0].Full
	}
	return ""
}

// AddName appends n unless a name with the same text and type is already
// there. Empty names are ignored.
func (e *Entity) AddName(n Name) {
	n.Full = strings.TrimSpace(n.Full)
	if n.Full == "" {
		return
	}
	for _, m := range e.Names {
		if m.Full == n.Full && m.Type == n.Type {
			return
		}
	}
	if n.Script == "" {
		n.Script = DetectScript(n.Full)
	}
	e.Names = append(e.Names, n)
}

// AddIdentifier appends id unless an identical one is already there.
func (e *Entity) AddIdentifier(id Identifier) {
	id.Value = strings.TrimSpace(id.Value)
	if id.Value == "" {
		return
	}
	for _, x := range e.Identifiers {
		if x == id {
			return
		}
	}
	e.Identifiers = append(e.Identifiers, id)
}

// AddCountry, AddNationality and AddCitizenship append an ISO code once.
// Empty codes are ignored.
func (e *Entity) AddCountry(code string)     { e.Countries = addOnce(e.Countries, code) }
func (e *Entity) AddNationality(code string) { e.Nationalities = addOnce(e.Nationalities, code) }
func (e *Entity) AddCitizenship(code string) { e.Citizenships = addOnce(e.Citizenships, code) }
func (e *Entity) AddProgram(p string)        { e.Programs = addOnce(e.Programs, strings.TrimSpace(p)) }

// AddBirthDate appends d once; zero dates are ignored.
func (e *Entity) AddBirthDate(d Date) {
	if d.IsZero() {
		return
	}
	for _, x := range e.BirthDates {
		if x == d {
			return
		}
	}
	e.BirthDates = append(e.BirthDates, d)
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

// NameType says how a publisher presents a name.
type NameType string

// Name types. Weak a.k.a.s are the low-quality aliases OFAC and the UK
// flag as such; they should weigh less when screening.
const (
	NamePrimary NameType = "primary"
	NameAKA     NameType = "aka"
	NameFKA     NameType = "fka"
	NameWeakAKA NameType = "weak-aka"
)

// Name is one name of an entity.
type Name struct {
	Full   string   `json:"full"`
	Type   NameType `json:"type"`
	Script Script   `json:"script"`
	// Parts, where the publisher gives them separately.
	Given      string `json:"given,omitempty"`
	Middle     string `json:"middle,omitempty"`
	Family     string `json:"family,omitempty"`
	Patronymic string `json:"patronymic,omitempty"`
	// Lang is a BCP 47 language tag where the publisher gives one.
	Lang string `json:"lang,omitempty"`
}

// IDType classifies an identifier.
type IDType string

// Identifier types.
const (
	IDPassport       IDType = "passport"
	IDNational       IDType = "national-id"
	IDTax            IDType = "tax-id"
	IDRegistration   IDType = "registration"
	IDIMO            IDType = "imo"
	IDMMSI           IDType = "mmsi"
	IDCallSign       IDType = "call-sign"
	IDAircraftSerial IDType = "aircraft-serial"
	IDAircraftTail   IDType = "aircraft-tail"
	IDSWIFT          IDType = "swift-bic"
	IDEmail          IDType = "email"
	IDWebsite        IDType = "website"
	IDCrypto         IDType = "crypto-address"
	IDPhone          IDType = "phone"
	IDOther          IDType = "other"
)

// Identifier is a document or registry number, or a contact or wallet
// address.
type Identifier struct {
	Type  IDType `json:"type"`
	Value string `json:"value"`
	// Label is the publisher's own name for the identifier type ("Cedula
	// No.", "Digital Currency Address - XBT"), kept for display.
	Label string `json:"label,omitempty"`
	// Country is the issuing country, ISO 3166-1 alpha-2, where given.
	Country string `json:"country,omitempty"`
	Note    string `json:"note,omitempty"`
}

// Address is a postal address. Country is ISO 3166-1 alpha-2.
type Address struct {
	Full       string `json:"full,omitempty"`
	Street     string `json:"street,omitempty"`
	City       string `json:"city,omitempty"`
	Region     string `json:"region,omitempty"`
	PostalCode string `json:"postal_code,omitempty"`
	Country    string `json:"country,omitempty"`
}

// String joins the address parts that are set.
func (a Address) String() string {
	if a.Full != "" {
		return a.Full
	}
	var parts []string
	for _, p := range []string{a.Street, a.City, a.Region, a.PostalCode, a.Country} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// Vessel holds the ship particulars a publisher gives. IMO, MMSI and call
// sign are Identifiers.
type Vessel struct {
	Type    string `json:"type,omitempty"`
	Flag    string `json:"flag,omitempty"` // ISO 3166-1 alpha-2
	Tonnage string `json:"tonnage,omitempty"`
	GRT     string `json:"grt,omitempty"`
	Owner   string `json:"owner,omitempty"`
	Built   string `json:"built,omitempty"`
}

// LinkType names the role of the other party relative to this entity.
type LinkType string

// Link types. They read "the other party is my …": an entity with an
// Owner link is owned by the other party; a person with a Directs link is
// a director of the other party.
const (
	LinkLinkedTo    LinkType = "linked-to"
	LinkOwner       LinkType = "owner"        // the other party owns this one
	LinkSubsidiary  LinkType = "subsidiary"   // this party owns the other
	LinkDirector    LinkType = "director"     // the other party directs this one
	LinkDirects     LinkType = "directs"      // this party directs the other
	LinkVesselOwner LinkType = "vessel-owner" // the other party owns or operates this vessel
	LinkVessel      LinkType = "vessel"       // the other party is a vessel this one owns or operates
	LinkFamily      LinkType = "family"
	LinkAssociate   LinkType = "associate"
)

// Link is a typed relation to another party, which may or may not be on a
// list. OtherID is set where the publisher's reference could be resolved.
type Link struct {
	Type      LinkType `json:"type"`
	OtherName string   `json:"other_name,omitempty"`
	OtherID   string   `json:"other_id,omitempty"`
	// Note keeps the publisher's wording ("Linked To: X", "spouse", "51%").
	Note string `json:"note,omitempty"`
}

// SortStrings sorts and de-duplicates a string slice in place and returns
// it, for deterministic output.
func SortStrings(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}
