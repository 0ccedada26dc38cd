package batch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/country"
	"github.com/interdict/interdict/screen"
)

// Bounds on the attributes of one row (the HTTP API's own): real parties
// have a handful of each, and each one is compared with every candidate,
// so a row of thousands would stall a worker.
const (
	maxAttrs     = 16  // birth dates, countries, identifiers
	maxAttrBytes = 256 // one of them
)

// FieldMap names the input field (a JSON key, or a CSV or sheet column)
// that holds each query field. --map changes it.
type FieldMap struct {
	Name, Kind, DOB, Country, Identifier string
	// mapped records the query fields given explicitly: a column named
	// by --map must exist, a default one may be absent.
	mapped map[string]bool
}

// DefaultFieldMap reads each query field from the field of its own name.
func DefaultFieldMap() FieldMap {
	return FieldMap{Name: "name", Kind: "kind", DOB: "dob", Country: "country", Identifier: "identifier"}
}

// Parse applies one --map value, "name=Company Name,dob=DOB,id=Reg No":
// each query field is read from the input field named after "=".
func (fm *FieldMap) Parse(spec string) error {
	for kv := range strings.SplitSeq(spec, ",") {
		k, v, ok := strings.Cut(kv, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || v == "" {
			return fmt.Errorf("%q: want FIELD=INPUTFIELD, e.g. name=query", kv)
		}
		switch k {
		case "name":
			fm.Name = v
		case "kind":
			fm.Kind = v
		case "dob":
			fm.DOB = v
		case "country":
			fm.Country = v
		case "identifier", "id":
			k, fm.Identifier = "identifier", v
		default:
			return fmt.Errorf("%q: unknown field %q (want name, kind, dob, country or identifier/id)", kv, k)
		}
		if fm.mapped == nil {
			fm.mapped = map[string]bool{}
		}
		fm.mapped[k] = true
	}
	return nil
}

// String is the map in a canonical form (for the checkpoint's options).
func (fm *FieldMap) String() string {
	return fmt.Sprintf("name=%s,kind=%s,dob=%s,country=%s,identifier=%s", fm.Name, fm.Kind, fm.DOB, fm.Country, fm.Identifier)
}

// queryParts are the raw values of one row's query fields, before
// checking.
type queryParts struct {
	names, kinds, dobs, countries, ids []string
}

// fieldLabel says how a message names an input field: `field "x"` in JSON
// lines, `column "x"` in a table.
type fieldLabel string

const (
	jsonField fieldLabel = "field"
	column    fieldLabel = "column"
)

// build checks the parts and makes the query. base carries the command's
// settings (limit, min score, sources). The error names the input field.
func (fm *FieldMap) build(p *queryParts, base *interdict.Query, label fieldLabel, parseID func(string) (interdict.Identifier, bool)) (*interdict.Query, error) {
	q := &interdict.Query{Limit: base.Limit, MinScore: base.MinScore, Sources: base.Sources, Kind: base.Kind}
	q.Names = p.names
	switch len(p.kinds) {
	case 0:
	case 1:
		k, ok := interdict.ParseKind(p.kinds[0])
		if !ok {
			return nil, fmt.Errorf("%s %q: unknown kind %q (want person, organization, vessel, aircraft or unknown)", label, fm.Kind, p.kinds[0])
		}
		q.Kind = k
	default:
		return nil, fmt.Errorf("%s %q: one kind, not a list", label, fm.Kind)
	}
	for _, a := range []struct {
		field string
		vs    []string
	}{{fm.DOB, p.dobs}, {fm.Country, p.countries}, {fm.Identifier, p.ids}} {
		if len(a.vs) > maxAttrs {
			return nil, fmt.Errorf("%s %q: %d values, at most %d", label, a.field, len(a.vs), maxAttrs)
		}
		for _, v := range a.vs {
			if len(v) > maxAttrBytes {
				return nil, fmt.Errorf("%s %q: a value of %d bytes, at most %d", label, a.field, len(v), maxAttrBytes)
			}
		}
	}
	for _, v := range p.dobs {
		d, err := interdict.ParseISODate(v)
		if err != nil {
			return nil, fmt.Errorf("%s %q: %q: want YYYY, YYYY-MM or YYYY-MM-DD", label, fm.DOB, v)
		}
		q.BirthDates = append(q.BirthDates, d)
	}
	for _, v := range p.countries {
		c, ok := country.Code(v)
		if !ok {
			return nil, fmt.Errorf("%s %q: %q is not a country", label, fm.Country, v)
		}
		q.Countries = append(q.Countries, c)
	}
	for _, v := range p.ids {
		if id, ok := parseID(v); ok {
			q.Identifiers = append(q.Identifiers, id)
		}
	}
	if err := screen.Validate(q); err != nil {
		return nil, errors.New(strings.TrimPrefix(err.Error(), screen.ErrBadQuery.Error()+": "))
	}
	return q, nil
}

// decodeJSON reads one JSON line into a query.
func (fm *FieldMap) decodeJSON(line []byte, base *interdict.Query, parseID func(string) (interdict.Identifier, bool)) (*interdict.Query, error) {
	if len(bytes.TrimSpace(line)) == 0 {
		return nil, errors.New("empty line")
	}
	if !utf8.Valid(line) {
		return nil, errors.New("not valid UTF-8")
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(line, &obj); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			return nil, errors.New("not a JSON object")
		}
		return nil, fmt.Errorf("bad JSON: %v", err)
	}
	if obj == nil { // the line is "null"
		return nil, errors.New("not a JSON object")
	}
	var p queryParts
	var err error
	if p.names, err = jsonStrings(obj, fm.Name); err != nil {
		return nil, err
	}
	if len(p.names) == 0 {
		if _, ok := obj[fm.Name]; !ok {
			return nil, fmt.Errorf("no %q field", fm.Name)
		}
		return nil, fmt.Errorf("field %q: empty name", fm.Name)
	}
	for _, f := range []struct {
		name string
		to   *[]string
	}{{fm.Kind, &p.kinds}, {fm.DOB, &p.dobs}, {fm.Country, &p.countries}, {fm.Identifier, &p.ids}} {
		if *f.to, err = jsonStrings(obj, f.name); err != nil {
			return nil, err
		}
	}
	return fm.build(&p, base, jsonField, parseID)
}

// jsonStrings reads a field holding a string or an array of strings;
// absent, null and blank values give nothing.
func jsonStrings(obj map[string]json.RawMessage, field string) ([]string, error) {
	raw, ok := obj[field]
	if !ok {
		return nil, nil
	}
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0 || string(raw) == "null":
		return nil, nil
	case raw[0] == '"':
		var s string
		if bytes.IndexByte(raw, '\\') < 0 {
			// no escape: the string is the bytes between its quotes (the
			// line was checked to be UTF-8, and Unmarshal checked the
			// JSON: a string token)
			s = string(raw[1 : len(raw)-1])
		} else if err := json.Unmarshal(raw, &s); err != nil {
			return nil, fmt.Errorf("field %q: %v", field, err)
		}
		if strings.TrimSpace(s) == "" {
			return nil, nil
		}
		return []string{s}, nil
	case raw[0] == '[':
		var ss []string
		if err := json.Unmarshal(raw, &ss); err != nil {
			return nil, fmt.Errorf("field %q: want a string or an array of strings", field)
		}
		out := ss[:0]
		for _, s := range ss {
			if strings.TrimSpace(s) != "" {
				out = append(out, s)
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("field %q: want a string or an array of strings", field)
}

// columns are the positions of the query fields in a table's header; -1
// for a field the table lacks.
type columns struct {
	name, kind, dob, country, identifier int
}

// locate finds the mapped columns in a header: the exact name first, then
// ignoring case and surrounding space. A column named by --map must
// exist; the name column always.
func (fm *FieldMap) locate(header []string) (columns, error) {
	find := func(want string) int {
		for i, h := range header {
			if h == want {
				return i
			}
		}
		for i, h := range header {
			if strings.EqualFold(strings.TrimSpace(h), strings.TrimSpace(want)) {
				return i
			}
		}
		return -1
	}
	c := columns{find(fm.Name), find(fm.Kind), find(fm.DOB), find(fm.Country), find(fm.Identifier)}
	for _, f := range []struct {
		key, col string
		at       int
	}{{"name", fm.Name, c.name}, {"kind", fm.Kind, c.kind}, {"dob", fm.DOB, c.dob}, {"country", fm.Country, c.country}, {"identifier", fm.Identifier, c.identifier}} {
		if f.at >= 0 || (f.key != "name" && !fm.mapped[f.key]) {
			continue
		}
		hint := "name the columns in the first row, or say which holds the " + f.key + " with --map " + f.key + "=COLUMN"
		if fm.mapped[f.key] {
			hint = "check --map " + f.key + "=" + f.col
		}
		return c, fmt.Errorf("no column %q in the header row (%s); %s", f.col, quoteList(header, 8), hint)
	}
	return c, nil
}

// quoteList shows the first n cells of a row.
func quoteList(cells []string, n int) string {
	var b strings.Builder
	for i, c := range cells {
		if i == n {
			fmt.Fprintf(&b, ", … %d more", len(cells)-n)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", clip(c, 40))
	}
	return b.String()
}

// clip cuts s to about n bytes at a rune boundary, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// decodeCells reads one table row into a query. serial converts a sheet's
// date serial number in the birth-date column (nil for CSV).
func (fm *FieldMap) decodeCells(cells []string, c *columns, base *interdict.Query, parseID func(string) (interdict.Identifier, bool), serial func(string) string) (*interdict.Query, error) {
	cell := func(i int) string {
		if i < 0 || i >= len(cells) {
			return ""
		}
		return strings.TrimSpace(cells[i])
	}
	var p queryParts
	name := cell(c.name)
	if name == "" {
		return nil, fmt.Errorf("column %q: empty name", fm.Name)
	}
	p.names = []string{name}
	if k := cell(c.kind); k != "" {
		p.kinds = []string{k}
	}
	p.dobs = splitCell(cell(c.dob))
	if serial != nil {
		for i, v := range p.dobs {
			p.dobs[i] = serial(v)
		}
	}
	p.countries = splitCell(cell(c.country))
	p.ids = splitCell(cell(c.identifier))
	return fm.build(&p, base, column, parseID)
}

// splitCell splits a cell holding several values separated by ";" (two
// nationalities, several registration numbers).
func splitCell(s string) []string {
	if s == "" {
		return nil
	}
	if !strings.Contains(s, ";") {
		return []string{s}
	}
	var out []string
	for v := range strings.SplitSeq(s, ";") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
