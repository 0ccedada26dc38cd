package un

// record is one INDIVIDUAL or ENTITY element. The two share most fields;
// the alias and address lists differ only in their element names, so both
// spellings are decoded and whichever the record has is used.
type record struct {
	DataID         string   `xml:"DATAID"`
	FirstName      string   `xml:"FIRST_NAME"`
	SecondName     string   `xml:"SECOND_NAME"`
	ThirdName      string   `xml:"THIRD_NAME"`
	FourthName     string   `xml:"FOURTH_NAME"`
	ListType       string   `xml:"UN_LIST_TYPE"`
	Reference      string   `xml:"REFERENCE_NUMBER"`
	ListedOn       string   `xml:"LISTED_ON"`
	Gender         string   `xml:"GENDER"`
	Comments       string   `xml:"COMMENTS1"`
	OriginalScript string   `xml:"NAME_ORIGINAL_SCRIPT"`
	Titles         []string `xml:"TITLE>VALUE"`
	Designations   []string `xml:"DESIGNATION>VALUE"`
	Nationalities  []string `xml:"NATIONALITY>VALUE"`

	IndividualAliases   []alias     `xml:"INDIVIDUAL_ALIAS"`
	EntityAliases       []alias     `xml:"ENTITY_ALIAS"`
	IndividualAddresses []address   `xml:"INDIVIDUAL_ADDRESS"`
	EntityAddresses     []address   `xml:"ENTITY_ADDRESS"`
	BirthDates          []birthDate `xml:"INDIVIDUAL_DATE_OF_BIRTH"`
	BirthPlaces         []address   `xml:"INDIVIDUAL_PLACE_OF_BIRTH"`
	Documents           []document  `xml:"INDIVIDUAL_DOCUMENT"`
}

// alias is an INDIVIDUAL_ALIAS or ENTITY_ALIAS. Individual aliases may
// carry the birth date and place used with that alias.
type alias struct {
	Quality        string `xml:"QUALITY"`
	Name           string `xml:"ALIAS_NAME"`
	Note           string `xml:"NOTE"`
	DateOfBirth    string `xml:"DATE_OF_BIRTH"`
	CityOfBirth    string `xml:"CITY_OF_BIRTH"`
	CountryOfBirth string `xml:"COUNTRY_OF_BIRTH"`
}

// address is an address or a place of birth; they share their fields.
type address struct {
	Street  string `xml:"STREET"`
	City    string `xml:"CITY"`
	State   string `xml:"STATE_PROVINCE"`
	Zip     string `xml:"ZIP_CODE"`
	Country string `xml:"COUNTRY"`
	Note    string `xml:"NOTE"`
}

// birthDate is an INDIVIDUAL_DATE_OF_BIRTH.
type birthDate struct {
	Type     string `xml:"TYPE_OF_DATE"`
	Date     string `xml:"DATE"`
	Year     string `xml:"YEAR"`
	FromYear string `xml:"FROM_YEAR"`
	ToYear   string `xml:"TO_YEAR"`
	Note     string `xml:"NOTE"`
}

// document is an INDIVIDUAL_DOCUMENT. The issuing country comes as
// ISSUING_COUNTRY or COUNTRY_OF_ISSUE, depending on the record's age.
type document struct {
	Type           string `xml:"TYPE_OF_DOCUMENT"`
	Type2          string `xml:"TYPE_OF_DOCUMENT2"`
	Number         string `xml:"NUMBER"`
	IssuingCountry string `xml:"ISSUING_COUNTRY"`
	CountryOfIssue string `xml:"COUNTRY_OF_ISSUE"`
	DateOfIssue    string `xml:"DATE_OF_ISSUE"`
	CityOfIssue    string `xml:"CITY_OF_ISSUE"`
	Note           string `xml:"NOTE"`
}
