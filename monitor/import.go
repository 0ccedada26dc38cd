package monitor

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/country"
	"github.com/interdict/interdict/screen"
	"github.com/interdict/interdict/store"
)

// Reject is one line of a customer book that was not imported.
type Reject struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

// Book is a customer book read from a file: the parties to register and
// the lines refused, each with its reason.
type Book struct {
	Parties []interdict.MonitoredParty `json:"-"`
	Rejects []Reject                   `json:"rejects"`
}

// MaxRejects bounds the rejects kept (all are counted by the caller from
// the lines; past this the file is refused as not a customer book).
const MaxRejects = 1000

// ErrBook: the file is not a readable customer book.
var ErrBook = errors.New("not a customer book")

// ReadBook reads a customer book in CSV or JSON lines, told apart by the
// first non-blank byte ('{' is JSON lines).
//
// CSV: a header row naming the columns, in any order and case: id and
// name are required; aliases (more names, separated by ';'), kind
// (person, organization, vessel, aircraft), birth_date (YYYY, YYYY-MM or
// YYYY-MM-DD), country (names or ISO codes, separated by ';') are
// optional; other columns are ignored.
//
// JSON lines: one object a line, {"id": "…"} and the fields of a
// screening query ("names", "kind", "birth_dates", "countries",
// "identifiers", "gender").
//
// A bad line is rejected with its number and reason and the others are
// kept; a file whose rejects pass MaxRejects, or that cannot be read at
// all, is an error.
func ReadBook(r io.Reader) (*Book, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(512)
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(head) > 0 && head[0] == '{' {
		return readJSONL(br)
	}
	return readCSV(br)
}

func (b *Book) reject(line int, format string, args ...any) error {
	b.Rejects = append(b.Rejects, Reject{Line: line, Reason: fmt.Sprintf(format, args...)})
	if len(b.Rejects) > MaxRejects {
		return fmt.Errorf("monitor: more than %d bad lines (the last, line %d: %s): %w", MaxRejects, line, b.Rejects[len(b.Rejects)-1].Reason, ErrBook)
	}
	return nil
}

// check validates a party as registration and screening will.
func check(p *interdict.MonitoredParty) error {
	if err := store.CheckMonitored(p); err != nil {
		return err
	}
	if err := screen.Validate(&p.Query); err != nil {
		return err
	}
	return nil
}

func readCSV(r io.Reader) (*Book, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("monitor: empty file: %w", ErrBook)
	}
	if err != nil {
		return nil, fmt.Errorf("monitor: header: %v: %w", err, ErrBook)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	for _, need := range []string{"id", "name"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("monitor: header %q lacks the column %q (want id, name and optionally aliases, kind, birth_date, country): %w", strings.Join(header, ","), need, ErrBook)
		}
	}
	get := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	b := &Book{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				if e := b.reject(pe.Line, "%v", pe.Err); e != nil {
					return nil, e
				}
				continue
			}
			return nil, fmt.Errorf("monitor: %v: %w", err, ErrBook)
		}
		// FieldPos is valid only after a successful Read.
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		p := interdict.MonitoredParty{ID: get(rec, "id")}
		if n := get(rec, "name"); n != "" {
			p.Query.Names = append(p.Query.Names, n)
		}
		for _, a := range strings.Split(get(rec, "aliases"), ";") {
			if a = strings.TrimSpace(a); a != "" {
				p.Query.Names = append(p.Query.Names, a)
			}
		}
		if k := get(rec, "kind"); k != "" {
			kind, ok := interdict.ParseKind(k)
			if !ok {
				if e := b.reject(line, "kind %q: want person, organization, vessel or aircraft", clip(k)); e != nil {
					return nil, e
				}
				continue
			}
			p.Query.Kind = kind
		}
		if d := get(rec, "birth_date"); d != "" {
			date, err := interdict.ParseISODate(d)
			if err != nil {
				if e := b.reject(line, "birth_date %q: %v", clip(d), err); e != nil {
					return nil, e
				}
				continue
			}
			p.Query.BirthDates = []interdict.Date{date}
		}
		if c := get(rec, "country"); c != "" {
			ok := true
			for _, part := range strings.Split(c, ";") {
				if part = strings.TrimSpace(part); part == "" {
					continue
				}
				code, found := country.Code(part)
				if !found {
					ok = false
					if e := b.reject(line, "country %q: not a country name or ISO code", clip(part)); e != nil {
						return nil, e
					}
					break
				}
				p.Query.Countries = append(p.Query.Countries, code)
			}
			if !ok {
				continue
			}
		}
		if err := check(&p); err != nil {
			if e := b.reject(line, "%v", err); e != nil {
				return nil, e
			}
			continue
		}
		b.Parties = append(b.Parties, p)
	}
	return b, nil
}

// jsonParty is one line of a JSON lines book: an id and a query, flat.
type jsonParty struct {
	ID string `json:"id"`
	interdict.Query
}

func readJSONL(r *bufio.Reader) (*Book, error) {
	b := &Book{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		raw := bytes.TrimSpace(sc.Bytes())
		if line == 1 {
			raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
		}
		if len(raw) == 0 {
			continue
		}
		var jp jsonParty
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&jp); err != nil {
			if e := b.reject(line, "%v", err); e != nil {
				return nil, e
			}
			continue
		}
		if dec.More() {
			if e := b.reject(line, "more than one JSON value on the line"); e != nil {
				return nil, e
			}
			continue
		}
		p := interdict.MonitoredParty{ID: jp.ID, Query: jp.Query}
		if err := check(&p); err != nil {
			if e := b.reject(line, "%v", err); e != nil {
				return nil, e
			}
			continue
		}
		b.Parties = append(b.Parties, p)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("monitor: line %d: %v: %w", line+1, err, ErrBook)
	}
	return b, nil
}

func clip(s string) string {
	if len(s) <= 64 {
		return s
	}
	cut := 64
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
