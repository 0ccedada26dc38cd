package meti

import (
	"fmt"
	"sort"
	"strings"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/country"
)

// parser turns the sheet's rows into entities.
type parser struct {
	file  string
	cols  columns
	load  *interdict.ListLoad
	byID  map[string]*interdict.Entity
	notes notes
}

type notes struct {
	unknownCountries map[string]int
	merged           []string
	readings         int
	unknownWMD       map[string]int
}

func newParser(name string) *parser {
	return &parser{
		file: name,
		load: &interdict.ListLoad{Source: Source, Format: Format, Files: []string{name}},
		byID: map[string]*interdict.Entity{},
		notes: notes{
			unknownCountries: map[string]int{},
			unknownWMD:       map[string]int{},
		},
	}
}

func (p *parser) cell(row []string, c column) string {
	i := p.cols[c]
	if i < 0 || i >= len(row) {
		return ""
	}
	return foldWidth(row[i])
}

func (p *parser) reject(line int, format string, args ...any) {
	p.load.Rejects = append(p.load.Rejects, interdict.Reject{
		File:   p.file,
		Line:   line,
		Reason: fmt.Sprintf(format, args...),
	})
}

// row makes one entity of one data row. Blank rows are skipped without
// counting; a row without a name or a country is a reject.
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
	no := clean(p.cell(cells, colNo))
	countryCell := p.cell(cells, colCountry)
	english, japanese := splitBilingual(countryCell)
	names, readings := nameCell(p.cell(cells, colName))
	p.notes.readings += readings
	switch {
	case len(names) == 0:
		p.reject(line, "No. %s has no Company or Organization name", no)
		return
	case english == "" && japanese == "":
		p.reject(line, "No. %s (%s) has no Country or Region", no, names[0].Full)
		return
	}
	countryKey := english
	if countryKey == "" {
		countryKey = japanese
	}
	primary := names[0].Full
	id := interdict.HashID(Source, countryKey, primary)

	e, dup := p.byID[id]
	if dup {
		p.notes.merged = append(p.notes.merged, fmt.Sprintf("row %d (No. %s) into %s", line, no, id))
	} else {
		e = &interdict.Entity{ID: id, Source: Source, Kind: interdict.KindOrganization}
		p.byID[id] = e
		p.load.Entities = append(p.load.Entities, e)
		if no != "" {
			e.Remarks = "METI End User List No. " + no
		}
	}
	for i, n := range names {
		if i == 0 {
			n.Type = interdict.NamePrimary
		}
		e.AddName(n)
	}
	akas, readings := akaCell(p.cell(cells, colAKA))
	p.notes.readings += readings
	for _, n := range akas {
		e.AddName(n)
	}
	p.countries(e, english, japanese)
	e.AddProgram("METI-EUL")
	codes, unknown := wmdCodes(p.cell(cells, colWMD))
	for _, c := range codes {
		e.AddProgram("WMD:" + c)
	}
	if unknown != "" {
		p.notes.unknownWMD[unknown]++
	}
	if clean(p.cell(cells, colConventional)) != "" {
		e.AddProgram("conventional")
	}
}

// countries looks the country up by its English name, then by its
// Japanese one; a country known by neither is noted by its English name.
func (p *parser) countries(e *interdict.Entity, english, japanese string) {
	for _, s := range []string{english, japanese} {
		if s == "" {
			continue
		}
		if code, ok := country.Code(s); ok {
			e.AddCountry(code)
			return
		}
	}
	if english != "" {
		p.notes.unknownCountries[english]++
	} else {
		p.notes.unknownCountries[japanese]++
	}
}

// splitBilingual splits "イラン\nIslamic Republic of Iran" into its
// English and Japanese lines. A single line goes to whichever half its
// script says.
func splitBilingual(cell string) (english, japanese string) {
	for _, line := range strings.Split(cell, "\n") {
		line = clean(line)
		if line == "" {
			continue
		}
		if hasLatin(line) {
			if english == "" {
				english = line
			}
		} else if japanese == "" {
			japanese = line
		}
	}
	return english, japanese
}

func (p *parser) finish() *interdict.ListLoad {
	l := p.load
	n := p.notes
	if len(n.unknownCountries) > 0 {
		l.Notes = append(l.Notes, fmt.Sprintf("%d country strings not recognised: %s", len(n.unknownCountries), countList(n.unknownCountries)))
	}
	if len(n.merged) > 0 {
		l.Notes = append(l.Notes, fmt.Sprintf("%d rows repeat an earlier entry's country and name and were merged into it: %s", len(n.merged), strings.Join(n.merged, "; ")))
	}
	if n.readings > 0 {
		l.Notes = append(l.Notes, fmt.Sprintf("%d kana readings appended to names were dropped", n.readings))
	}
	if len(n.unknownWMD) > 0 {
		l.Notes = append(l.Notes, fmt.Sprintf("%d Type of WMD values with unknown marks: %s", len(n.unknownWMD), countList(n.unknownWMD)))
	}
	return l
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
