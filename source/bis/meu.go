package bis

import (
	"encoding/csv"
	"io"
	"path/filepath"
	"strings"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/country"
)

const (
	meuSource = "us-mieu"
	meuFormat = "BIS Military End-User list (OpenSanctions CSV)"
)

// meuHeader is the transcription's header; Name and Country identify a
// row, the rest may be absent.
var (
	meuHeader   = []string{"Type", "Name", "Alias", "Country", "Program", "Date", "End date"}
	meuRequired = []string{"Name", "Country"}
)

// DetectMEU reports whether a file is OpenSanctions' transcription of the
// BIS Military (Intelligence) End-User list: its header, plus either a
// MEU/MIEU program tag in the first rows or "meu" in the file name. The
// header alone is shared by other OpenSanctions hand-made lists, so the
// program tag is what tells them apart when the file has been renamed.
func DetectMEU(name string, head []byte) bool {
	rec, err := csv.NewReader(strings.NewReader(firstLine(head))).Read()
	if err != nil || !newColumns(rec).has(meuHeader...) {
		return false
	}
	up := strings.ToUpper(string(head))
	base := strings.ToLower(filepath.Base(name))
	return strings.Contains(up, "MIEU") || strings.Contains(up, "-MEU") ||
		strings.Contains(base, "mieu") || strings.Contains(base, "meu")
}

// ParseMEU reads the Military End-User list transcription (mieu.csv).
// Rows with an End date have been removed from the list: they are left
// out of the entities and counted in a note.
func ParseMEU(r io.Reader, name string) (*interdict.ListLoad, error) {
	data, notes, err := readText(r, name)
	if err != nil {
		return nil, err
	}
	p := &meuParser{
		load: &interdict.ListLoad{Source: meuSource, Format: meuFormat, Files: []string{name}, Notes: notes},
		byID: map[string]*interdict.Entity{},
		name: name,
	}
	if err := eachRow(data, name, meuFormat, ',', meuRequired, p.load, p.row); err != nil {
		return nil, err
	}
	p.finish()
	return p.load, nil
}

type meuParser struct {
	load *interdict.ListLoad
	byID map[string]*interdict.Entity
	name string

	published interdict.Date
	delisted  tally
	unknown   tally // country strings
	badType   tally
	badDate   tally
	repeats   tally
}

// row turns one row into an entity, or counts it as delisted, or merges it
// into the entity an earlier row with the same id made.
func (p *meuParser) row(line int, cols columns, rec []string) {
	nm := cleanName(cols.get(rec, "Name"))
	if nm == "" {
		p.load.Rejects = append(p.load.Rejects, interdict.Reject{File: p.name, Line: line, Reason: "empty Name"})
		return
	}
	listed, end := cols.get(rec, "Date"), cols.get(rec, "End date")
	for _, v := range []string{listed, end} {
		if d, ok := parseDate(v); ok && plausibleUpdate(d) && later(d, p.published) {
			p.published = d
		}
	}
	if end != "" {
		p.delisted.add(nm, line)
		return
	}
	ctry := cols.get(rec, "Country")
	id := interdict.HashID(meuSource, cols.get(rec, "Name"), ctry)
	e, seen := p.byID[id]
	if seen {
		p.repeats.add(nm, line)
	} else {
		e = &interdict.Entity{ID: id, Source: meuSource}
		p.byID[id] = e
		p.load.Entities = append(p.load.Entities, e)
		kind, ok := interdict.ParseKind(cols.get(rec, "Type"))
		if !ok {
			kind = GuessKind(nm)
			p.badType.add(cols.get(rec, "Type"), line)
		}
		e.Kind = kind
	}
	e.AddName(interdict.Name{Full: nm, Type: interdict.NamePrimary})
	for _, a := range splitList(cols.get(rec, "Alias")) {
		e.AddName(interdict.Name{Full: a, Type: interdict.NameAKA})
	}
	for _, c := range splitList(ctry) {
		if code, ok := country.Code(c); ok {
			e.AddCountry(code)
		} else {
			p.unknown.add(c, line)
		}
	}
	for _, prog := range splitList(cols.get(rec, "Program")) {
		e.AddProgram(prog)
	}
	if d, ok := parseDate(listed); ok {
		if e.ListedOn.IsZero() || later(e.ListedOn, d) {
			e.ListedOn = d
		}
	} else if listed != "" {
		p.badDate.add(listed, line)
	}
	if u := cols.get(rec, "Source URL"); u != "" && e.Remarks == "" {
		e.Remarks = "Source: " + u
	}
}

// finish sets Published and writes the notes.
func (p *meuParser) finish() {
	l := p.load
	if !p.published.IsZero() {
		l.Published = p.published.String()
	}
	if n := p.delisted.rows(); n > 0 {
		l.Notes = append(l.Notes, pluralf(n,
			"row has an End date (removed from the list) and is left out",
			"rows have an End date (removed from the list) and are left out")+": "+p.delisted.list())
	}
	l.Notes = addNote(l.Notes, p.unknown.note("country string not recognised", "country strings not recognised"))
	l.Notes = addNote(l.Notes, p.badType.note("Type not recognised, kind guessed from the name", "Types not recognised, kind guessed from the name"))
	l.Notes = addNote(l.Notes, p.badDate.note("Date value cannot be read", "Date values cannot be read"))
	if n := p.repeats.rows(); n > 0 {
		l.Notes = append(l.Notes, pluralf(n,
			"row repeats an earlier row's id and was merged into it",
			"rows repeat an earlier row's id and were merged into it")+": "+p.repeats.list())
	}
}

// splitList splits a multi-valued OpenSanctions cell. Values are joined
// with ";" or with a bare "," ("Knownsec,Beijing Kownsec"); a comma
// followed by a space stays, since it belongs to the value ("Co., Ltd.").
func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ";") {
		start := 0
		for i := 0; i < len(part); i++ {
			if part[i] == ',' && (i+1 == len(part) || part[i+1] != ' ') {
				out = appendClean(out, part[start:i])
				start = i + 1
			}
		}
		out = appendClean(out, part[start:])
	}
	return out
}

func appendClean(out []string, s string) []string {
	if s = cleanName(s); s != "" {
		return append(out, s)
	}
	return out
}
