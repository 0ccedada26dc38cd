package ca

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"golang.org/x/text/encoding/htmlindex"

	"github.com/interdict/interdict"
)

// Source is the short name of the Canadian list.
const Source = "ca"

// Format is the human name of the format this package reads.
const Format = "Canada SEMA XML"

// Detect reports whether a file is the Canadian consolidated list, from its
// first bytes: a data-set root holding record elements with Canada's field
// names. The name is only a hint for files too short to tell.
func Detect(name string, head []byte) bool {
	if !bytes.Contains(head, []byte("<data-set")) {
		return false
	}
	for _, field := range []string{"<DateOfListing>", "<EntityOrShip>", "<GivenName>", "<Schedule>"} {
		if bytes.Contains(head, []byte(field)) {
			return true
		}
	}
	base := strings.ToLower(filepath.Base(name))
	return bytes.Contains(head, []byte("<record")) && strings.HasPrefix(base, "sema")
}

// xmlRecord is one record element as published.
type xmlRecord struct {
	Country       string `xml:"Country"`
	LastName      string `xml:"LastName"`
	GivenName     string `xml:"GivenName"`
	EntityOrShip  string `xml:"EntityOrShip"`
	TitleOrShip   string `xml:"TitleOrShip"`
	ShipIMONumber string `xml:"ShipIMONumber"`
	DateOfBirth   string `xml:"DateOfBirthOrShipBuildDate"`
	Aliases       string `xml:"Aliases"`
	Schedule      string `xml:"Schedule"`
	Item          string `xml:"Item"`
	DateOfListing string `xml:"DateOfListing"`
}

// Parse reads one Canadian list file. A document that is not a data-set, or
// is cut short or malformed, is an error naming the file and line; a record
// that cannot be used is a reject and the rest still load.
func Parse(r io.Reader, name string) (*interdict.ListLoad, error) {
	dec := xml.NewDecoder(r)
	dec.CharsetReader = charsetReader
	if err := findRoot(dec, name); err != nil {
		return nil, err
	}
	p := newParser(name)
	for {
		line, _ := dec.InputPos()
		tok, err := dec.Token()
		if err == io.EOF {
			return nil, fmt.Errorf("ca: %s line %d: file ends inside <data-set>: truncated", name, line)
		}
		if err != nil {
			return nil, xmlError(name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "record" {
				if err := dec.Skip(); err != nil {
					return nil, fmt.Errorf("ca: %s: <%s>: %w", name, t.Name.Local, err)
				}
				continue
			}
			line, _ = dec.InputPos()
			var rec xmlRecord
			if err := dec.DecodeElement(&rec, &t); err != nil {
				return nil, fmt.Errorf("ca: %s: record at line %d: %w", name, line, unwrapEOF(err))
			}
			p.add(&rec, line)
		case xml.EndElement:
			return p.finish(), nil
		}
	}
}

// findRoot reads up to the root element and checks that it is a data-set.
func findRoot(dec *xml.Decoder, name string) error {
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return fmt.Errorf("ca: %s: no <data-set> element: empty or not XML", name)
		}
		if err != nil {
			return xmlError(name, err)
		}
		if t, ok := tok.(xml.StartElement); ok {
			if t.Name.Local != "data-set" {
				line, _ := dec.InputPos()
				return fmt.Errorf("ca: %s line %d: root element <%s>, want <data-set>: not the Canadian consolidated list", name, line, t.Name.Local)
			}
			return nil
		}
	}
}

// xmlError names the file in a decoding error and calls a file that stops
// in the middle of an element what it is: truncated.
func xmlError(name string, err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) && se.Msg == "unexpected EOF" {
		return fmt.Errorf("ca: %s line %d: file ends inside an element: truncated", name, se.Line)
	}
	return fmt.Errorf("ca: %s: %w", name, err)
}

// unwrapEOF turns the syntax error for a file cut inside a record into a
// plain statement that the file is truncated.
func unwrapEOF(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) && se.Msg == "unexpected EOF" {
		return fmt.Errorf("file ends at line %d inside the record: truncated", se.Line)
	}
	return err
}

// charsetReader lets a file that declares a legacy encoding
// (ISO-8859-1, Windows-1252) be read; encoding/xml alone knows only UTF-8.
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, errors.New("unsupported encoding " + label)
	}
	return enc.NewDecoder().Reader(input), nil
}
