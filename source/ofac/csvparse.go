package ofac

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/interdict/interdict"
)

// remarkLimit is the length at which OFAC cuts the Remarks column of the
// primary file, continuing it in sdn_comments.csv.
const remarkLimit = 1000

// csvParse is the state of one ParseCSV call.
type csvParse struct {
	b     *builder
	load  *interdict.ListLoad
	byNum map[int]*interdict.Entity
	// orphans counts, per companion file, the rows and distinct ent_nums
	// with no primary record.
	orphans map[Part]*orphanCount
	// unjoined counts comments whose primary remark was not cut, which
	// means the comments file is of another date than the primary file.
	unjoined int
	// weirdAltTypes counts alt_type values other than aka/fka/nka.
	weirdAltTypes map[string]int
}

type orphanCount struct {
	file string
	rows int
	nums map[int]bool
}

// ParseCSV reads an OFAC legacy CSV set into one load of the given source
// (SourceSDN or SourceCons; see DetectCSV). The primary file is required;
// absent companions are skipped. Companion rows whose ent_num has no
// primary record are orphans, counted in the load's Notes. A row that
// cannot be used (wrong column count, non-numeric ent_num, unterminated
// quote, duplicate ent_num, unknown SDN_Type) is a Reject naming its file
// and line and the rest loads. Records counts the rows of the primary
// file; Published stays empty, as the CSV carries no date.
//
// A sdn_comments.csv row continues the remark of its ent_num, which OFAC
// cuts at 1,000 characters. A remark that was not cut (shorter, and ending
// with a period) is left alone and the row counted in the Notes: such rows
// come from a comments file of another date.
//
// A file that cannot be used at all is an error: I/O failures, NUL bytes
// (UTF-16), an empty primary file (an empty download must not delist
// everyone), and a file none of whose rows has its part's shape (a file
// passed in the wrong slot).
func ParseCSV(source string, set CSVSet) (*interdict.ListLoad, error) {
	if source != SourceSDN && source != SourceCons {
		return nil, fmt.Errorf("ofac: unknown source %q (want %q or %q)", source, SourceSDN, SourceCons)
	}
	if set.Primary.R == nil {
		return nil, errors.New("ofac: CSV set has no primary file")
	}
	p := &csvParse{
		b:             newBuilder(),
		load:          &interdict.ListLoad{Source: source, Format: "OFAC legacy CSV"},
		byNum:         make(map[int]*interdict.Entity, 16384),
		orphans:       map[Part]*orphanCount{},
		weirdAltTypes: map[string]int{},
	}
	p.load.Entities = make([]*interdict.Entity, 0, 16384)
	if err := p.readFile(set.Primary, PartPrimary, p.primaryRow); err != nil {
		return nil, err
	}
	if set.Comments.R != nil {
		if err := p.readFile(set.Comments, PartComments, p.commentRow); err != nil {
			return nil, err
		}
	}
	if set.Alt.R != nil {
		if err := p.readFile(set.Alt, PartAlt, p.altRow); err != nil {
			return nil, err
		}
	}
	// after alt.csv, so that names come in the XML's order: strong
	// aliases, then the remarks' weak ones
	for _, e := range p.load.Entities {
		p.b.applyRemarks(e, e.Remarks)
	}
	if set.Address.R != nil {
		if err := p.readFile(set.Address, PartAddress, p.addressRow); err != nil {
			return nil, err
		}
	}
	p.load.Notes = append(p.load.Notes, resolveLinks(p.load.Entities)...)
	p.notes()
	return p.load, nil
}

// readFile reads the rows of one file, checking the shape every part
// shares (column count, numeric ent_num) and handing the rest to row,
// which returns a reject reason or "".
func (p *csvParse) readFile(f CSVFile, part Part, row func(num int, fields []string) string) error {
	name := f.Name
	lr := newLineReader(f.R, name)
	p.load.Files = append(p.load.Files, name)
	var fields []string
	rows, good := 0, 0
	first := "" // the first reject, for the error when nothing is usable
	want := part.columns()
	for {
		line, err := lr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		rows++
		if part == PartPrimary {
			p.load.Records++
		}
		var reason string
		fields, err = splitFields(line, fields)
		switch {
		case err != nil:
			reason = err.Error()
		case len(fields) != want:
			reason = fmt.Sprintf("%d columns, want %d", len(fields), want)
		default:
			if num, ok := entNum(fields[0]); !ok {
				reason = fmt.Sprintf("ent_num %q is not a number", fields[0])
			} else {
				reason = row(num, fields)
			}
		}
		if reason != "" {
			p.load.Rejects = append(p.load.Rejects, interdict.Reject{File: name, Line: lr.line, Reason: reason})
			if first == "" {
				first = fmt.Sprintf("line %d: %s", lr.line, reason)
			}
			continue
		}
		good++
	}
	switch {
	case rows == 0 && part == PartPrimary:
		return fmt.Errorf("ofac: %s: no records (empty download?)", name)
	case rows > 0 && good == 0:
		return fmt.Errorf("ofac: %s: no row is usable as %s (%d columns); first problem: %s", name, part, want, first)
	}
	if lr.noEOL {
		p.load.Notes = append(p.load.Notes, fmt.Sprintf("%s: the last line has no line end and there is no 0x1A end mark: the file may be truncated", name))
	}
	return nil
}

// entNum reads an ent_num: digits only, at most 9 of them.
func entNum(s string) (int, bool) {
	n := atoi(strings.TrimSpace(s), 9)
	return n, n > 0
}

func (p *csvParse) primaryRow(num int, f []string) string {
	if _, dup := p.byNum[num]; dup {
		return fmt.Sprintf("duplicate ent_num %d", num)
	}
	kind, ok := kindOf(f[2])
	if !ok {
		return fmt.Sprintf("unknown SDN_Type %q", f[2])
	}
	name := strings.TrimSpace(f[1])
	if name == "" {
		return "empty SDN_Name"
	}
	src := p.load.Source
	e := &interdict.Entity{ID: src + ":" + strconv.Itoa(num), Source: src, Kind: kind}
	e.AddName(nameOf(name, interdict.NamePrimary, kind == interdict.KindPerson))
	addPrograms(e, f[3])
	addTitles(e, f[4])
	if cs := strings.TrimSpace(f[5]); cs != "" {
		e.AddIdentifier(interdict.Identifier{Type: interdict.IDCallSign, Value: cs, Label: "Call_Sign"})
	}
	p.b.addVessel(e, f[6], f[9], f[7], f[8], f[10])
	e.Remarks = f[11]
	p.byNum[num] = e
	p.load.Entities = append(p.load.Entities, e)
	return ""
}

func (p *csvParse) commentRow(num int, f []string) string {
	e := p.byNum[num]
	if e == nil {
		p.orphan(PartComments, num)
		return ""
	}
	// A remark OFAC did not cut has nothing to continue: the comments are
	// of another date than the primary file and would graft text of
	// another remark onto this one.
	if len(e.Remarks) < remarkLimit && strings.HasSuffix(e.Remarks, ".") {
		p.unjoined++
		return ""
	}
	e.Remarks += f[1]
	return ""
}

func (p *csvParse) altRow(num int, f []string) string {
	name := strings.TrimSpace(f[3])
	if name == "" {
		return "empty alt_name"
	}
	var t interdict.NameType
	switch strings.ToLower(strings.TrimSpace(f[2])) {
	case "aka", "nka", "a.k.a.", "n.k.a.":
		t = interdict.NameAKA
	case "fka", "f.k.a.":
		t = interdict.NameFKA
	default:
		p.weirdAltTypes[f[2]]++
		t = interdict.NameAKA
	}
	e := p.byNum[num]
	if e == nil {
		p.orphan(PartAlt, num)
		return ""
	}
	e.AddName(nameOf(name, t, e.Kind == interdict.KindPerson))
	return ""
}

func (p *csvParse) addressRow(num int, f []string) string {
	e := p.byNum[num]
	if e == nil {
		p.orphan(PartAddress, num)
		return ""
	}
	p.b.addAddress(e, interdict.Address{Street: strings.TrimSpace(f[2]), City: strings.TrimSpace(f[3])}, f[4])
	return ""
}

func (p *csvParse) orphan(part Part, num int) {
	o := p.orphans[part]
	if o == nil {
		o = &orphanCount{file: filepath.Base(p.load.Files[len(p.load.Files)-1]), nums: map[int]bool{}}
		p.orphans[part] = o
	}
	o.rows++
	o.nums[num] = true
}

// notes adds the load's notes: orphans, unjoined comments, odd values and
// unrecognised countries.
func (p *csvParse) notes() {
	primary := filepath.Base(p.load.Files[0])
	for _, part := range []Part{PartAlt, PartAddress, PartComments} {
		if o := p.orphans[part]; o != nil {
			p.load.Notes = append(p.load.Notes, fmt.Sprintf("%s %s entities (%s rows) have no %s record",
				commas(len(o.nums)), o.file, commas(o.rows), primary))
		}
	}
	if p.unjoined > 0 {
		p.load.Notes = append(p.load.Notes, fmt.Sprintf("%d comment rows not joined: their remark is complete (comments file of another date?)", p.unjoined))
	}
	if len(p.weirdAltTypes) > 0 {
		p.load.Notes = append(p.load.Notes, fmt.Sprintf("alt_type values read as aka: %s", countList(p.weirdAltTypes)))
	}
	p.load.Notes = append(p.load.Notes, p.b.notes()...)
}
