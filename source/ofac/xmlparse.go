package ofac

import (
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/interdict/interdict"
)

// The SDN.XML schema (sdn.xsd), as far as this package reads it. Struct
// tags carry no namespace, so any namespace matches.
type (
	xmlPublish struct {
		PublishDate string `xml:"Publish_Date"`
		RecordCount string `xml:"Record_Count"`
	}
	xmlEntry struct {
		UID           string       `xml:"uid"`
		FirstName     string       `xml:"firstName"`
		LastName      string       `xml:"lastName"`
		Title         string       `xml:"title"`
		SDNType       string       `xml:"sdnType"`
		Remarks       string       `xml:"remarks"`
		Programs      []string     `xml:"programList>program"`
		IDs           []xmlID      `xml:"idList>id"`
		AKAs          []xmlAKA     `xml:"akaList>aka"`
		Addresses     []xmlAddress `xml:"addressList>address"`
		Nationalities []string     `xml:"nationalityList>nationality>country"`
		Citizenships  []string     `xml:"citizenshipList>citizenship>country"`
		DatesOfBirth  []string     `xml:"dateOfBirthList>dateOfBirthItem>dateOfBirth"`
		PlacesOfBirth []string     `xml:"placeOfBirthList>placeOfBirthItem>placeOfBirth"`
		Vessel        *xmlVessel   `xml:"vesselInfo"`
	}
	xmlID struct {
		Type       string `xml:"idType"`
		Number     string `xml:"idNumber"`
		Country    string `xml:"idCountry"`
		IssueDate  string `xml:"issueDate"`
		ExpiryDate string `xml:"expirationDate"`
	}
	xmlAKA struct {
		Type      string `xml:"type"`
		Category  string `xml:"category"`
		FirstName string `xml:"firstName"`
		LastName  string `xml:"lastName"`
	}
	xmlAddress struct {
		Address1   string `xml:"address1"`
		Address2   string `xml:"address2"`
		Address3   string `xml:"address3"`
		City       string `xml:"city"`
		State      string `xml:"stateOrProvince"`
		PostalCode string `xml:"postalCode"`
		Country    string `xml:"country"`
	}
	xmlVessel struct {
		CallSign string `xml:"callSign"`
		Type     string `xml:"vesselType"`
		Flag     string `xml:"vesselFlag"`
		Owner    string `xml:"vesselOwner"`
		Tonnage  string `xml:"tonnage"`
		GRT      string `xml:"grossRegisteredTonnage"`
	}
)

// Parse reads a file in the SDN.XML schema (SDN.XML, CONSOLIDATED.XML)
// as a stream, one sdnEntry at a time. The source is SourceSDN when the
// file's base name starts with "sdn", else SourceCons; Published comes from
// publshInformation/Publish_Date. A root other than sdnList, and XML that
// is not well-formed or is truncated, are errors naming the line and the
// sdnEntry; an entry without a numeric uid or a name, or of an unknown
// sdnType, is a Reject naming it and the rest loads.
func Parse(r io.Reader, name string) (*interdict.ListLoad, error) {
	source := SourceCons
	if strings.HasPrefix(strings.ToLower(filepath.Base(name)), "sdn") {
		source = SourceSDN
	}
	x := &xmlParse{
		name: name,
		b:    newBuilder(),
		load: &interdict.ListLoad{Source: source, Format: "OFAC SDN.XML", Files: []string{name}},
		seen: map[string]int{},
	}
	if err := x.run(r); err != nil {
		return nil, err
	}
	x.load.Notes = append(x.load.Notes, resolveLinks(x.load.Entities)...)
	x.load.Notes = append(x.load.Notes, x.b.notes()...)
	return x.load, nil
}

type xmlParse struct {
	name  string
	b     *builder
	load  *interdict.ListLoad
	seen  map[string]int // uid → entry index, for duplicates
	count string         // Record_Count, checked at the end
}

func (x *xmlParse) run(r io.Reader) error {
	d := xml.NewDecoder(r)
	d.CharsetReader = charsetReader
	depth := 0
	rootSeen := false
	lastUID := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := d.InputPos()
			return fmt.Errorf("ofac: %s line %d: %s: %w", x.name, line, x.between(lastUID), err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 1 {
				rootSeen = true
				if t.Name.Local != "sdnList" {
					line, _ := d.InputPos()
					return fmt.Errorf("ofac: %s line %d: root element is <%s>, want <sdnList> (not the SDN.XML schema)", x.name, line, t.Name.Local)
				}
				continue
			}
			if depth != 2 {
				continue
			}
			switch t.Name.Local {
			case "publshInformation", "publishInformation":
				var p xmlPublish
				if err := d.DecodeElement(&p, &t); err != nil {
					line, _ := d.InputPos()
					return fmt.Errorf("ofac: %s line %d: publshInformation: %w", x.name, line, err)
				}
				x.publish(p)
			case "sdnEntry":
				var e xmlEntry
				if err := d.DecodeElement(&e, &t); err != nil {
					line, _ := d.InputPos()
					return fmt.Errorf("ofac: %s line %d: %s: %w", x.name, line, x.where(lastUID), err)
				}
				x.load.Records++
				lastUID = e.UID
				x.entry(&e)
			default:
				if err := d.Skip(); err != nil {
					line, _ := d.InputPos()
					return fmt.Errorf("ofac: %s line %d: <%s>: %w", x.name, line, t.Name.Local, err)
				}
			}
			depth--
		case xml.EndElement:
			depth--
		}
	}
	if !rootSeen {
		return fmt.Errorf("ofac: %s: no sdnList element (empty file or not XML)", x.name)
	}
	if x.count != "" {
		if n, err := strconv.Atoi(x.count); err == nil && n != x.load.Records {
			x.load.Notes = append(x.load.Notes, fmt.Sprintf("Record_Count says %d entries, the file has %d", n, x.load.Records))
		}
	}
	return nil
}

// where names the sdnEntry being read, for errors: its index and the uid
// of the one before, since a broken entry's own uid may be unreadable.
func (x *xmlParse) where(prevUID string) string {
	w := fmt.Sprintf("sdnEntry #%d", x.load.Records+1)
	if prevUID != "" {
		w += " (after uid " + prevUID + ")"
	}
	return w
}

// between names the place of an error outside any sdnEntry.
func (x *xmlParse) between(prevUID string) string {
	if x.load.Records == 0 {
		return "before the first sdnEntry"
	}
	return fmt.Sprintf("after sdnEntry #%d (uid %s)", x.load.Records, prevUID)
}

// publish reads publshInformation (OFAC's spelling): Publish_Date is
// MM/DD/YYYY.
func (x *xmlParse) publish(p xmlPublish) {
	x.count = strings.TrimSpace(p.RecordCount)
	s := strings.TrimSpace(p.PublishDate)
	if s == "" {
		return
	}
	parts := strings.Split(s, "/")
	if len(parts) == 3 {
		d := interdict.Date{Month: atoi(parts[0], 2), Day: atoi(parts[1], 2), Year: year(parts[2])}
		if d.Year != 0 && d.Month != 0 && d.Day != 0 && d.Valid() {
			x.load.Published = d.String()
			return
		}
	}
	x.load.Notes = append(x.load.Notes, fmt.Sprintf("Publish_Date %q is not MM/DD/YYYY", s))
}

func (x *xmlParse) reject(uid, reason string) {
	el := fmt.Sprintf("sdnEntry #%d", x.load.Records)
	if uid != "" {
		el += " uid=" + uid
	}
	x.load.Rejects = append(x.load.Rejects, interdict.Reject{File: x.name, Element: el, Reason: reason})
}

func (x *xmlParse) entry(xe *xmlEntry) {
	uid := strings.TrimSpace(xe.UID)
	num, ok := entNum(uid)
	if !ok {
		x.reject(uid, fmt.Sprintf("uid %q is not a number", uid))
		return
	}
	if prev, dup := x.seen[uid]; dup {
		x.reject(uid, fmt.Sprintf("duplicate uid, first in sdnEntry #%d", prev))
		return
	}
	kind, ok := kindOf(xe.SDNType)
	if !ok {
		x.reject(uid, fmt.Sprintf("unknown sdnType %q", xe.SDNType))
		return
	}
	full := joinName(xe.LastName, xe.FirstName)
	if full == "" {
		x.reject(uid, "no lastName or firstName")
		return
	}
	x.seen[uid] = x.load.Records
	src := x.load.Source
	person := kind == interdict.KindPerson
	e := &interdict.Entity{ID: src + ":" + strconv.Itoa(num), Source: src, Kind: kind}
	e.AddName(xmlName(xe.LastName, xe.FirstName, interdict.NamePrimary, person))
	for _, a := range xe.AKAs {
		e.AddName(xmlName(a.LastName, a.FirstName, akaType(a), person))
	}
	for _, p := range xe.Programs {
		e.AddProgram(p)
	}
	addTitles(e, xe.Title)
	b := x.b
	for _, s := range xe.Nationalities {
		e.AddNationality(b.countries.code(s))
	}
	for _, s := range xe.Citizenships {
		e.AddCitizenship(b.countries.code(s))
	}
	for _, s := range xe.DatesOfBirth {
		if s = strings.TrimSpace(s); s != "" {
			b.addDate(e, s)
		}
	}
	for _, s := range xe.PlacesOfBirth {
		e.BirthPlaces = appendOnce(e.BirthPlaces, strings.TrimSpace(s))
	}
	for _, a := range xe.Addresses {
		b.addAddress(e, interdict.Address{
			Street:     joinNonEmpty(", ", strings.TrimSpace(a.Address1), strings.TrimSpace(a.Address2), strings.TrimSpace(a.Address3)),
			City:       strings.TrimSpace(a.City),
			Region:     strings.TrimSpace(a.State),
			PostalCode: strings.TrimSpace(a.PostalCode),
		}, a.Country)
	}
	if v := xe.Vessel; v != nil {
		if cs := strings.TrimSpace(v.CallSign); cs != "" {
			e.AddIdentifier(interdict.Identifier{Type: interdict.IDCallSign, Value: cs, Label: "Call_Sign"})
		}
		b.addVessel(e, v.Type, v.Flag, v.Tonnage, v.GRT, v.Owner)
	}
	remarks := strings.TrimSpace(xe.Remarks)
	b.applyRemarks(e, remarks)
	// idList items are "label value" statements like the remarks'; those
	// that are not identifiers or particulars are kept as remarks.
	for _, id := range xe.IDs {
		t, n := strings.TrimSpace(id.Type), strings.TrimSpace(id.Number)
		if n == "" {
			continue
		}
		seg := joinNonEmpty(" ", t, n)
		note := joinNonEmpty(" ", prefixed("issued ", id.IssueDate), prefixed("expires ", id.ExpiryDate))
		if b.applySegment(e, seg, strings.TrimSpace(id.Country), note) {
			continue
		}
		if l, _ := matchLabel(stripAlt(seg)); l == nil && t != "" {
			// an idType this package does not know is still an
			// identifier: the XML says so, unlike free remark text
			e.AddIdentifier(interdict.Identifier{Type: interdict.IDOther, Value: n, Label: t,
				Country: b.countries.code(id.Country), Note: note})
			continue
		}
		remarks = joinNonEmpty("; ", remarks, seg)
	}
	e.Remarks = remarks
	x.load.Entities = append(x.load.Entities, e)
}

// xmlName builds a name from lastName and firstName. Weak aliases come
// with the whole "LAST, First" in lastName; they are split as in the CSV.
func xmlName(last, first string, t interdict.NameType, person bool) interdict.Name {
	last, first = strings.TrimSpace(last), strings.TrimSpace(first)
	if first == "" || last == "" {
		return nameOf(joinName(last, first), t, person)
	}
	n := interdict.Name{Full: joinName(last, first), Type: t}
	n.Script = asciiScript(n.Full)
	if person {
		n.Family, n.Given = last, first
	}
	return n
}

// akaType maps an aka's category and type: weak aliases are NameWeakAKA
// whatever their type, as in the CSV remarks.
func akaType(a xmlAKA) interdict.NameType {
	if strings.EqualFold(strings.TrimSpace(a.Category), "weak") {
		return interdict.NameWeakAKA
	}
	if strings.EqualFold(strings.TrimSpace(a.Type), "f.k.a.") {
		return interdict.NameFKA
	}
	return interdict.NameAKA
}

func prefixed(prefix, s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	return prefix + s
}
