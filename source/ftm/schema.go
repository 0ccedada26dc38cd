package ftm

import interdict "github.com/interdict/interdict"

// thingKinds are the FtM schemas kept as entities, with their kind. They
// are the Things a screening tool can match a name against; other Thing
// schemas (Vehicle, Security, Position, …) are counted and ignored.
var thingKinds = map[string]interdict.Kind{
	"Person":       interdict.KindPerson,
	"Company":      interdict.KindOrganization,
	"Organization": interdict.KindOrganization,
	"LegalEntity":  interdict.KindOrganization,
	"PublicBody":   interdict.KindOrganization,
	"Vessel":       interdict.KindVessel,
	"Airplane":     interdict.KindAircraft,
}

// idProp maps an FtM identifier property to an identifier type. label is
// the FtM property's own name for it, kept as the Identifier's Label.
type idProp struct {
	prop  string
	typ   interdict.IDType
	label string
}

// idProps lists the identifier properties in the order they are read: when
// two properties carry the same value with the same type (innCode and
// taxNumber often do), the first one's label is kept. kppCode is left out
// on purpose: a Russian KPP is shared by every branch registered with one
// tax office and would match unrelated companies.
var idProps = []idProp{
	{"imoNumber", interdict.IDIMO, "IMO number"},
	{"mmsi", interdict.IDMMSI, "MMSI"},
	{"callSign", interdict.IDCallSign, "Call sign"},
	{"passportNumber", interdict.IDPassport, "Passport number"},
	{"idNumber", interdict.IDNational, "ID number"},
	{"socialSecurityNumber", interdict.IDNational, "Social security number"},
	{"innCode", interdict.IDTax, "INN"},
	{"taxNumber", interdict.IDTax, "Tax number"},
	{"vatCode", interdict.IDTax, "VAT number"},
	{"ogrnCode", interdict.IDRegistration, "OGRN"},
	{"okpoCode", interdict.IDRegistration, "OKPO"},
	{"leiCode", interdict.IDRegistration, "LEI"},
	{"dunsCode", interdict.IDRegistration, "DUNS"},
	{"uniqueEntityId", interdict.IDRegistration, "SAM unique entity ID"},
	{"registrationNumber", interdict.IDRegistration, "Registration number"},
	{"serialNumber", interdict.IDAircraftSerial, "Serial number"},
	{"swiftBic", interdict.IDSWIFT, "SWIFT/BIC"},
	{"bikCode", interdict.IDOther, "BIK"},
	{"permId", interdict.IDOther, "PermID"},
	{"email", interdict.IDEmail, "Email"},
	{"website", interdict.IDWebsite, "Website"},
	{"phone", interdict.IDPhone, "Phone"},
}

// countryProps are the properties whose countries go to Entity.Countries
// (nationality and citizenship have fields of their own).
var countryProps = []string{"country", "jurisdiction", "mainCountry", "birthCountry", "flag", "pastFlags"}

// remarkProps are the free-text properties joined into Remarks.
var remarkProps = []string{"summary", "description", "notes"}

// relSpec says how a relationship schema becomes links: the entity named
// by from gets a link of type fromType to the entity named by to, and the
// other way round. noteProps are read, in order, into the link's Note.
type relSpec struct {
	from, to         string
	fromType, toType interdict.LinkType
	noteProps        []string
	// symmetric relations (family, associate, unknown link) say the same
	// on both ends; the to end's Note is marked as the reverse view.
	symmetric bool
}

// relSchemas are the relationship schemas turned into links. The link
// types read "the other party is my …": an Ownership's owner gets a
// Subsidiary link to the asset, the asset an Owner link to the owner.
var relSchemas = map[string]relSpec{
	"Ownership":      {"owner", "asset", interdict.LinkSubsidiary, interdict.LinkOwner, []string{"role", "percentage"}, false},
	"Directorship":   {"director", "organization", interdict.LinkDirects, interdict.LinkDirector, []string{"role"}, false},
	"Family":         {"person", "relative", interdict.LinkFamily, interdict.LinkFamily, []string{"relationship"}, true},
	"Associate":      {"person", "associate", interdict.LinkAssociate, interdict.LinkAssociate, []string{"relationship"}, true},
	"UnknownLink":    {"subject", "object", interdict.LinkLinkedTo, interdict.LinkLinkedTo, []string{"role"}, true},
	"Membership":     {"member", "organization", interdict.LinkLinkedTo, interdict.LinkLinkedTo, []string{"role"}, true},
	"Employment":     {"employee", "employer", interdict.LinkLinkedTo, interdict.LinkLinkedTo, []string{"role"}, true},
	"Representation": {"agent", "client", interdict.LinkLinkedTo, interdict.LinkLinkedTo, []string{"role"}, true},
	"Succession":     {"predecessor", "successor", interdict.LinkLinkedTo, interdict.LinkLinkedTo, []string{"role"}, true},
}

// identSchemas are the schemas whose holder gets an identifier.
var identSchemas = map[string]bool{"Passport": true, "Identification": true, "CryptoWallet": true}
