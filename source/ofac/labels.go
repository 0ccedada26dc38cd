package ofac

import (
	"sort"

	"github.com/interdict/interdict"
)

// feature says what a remark segment (or an XML idList item) with a known
// label contributes to the entity.
type feature uint8

const (
	// fInfo is OFAC wording known to be a statement, not an identifier
	// ("Target Type", "Secondary sanctions risk:"). The domain model has
	// no field for it, so it stays in Remarks; the XML must not turn it
	// into an Identifier.
	fInfo feature = iota
	fDOB
	fPOB
	fNationality
	fCitizen
	fGender
	fWeakAKA
	fLinkedTo
	fTitle
	fEstablished
	fCountry // a further country association: registration, former flag
	fBuilt
	fID
	fCrypto
	fVesselType
)

// label is one piece of OFAC's remark vocabulary.
type label struct {
	text string
	kind feature
	id   interdict.IDType // for fID
}

// labels lists the labels OFAC uses in remarks and as XML idType, as
// written (matching ignores case; "alt. " before a label is dropped, and a
// colon after it is optional). Longer labels win over their prefixes, so
// "Identification Number IMO" is an IMO number and "Identification
// Number" a national id.
var labels = []label{
	// Life events and personal particulars.
	{"DOB", fDOB, ""},
	{"POB", fPOB, ""},
	{"nationality", fNationality, ""},
	{"citizen", fCitizen, ""},
	{"citizenship", fCitizen, ""},
	{"Gender", fGender, ""},
	{"Title", fTitle, ""},
	{"Alternate Title", fTitle, ""},
	{"Rank", fTitle, ""},
	{"Organization Established Date", fEstablished, ""},

	// Names and relations.
	{"a.k.a.", fWeakAKA, ""},
	{"f.k.a.", fWeakAKA, ""},
	{"n.k.a.", fWeakAKA, ""},
	{"d.b.a.", fWeakAKA, ""},
	{"Linked To", fLinkedTo, ""},

	// Vessels and aircraft.
	{"Vessel Registration Identification IMO", fID, interdict.IDIMO},
	{"Vessel Registration Identification", fID, interdict.IDRegistration},
	{"Identification Number IMO", fID, interdict.IDIMO},
	{"Company Number IMO", fID, interdict.IDIMO},
	{"IMO", fID, interdict.IDIMO},
	{"MMSI", fID, interdict.IDMMSI},
	{"Other Vessel Call Sign", fID, interdict.IDCallSign},
	{"Call Sign", fID, interdict.IDCallSign},
	{"Other Vessel Flag", fCountry, ""},
	{"Former Vessel Flag", fCountry, ""},
	{"Nationality of Registration", fCountry, ""},
	{"Other Vessel Type", fVesselType, ""},
	{"Vessel Year of Build", fBuilt, ""},
	{"Aircraft Manufacturer's Serial Number (MSN)", fID, interdict.IDAircraftSerial},
	{"Aircraft Construction Number (also called L/N or S/N or F/N)", fID, interdict.IDAircraftSerial},
	{"Aircraft Serial Identification", fID, interdict.IDAircraftSerial},
	{"Aircraft Tail Number", fID, interdict.IDAircraftTail},
	{"Previous Aircraft Tail Number", fID, interdict.IDAircraftTail},
	{"Aircraft Mode S Transponder Code", fID, interdict.IDOther},
	{"Aircraft Model", fInfo, ""},
	{"Aircraft Operator", fInfo, ""},
	{"Aircraft Manufacture Date", fInfo, ""},

	// Contact details and wallets.
	{"Email Address", fID, interdict.IDEmail},
	{"Email", fID, interdict.IDEmail},
	{"Website", fID, interdict.IDWebsite},
	{"Phone Number", fID, interdict.IDPhone},
	{"Phone No.", fID, interdict.IDPhone},
	{"Phone", fID, interdict.IDPhone},
	{"Telephone", fID, interdict.IDPhone},
	{"Telephone No.", fID, interdict.IDPhone},
	{"Telephone Number", fID, interdict.IDPhone},
	{"Fax", fID, interdict.IDPhone},
	{"Fax No.", fID, interdict.IDPhone},
	{"Fax Number", fID, interdict.IDPhone},
	{"SWIFT/BIC", fID, interdict.IDSWIFT},
	{"Digital Currency Address -", fCrypto, interdict.IDCrypto},

	// Travel documents.
	{"Passport", fID, interdict.IDPassport},
	{"Passport No.", fID, interdict.IDPassport},
	{"Passport Booklet", fID, interdict.IDPassport},
	{"Diplomatic Passport", fID, interdict.IDPassport},
	{"Service Passport", fID, interdict.IDPassport},
	{"British National Overseas Passport", fID, interdict.IDPassport},
	{"Travel Document Number", fID, interdict.IDPassport},
	{"Stateless Person Passport", fID, interdict.IDPassport},
	{"Seafarer's Identification Document", fID, interdict.IDOther},

	// Personal identity numbers.
	{"National ID No.", fID, interdict.IDNational},
	{"National ID Number", fID, interdict.IDNational},
	{"National Foreign ID Number", fID, interdict.IDNational},
	{"Identification Number", fID, interdict.IDNational},
	{"Personal ID Card", fID, interdict.IDNational},
	{"Cedula No.", fID, interdict.IDNational},
	{"D.N.I.", fID, interdict.IDNational},
	{"C.U.R.P.", fID, interdict.IDNational},
	{"C.U.R.P. #", fID, interdict.IDNational},
	{"C.U.I.", fID, interdict.IDNational},
	{"C.U.I.P.", fID, interdict.IDNational},
	{"N.I.E.", fID, interdict.IDNational},
	{"I.F.E.", fID, interdict.IDNational},
	{"Credencial electoral", fID, interdict.IDNational},
	{"Electoral Registry No.", fID, interdict.IDNational},
	{"SSN", fID, interdict.IDNational},
	{"LE Number", fID, interdict.IDNational},
	{"Turkish Identification Number", fID, interdict.IDNational},
	{"Numero de Identidad", fID, interdict.IDNational},
	{"Citizen's Card Number", fID, interdict.IDNational},
	{"Kenyan ID No.", fID, interdict.IDNational},
	{"Tazkira National ID Card", fID, interdict.IDNational},
	{"Bosnian Personal ID No.", fID, interdict.IDNational},
	{"Moroccan Personal ID No.", fID, interdict.IDNational},
	{"UAE Identification", fID, interdict.IDNational},
	{"Residency Number", fID, interdict.IDNational},
	{"Refugee ID Card", fID, interdict.IDNational},
	{"Birth Certificate Number", fID, interdict.IDNational},
	{"Immigration No.", fID, interdict.IDNational},
	{"Public Security and Immigration No.", fID, interdict.IDNational},
	{"Military Registration Number", fID, interdict.IDNational},
	{"Cartilla de Servicio Militar Nacional", fID, interdict.IDNational},
	{"Personal Numerical Code", fID, interdict.IDNational},
	{"CNP (Personal Numerical Code)", fID, interdict.IDNational},
	{"Stateless Person ID Card", fID, interdict.IDNational},
	{"Romanian Permanent Resident", fID, interdict.IDNational},
	{"Driver's License No.", fID, interdict.IDOther},
	{"Pilot License Number", fID, interdict.IDOther},
	{"VisaNumberID", fID, interdict.IDOther},

	// Tax numbers.
	{"Tax ID No.", fID, interdict.IDTax},
	{"NIT #", fID, interdict.IDTax},
	{"RUC #", fID, interdict.IDTax},
	{"R.F.C.", fID, interdict.IDTax},
	{"R.F.C. #", fID, interdict.IDTax},
	{"RFC", fID, interdict.IDTax},
	{"RIF #", fID, interdict.IDTax},
	{"RTN", fID, interdict.IDTax},
	{"V.A.T. Number", fID, interdict.IDTax},
	{"US FEIN", fID, interdict.IDTax},
	{"C.U.I.T.", fID, interdict.IDTax},
	{"C.I.F.", fID, interdict.IDTax},
	{"Italian Fiscal Code", fID, interdict.IDTax},
	{"Paraguayan tax identification number", fID, interdict.IDTax},
	{"Numero Unico de Identificacao Tributaria (NUIT)", fID, interdict.IDTax},
	{"Fiscal Code", fID, interdict.IDTax},
	{"Romanian Tax Registration", fID, interdict.IDTax},
	{"N.I.F.", fID, interdict.IDTax},
	{"RSIN", fID, interdict.IDTax},

	// Company and other registrations.
	{"Registration Number", fID, interdict.IDRegistration},
	{"Registration ID", fID, interdict.IDRegistration},
	{"Business Registration Number", fID, interdict.IDRegistration},
	{"Business Registration Document #", fID, interdict.IDRegistration},
	{"Business Number", fID, interdict.IDRegistration},
	{"Company Number", fID, interdict.IDRegistration},
	{"UK Company Number", fID, interdict.IDRegistration},
	{"Company ID: No.", fID, interdict.IDRegistration},
	{"Commercial Registry Number", fID, interdict.IDRegistration},
	{"C.R. No.", fID, interdict.IDRegistration},
	{"Romanian C.R.", fID, interdict.IDRegistration},
	{"Folio Mercantil No.", fID, interdict.IDRegistration},
	{"Matricula Mercantil No", fID, interdict.IDRegistration},
	{"Government Gazette Number", fID, interdict.IDRegistration},
	{"Legal Entity Number", fID, interdict.IDRegistration},
	{"Public Registration Number", fID, interdict.IDRegistration},
	{"Chamber of Commerce Number", fID, interdict.IDRegistration},
	{"Istanbul Chamber of Comm. No.", fID, interdict.IDRegistration},
	{"Dubai Chamber of Commerce Membership No.", fID, interdict.IDRegistration},
	{"Central Registration System Number", fID, interdict.IDRegistration},
	{"Economic Register Number (CBLS)", fID, interdict.IDRegistration},
	{"Certificate of Incorporation Number", fID, interdict.IDRegistration},
	{"Trade License No.", fID, interdict.IDRegistration},
	{"Enterprise Number", fID, interdict.IDRegistration},
	{"Branch Unit Number", fID, interdict.IDRegistration},
	{"Organization Code", fID, interdict.IDRegistration},
	{"D-U-N-S Number", fID, interdict.IDRegistration},
	{"Registered Charity No.", fID, interdict.IDRegistration},
	{"Unified Social Credit Code (USCC)", fID, interdict.IDRegistration},
	{"United Social Credit Code Certificate (USCCC)", fID, interdict.IDRegistration},
	{"License", fID, interdict.IDRegistration},
	{"Permit Number", fID, interdict.IDRegistration},
	{"SRE Permit No.", fID, interdict.IDRegistration},
	{"Afghan Money Service Provider License Number", fID, interdict.IDRegistration},
	{"File Number", fID, interdict.IDRegistration},
	{"Tourism License No.", fID, interdict.IDRegistration},
	{"MSB Registration Number", fID, interdict.IDRegistration},
	{"Registration Certificate Number", fID, interdict.IDRegistration},
	{"Russian State Individual Business Registration Number Pattern (OGRNIP)", fID, interdict.IDRegistration},
	{"C.I.N.", fID, interdict.IDRegistration},
	{"Trademark number", fID, interdict.IDOther},
	{"Tarjeta Profesional", fID, interdict.IDOther},
	{"BIK (RU)", fID, interdict.IDOther},
	{"ISIN", fID, interdict.IDOther},
	{"Equity Ticker", fID, interdict.IDOther},
	{"Chinese Commercial Code", fID, interdict.IDOther},
	{"Serial No.", fID, interdict.IDOther},

	// Statements with no field of their own.
	{"Additional Sanctions Information -", fInfo, ""},
	{"Secondary sanctions risk", fInfo, ""},
	{"Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions", fInfo, ""},
	{"Executive Order", fInfo, ""},
	{"Organization Type", fInfo, ""},
	{"Target Type", fInfo, ""},
	{"Listing Date", fInfo, ""},
	{"Effective Date", fInfo, ""},
	{"Purchase/Sales For Divestment Date", fInfo, ""},
	{"CAATSA Section", fInfo, ""},
	{"IFCA Determination -", fInfo, ""},
	{"Issuer Name", fInfo, ""},
	{"For more information", fInfo, ""},
}

// placeInParens lists the labels after whose number OFAC writes a city in
// parentheses rather than a country: Colombian commercial registrations
// name the chamber of commerce ("Matricula Mercantil No 818178-2 (Cali)").
// Such a parenthesis is a country only when the country table knows it,
// and is not reported as an unrecognised country otherwise.
var placeInParens = map[string]bool{
	"Matricula Mercantil No": true,
}

// lettersOnly lists the fID labels whose values may have no digit (a
// ticker "ROSB", a tail number "YI-BAN"). Other identifiers need one, which
// is how a label that merely starts free text ("Passport issued in
// Sarajevo") is told apart.
var lettersOnly = map[string]bool{
	"Equity Ticker":                 true,
	"Aircraft Tail Number":          true,
	"Previous Aircraft Tail Number": true,
}

// labelIndex maps the lower-cased first word of each label (see
// firstWord) to the labels starting with it, longest first.
var labelIndex = func() map[string][]*label {
	idx := map[string][]*label{}
	for i := range labels {
		l := &labels[i]
		w := lowerWord(l.text)
		idx[w] = append(idx[w], l)
	}
	for _, ls := range idx {
		sort.SliceStable(ls, func(i, j int) bool { return len(ls[i].text) > len(ls[j].text) })
	}
	return idx
}()

// wordEnd returns the length of s's first word: up to a space, colon or
// comma ("Alternate Title, Colonel", "Email:x@y").
func wordEnd(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' || s[i] == ':' || s[i] == ',' {
			return i
		}
	}
	return len(s)
}

func lowerWord(s string) string {
	w := s[:wordEnd(s)]
	b := make([]byte, len(w))
	for i := 0; i < len(w); i++ {
		b[i] = lower(w[i])
	}
	return string(b)
}

// matchLabel finds the longest known label that seg starts with, ignoring
// case and requiring a word boundary after it, and returns it with the
// value that follows (leading blanks, colons and commas removed).
func matchLabel(seg string) (*label, string) {
	n := wordEnd(seg)
	if n == 0 || n > 40 {
		return nil, ""
	}
	var buf [40]byte
	for i := 0; i < n; i++ {
		buf[i] = lower(seg[i])
	}
	for _, l := range labelIndex[string(buf[:n])] {
		if len(seg) < len(l.text) || !equalFoldASCII(seg[:len(l.text)], l.text) {
			continue
		}
		rest := seg[len(l.text):]
		if rest != "" && isAlnum(rest[0]) {
			continue
		}
		return l, trimValueStart(rest)
	}
	return nil, ""
}

func trimValueStart(s string) string {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == ':' || s[i] == ',') {
		i++
	}
	return s[i:]
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lower(a[i]) != lower(b[i]) {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
