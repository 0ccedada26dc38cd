package bis

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/country"
	"github.com/interdict/interdict/source/internal/csvin"
	"github.com/interdict/interdict/source/internal/notes"
)

const (
	meuSource = "us-mieu"
	meuFormat = "BIS Military End-User list (OpenSanctions CSV)"
)

// meuLayout recognises the transcription by its Name, Program and End
// date columns; the program tag or the file name then tells it from other
// OpenSanctions hand-made lists (see DetectMEU). A recognised header must
// also have Type, Alias, Country and Date; a first line that is not
// recognisably the list is still read when it has Name and Country, which
// identify a row.
var meuLayout = csvin.Layout{
	Format:    meuFormat,
	Signature: []string{"Name", "Program", "End date"},
	Required:  []string{"Type", "Name", "Alias", "Country", "Program", "Date", "End date"},
	Minimal:   []string{"Name", "Country"},
}

// DetectMEU reports whether a file is OpenSanctions' transcription of the
// BIS Military (Intelligence) End-User list: a header with its Name,
// Program and End date columns on one of the first lines, plus either a
// MEU/MIEU program tag in the first rows or "meu" in the file name. The
// header alone is shared by other OpenSanctions hand-made lists, so the
// program tag is what tells them apart when the file has been renamed.
func DetectMEU(name string, head []byte) bool {
	if !meuLayout.Detect(head) {
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
	f, err := meuLayout.Open(r, name)
	if err != nil {
		return nil, fmt.Errorf("bis: %w", err)
	}
	p := &meuParser{
		load: &interdict.ListLoad{Source: meuSource, Format: meuFormat, Files: []string{name}, Notes: f.Notes},
		byID: map[string]*interdict.Entity{},
		name: name,
	}
	if err := f.Rows(p.load, p.row); err != nil {
		return nil, fmt.Errorf("bis: %w", err)
	}
	p.finish()
	return p.load, nil
}

type meuParser struct {
	load *interdict.ListLoad
	byID map[string]*interdict.Entity
	name string

	published interdict.Date
	delisted  notes.Lines
	unknown   notes.Lines // country strings
	badType   notes.Lines
	badDate   notes.Lines
	repeats   notes.Lines
}

// row turns one row into an entity, or counts it as delisted, or merges it
// into the entity an earlier row with the same id made.
func (p *meuParser) row(line int, cols *csvin.Columns, rec []string) {
	nm := cleanName(cols.Get(rec, "Name"))
	if nm == "" {
		p.load.Rejects = append(p.load.Rejects, interdict.Reject{File: p.name, Line: line, Reason: "empty Name"})
		return
	}
	listed, end := cols.Get(rec, "Date"), cols.Get(rec, "End date")
	for _, v := range []string{listed, end} {
		if d, ok := parseDate(v); ok && plausibleUpdate(d) && later(d, p.published) {
			p.published = d
		}
	}
	if end != "" {
		p.delisted.Add(nm, line)
		return
	}
	ctry := cols.Get(rec, "Country")
	id := interdict.HashID(meuSource, cols.Get(rec, "Name"), ctry)
	e, seen := p.byID[id]
	if seen {
		p.repeats.Add(nm, line)
	} else {
		e = &interdict.Entity{ID: id, Source: meuSource}
		p.byID[id] = e
		p.load.Entities = append(p.load.Entities, e)
		kind, ok := interdict.ParseKind(cols.Get(rec, "Type"))
		if !ok {
			kind = GuessKind(nm)
			p.badType.Add(cols.Get(rec, "Type"), line)
		}
		e.Kind = kind
	}
	e.AddName(interdict.Name{Full: nm, Type: interdict.NamePrimary})
	for _, a := range splitList(cols.Get(rec, "Alias")) {
		e.AddName(interdict.Name{Full: a, Type: interdict.NameAKA})
	}
	for _, c := range splitList(ctry) {
		if code, ok := country.Code(c); ok {
			e.AddCountry(code)
		} else {
			p.unknown.Add(c, line)
		}
	}
	for _, prog := range splitList(cols.Get(rec, "Program")) {
		e.AddProgram(prog)
	}
	if d, ok := parseDate(listed); ok {
		if e.ListedOn.IsZero() || later(e.ListedOn, d) {
			e.ListedOn = d
		}
	} else if listed != "" {
		p.badDate.Add(listed, line)
	}
	if u := cols.Get(rec, "Source URL"); u != "" && e.Remarks == "" {
		e.Remarks = "Source: " + u
	}
}

// finish sets Published and writes the notes.
func (p *meuParser) finish() {
	l := p.load
	if !p.published.IsZero() {
		l.Published = p.published.String()
	}
	if n := p.delisted.Rows(); n > 0 {
		l.Notes = append(l.Notes, notes.Plural(n,
			"row has an End date (removed from the list) and is left out",
			"rows have an End date (removed from the list) and are left out")+": "+p.delisted.List())
	}
	l.Notes = notes.Add(l.Notes, p.unknown.Note("country string not recognised", "country strings not recognised"))
	l.Notes = notes.Add(l.Notes, p.badType.Note("Type not recognised, kind guessed from the name", "Types not recognised, kind guessed from the name"))
	l.Notes = notes.Add(l.Notes, p.badDate.Note("Date value cannot be read", "Date values cannot be read"))
	if n := p.repeats.Rows(); n > 0 {
		l.Notes = append(l.Notes, notes.Plural(n,
			"row repeats an earlier row's id and was merged into it",
			"rows repeat an earlier row's id and were merged into it")+": "+p.repeats.List())
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
