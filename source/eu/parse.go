package eu

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/source/internal/text"
	"github.com/interdict/interdict/source/internal/xmlin"
)

// Source is the list's short name, the prefix of every entity id.
const Source = "eu"

// Format names the publisher format this package reads.
const Format = "EU Financial Sanctions Files XML 1.1"

// Namespace is the FSF export namespace, which tells the file apart from
// any other XML with an export root.
const Namespace = "http://eu.europa.ec/fpi/fsd/export"

// Detect reports whether a file is an FSF XML export: its root element is
// export in the FSF namespace. The name is not used (the Commission serves
// the file under a download token, not a name).
func Detect(name string, head []byte) bool {
	se, ok := xmlin.RootElement(head)
	return ok && se.Name.Local == "export" && se.Name.Space == Namespace
}

// Parse reads one FSF XML file, streaming it a record at a time. name
// appears in every error and reject. A file that is not an FSF export, or
// whose XML breaks, is an error; a record with no reference or no name,
// or a reference seen before, is a reject.
func Parse(r io.Reader, name string) (*interdict.ListLoad, error) {
	p := &parser{
		d:    xmlin.NewDecoder(r),
		name: name,
		load: &interdict.ListLoad{Source: Source, Format: Format, Files: []string{name}},
		seen: map[string]string{},
	}
	if err := p.run(); err != nil {
		return nil, err
	}
	p.addNotes()
	return p.load, nil
}

type parser struct {
	d     *xml.Decoder
	name  string
	load  *interdict.ListLoad
	tally tally
	seen  map[string]string // id → the element that first had it
	// at names the record being decoded, for errors inside it.
	at string
}

func (p *parser) errf(format string, args ...any) error {
	line, _ := p.d.InputPos()
	return fmt.Errorf("eu: %s: line %d: %s", p.name, line, fmt.Sprintf(format, args...))
}

// xmlErr wraps a decoder error, using the line the syntax error names.
func (p *parser) xmlErr(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("eu: %s: line %d: %smalformed XML: %s", p.name, se.Line, p.at, se.Msg)
	}
	return p.errf("%s%v", p.at, err)
}

func (p *parser) run() error {
	var root xml.StartElement
	for {
		tok, err := p.d.Token()
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("eu: %s: empty file, want an FSF export XML document", p.name)
		}
		if err != nil {
			return p.xmlErr(err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			root = se
			break
		}
	}
	if root.Name.Local != "export" || (root.Name.Space != Namespace && root.Name.Space != "") {
		return p.errf("root element is <%s> in namespace %q, want <export> in %q: not an EU FSF export", root.Name.Local, root.Name.Space, Namespace)
	}
	for _, a := range root.Attr {
		if a.Name.Local == "generationDate" {
			if d, err := parseDay(a.Value); err == nil {
				p.load.Published = d.String()
			} else {
				p.load.Notes = append(p.load.Notes, fmt.Sprintf("generationDate %q is not a date", a.Value))
			}
		}
	}
	n := 0
	for {
		tok, err := p.d.Token()
		if err != nil {
			return p.xmlErr(err)
		}
		switch t := tok.(type) {
		case xml.EndElement: // the root closes
			return nil
		case xml.StartElement:
			if t.Name.Local != "sanctionEntity" {
				if err := p.d.Skip(); err != nil {
					return p.xmlErr(err)
				}
				continue
			}
			n++
			line, _ := p.d.InputPos()
			p.at = fmt.Sprintf("sanctionEntity #%d: ", n)
			var rec sanctionEntity
			if err := p.d.DecodeElement(&rec, &t); err != nil {
				return p.xmlErr(err)
			}
			p.at = ""
			p.record(&rec, n, line)
		}
	}
}

// record turns one decoded record into an entity or a reject.
func (p *parser) record(rec *sanctionEntity, n, line int) {
	p.load.Records++
	where := fmt.Sprintf("sanctionEntity #%d", n)
	if ref := text.JoinNonEmpty(", logicalId ", text.Clean(rec.EUReference), text.Clean(rec.LogicalID)); ref != "" {
		where += " (" + ref + ")"
	}
	reject := func(reason string) {
		p.load.Rejects = append(p.load.Rejects, interdict.Reject{File: p.name, Line: line, Element: where, Reason: reason})
	}
	e, err := p.tally.entity(rec)
	if err != nil {
		reject(err.Error())
		return
	}
	if first, dup := p.seen[e.ID]; dup {
		reject("duplicate euReferenceNumber, first in " + first)
		return
	}
	p.seen[e.ID] = where
	p.load.Entities = append(p.load.Entities, e)
}

func (p *parser) addNotes() {
	t := &p.tally
	if n := t.countries.note(); n != "" {
		p.load.Notes = append(p.load.Notes, n)
	}
	if len(t.unknownKinds) > 0 {
		p.load.Notes = append(p.load.Notes, fmt.Sprintf("%d subjectType codes not known, kind unknown: %s", len(t.unknownKinds), countList(t.unknownKinds)))
	}
	if t.logicalIDs > 0 {
		p.load.Notes = append(p.load.Notes, fmt.Sprintf("%d records have no euReferenceNumber and are identified by logicalId", t.logicalIDs))
	}
	if len(t.badDates) > 0 {
		p.load.Notes = append(p.load.Notes, fmt.Sprintf("%d dates not understood, not kept: %s", len(t.badDates), strings.Join(t.badDates, "; ")))
	}
}

// countList formats counted strings as `A, B (2)`, sorted.
func countList(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i, k := range keys {
		if m[k] > 1 {
			keys[i] = fmt.Sprintf("%q (%d)", k, m[k])
		} else {
			keys[i] = fmt.Sprintf("%q", k)
		}
	}
	return strings.Join(keys, ", ")
}
