package ftm

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	interdict "github.com/interdict/interdict"
)

// node is what is remembered of every object read, kept as an entity or
// not, so that references to it can be resolved and named.
type node struct {
	schema  string
	caption string
	file    string
	line    int
	thing   *thing             // set when the object is kept as an entity
	addr    *interdict.Address // set for Address objects
}

// collector reads FtM objects from one or more files and turns them into
// entities once everything is read, since a relationship may come before
// the things it joins.
type collector struct {
	load      *interdict.ListLoad
	nodes     map[string]*node
	referents map[string]string // merged-away id → canonical id
	things    []*thing
	rels      []relation
	sanctions []sanction
	idents    []ident
	countries *countries
	schemas   map[string]int // objects read, by schema
	ignored   map[string]int // objects of schemas this package does not use
	badDates  []string
	noValue   map[string]int // Passport, Identification, CryptoWallet without a number
}

func newCollector() *collector {
	return &collector{
		load:      &interdict.ListLoad{Source: Source, Format: FormatFtM},
		nodes:     map[string]*node{},
		referents: map[string]string{},
		countries: newCountries(),
		schemas:   map[string]int{},
		ignored:   map[string]int{},
		noValue:   map[string]int{},
	}
}

// add reads one file. Only an unreadable file, or one whose first
// non-empty line is not an FtM object, is an error; bad lines after that
// are Rejects.
func (c *collector) add(r io.Reader, name string) error {
	lr := newLineReader(r)
	started := false
	for {
		line, err := lr.next()
		if err == io.EOF {
			break
		}
		if errors.Is(err, errLineTooLong) {
			if !started {
				return fmt.Errorf("ftm: %s line %d: not FollowTheMoney JSON lines: %v", name, lr.line, err)
			}
			c.load.Records++
			c.reject(name, lr.line, err.Error())
			continue
		}
		if err != nil {
			return fmt.Errorf("ftm: %s line %d: %w", name, lr.line+1, err)
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		rec, err := decodeRecord(line)
		if !started && err != nil {
			return fmt.Errorf("ftm: %s line %d: not FollowTheMoney JSON lines: %v", name, lr.line, err)
		}
		started = true
		c.load.Records++
		if err != nil {
			c.reject(name, lr.line, err.Error())
			continue
		}
		c.record(rec, name, lr.line)
	}
	if !started {
		return fmt.Errorf("ftm: %s: no FtM objects (empty file)", name)
	}
	c.load.Files = append(c.load.Files, name)
	return nil
}

func (c *collector) reject(file string, line int, reason string) {
	c.load.Rejects = append(c.load.Rejects, interdict.Reject{File: file, Line: line, Reason: reason})
}

// record files one decoded object under its schema.
func (c *collector) record(rec *record, file string, line int) {
	if prev, dup := c.nodes[rec.ID]; dup {
		where := fmt.Sprintf("line %d", prev.line)
		if prev.file != file {
			where = fmt.Sprintf("%s line %d", prev.file, prev.line)
		}
		c.reject(file, line, fmt.Sprintf("duplicate id %s (first on %s)", rec.ID, where))
		return
	}
	n := &node{schema: rec.Schema, caption: strings.TrimSpace(rec.Caption), file: file, line: line}
	c.nodes[rec.ID] = n
	for _, ref := range rec.Referents {
		ref = strings.TrimSpace(ref)
		if _, taken := c.referents[ref]; ref != "" && ref != rec.ID && !taken {
			c.referents[ref] = rec.ID
		}
	}
	c.schemas[rec.Schema]++
	if day := dayOf(rec.LastSeen); day > c.load.Published {
		c.load.Published = day
	}
	if kind, ok := thingKinds[rec.Schema]; ok {
		n.thing = c.thing(rec, kind)
		c.things = append(c.things, n.thing)
		return
	}
	if spec, ok := relSchemas[rec.Schema]; ok {
		c.relation(rec, spec)
		return
	}
	switch {
	case rec.Schema == "Address":
		a := c.address(rec)
		n.addr = &a
	case rec.Schema == "Sanction":
		c.sanction(rec)
	case identSchemas[rec.Schema]:
		c.ident(rec)
	default:
		c.ignored[rec.Schema]++
	}
}

// resolve finds the object an FtM reference names, directly or through
// the referents of a canonical object. It returns the canonical id (the
// reference itself when unknown) and the node, nil when the object is
// not in the files read.
func (c *collector) resolve(ref string) (string, *node) {
	ref = strings.TrimSpace(ref)
	if n := c.nodes[ref]; n != nil {
		return ref, n
	}
	if canon, ok := c.referents[ref]; ok {
		return canon, c.nodes[canon]
	}
	return ref, nil
}

// address turns an Address object into the address its referrers get.
func (c *collector) address(rec *record) interdict.Address {
	a := interdict.Address{
		Full:       rec.first("full"),
		Street:     rec.first("street"),
		City:       rec.first("city"),
		Region:     rec.first("region"),
		PostalCode: rec.first("postalCode"),
	}
	if a.Full == "" && !isSchemaLabel(rec.Caption, rec.Schema) {
		a.Full = strings.TrimSpace(rec.Caption)
	}
	for _, v := range rec.values("country") {
		if code := c.countries.code(v); code != "" && a.Country == "" {
			a.Country = code
		}
	}
	return a
}

// isSchemaLabel reports whether a caption is only the schema's label, which
// FtM uses as the caption of an object without a name ("Company",
// "Legal entity").
func isSchemaLabel(caption, schema string) bool {
	return foldKey(caption) == foldKey(schema)
}
