package un

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
const Source = "un"

// Format names the publisher format this package reads.
const Format = "UN Security Council consolidated list XML"

// Detect reports whether a file is the UN consolidated list: its root
// element is a CONSOLIDATED_LIST with no namespace. The name is not used;
// the UN serves the file as "consolidated.xml", a name other lists share.
func Detect(name string, head []byte) bool {
	se, ok := xmlin.RootElement(head)
	return ok && se.Name.Local == "CONSOLIDATED_LIST" && se.Name.Space == ""
}

// Parse reads one UN consolidated list file, streaming it a record at a
// time. name appears in every error and reject. A file that is not a
// CONSOLIDATED_LIST, or whose XML breaks, is an error; a record with no
// DATAID or no name, or a DATAID seen before, is a reject.
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
	p.resolveLinks()
	p.addNotes()
	return p.load, nil
}

type parser struct {
	d     *xml.Decoder
	name  string
	load  *interdict.ListLoad
	tally tally
	// seen maps each DATAID to the element that first had it.
	seen map[string]string
	// pending holds each kept entity's references, resolved at the end
	// when every record's reference number is known.
	pending    []pendingRefs
	unresolved map[string]int
	counts     [2]int // INDIVIDUAL and ENTITY elements read
	// at names the record being decoded, for errors inside it.
	at string
}

type pendingRefs struct {
	e    *interdict.Entity
	refs []ref
}

// errf formats a file-level error at the decoder's current line.
func (p *parser) errf(format string, args ...any) error {
	line, _ := p.d.InputPos()
	return fmt.Errorf("un: %s: line %d: %s", p.name, line, fmt.Sprintf(format, args...))
}

// xmlErr wraps a decoder error, using the line the syntax error names.
func (p *parser) xmlErr(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("un: %s: line %d: %smalformed XML: %s", p.name, se.Line, p.at, se.Msg)
	}
	if errors.Is(err, io.EOF) {
		return p.errf("file ends before the CONSOLIDATED_LIST element is closed")
	}
	return p.errf("%v", err)
}

func (p *parser) run() error {
	root, err := p.nextStart()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("un: %s: empty file, want a CONSOLIDATED_LIST XML document", p.name)
		}
		return p.xmlErr(err)
	}
	if root.Name.Local != "CONSOLIDATED_LIST" {
		return p.errf("root element is <%s>, want <CONSOLIDATED_LIST>: not a UN consolidated list", root.Name.Local)
	}
	for _, a := range root.Attr {
		if a.Name.Local == "dateGenerated" {
			if d, err := parseDay(a.Value); err == nil {
				p.load.Published = d.String()
			} else {
				p.load.Notes = append(p.load.Notes, fmt.Sprintf("dateGenerated %q is not a date", a.Value))
			}
		}
	}
	containers := 0
	for {
		tok, err := p.d.Token()
		if err != nil {
			return p.xmlErr(err)
		}
		switch t := tok.(type) {
		case xml.EndElement: // the root closes
			if containers == 0 {
				return p.errf("no INDIVIDUALS or ENTITIES element: not a UN consolidated list")
			}
			return nil
		case xml.StartElement:
			switch t.Name.Local {
			case "INDIVIDUALS":
				containers++
				err = p.records("INDIVIDUAL", true)
			case "ENTITIES":
				containers++
				err = p.records("ENTITY", false)
			default:
				err = p.d.Skip()
			}
			if err != nil {
				return p.xmlErr(err)
			}
		}
	}
}

// nextStart returns the next start element.
func (p *parser) nextStart() (xml.StartElement, error) {
	for {
		tok, err := p.d.Token()
		if err != nil {
			return xml.StartElement{}, err
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se, nil
		}
	}
}

// records reads the children of an INDIVIDUALS or ENTITIES element,
// decoding each elem child and skipping anything else.
func (p *parser) records(elem string, individual bool) error {
	for {
		tok, err := p.d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if t.Name.Local != elem {
				if err := p.d.Skip(); err != nil {
					return err
				}
				continue
			}
			line, _ := p.d.InputPos()
			k := 0
			if !individual {
				k = 1
			}
			p.at = fmt.Sprintf("%s #%d: ", elem, p.counts[k]+1)
			var rec record
			if err := p.d.DecodeElement(&rec, &t); err != nil {
				return err
			}
			p.at = ""
			p.record(&rec, elem, individual, line)
		}
	}
}

// record turns one decoded record into an entity or a reject.
func (p *parser) record(rec *record, elem string, individual bool, line int) {
	k := 0
	if !individual {
		k = 1
	}
	p.counts[k]++
	p.load.Records++
	where := fmt.Sprintf("%s #%d", elem, p.counts[k])
	if id := text.Clean(rec.DataID); id != "" {
		where += fmt.Sprintf(" (DATAID %s)", id)
	}
	reject := func(reason string) {
		p.load.Rejects = append(p.load.Rejects, interdict.Reject{File: p.name, Line: line, Element: where, Reason: reason})
	}
	e, err := p.tally.entity(rec, individual)
	if err != nil {
		reject(err.Error())
		return
	}
	if first, dup := p.seen[e.ID]; dup {
		reject("duplicate DATAID, first in " + first)
		return
	}
	p.seen[e.ID] = where
	p.load.Entities = append(p.load.Entities, e)
	if refs := remarkRefs(e.Remarks, text.Clean(rec.Reference), individual); len(refs) > 0 {
		p.pending = append(p.pending, pendingRefs{e: e, refs: refs})
	}
}

// resolveLinks turns the references found in remarks into links to the
// records of this load that carry those reference numbers.
func (p *parser) resolveLinks() {
	byRef := map[string]*interdict.Entity{}
	prefixes := map[string]bool{}
	var dups []string
	for _, e := range p.load.Entities {
		for _, k := range e.AltKeys {
			if ref, ok := strings.CutPrefix(k, "un-ref:"); ok {
				if first, dup := byRef[ref]; dup {
					dups = append(dups, fmt.Sprintf("%s (%s and %s)", ref, first.ID, e.ID))
				} else {
					byRef[ref] = e
				}
				prefixes[refPrefix(ref)] = true
			}
		}
	}
	if len(dups) > 0 {
		p.load.Notes = append(p.load.Notes, fmt.Sprintf("%d REFERENCE_NUMBERs on more than one record, links go to the first: %s", len(dups), strings.Join(dups, ", ")))
	}
	for _, pr := range p.pending {
		for _, r := range pr.refs {
			other, ok := byRef[r.key]
			if !ok {
				// Count only what looks like this list's references.
				if prefixes[refPrefix(r.key)] {
					if p.unresolved == nil {
						p.unresolved = map[string]int{}
					}
					p.unresolved[r.key]++
				}
				continue
			}
			if other == pr.e {
				continue
			}
			if r.typ == interdict.LinkDirects && !namesObject(r.object, other) {
				r.typ = interdict.LinkLinkedTo
			}
			pr.e.Links = append(pr.e.Links, interdict.Link{Type: r.typ, OtherName: other.PrimaryName(), OtherID: other.ID, Note: r.words})
		}
	}
	p.pending = nil
}

func (p *parser) addNotes() {
	t := &p.tally
	if n := t.countries.note(); n != "" {
		p.load.Notes = append(p.load.Notes, n)
	}
	if len(p.unresolved) > 0 {
		p.load.Notes = append(p.load.Notes, fmt.Sprintf("%d reference numbers in COMMENTS1 name no record of this file (delisted, merged, or the record's own former number), not linked: %s",
			len(p.unresolved), countList(p.unresolved)))
	}
	if t.noNumber > 0 {
		p.load.Notes = append(p.load.Notes, fmt.Sprintf("%d documents have no NUMBER (any number is in free text), not kept as identifiers", t.noNumber))
	}
	if len(t.badDates) > 0 {
		p.load.Notes = append(p.load.Notes, fmt.Sprintf("%d dates not understood, not kept: %s", len(t.badDates), strings.Join(t.badDates, "; ")))
	}
	if len(t.unknownQuality) > 0 {
		p.load.Notes = append(p.load.Notes, fmt.Sprintf("%d alias QUALITY values not known, read as a.k.a.: %s", len(t.unknownQuality), countList(t.unknownQuality)))
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
			keys[i] = fmt.Sprintf("%s (%d)", k, m[k])
		}
	}
	return strings.Join(keys, ", ")
}
