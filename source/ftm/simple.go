package ftm

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	interdict "github.com/interdict/interdict"
)

// simpleCols holds the column index of each field, -1 when absent.
type simpleCols struct {
	id, schema, name, aliases, birthDate, countries, addresses, identifiers,
	sanctions, phones, emails, programIDs, dataset, lastSeen int
}

func newSimpleCols(header []string) simpleCols {
	idx := func(name string) int {
		for i, h := range header {
			if h == name {
				return i
			}
		}
		return -1
	}
	return simpleCols{
		id: idx("id"), schema: idx("schema"), name: idx("name"), aliases: idx("aliases"),
		birthDate: idx("birth_date"), countries: idx("countries"), addresses: idx("addresses"),
		identifiers: idx("identifiers"), sanctions: idx("sanctions"), phones: idx("phones"),
		emails: idx("emails"), programIDs: idx("program_ids"), dataset: idx("dataset"),
		lastSeen: idx("last_seen"),
	}
}

// simpleParser is the state of one ParseSimple call.
type simpleParser struct {
	name      string
	load      *interdict.ListLoad
	cols      simpleCols
	rawIDs    []string       // OpenSanctions id of each entity, for the final ids
	firstLine map[string]int // id → line, to reject repeats
	titles    map[string]int // dataset title → rows that carry it
	schemas   map[string]int
	idLabels  map[string]int
	countries *countries
	badDates  []string
}

// ParseSimple reads an OpenSanctions targets.simple.csv. The source (and
// so the id prefix) comes from the dataset column (SourceForDataset). A
// file without the header is an error; a row that cannot be used (no id,
// no name, a repeated id, broken quoting, invalid UTF-8) is a Reject.
func ParseSimple(r io.Reader, name string) (*interdict.ListLoad, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, _ := br.Peek(len(utf8BOM)); bytes.Equal(b, utf8BOM) {
		_, _ = br.Discard(len(utf8BOM))
	}
	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("ftm: %s: empty file, no targets.simple.csv header", name)
	}
	if err != nil {
		return nil, fmt.Errorf("ftm: %s line 1: reading the header: %v", name, err)
	}
	if missing := missingColumns(header); len(missing) > 0 {
		return nil, fmt.Errorf("ftm: %s line 1: not a targets.simple.csv header, missing columns: %s",
			name, strings.Join(missing, ", "))
	}
	p := &simpleParser{
		name:      name,
		load:      &interdict.ListLoad{Format: FormatSimple, Files: []string{name}},
		cols:      newSimpleCols(header),
		firstLine: map[string]int{},
		titles:    map[string]int{},
		schemas:   map[string]int{},
		idLabels:  map[string]int{},
		countries: newCountries(),
	}
	for {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return nil, fmt.Errorf("ftm: %s: %w", name, err)
			}
			p.load.Records++
			p.reject(pe.StartLine, csvReason(pe, len(header)))
			continue
		}
		line, _ := cr.FieldPos(0)
		p.load.Records++
		p.row(row, line)
	}
	p.finish()
	return p.load, nil
}

// csvReason words a CSV error for a Reject.
func csvReason(pe *csv.ParseError, want int) string {
	if errors.Is(pe.Err, csv.ErrFieldCount) {
		return fmt.Sprintf("wrong number of fields (want %d)", want)
	}
	return "broken CSV quoting: " + pe.Err.Error()
}

func (p *simpleParser) reject(line int, reason string) {
	p.load.Rejects = append(p.load.Rejects, interdict.Reject{File: p.name, Line: line, Reason: reason})
}

// cell returns the row's value in column i, trimmed; "" for an absent column.
func cell(row []string, i int) string {
	if i < 0 || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}

// row turns one CSV row into an entity, or a Reject.
func (p *simpleParser) row(row []string, line int) {
	for _, f := range row {
		if !utf8.ValidString(f) {
			p.reject(line, "not valid UTF-8 (the format is UTF-8)")
			return
		}
	}
	c := p.cols
	id := cell(row, c.id)
	if id == "" {
		p.reject(line, "no id")
		return
	}
	if first, dup := p.firstLine[id]; dup {
		p.reject(line, fmt.Sprintf("duplicate id %s (first on line %d)", id, first))
		return
	}
	schema := cell(row, c.schema)
	kind, ok := thingKinds[schema]
	if !ok {
		kind = interdict.KindUnknown
	}
	e := &interdict.Entity{Kind: kind}
	aliases := values(cell(row, c.aliases))
	primary := cell(row, c.name)
	if primary == "" && len(aliases) > 0 {
		primary = aliases[0]
	}
	if primary == "" {
		p.reject(line, fmt.Sprintf("%s %s has no name", schema, id))
		return
	}
	p.firstLine[id] = line
	p.schemas[schema]++
	e.AddName(interdict.Name{Full: primary, Type: interdict.NamePrimary})
	for _, a := range aliases {
		if a != primary {
			e.AddName(interdict.Name{Full: a, Type: interdict.NameAKA})
		}
	}
	for _, v := range values(cell(row, c.birthDate)) {
		if d, ok := parseDate(v); ok {
			e.AddBirthDate(d)
		} else {
			p.badDates = append(p.badDates, v)
		}
	}
	for _, v := range values(cell(row, c.countries)) {
		e.AddCountry(p.countries.code(v))
	}
	seen := map[string]bool{}
	for _, v := range values(cell(row, c.addresses)) {
		if k := foldKey(v); k != "" && !seen[k] {
			seen[k] = true
			e.Addresses = append(e.Addresses, interdict.Address{Full: v})
		}
	}
	for _, v := range values(cell(row, c.identifiers)) {
		typ, label := identify(kind, v)
		p.idLabels[label]++
		addIdentifier(e, interdict.Identifier{Type: typ, Value: v, Label: label})
	}
	for _, v := range values(cell(row, c.phones)) {
		addIdentifier(e, interdict.Identifier{Type: interdict.IDPhone, Value: v, Label: "Phone"})
	}
	for _, v := range values(cell(row, c.emails)) {
		addIdentifier(e, interdict.Identifier{Type: interdict.IDEmail, Value: v, Label: "Email"})
	}
	for _, v := range values(cell(row, c.programIDs)) {
		e.AddProgram(v)
	}
	e.Remarks = strings.Join(values(cell(row, c.sanctions)), "\n")
	for _, t := range values(cell(row, c.dataset)) {
		p.titles[t]++
	}
	if day := dayOf(cell(row, c.lastSeen)); day > p.load.Published {
		p.load.Published = day
	}
	e.AltKeys = []string{Source + ":" + id}
	p.rawIDs = append(p.rawIDs, id)
	p.load.Entities = append(p.load.Entities, e)
}

// finish names the source from the dataset titles and writes the ids and
// the notes.
func (p *simpleParser) finish() {
	rows := len(p.load.Entities)
	var common []string
	for t, n := range p.titles {
		if n == rows {
			common = append(common, t)
		}
	}
	sort.Strings(common)
	source := MixedSource
	switch {
	case len(common) == 1:
		source = SourceForDataset(common[0])
	case len(common) > 1:
		source = SourceForDataset(common[0])
		for _, t := range common {
			if _, known := datasetSources[foldKey(t)]; known {
				source = SourceForDataset(t)
				break
			}
		}
	}
	p.load.Source = source
	for i, e := range p.load.Entities {
		e.ID = source + ":" + p.rawIDs[i]
		e.Source = source
	}
	var notes []string
	notes = append(notes, fmt.Sprintf("%s rows: %s", commas(rows), countList(p.schemas)))
	switch {
	case rows == 0:
		notes = append(notes, "no rows: source "+source)
	case len(common) == 0:
		notes = append(notes, fmt.Sprintf("rows come from %s datasets and share none: source %s", commas(len(p.titles)), source))
	default:
		notes = append(notes, fmt.Sprintf("source %s from dataset %q", source, strings.Join(common, `", "`)))
	}
	for s, n := range p.schemas {
		if _, ok := thingKinds[s]; !ok {
			notes = append(notes, fmt.Sprintf("%s rows of schema %q have kind unknown", commas(n), s))
		}
	}
	if len(p.idLabels) > 0 {
		notes = append(notes, "identifier types inferred from their shape: "+countList(p.idLabels))
	}
	if len(p.badDates) > 0 {
		ex := p.badDates
		if len(ex) > 5 {
			ex = ex[:5]
		}
		notes = append(notes, fmt.Sprintf("%s dates not understood, e.g. %q", commas(len(p.badDates)), ex))
	}
	if n := p.countries.note(); n != "" {
		notes = append(notes, n)
	}
	p.load.Notes = notes
}

// values splits a multi-valued cell. OpenSanctions writes each as one
// ";"-separated CSV record (Python's csv module, minimal quoting, quotes
// doubled), so a value holding ";" or a quote is itself quoted. Values
// are trimmed and empty ones dropped. Text after a closing quote is kept,
// so a malformed cell still yields its text.
func values(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	if !strings.Contains(s, `"`) {
		for _, v := range strings.Split(s, ";") {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
		}
		return out
	}
	for i := 0; i <= len(s); i++ {
		var v string
		if i < len(s) && s[i] == '"' {
			v, i = unquote(s, i+1)
		}
		j := strings.IndexByte(s[i:], ';')
		if j < 0 {
			j = len(s) - i
		}
		v += s[i : i+j]
		i += j
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// unquote reads a quoted value starting after its opening quote at s[i:]:
// up to the closing quote, with doubled quotes standing for one. It
// returns the value and the index after the closing quote (len(s) when
// the quote is never closed).
func unquote(s string, i int) (string, int) {
	var b strings.Builder
	for {
		j := strings.IndexByte(s[i:], '"')
		if j < 0 {
			b.WriteString(s[i:])
			return b.String(), len(s)
		}
		if i+j+1 < len(s) && s[i+j+1] == '"' {
			b.WriteString(s[i : i+j+1])
			i += j + 2
			continue
		}
		if b.Len() == 0 {
			return s[i : i+j], i + j + 1
		}
		b.WriteString(s[i : i+j])
		return b.String(), i + j + 1
	}
}
