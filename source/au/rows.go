package au

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/interdict/interdict"
)

// nameRow is one row of the sheet: one name of an entry and the entry's
// details as repeated on that row.
type nameRow struct {
	line     int
	suffix   string // the letters after the entry number, "" for "2"
	name     string
	kind     string
	nameType string
	strength string
	dob      string
	pob      string
	citizen  string
	address  string
	info     string
	listing  string
	imo      string
	program  string
	control  string
}

// entry is every row of one Reference number, in sheet order.
type entry struct {
	number string
	rows   []nameRow
}

// parser accumulates a sheet's rows into entries, then entities.
type parser struct {
	file    string
	cols    columns
	load    *interdict.ListLoad
	entries map[string]*entry
	order   []*entry
	notes   notes
}

func newParser(name string) *parser {
	return &parser{
		file:    name,
		load:    &interdict.ListLoad{Source: Source, Format: Format, Files: []string{name}},
		entries: map[string]*entry{},
		notes:   newNotes(),
	}
}

// cell returns the cleaned text of column c of row, "" when absent.
func (p *parser) cell(row []string, c column) string {
	i := p.cols[c]
	if i < 0 || i >= len(row) {
		return ""
	}
	return clean(row[i])
}

// row takes one data row. Blank rows are skipped without counting; a row
// without a usable Reference or name is a reject.
func (p *parser) row(cells []string, line int) {
	blank := true
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			blank = false
			break
		}
	}
	if blank {
		return
	}
	p.load.Records++
	ref := p.cell(cells, colReference)
	number, suffix, ok := splitReference(ref)
	if !ok {
		p.reject(line, "Reference %q is not an entry number with an optional letter suffix", ref)
		return
	}
	r := nameRow{
		line:     line,
		suffix:   suffix,
		name:     p.cell(cells, colName),
		kind:     p.cell(cells, colType),
		nameType: p.cell(cells, colNameType),
		strength: p.cell(cells, colAliasStrength),
		dob:      rawCell(cells, p.cols[colDOB]),
		pob:      rawCell(cells, p.cols[colPOB]),
		citizen:  rawCell(cells, p.cols[colCitizenship]),
		address:  rawCell(cells, p.cols[colAddress]),
		info:     strings.TrimSpace(strings.ReplaceAll(rawCell(cells, p.cols[colAdditional]), "\r\n", "\n")),
		listing:  p.cell(cells, colListing),
		imo:      p.cell(cells, colIMO),
		program:  p.cell(cells, colCommittees),
		control:  p.cell(cells, colControlDate),
	}
	if r.name == "" {
		p.reject(line, "Reference %s has no name", ref)
		return
	}
	e := p.entries[number]
	if e == nil {
		e = &entry{number: number}
		p.entries[number] = e
		p.order = append(p.order, e)
	}
	e.rows = append(e.rows, r)
}

func rawCell(row []string, i int) string {
	if i < 0 || i >= len(row) {
		return ""
	}
	return row[i]
}

func (p *parser) reject(line int, format string, args ...any) {
	p.load.Rejects = append(p.load.Rejects, interdict.Reject{
		File:   p.file,
		Line:   line,
		Reason: fmt.Sprintf(format, args...),
	})
}

// splitReference splits "123ab" into "123" and "ab". Leading zeros are
// dropped from the number so "0123" and "123" are one entry.
func splitReference(ref string) (number, suffix string, ok bool) {
	i := 0
	for i < len(ref) && ref[i] >= '0' && ref[i] <= '9' {
		i++
	}
	if i == 0 || i > 9 {
		return "", "", false
	}
	for _, c := range ref[i:] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return "", "", false
		}
	}
	n, _ := strconv.Atoi(ref[:i])
	return strconv.Itoa(n), strings.ToLower(ref[i:]), true
}

// finish builds the entities and the notes.
func (p *parser) finish() *interdict.ListLoad {
	l := p.load
	for _, e := range p.order {
		l.Entities = append(l.Entities, p.entity(e))
	}
	l.Published = p.notes.published
	l.Notes = p.notes.lines()
	return l
}

// notes collects what the load report should mention.
type notes struct {
	published        string
	unknownCountries map[string]int
	// placeAddresses are one-part addresses that name no recognised
	// country ("Europe", "The Hague", "Online"): kept apart from
	// unknownCountries, which is for country fields.
	placeAddresses   map[string]int
	noPrimary        []string
	manyPrimaries    []string
	unknownNameTypes map[string]int
	unknownKinds     map[string]int
	mixedKinds       []string
	badDates         map[string]int
	badControlDates  map[string]int
}

func newNotes() notes {
	return notes{
		unknownCountries: map[string]int{},
		placeAddresses:   map[string]int{},
		unknownNameTypes: map[string]int{},
		unknownKinds:     map[string]int{},
		badDates:         map[string]int{},
		badControlDates:  map[string]int{},
	}
}

func (n *notes) lines() []string {
	var out []string
	if len(n.unknownCountries) > 0 {
		out = append(out, fmt.Sprintf("%d country strings not recognised: %s", len(n.unknownCountries), countList(n.unknownCountries)))
	}
	if len(n.placeAddresses) > 0 {
		out = append(out, fmt.Sprintf("%d one-part addresses name no recognised country (kept as addresses): %s", len(n.placeAddresses), countList(n.placeAddresses)))
	}
	if len(n.noPrimary) > 0 {
		out = append(out, fmt.Sprintf("%d entries have no Primary Name row; their first name was taken as primary: %s", len(n.noPrimary), strings.Join(n.noPrimary, ", ")))
	}
	if len(n.manyPrimaries) > 0 {
		out = append(out, fmt.Sprintf("%d entries have more than one Primary Name row; all were kept as primary names: %s", len(n.manyPrimaries), strings.Join(n.manyPrimaries, ", ")))
	}
	if len(n.unknownNameTypes) > 0 {
		out = append(out, fmt.Sprintf("%d Name Type values not recognised (read as a.k.a.): %s", len(n.unknownNameTypes), countList(n.unknownNameTypes)))
	}
	if len(n.unknownKinds) > 0 {
		out = append(out, fmt.Sprintf("%d Type values not recognised (kind unknown): %s", len(n.unknownKinds), countList(n.unknownKinds)))
	}
	if len(n.mixedKinds) > 0 {
		out = append(out, fmt.Sprintf("%d entries have rows of different Types; the Primary Name row's was used: %s", len(n.mixedKinds), strings.Join(n.mixedKinds, ", ")))
	}
	if len(n.badDates) > 0 {
		out = append(out, fmt.Sprintf("%d birth date pieces not understood (the rest of each cell was kept): %s", len(n.badDates), countList(n.badDates)))
	}
	if len(n.badControlDates) > 0 {
		out = append(out, fmt.Sprintf("%d Control Date values not understood: %s", len(n.badControlDates), countList(n.badControlDates)))
	}
	return out
}

// countList formats a count map as `"a" (3), "b" (1)`, most frequent first.
func countList(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%q (%d)", k, m[k])
	}
	return strings.Join(parts, ", ")
}
