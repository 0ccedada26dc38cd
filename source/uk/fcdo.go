package uk

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/interdict/interdict"
	"golang.org/x/text/encoding/htmlindex"
)

// FCDOFormat names the FCDO XML format in loads.
const FCDOFormat = "FCDO UK Sanctions List XML"

// FCDODetect reports whether a file is the FCDO UK Sanctions List XML,
// from its first bytes (up to 64 KiB): a <Designations> root holding
// <Designation> records or the <DateGenerated> stamp. Only when head is
// empty does it fall back to the published file names.
func FCDODetect(name string, head []byte) bool {
	if len(bytes.TrimSpace(head)) == 0 {
		base := strings.ToLower(filepath.Base(name))
		return base == "uk-sanctions-list.xml" || base == "uk_sanctions_list.xml"
	}
	return bytes.Contains(head, []byte("<Designations")) &&
		(bytes.Contains(head, []byte("<Designation>")) || bytes.Contains(head, []byte("<DateGenerated>")))
}

// ParseFCDO reads an FCDO UK Sanctions List XML file. It streams the file,
// decoding one <Designation> at a time, so memory stays flat however big
// the list grows.
func ParseFCDO(r io.Reader, name string) (*interdict.ListLoad, error) {
	dec := xml.NewDecoder(skipBOM(r))
	dec.CharsetReader = charsetReader
	p := &fcdoParser{
		name:             name,
		load:             &interdict.ListLoad{Source: Source, Format: FCDOFormat, Files: []string{name}},
		c:                newCountries(),
		ids:              map[string]int{},
		unknownNameTypes: map[string]int{},
		badDates:         map[string]int{},
	}
	depth := 0
	sawRoot := false
	for {
		line, _ := dec.InputPos()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, p.xmlError(dec, "", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 1 {
				if t.Name.Local != "Designations" {
					return nil, fmt.Errorf("uk: %s line %d: root element <%s>, want <Designations>: not an FCDO UK Sanctions List file", name, line, t.Name.Local)
				}
				sawRoot = true
				continue
			}
			if depth != 2 {
				continue
			}
			switch t.Name.Local {
			case "Designation":
				var d fcdoDesignation
				if err := dec.DecodeElement(&d, &t); err != nil {
					return nil, p.xmlError(dec, fmt.Sprintf("Designation #%d", p.load.Records+1), err)
				}
				depth--
				p.designation(line, &d)
			case "DateGenerated":
				var s string
				if err := dec.DecodeElement(&s, &t); err != nil {
					return nil, p.xmlError(dec, "DateGenerated", err)
				}
				depth--
				if d, ok := parseDate(s); ok && isoDate(d) != "" {
					p.load.Published = isoDate(d)
				} else {
					p.load.Notes = append(p.load.Notes, fmt.Sprintf("DateGenerated %q is not a date", strings.TrimSpace(s)))
				}
			}
		case xml.EndElement:
			depth--
		}
	}
	if !sawRoot {
		return nil, fmt.Errorf("uk: %s: no XML elements: not an FCDO UK Sanctions List file", name)
	}
	return p.finish(), nil
}

// xmlError wraps a decoding error with the file, the line and where in
// the file it happened (context may be empty).
func (p *fcdoParser) xmlError(dec *xml.Decoder, context string, err error) error {
	line, _ := dec.InputPos()
	msg := err.Error()
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		line, msg = se.Line, se.Msg
	}
	if msg == "unexpected EOF" || errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "truncated XML (unexpected EOF)"
	}
	if context != "" {
		msg = context + ": " + msg
	}
	return fmt.Errorf("uk: %s line %d: %s", p.name, line, msg)
}

// skipBOM drops a UTF-8 byte order mark, which encoding/xml rejects.
func skipBOM(r io.Reader) io.Reader {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	return br
}

// charsetReader decodes the legacy encodings an XML declaration may name
// (windows-1252, iso-8859-1, utf-16 ...), which encoding/xml leaves to the
// caller.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	return enc.NewDecoder().Reader(in), nil
}

// fcdoParser turns designations into entities.
type fcdoParser struct {
	name string
	load *interdict.ListLoad
	c    *countries
	ids  map[string]int // entity id → designation number, to catch repeats

	unknownNameTypes map[string]int
	badDates         map[string]int
}

func (p *fcdoParser) reject(line int, element, reason string) {
	p.load.Rejects = append(p.load.Rejects, interdict.Reject{File: p.name, Line: line, Element: element, Reason: reason})
}

// designation reads one <Designation> into an entity, or rejects it.
func (p *fcdoParser) designation(line int, d *fcdoDesignation) {
	p.load.Records++
	n := p.load.Records
	uid, gid := strings.TrimSpace(d.UniqueID), strings.TrimSpace(d.OFSIGroupID)
	element := fmt.Sprintf("Designation #%d UniqueID=%s", n, uid)
	var id string
	switch {
	case uid != "":
		id = Source + ":" + uid
	case gid != "":
		id = Source + ":group-" + gid
		element = fmt.Sprintf("Designation #%d OFSIGroupID=%s", n, gid)
	default:
		p.reject(line, fmt.Sprintf("Designation #%d", n), "no UniqueID or OFSIGroupID")
		return
	}
	kind, ok := groupKind(d.IndividualEntityShip)
	if !ok {
		p.reject(line, element, fmt.Sprintf("unknown IndividualEntityShip %q", strings.TrimSpace(d.IndividualEntityShip)))
		return
	}
	if prev, dup := p.ids[id]; dup {
		p.reject(line, element, fmt.Sprintf("repeats the id %s of Designation #%d", id, prev))
		return
	}
	b := newBuilder(kind, p.c)
	e := b.e
	e.ID = id
	for _, x := range d.Names {
		typ, known := nameType(x.NameType, x.AliasStrength)
		if !known {
			p.unknownNameTypes[strings.TrimSpace(x.NameType)]++
		}
		parts := nameParts{x.Name1, x.Name2, x.Name3, x.Name4, x.Name5, x.Name6}
		e.AddName(parts.name(kind, typ))
	}
	for _, x := range d.NonLatinNames {
		e.AddName(interdict.Name{Full: collapse(x.Name), Type: interdict.NameAKA, Lang: langTag(x.Language)})
	}
	if len(e.Names) == 0 {
		p.reject(line, element, "no names")
		return
	}
	p.ids[id] = n
	if gid != "" {
		b.altKey("uk-group:" + gid)
	}
	for _, ref := range d.UNReferenceNumber {
		if ref = strings.TrimSpace(ref); ref != "" {
			b.altKey("un-ref:" + ref)
		}
	}
	for _, t := range d.Titles {
		b.title(t)
	}
	for _, r := range d.RegimeName {
		b.program(r)
	}
	e.ListedOn = p.date(d.DateDesignated)
	for _, a := range d.Addresses {
		b.address([]string{a.Line1, a.Line2, a.Line3, a.Line4, a.Line5, a.Line6}, a.PostalCode, a.Country)
	}
	for _, x := range d.PhoneNumbers {
		for _, v := range phones(x) {
			e.AddIdentifier(interdict.Identifier{Type: interdict.IDPhone, Value: v, Label: "Phone number"})
		}
	}
	for _, x := range d.EmailAddresses {
		for _, v := range emails(x) {
			e.AddIdentifier(interdict.Identifier{Type: interdict.IDEmail, Value: v, Label: "Email address"})
		}
	}
	for _, x := range d.Websites {
		for _, v := range websites(x) {
			e.AddIdentifier(interdict.Identifier{Type: interdict.IDWebsite, Value: v, Label: "Website"})
		}
	}
	for i := range d.Individuals {
		p.individual(b, &d.Individuals[i])
	}
	var entityTypes []string
	for _, x := range d.Entities {
		entityTypes = append(entityTypes, x.Types...)
		p.entityParts(b, &x)
	}
	var lengths []string
	for i := range d.Ships {
		lengths = append(lengths, d.Ships[i].Lengths...)
		p.ship(b, &d.Ships[i])
	}
	e.Remarks = remarks(d, entityTypes, lengths)
	b.finish()
	p.load.Entities = append(p.load.Entities, e)
}

// date parses an FCDO date, counting the ones it cannot read.
func (p *fcdoParser) date(s string) interdict.Date {
	d, ok := parseDate(s)
	if !ok {
		p.badDates[strings.TrimSpace(s)]++
	}
	return d
}

func (p *fcdoParser) individual(b builder, x *fcdoIndividual) {
	e := b.e
	for _, s := range x.DOBs {
		e.AddBirthDate(p.date(s))
	}
	for _, s := range x.Nationalities {
		b.nationalities(s)
	}
	for _, s := range x.Genders {
		b.gender(s)
	}
	for _, s := range x.Titles {
		b.title(s)
	}
	for _, s := range x.Positions {
		b.title(s)
	}
	for _, d := range x.Passports {
		if v := collapse(d.Number); v != "" {
			e.AddIdentifier(interdict.Identifier{Type: interdict.IDPassport, Value: v, Label: "Passport Number", Note: collapse(d.Info)})
		}
	}
	for _, d := range x.NationalIDs {
		if v := collapse(d.Number); v != "" {
			note := collapse(d.Info)
			e.AddIdentifier(interdict.Identifier{Type: nationalIDType(note), Value: v, Label: "National Identification Number", Note: note})
		}
	}
	for _, l := range x.BirthPlaces {
		b.countries(l.Country)
		b.birthPlace(l.Town, l.Country)
	}
}

func (p *fcdoParser) entityParts(b builder, x *fcdoEntityParts) {
	for _, s := range x.RegNumbers {
		if s = collapse(s); s != "" {
			b.e.AddIdentifier(registration(s, "Business Registration Number"))
		}
	}
	for _, s := range x.Parents {
		b.link(interdict.LinkOwner, s, "")
	}
	for _, s := range x.Subsidiaries {
		b.link(interdict.LinkSubsidiary, s, "")
	}
}

func (p *fcdoParser) ship(b builder, x *fcdoShip) {
	e := b.e
	for _, s := range x.IMONumbers {
		if s = collapse(s); s != "" {
			e.AddIdentifier(interdict.Identifier{Type: interdict.IDIMO, Value: imo(s), Label: "IMO number"})
		}
	}
	if e.Kind != interdict.KindVessel {
		return
	}
	v := b.vessel()
	for _, s := range x.Flags {
		if codes := b.countries(s); len(codes) > 0 && v.Flag == "" {
			v.Flag = codes[0]
		}
	}
	for _, s := range x.PreviousFlags {
		b.countries(s)
	}
	v.Type = firstNonEmpty(v.Type, x.Types)
	v.Tonnage = firstNonEmpty(v.Tonnage, x.Tonnages)
	v.Built = firstNonEmpty(v.Built, x.YearsBuilt)
	var owners []string
	for _, s := range x.Owners {
		if s = collapse(s); s != "" {
			owners = append(owners, s)
			b.link(interdict.LinkVesselOwner, s, "")
		}
	}
	if v.Owner == "" {
		v.Owner = strings.Join(owners, "; ")
	}
}

func firstNonEmpty(cur string, list []string) string {
	if cur != "" {
		return cur
	}
	for _, s := range list {
		if s = collapse(s); s != "" {
			return s
		}
	}
	return ""
}

// remarks joins the designation's free text in ConList's "(Tag):value"
// style, so that remarks read alike from both formats.
func remarks(d *fcdoDesignation, entityTypes, lengths []string) string {
	var parts []string
	add := func(tag, v string) {
		if v = strings.TrimSpace(v); v == "" {
			return
		}
		if tag != "" {
			v = "(" + tag + "):" + v
		}
		parts = append(parts, v)
	}
	add("", d.OtherInformation)
	add(tagReasons, d.UKStatementofReasons)
	add(tagEntityType, strings.Join(entityTypes, "; "))
	add(tagLength, strings.Join(lengths, "; "))
	add("Designation source", d.DesignationSource)
	add("Sanctions imposed", d.SanctionsImposed)
	return strings.Join(parts, " ")
}

func (p *fcdoParser) finish() *interdict.ListLoad {
	l := p.load
	if len(p.unknownNameTypes) > 0 {
		l.Notes = append(l.Notes, "names with an unknown NameType, read as a.k.a.: "+countList(p.unknownNameTypes))
	}
	if len(p.badDates) > 0 {
		l.Notes = append(l.Notes, "unreadable dates skipped: "+countList(p.badDates))
	}
	if n := p.c.note(); n != "" {
		l.Notes = append(l.Notes, n)
	}
	return l
}
