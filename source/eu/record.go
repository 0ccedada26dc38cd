package eu

// sanctionEntity is one record of the export. Every part carries a
// regulationSummary and a regulationLanguage, which are not read.
type sanctionEntity struct {
	LogicalID          string           `xml:"logicalId,attr"`
	EUReference        string           `xml:"euReferenceNumber,attr"`
	UNReference        string           `xml:"unitedNationId,attr"`
	DesignationDate    string           `xml:"designationDate,attr"`
	DesignationDetails string           `xml:"designationDetails,attr"`
	Remarks            []string         `xml:"remark"`
	Regulations        []regulation     `xml:"regulation"`
	SubjectType        subjectType      `xml:"subjectType"`
	Names              []nameAlias      `xml:"nameAlias"`
	Citizenships       []place          `xml:"citizenship"`
	BirthDates         []birthdate      `xml:"birthdate"`
	Addresses          []address        `xml:"address"`
	Identifications    []identification `xml:"identification"`
}

type regulation struct {
	Programme       string `xml:"programme,attr"`
	PublicationDate string `xml:"publicationDate,attr"`
}

type subjectType struct {
	Code               string `xml:"code,attr"`
	ClassificationCode string `xml:"classificationCode,attr"`
}

type nameAlias struct {
	LogicalID  string   `xml:"logicalId,attr"`
	WholeName  string   `xml:"wholeName,attr"`
	FirstName  string   `xml:"firstName,attr"`
	MiddleName string   `xml:"middleName,attr"`
	LastName   string   `xml:"lastName,attr"`
	Function   string   `xml:"function,attr"`
	Gender     string   `xml:"gender,attr"`
	Title      string   `xml:"title,attr"`
	Language   string   `xml:"nameLanguage,attr"`
	Strong     string   `xml:"strong,attr"`
	Remarks    []string `xml:"remark"`
}

// place is the country part shared by citizenship, birthdate, address and
// identification.
type place struct {
	Region             string   `xml:"region,attr"`
	CountryISO2        string   `xml:"countryIso2Code,attr"`
	CountryDescription string   `xml:"countryDescription,attr"`
	Remarks            []string `xml:"remark"`
}

type birthdate struct {
	place
	Circa         string `xml:"circa,attr"`
	CalendarType  string `xml:"calendarType,attr"`
	Birthdate     string `xml:"birthdate,attr"`
	Day           string `xml:"dayOfMonth,attr"`
	Month         string `xml:"monthOfYear,attr"`
	Year          string `xml:"year,attr"`
	YearRangeFrom string `xml:"yearRangeFrom,attr"`
	YearRangeTo   string `xml:"yearRangeTo,attr"`
	City          string `xml:"city,attr"`
	ZipCode       string `xml:"zipCode,attr"`
	Place         string `xml:"place,attr"`
}

type address struct {
	place
	Street      string        `xml:"street,attr"`
	City        string        `xml:"city,attr"`
	PoBox       string        `xml:"poBox,attr"`
	ZipCode     string        `xml:"zipCode,attr"`
	Place       string        `xml:"place,attr"`
	ContactInfo []contactInfo `xml:"contactInfo"`
}

type contactInfo struct {
	Key   string `xml:"key,attr"`
	Value string `xml:"value,attr"`
}

type identification struct {
	place
	TypeCode        string `xml:"identificationTypeCode,attr"`
	TypeDescription string `xml:"identificationTypeDescription,attr"`
	Number          string `xml:"number,attr"`
	LatinNumber     string `xml:"latinNumber,attr"`
	IssueDate       string `xml:"issueDate,attr"`
	ValidTo         string `xml:"validTo,attr"`
	IssuedBy        string `xml:"issuedBy,attr"`
	NameOnDocument  string `xml:"nameOnDocument,attr"`
	Diplomatic      string `xml:"diplomatic,attr"`
	KnownExpired    string `xml:"knownExpired,attr"`
	KnownFalse      string `xml:"knownFalse,attr"`
	ReportedLost    string `xml:"reportedLost,attr"`
	RevokedByIssuer string `xml:"revokedByIssuer,attr"`
}
