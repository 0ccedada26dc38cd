package csvin

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	interdict "github.com/interdict/interdict"
)

func TestFixC1(t *testing.T) {
	tests := []struct {
		in, want string
		n        int
	}{
		{"plain ASCII", "plain ASCII", 0},
		{"GUI\u0092AN", "GUI’AN", 1},
		// U+0081 has no Windows-1252 character; é (C3 A9) and Â (C3 82) are no C1.
		{"a\u0081b é Â \u0080\u0096", "a\u0081b é Â €–", 2},
		{"\u0092", "’", 1},
		{"end\xc2", "end\xc2", 0},
	}
	for _, tt := range tests {
		got, n := fixC1([]byte(tt.in))
		if string(got) != tt.want || n != tt.n {
			t.Errorf("fixC1(%q) = %q, %d, want %q, %d", tt.in, got, n, tt.want, tt.n)
		}
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		in, want, note, err string
	}{
		{"\xEF\xBB\xBFName", "Name", "", ""},
		{"caf\xe9 \x92", "café ’", "file is not valid UTF-8; read as Windows-1252", ""},
		{"\xFE\xFF\x00N", "", "", "f: UTF-16 or binary data, want UTF-8 or Windows-1252 text"},
		{"N\x00", "", "", "f: UTF-16 or binary data, want UTF-8 or Windows-1252 text"},
	}
	for _, tt := range tests {
		data, notes, err := Decode(strings.NewReader(tt.in), "f")
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("Decode(%q) err = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || string(data) != tt.want || (tt.note != "" && (len(notes) != 1 || notes[0] != tt.note)) {
			t.Errorf("Decode(%q) = %q %q %v", tt.in, data, notes, err)
		}
	}
}

func TestColumns(t *testing.T) {
	c := NewColumns([]string{` "Street_Address" `, "CITY", "street-address", "", "Name"})
	if c.Index("Street Address") != 0 || c.Index("city") != 1 || c.Index("Country") != -1 {
		t.Errorf("index %d %d %d", c.Index("Street Address"), c.Index("city"), c.Index("Country"))
	}
	if !c.Has("name", "street_address") || c.Has("Name", "Zip") {
		t.Error("Has")
	}
	if got := c.Missing("Zip", "Name", "Country"); !reflect.DeepEqual(got, []string{"Zip", "Country"}) {
		t.Errorf("Missing = %q", got)
	}
	if got := c.Get([]string{"1 Road", " Paris "}, "City"); got != "Paris" {
		t.Errorf("Get = %q", got)
	}
	if got := c.Get([]string{"1 Road"}, "Name"); got != "" {
		t.Errorf("Get on a short record = %q", got)
	}
}

// test is a layout like the US lists': recognised by two columns, read
// only with a third, and read as an excerpt with just "name".
var test = Layout{
	Format:    "test list",
	Signature: []string{"name", "list code"},
	Required:  []string{"name", "list_code", "country", "source"},
	Minimal:   []string{"name"},
}

type row struct {
	Line int
	Name string
}

// open runs Open and Rows over in and returns the rows, the header line,
// the notes, the rejects as "file:line: reason" and the error.
func open(l Layout, in string) (rows []row, line int, notes, rejects []string, err error) {
	f, err := l.Open(strings.NewReader(in), "t.csv")
	if err != nil {
		return nil, 0, nil, nil, err
	}
	load := &interdict.ListLoad{}
	err = f.Rows(load, func(line int, cols *Columns, rec []string) {
		rows = append(rows, row{line, cols.Get(rec, "name")})
	})
	for _, r := range load.Rejects {
		rejects = append(rejects, r.Error())
	}
	if len(rows)+len(rejects) != load.Records {
		return nil, 0, nil, nil, nil
	}
	return rows, f.Line, f.Notes, rejects, err
}

func TestOpenPreamble(t *testing.T) {
	const body = "name,list_code,country,source\nA,EL,CN,x\n\"B\nB\",EL,HK,x\nC,EL\nD,EL,RU,x\n"
	tests := []struct {
		name, pre string
		line      int
		note      string
	}{
		{"no preamble", "", 1, ""},
		{"one line", "Last updated 2024-06-01\n", 2, "skipped 1 line before the header"},
		{"CRLF and a stray quote", "Consolidated list, \"as of\" June\r\n", 2, "skipped 1 line before the header"},
		{"blank lines only", "\n\n", 3, ""},
		{"four lines", "Title\n\nLast updated: 2024\nSource: x,y\n", 5, "skipped 3 lines before the header"},
		{"a preamble with one of the columns", "name\n", 2, "skipped 1 line before the header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !test.Detect([]byte(tt.pre + body)) {
				t.Error("Detect = false")
			}
			rows, line, notes, rejects, err := open(test, tt.pre+body)
			if err != nil {
				t.Fatal(err)
			}
			off := tt.line - 1
			want := []row{{2 + off, "A"}, {3 + off, "B\nB"}, {6 + off, "D"}}
			if !reflect.DeepEqual(rows, want) || line != tt.line {
				t.Errorf("rows %v header line %d, want %v %d", rows, line, want, tt.line)
			}
			if want := []string{"t.csv:" + strconv.Itoa(5+off) + ": 2 fields, want 4 as in the header"}; !reflect.DeepEqual(rejects, want) {
				t.Errorf("rejects %q, want %q", rejects, want)
			}
			if (tt.note == "" && len(notes) != 0) || (tt.note != "" && !reflect.DeepEqual(notes, []string{tt.note})) {
				t.Errorf("notes %q, want %q", notes, tt.note)
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
		detect         bool
	}{
		{"empty", "", "t.csv: empty file, want a header line", false},
		{"recognised, incomplete", "name,list_code,source\nA,EL,x\n", "t.csv line 1: missing column country", true},
		{"recognised below a preamble", "As of today\nNAME,List Code\nA,EL\n", "t.csv line 2: missing columns country, source", true},
		{"not recognised", "id,schema\n1,Person\n", `t.csv line 1: missing column "name": not a test list`, false},
		{"header on line 6", "1\n2\n3\n4\n5\nname,list_code,country,source\nA,EL,CN,x\n", `t.csv line 1: missing column "name": not a test list`, false},
		{"bad quote in header", "a,\"name\nx", "t.csv line 1: header: ", false},
		{"header only", "Exported\nname,list_code,country,source\n", "t.csv: header only, no data rows", true},
		{"truncated", "x\nname,list_code,country,source\nA,EL,CN,x\nB,\"E", "t.csv line 4: file ends inside this row, truncated? (extraneous or missing \" in quoted-field)", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := test.Detect([]byte(tt.in)); got != tt.detect {
				t.Errorf("Detect = %v, want %v", got, tt.detect)
			}
			_, _, _, _, err := open(test, tt.in)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
	// A first line that is not recognisably the format but has the
	// Minimal columns is read as the header, as Parse always has.
	rows, line, _, _, err := open(test, "name,addresses\nA,CN\n")
	if err != nil || line != 1 || !reflect.DeepEqual(rows, []row{{2, "A"}}) {
		t.Errorf("excerpt: rows %v line %d err %v", rows, line, err)
	}
}

func TestDetectTab(t *testing.T) {
	l := Layout{Comma: '\t', Signature: []string{"Name", "Street_Address"}}
	for in, want := range map[string]bool{
		"\"Name\"\t\"Street_Address\"\n":       true,
		"\xEF\xBB\xBFName\tStreet_Address":     true,
		"Last updated\nName\tStreet_Address\n": true,
		"\"Name\",\"Street_Address\"\n":        false,
		"":                                     false,
	} {
		if got := l.Detect([]byte(in)); got != want {
			t.Errorf("Detect(%q) = %v, want %v", in, got, want)
		}
	}
}
