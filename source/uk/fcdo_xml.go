package uk

// The FCDO UK Sanctions List XML, as much of it as the parser reads. Each
// Designation is decoded whole (they are small); the file as a whole is
// streamed. Elements that can repeat are slices even where the sample has
// one, because the FCDO schema allows several.

type fcdoDesignation struct {
	LastUpdated          string            `xml:"LastUpdated"`
	DateDesignated       string            `xml:"DateDesignated"`
	UniqueID             string            `xml:"UniqueID"`
	OFSIGroupID          string            `xml:"OFSIGroupID"`
	UNReferenceNumber    []string          `xml:"UNReferenceNumber"`
	Names                []fcdoName        `xml:"Names>Name"`
	NonLatinNames        []fcdoNonLatin    `xml:"NonLatinNames>NonLatinName"`
	Titles               []string          `xml:"Titles>Title"`
	RegimeName           []string          `xml:"RegimeName"`
	IndividualEntityShip string            `xml:"IndividualEntityShip"`
	DesignationSource    string            `xml:"DesignationSource"`
	SanctionsImposed     string            `xml:"SanctionsImposed"`
	OtherInformation     string            `xml:"OtherInformation"`
	UKStatementofReasons string            `xml:"UKStatementofReasons"`
	Addresses            []fcdoAddress     `xml:"Addresses>Address"`
	PhoneNumbers         []string          `xml:"PhoneNumbers>PhoneNumber"`
	EmailAddresses       []string          `xml:"EmailAddresses>EmailAddress"`
	Websites             []string          `xml:"Websites>Website"`
	Individuals          []fcdoIndividual  `xml:"IndividualDetails>Individual"`
	Entities             []fcdoEntityParts `xml:"EntityDetails>Entity"`
	Ships                []fcdoShip        `xml:"ShipDetails>Ship"`
}

type fcdoName struct {
	Name1         string `xml:"Name1"`
	Name2         string `xml:"Name2"`
	Name3         string `xml:"Name3"`
	Name4         string `xml:"Name4"`
	Name5         string `xml:"Name5"`
	Name6         string `xml:"Name6"`
	NameType      string `xml:"NameType"`
	AliasStrength string `xml:"AliasStrength"`
}

type fcdoNonLatin struct {
	Name     string `xml:"NameNonLatinScript"`
	Script   string `xml:"NonLatinScriptType"`
	Language string `xml:"NonLatinScriptLanguage"`
}

type fcdoAddress struct {
	Line1      string `xml:"AddressLine1"`
	Line2      string `xml:"AddressLine2"`
	Line3      string `xml:"AddressLine3"`
	Line4      string `xml:"AddressLine4"`
	Line5      string `xml:"AddressLine5"`
	Line6      string `xml:"AddressLine6"`
	PostalCode string `xml:"AddressPostalCode"`
	Country    string `xml:"AddressCountry"`
}

type fcdoIndividual struct {
	DOBs          []string         `xml:"DOBs>DOB"`
	Nationalities []string         `xml:"Nationalities>Nationality"`
	Genders       []string         `xml:"Genders>Gender"`
	Positions     []string         `xml:"Positions>Position"`
	Titles        []string         `xml:"Titles>Title"`
	Passports     []fcdoDocument   `xml:"PassportDetails>Passport"`
	NationalIDs   []fcdoNationalID `xml:"NationalIdentifierDetails>NationalIdentifier"`
	BirthPlaces   []fcdoBirth      `xml:"BirthDetails>Location"`
}

type fcdoDocument struct {
	Number string `xml:"PassportNumber"`
	Info   string `xml:"PassportAdditionalInformation"`
}

type fcdoNationalID struct {
	Number string `xml:"NationalIdentifierNumber"`
	Info   string `xml:"NationalIdentifierAdditionalInformation"`
}

type fcdoBirth struct {
	Town    string `xml:"TownOfBirth"`
	Country string `xml:"CountryOfBirth"`
}

type fcdoEntityParts struct {
	Types        []string `xml:"TypeOfEntities>TypeOfEntity"`
	RegNumbers   []string `xml:"BusinessRegistrationNumbers>BusinessRegistrationNumber"`
	Parents      []string `xml:"ParentCompanies>ParentCompany"`
	Subsidiaries []string `xml:"Subsidiaries>Subsidiary"`
}

type fcdoShip struct {
	IMONumbers    []string `xml:"IMONumbers>IMONumber"`
	Owners        []string `xml:"CurrentOwnerOperators>CurrentOwnerOperator"`
	Flags         []string `xml:"CurrentBelievedFlagOfShips>CurrentBelievedFlagOfShip"`
	PreviousFlags []string `xml:"PreviousFlags>PreviousFlag"`
	Types         []string `xml:"TypeOfShipDetails>TypeOfShip"`
	Tonnages      []string `xml:"TonnageOfShipDetails>TonnageOfShip"`
	Lengths       []string `xml:"LengthOfShipDetails>LengthOfShip"`
	YearsBuilt    []string `xml:"YearBuiltDetails>YearBuilt"`
}
