package uk

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/interdict/interdict"
	"github.com/xuri/excelize/v2"
)

// Source is the short name of the UK lists, the prefix of every entity id
// this package makes.
const Source = "uk"

// ConListFormat names the ConList workbook format in loads.
const ConListFormat = "OFSI Consolidated List xlsx (2022 format)"

// headerSearchRows is how many rows from the top of the sheet may precede
// the header ("Last Updated" and, in older files, a blank row).
const headerSearchRows = 5

// maxUnzip caps how much a workbook may inflate to, so that a hostile file
// (a zip bomb) fails instead of filling memory. The real ConList inflates
// to about 17 MB.
const maxUnzip = 1 << 30

// DetectRows reports whether the first rows (up to 5) of a workbook's
// first sheet hold the ConList header.
func DetectRows(rows [][]string) bool {
	for i, r := range rows {
		if i >= headerSearchRows {
			break
		}
		if _, _, ok := findColumns(r); ok {
			return true
		}
	}
	return false
}

// Parse reads a ConList workbook from r; name is the path shown in errors
// and rejects.
func Parse(r io.Reader, name string) (load *interdict.ListLoad, err error) {
	defer recoverInput(name, &err)
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: maxUnzip})
	if err != nil {
		return nil, fmt.Errorf("uk: %s: not a readable xlsx workbook: %w", name, err)
	}
	defer f.Close()
	return ParseWorkbook(f, name)
}

// ParseWorkbook reads the first sheet of an opened ConList workbook. The
// sheet is streamed row by row (excelize's Rows), which is about as fast
// as GetRows but does not hold the whole sheet as a [][]string.
func ParseWorkbook(f *excelize.File, name string) (load *interdict.ListLoad, err error) {
	defer recoverInput(name, &err)
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("uk: %s: workbook has no sheets", name)
	}
	sheet := sheets[0]
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("uk: %s: sheet %q: %w", name, sheet, err)
	}
	defer rows.Close()

	p := newConlist(name)
	line := 0
	for rows.Next() {
		line++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("uk: %s row %d: %w", name, line, err)
		}
		if err := p.add(line, cells); err != nil {
			return nil, fmt.Errorf("uk: %s: sheet %q: %w", name, sheet, err)
		}
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("uk: %s row %d: %w", name, line, err)
	}
	if !p.haveHeader {
		return nil, fmt.Errorf("uk: %s: sheet %q: %w", name, sheet, errNoHeader)
	}
	return p.finish(), nil
}

var errNoHeader = fmt.Errorf("no ConList header (Name 6, Group ID, Group Type, Alias Type) in the first %d rows; is the first sheet the ConList sheet?", headerSearchRows)

// recoverInput turns a panic inside the spreadsheet library, on input it
// did not expect, into an error: a bad file must never stop the program.
func recoverInput(name string, err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("uk: %s: unreadable workbook: %v", name, r)
	}
}

// conlist turns ConList rows into entities, one per Group ID.
type conlist struct {
	name       string
	cols       columns
	haveHeader bool
	published  string
	load       *interdict.ListLoad
	c          *countries
	groups     map[string]*group
	order      []*group

	rows         int
	kindConflict int
	refConflict  int
	unknownAlias map[string]int
	badDates     map[string]int
}

// group is one target being assembled from its rows.
type group struct {
	id         string // OFSI Group ID
	b          builder
	ref        string // UK Sanctions List Ref
	designated interdict.Date
	listed     interdict.Date
	// last holds each field's value on the group's previous row. OFSI
	// repeats a target's details on every one of its name rows, so a
	// field is only parsed again when it differs.
	last [numFields]string
}

func newConlist(name string) *conlist {
	return &conlist{
		name:         name,
		load:         &interdict.ListLoad{Source: Source, Format: ConListFormat, Files: []string{name}},
		c:            newCountries(),
		groups:       map[string]*group{},
		unknownAlias: map[string]int{},
		badDates:     map[string]int{},
	}
}

// add takes the sheet's rows in order: the rows above the header (for the
// "Last Updated" date), the header, then the data rows.
func (p *conlist) add(line int, cells []string) error {
	if p.haveHeader {
		p.row(line, cells)
		return nil
	}
	if line > headerSearchRows {
		return errNoHeader
	}
	cols, missing, ok := findColumns(cells)
	if !ok {
		p.lastUpdated(cells)
		return nil
	}
	if len(missing) > 0 {
		return fmt.Errorf("row %d: ConList header lacks required columns %s", line, strings.Join(missing, ", "))
	}
	p.cols, p.haveHeader = cols, true
	return nil
}

// lastUpdated reads the publication date from a row above the header:
// "Last Updated" | "14/04/2025", or both in one cell.
func (p *conlist) lastUpdated(cells []string) {
	if p.published != "" {
		return
	}
	for _, cell := range cells {
		for _, w := range strings.Fields(cell) {
			if d, ok := parseDate(w); ok && isoDate(d) != "" {
				p.published = isoDate(d)
				return
			}
		}
	}
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func (p *conlist) reject(line int, reason string) {
	p.load.Rejects = append(p.load.Rejects, interdict.Reject{File: p.name, Line: line, Reason: reason})
}

// groupKind maps Group Type to a kind.
func groupKind(s string) (interdict.Kind, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "individual":
		return interdict.KindPerson, true
	case "entity":
		return interdict.KindOrganization, true
	case "ship":
		return interdict.KindVessel, true
	}
	return interdict.KindUnknown, false
}

// row reads one name row into its group.
func (p *conlist) row(line int, row []string) {
	if blank(row) {
		return
	}
	p.rows++
	get := func(f field) string { return p.cols.get(row, f) }
	gid := strings.TrimSpace(get(colGroupID))
	if gid == "" {
		p.reject(line, "no Group ID")
		return
	}
	kind, ok := groupKind(get(colGroupType))
	if !ok {
		p.reject(line, fmt.Sprintf("Group ID %s: unknown Group Type %q", gid, get(colGroupType)))
		return
	}
	var parts nameParts
	for i := range parts {
		parts[i] = get(colName1 + field(i))
	}
	typ, known := nameType(get(colAliasType), get(colAliasQuality))
	latin := parts.name(kind, typ)
	nonLatin := collapse(get(colNonLatin))
	if latin.Full == "" && nonLatin == "" {
		p.reject(line, fmt.Sprintf("Group ID %s: row has no name", gid))
		return
	}
	if !known {
		p.unknownAlias[get(colAliasType)]++
	}
	g := p.groups[gid]
	if g == nil {
		g = &group{id: gid, b: newBuilder(kind, p.c)}
		g.b.altKey("uk-group:" + gid)
		p.groups[gid] = g
		p.order = append(p.order, g)
	} else if g.b.e.Kind != kind {
		p.kindConflict++
	}
	g.b.e.AddName(latin)
	if nonLatin != "" {
		g.b.e.AddName(interdict.Name{Full: nonLatin, Type: typ, Lang: langTag(get(colScriptLang))})
	}
	p.details(g, row)
}

// changed reports whether any of the fields differs from the group's
// previous row, and remembers the new values.
func (p *conlist) changed(g *group, row []string, fs ...field) bool {
	diff := false
	for _, f := range fs {
		if v := p.cols.get(row, f); v != g.last[f] {
			g.last[f] = v
			diff = true
		}
	}
	return diff
}

// details reads everything but the name from a row.
func (p *conlist) details(g *group, row []string) {
	b := g.b
	get := func(f field) string { return p.cols.get(row, f) }
	if p.changed(g, row, colDOB) {
		v := get(colDOB)
		if d, ok := parseDate(v); ok {
			b.e.AddBirthDate(d)
		} else {
			p.badDates[strings.TrimSpace(v)]++
		}
	}
	if p.changed(g, row, colTitle) {
		for _, v := range values(get(colTitle)) {
			b.title(v)
		}
	}
	if p.changed(g, row, colPosition) {
		for _, v := range values(get(colPosition)) {
			b.title(v)
		}
	}
	if p.changed(g, row, colTownOfBirth, colCountryOfBirth) {
		p.birthPlaces(b, get(colTownOfBirth), get(colCountryOfBirth))
	}
	if p.changed(g, row, colNationality) {
		b.nationalities(get(colNationality))
	}
	if p.changed(g, row, colPassportNumber, colPassportDetails) {
		documents(b, get(colPassportNumber), get(colPassportDetails), func(string) interdict.IDType { return interdict.IDPassport }, "Passport Number")
	}
	if p.changed(g, row, colNINumber, colNIDetails) {
		documents(b, get(colNINumber), get(colNIDetails), nationalIDType, "National Identification Number")
	}
	if p.changed(g, row, colAddr1, colAddr2, colAddr3, colAddr4, colAddr5, colAddr6, colPostCode, colCountry) {
		lines := []string{get(colAddr1), get(colAddr2), get(colAddr3), get(colAddr4), get(colAddr5), get(colAddr6)}
		b.address(lines, get(colPostCode), get(colCountry))
	}
	if p.changed(g, row, colRegime) {
		b.program(get(colRegime))
	}
	if p.changed(g, row, colDesignated) {
		g.designated = p.earliest(g.designated, get(colDesignated))
	}
	if p.changed(g, row, colListedOn) {
		g.listed = p.earliest(g.listed, get(colListedOn))
	}
	if p.changed(g, row, colRef) {
		p.setRef(g, firstToken(get(colRef)))
	}
	if p.changed(g, row, colGender) {
		b.gender(get(colGender))
	}
	if p.changed(g, row, colOtherInfo) {
		p.otherInfo(g, get(colOtherInfo))
	}
}

// earliest returns the earlier of d and the date in cell.
func (p *conlist) earliest(d interdict.Date, cell string) interdict.Date {
	x, ok := parseDate(cell)
	if !ok {
		p.badDates[strings.TrimSpace(cell)]++
		return d
	}
	if earlier(x, d) {
		return x
	}
	return d
}

// birthPlaces pairs numbered towns of birth with the countries of the
// same number ("(1) Kabul (2) Kandahar" with "(1) Afghanistan (2)
// Afghanistan"), and adds every country of birth to the countries.
func (p *conlist) birthPlaces(b builder, town, countryCell string) {
	b.countries(countryCell)
	towns, ctrs := splitRanges(town), splitRanges(countryCell)
	if len(towns) == 0 {
		for _, c := range ctrs {
			b.birthPlace("", c.text)
		}
		return
	}
	for _, t := range towns {
		c := itemFor(ctrs, t.from)
		if t.from == 0 && len(ctrs) > 1 {
			c = strings.Join(values(countryCell), "; ")
		}
		b.birthPlace(t.text, c)
	}
}

// documents adds numbered document numbers with the details of the same
// number as the note: "(1) 106261543 (2) 1420529" with "(1) Kuwaiti (2)
// Kuwaiti. Expired". Details that are not numbered go with every number.
func documents(b builder, numbers, details string, typ func(details string) interdict.IDType, label string) {
	nums, dets := splitRanges(numbers), splitRanges(details)
	for _, n := range nums {
		note := itemFor(dets, n.from)
		if n.from == 0 && len(dets) > 1 {
			note = collapse(details)
		}
		b.e.AddIdentifier(interdict.Identifier{Type: typ(note), Value: n.text, Label: label, Note: note})
	}
}

// setRef records the group's UK Sanctions List Ref; a group that gives two
// different references keeps the first and is counted for the notes.
func (p *conlist) setRef(g *group, ref string) {
	switch {
	case ref == "" || ref == g.ref:
	case g.ref == "":
		g.ref = ref
	default:
		p.refConflict++
	}
}

// otherInfo keeps the Other Information cell as Remarks and reads its
// tagged fields.
func (p *conlist) otherInfo(g *group, s string) {
	b := g.b
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return
	case b.e.Remarks == "":
		b.e.Remarks = s
	case !strings.Contains(b.e.Remarks, s):
		b.e.Remarks += "\n" + s
	}
	vessel := b.e.Kind == interdict.KindVessel
	for _, t := range parseOtherInfo(s) {
		v := t.value
		switch t.tag {
		case tagRef:
			p.setRef(g, firstToken(v))
		case tagUNRef:
			if ref := firstToken(v); ref != "" {
				b.altKey("un-ref:" + ref)
			}
		case tagGender:
			b.gender(v)
		case tagPhone:
			for _, x := range phones(v) {
				b.e.AddIdentifier(interdict.Identifier{Type: interdict.IDPhone, Value: x, Label: tagPhone})
			}
		case tagEmail:
			for _, x := range emails(v) {
				b.e.AddIdentifier(interdict.Identifier{Type: interdict.IDEmail, Value: x, Label: tagEmail})
			}
		case tagWebsite:
			for _, x := range websites(v) {
				b.e.AddIdentifier(interdict.Identifier{Type: interdict.IDWebsite, Value: x, Label: tagWebsite})
			}
		case tagRegNo:
			for _, x := range values(v) {
				for _, y := range splitAny(x, "\n", "; ") {
					b.e.AddIdentifier(registration(y, tagRegNo))
				}
			}
		case tagParent:
			for _, x := range companies(v) {
				b.link(interdict.LinkOwner, x, "")
			}
		case tagSubsidiaries:
			for _, x := range companies(v) {
				b.link(interdict.LinkSubsidiary, x, "")
			}
		case tagIMO:
			for _, x := range values(v) {
				b.e.AddIdentifier(interdict.Identifier{Type: interdict.IDIMO, Value: imo(x), Label: tagIMO})
			}
		case tagFlag:
			if codes := b.countries(v); vessel && len(codes) > 0 && b.vessel().Flag == "" {
				b.vessel().Flag = codes[0]
			}
		case tagPrevFlags:
			b.countries(v)
		case tagShipType:
			if vessel {
				b.vessel().Type = cleanItem(v)
			}
		case tagTonnage:
			if vessel {
				b.vessel().Tonnage = cleanItem(v)
			}
		case tagYearBuilt:
			if vessel {
				b.vessel().Built = cleanItem(v)
			}
		case tagOwners:
			owners := values(v)
			if vessel && len(owners) > 0 {
				b.vessel().Owner = strings.Join(owners, "; ")
			}
			for _, x := range owners {
				if vessel {
					b.link(interdict.LinkVesselOwner, x, "")
				} else {
					b.link(interdict.LinkOwner, x, "")
				}
			}
		}
	}
}

// companies splits a parent company or subsidiaries value into names.
func companies(v string) []string {
	var out []string
	for _, x := range values(v) {
		out = append(out, splitSentences(x)...)
	}
	return out
}

// finish gives each group its id, in sheet order, and writes the notes.
func (p *conlist) finish() *interdict.ListLoad {
	l := p.load
	l.Published = p.published
	l.Records = p.rows
	taken := map[string]string{}
	var noRef, dupRef []string
	for _, g := range p.order {
		e := g.b.e
		switch prev, dup := taken[g.ref]; {
		case g.ref == "":
			noRef = append(noRef, g.id)
			e.ID = Source + ":group-" + g.id
		case dup:
			dupRef = append(dupRef, fmt.Sprintf("%s (groups %s and %s)", g.ref, prev, g.id))
			e.ID = Source + ":group-" + g.id
		default:
			taken[g.ref] = g.id
			e.ID = Source + ":" + g.ref
		}
		e.ListedOn = g.designated
		if e.ListedOn.IsZero() {
			e.ListedOn = g.listed
		}
		g.b.finish()
		l.Entities = append(l.Entities, e)
	}
	l.Notes = append(l.Notes, fmt.Sprintf("%s name rows grouped into %s targets by Group ID", thousands(p.rows-len(l.Rejects)), thousands(len(p.order))))
	if len(noRef) > 0 {
		l.Notes = append(l.Notes, fmt.Sprintf("%d targets have no UK Sanctions List Ref and take the id uk:group-<Group ID>: Group ID %s", len(noRef), strings.Join(noRef, ", ")))
	}
	if len(dupRef) > 0 {
		l.Notes = append(l.Notes, fmt.Sprintf("%d UK Sanctions List Refs are used by more than one group; later groups take uk:group-<Group ID>: %s", len(dupRef), strings.Join(dupRef, "; ")))
	}
	if p.refConflict > 0 {
		l.Notes = append(l.Notes, fmt.Sprintf("%d rows give a different UK Sanctions List Ref from earlier rows of their group; the first was kept", p.refConflict))
	}
	if p.kindConflict > 0 {
		l.Notes = append(l.Notes, fmt.Sprintf("%d rows give a different Group Type from earlier rows of their group; the first was kept", p.kindConflict))
	}
	if len(p.unknownAlias) > 0 {
		l.Notes = append(l.Notes, "rows with an unknown Alias Type, read as a.k.a.: "+countList(p.unknownAlias))
	}
	if len(p.badDates) > 0 {
		l.Notes = append(l.Notes, "unreadable dates skipped: "+countList(p.badDates))
	}
	if n := p.c.note(); n != "" {
		l.Notes = append(l.Notes, n)
	}
	return l
}

// countList formats a tally as `"a" (3), "b" (1)`, sorted by value.
func countList(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%q (%d)", k, m[k])
	}
	return strings.Join(parts, ", ")
}

// thousands formats n with comma separators, as notes are read by people.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
