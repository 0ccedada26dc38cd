package batch

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

// readAll reads every row after the header.
func readAll(t testing.TB, in string, maxRecord int) (header []string, recs []Record) {
	t.Helper()
	r := newCSVReader(strings.NewReader(in), detectComma([]byte(in), "x.csv"), maxRecord, 0, 1)
	header, _, err := r.header()
	if err != nil {
		t.Fatalf("header: %v", err)
	}
	for {
		rec, err := r.next()
		if err == io.EOF {
			return header, recs
		}
		if err != nil {
			t.Fatalf("next: %v", err)
		}
		recs = append(recs, rec)
	}
}

func TestCSVReader(t *testing.T) {
	type row struct {
		line  int
		cells []string
		err   string
	}
	for _, tc := range []struct {
		name   string
		in     string
		header []string
		rows   []row
	}{
		{"plain", "name,dob\nKim,1984\nLee,1990\n", []string{"name", "dob"}, []row{{2, []string{"Kim", "1984"}, ""}, {3, []string{"Lee", "1990"}, ""}}},
		{"no final newline", "name,dob\nKim,1984", []string{"name", "dob"}, []row{{2, []string{"Kim", "1984"}, ""}}},
		{"crlf", "name,dob\r\nKim,1984\r\n", []string{"name", "dob"}, []row{{2, []string{"Kim", "1984"}, ""}}},
		{"bom and spaces in header", "\xef\xbb\xbf name , dob\nKim,1984\n", []string{"name", "dob"}, []row{{2, []string{"Kim", "1984"}, ""}}},
		{"quoted bom header", "\xef\xbb\xbf\"name\",\"dob\"\nKim,1984\n", []string{"name", "dob"}, []row{{2, []string{"Kim", "1984"}, ""}}},
		{"quotes", "name,note\n\"Kim, Jong Un\",\"said \"\"hi\"\"\"\n", []string{"name", "note"}, []row{{2, []string{"Kim, Jong Un", `said "hi"`}, ""}}},
		{"newline in quotes", "name,note\n\"Kim\",\"a\nb\r\nc\"\nLee,x\n", []string{"name", "note"}, []row{{2, []string{"Kim", "a\nb\nc"}, ""}, {5, []string{"Lee", "x"}, ""}}},
		{"bare quote kept", "name,note\nO\"Brien,x\n", []string{"name", "note"}, []row{{2, []string{`O"Brien`, "x"}, ""}}},
		{"empty fields", "name,dob,country\nKim,,\n,,KP\n", []string{"name", "dob", "country"}, []row{{2, []string{"Kim", "", ""}, ""}, {3, []string{"", "", "KP"}, ""}}},
		{"blank lines and empty rows skipped", "\n\nname,dob\n\nKim,1984\n,\n\" \", \n\nLee,1\n\n", []string{"name", "dob"}, []row{{5, []string{"Kim", "1984"}, ""}, {9, []string{"Lee", "1"}, ""}}},
		{"ragged", "name,dob\nKim\nLee,1,2\nPak,3\n", []string{"name", "dob"}, []row{{2, []string{"Kim"}, "1 fields, the header has 2"}, {3, []string{"Lee", "1", "2"}, "3 fields, the header has 2"}, {4, []string{"Pak", "3"}, ""}}},
		{"junk after quote", "name,dob\n\"Kim\"x,1\nLee,2\n", []string{"name", "dob"}, []row{{2, nil, `'x' after the closing quote of field 1`}, {3, []string{"Lee", "2"}, ""}}},
		{"unterminated quote", "name,dob\nLee,2\n\"Kim,1\nPak,3\n", []string{"name", "dob"}, []row{{2, []string{"Lee", "2"}, ""}, {3, nil, "a quoted field opened on line 3 is never closed"}}},
		{"invalid utf8", "name,dob\nK\xffm,1\nLee,2\n", []string{"name", "dob"}, []row{{2, nil, "not valid UTF-8"}, {3, []string{"Lee", "2"}, ""}}},
		{"too long", "name,dob\nKim," + strings.Repeat("9", 100) + "\nLee,2\n", []string{"name", "dob"}, []row{{2, nil, "longer than 64 bytes"}, {3, []string{"Lee", "2"}, ""}}},
		{"too long quoted over lines", "name,dob\n\"" + strings.Repeat("a\n", 50) + "\",1\nLee,2\n", []string{"name", "dob"}, []row{{2, nil, "longer than 64 bytes"}, {53, []string{"Lee", "2"}, ""}}},
		{"semicolons", "name;dob;note\nKim;1984;a,b\n", []string{"name", "dob", "note"}, []row{{2, []string{"Kim", "1984", "a,b"}, ""}}},
		{"tabs", "name\tdob\nKim Jong Un\t1984\n", []string{"name", "dob"}, []row{{2, []string{"Kim Jong Un", "1984"}, ""}}},
		{"header only", "name,dob\n", []string{"name", "dob"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			header, recs := readAll(t, tc.in, 64)
			if !reflect.DeepEqual(header, tc.header) {
				t.Errorf("header %q, want %q", header, tc.header)
			}
			if len(recs) != len(tc.rows) {
				t.Fatalf("%d rows, want %d: %+v", len(recs), len(tc.rows), recs)
			}
			for i, want := range tc.rows {
				got := recs[i]
				if got.Line != want.line || !strings.Contains(got.Err, want.err) || (want.err == "") != (got.Err == "") ||
					(want.cells != nil && !reflect.DeepEqual(got.Cells, want.cells)) {
					t.Errorf("row %d: line %d %q err %q, want line %d %q err %q", i, got.Line, got.Cells, got.Err, want.line, want.cells, want.err)
				}
			}
		})
	}
}

func TestCSVHeaderErrors(t *testing.T) {
	for _, tc := range []struct{ in, err string }{
		{"", "no header row"},
		{"\n\r\n \n", "no header row"},
		{"\"name,dob\nKim,1\n", "the header row cannot be read: a quoted field opened on line 1 is never closed"},
	} {
		r := newCSVReader(strings.NewReader(tc.in), ',', 1<<10, 0, 1)
		_, _, err := r.header()
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%q: %v, want %q", tc.in, err, tc.err)
		}
	}
}

// TestCSVResume checks the property resuming relies on: a reader started
// at any row's End (on its NextLine) reads exactly the rows after it.
func TestCSVResume(t *testing.T) {
	in := "name,note\r\nKim,\"a\nb\"\r\n\nLee,2\n\"Pak\"x,3\nO\"B,4\n,\n\"Choi\",\"\"\"q\"\"\"\nKim" + strings.Repeat("x", 100) + ",5\nEnd,6"
	_, all := readAll(t, in, 64)
	for i, rec := range all {
		r := newCSVReader(strings.NewReader(in[rec.End:]), ',', 64, rec.End, rec.NextLine)
		r.width = 2
		for k := i + 1; ; k++ {
			got, err := r.next()
			if err == io.EOF {
				if k != len(all) {
					t.Fatalf("from row %d: ended after %d rows, want %d", i, k, len(all))
				}
				break
			}
			if !reflect.DeepEqual(got, all[k]) {
				t.Fatalf("from row %d: row %d is %+v, want %+v", i, k, got, all[k])
			}
		}
	}
}

// hugeLine is a reader of a header, then one line of n bytes, then a
// short row: a generated 2 GB line without the 2 GB.
type hugeLine struct {
	head, tail []byte
	n          int64
	block      []byte
}

func newHugeLine(head string, fill byte, n int64, tail string) *hugeLine {
	return &hugeLine{head: []byte(head), tail: []byte(tail), n: n, block: bytes.Repeat([]byte{fill}, 256<<10)}
}

func (h *hugeLine) Read(p []byte) (int, error) {
	switch {
	case len(h.head) > 0:
		k := copy(p, h.head)
		h.head = h.head[k:]
		return k, nil
	case h.n > 0:
		k := copy(p[:min(int64(len(p)), h.n)], h.block)
		h.n -= int64(k)
		return k, nil
	case len(h.tail) > 0:
		k := copy(p, h.tail)
		h.tail = h.tail[k:]
		return k, nil
	}
	return 0, io.EOF
}

// TestCSVHugeLine reads a CSV whose second line is 2 GB long: the line is
// reported as too long without being held, and the row after it is read.
func TestCSVHugeLine(t *testing.T) {
	size := int64(2 << 30)
	if testing.Short() {
		size = 64 << 20
	}
	for _, fill := range []byte{'a', ','} { // one field; a million empty ones
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		r := newCSVReader(newHugeLine("name,dob\nKim,", fill, size, "\nLee,1990\n"), ',', DefaultMaxRecord, 0, 1)
		if _, _, err := r.header(); err != nil {
			t.Fatal(err)
		}
		rec, err := r.next()
		if err != nil || rec.Line != 2 || rec.Err != fmt.Sprintf("longer than %d bytes", DefaultMaxRecord) {
			t.Fatalf("huge line: %+v, %v", rec.Err, err)
		}
		if rec.End != int64(len("name,dob\nKim,"))+size+1 {
			t.Errorf("end %d", rec.End)
		}
		rec, err = r.next()
		if err != nil || rec.Line != 3 || rec.Err != "" || !reflect.DeepEqual(rec.Cells, []string{"Lee", "1990"}) {
			t.Fatalf("row after: %+v, %v", rec, err)
		}
		runtime.ReadMemStats(&after)
		if d := after.TotalAlloc - before.TotalAlloc; d > 16<<20 {
			t.Errorf("reading a %d-byte line allocated %d bytes", size, d)
		}
		if testing.Verbose() {
			t.Logf("fill %q: %d bytes allocated", fill, after.TotalAlloc-before.TotalAlloc)
		}
	}
}

// FuzzCSVReader reads any bytes as CSV: it never panics, offsets only
// grow and stay within the input, a reader started at a row's End reads
// the same rows after it, and where the input has no quote the rows are
// the standard library's.
func FuzzCSVReader(f *testing.F) {
	for _, s := range []string{
		"name,dob\nKim,1984\n", "a,b\r\n\"x\ny\",\"q\"\"q\"\n\n", "a;b\n1;2\n", "a\n\"", "a,b\n\"x\"y,2\n", "\xef\xbb\xbfa\nb\n",
		"a,b\n,\n,,\n1\n", "a\tb\n1\t2\n", "a,b\r\r\n1,2\r", "\"a\nb\",c\n1,2",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		comma := detectComma(in, "x.csv")
		r := newCSVReader(bytes.NewReader(in), comma, 256, 0, 1)
		header, _, err := r.header()
		if err != nil {
			if !errors.Is(err, errNoHeader) && !strings.Contains(err.Error(), "the header row cannot be read") {
				t.Fatalf("header error %v", err)
			}
			return
		}
		var all []Record
		last := r.off
		for {
			rec, err := r.next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if rec.End <= last || rec.End > int64(len(in)) || rec.NextLine < rec.Line {
				t.Fatalf("row at line %d: end %d after %d (input %d bytes), next line %d", rec.Line, rec.End, last, len(in), rec.NextLine)
			}
			if rec.Err == "" && len(rec.Cells) != len(header) {
				t.Fatalf("row at line %d: %d cells, header %d", rec.Line, len(rec.Cells), len(header))
			}
			last = rec.End
			all = append(all, rec)
		}
		for i, rec := range all {
			r2 := newCSVReader(bytes.NewReader(in[rec.End:]), comma, 256, rec.End, rec.NextLine)
			r2.width = len(header)
			for k := i + 1; k < len(all); k++ {
				got, err := r2.next()
				if err != nil || !reflect.DeepEqual(got, all[k]) {
					t.Fatalf("resumed after row %d: %+v, %v; want %+v", i, got, err, all[k])
				}
			}
		}
		// The standard library as an oracle, on input it reads the same
		// way: no quotes, no CR, valid UTF-8, rows within the limit.
		if bytes.ContainsAny(in, "\"\r") || bytes.HasPrefix(in, bom) {
			return
		}
		for _, rec := range all {
			if rec.Err != "" && !strings.Contains(rec.Err, "fields, the header has") {
				return
			}
		}
		cr := csv.NewReader(bytes.NewReader(in))
		cr.Comma, cr.FieldsPerRecord = rune(comma), -1
		std, err := cr.ReadAll()
		if err != nil {
			return
		}
		var want [][]string
		for _, row := range std {
			if !blank(row) {
				want = append(want, row)
			}
		}
		var got [][]string
		got = append(got, header)
		for _, rec := range all {
			got = append(got, rec.Cells)
		}
		for i := range want[0] {
			want[0][i] = strings.TrimSpace(want[0][i])
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("rows %q, encoding/csv %q", got, want)
		}
	})
}

// FuzzCSVRoundTrip writes any cells as a CSV row and reads them back.
func FuzzCSVRoundTrip(f *testing.F) {
	f.Add("Kim, Jong Un", `said "hi"`, "a\nb")
	f.Add("", " x", "=1+2")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		cells := []string{a, b, c}
		for _, s := range cells {
			if strings.ContainsRune(s, '\r') || !utf8.ValidString(s) {
				return // CRLF inside a field reads back as LF; rows must be UTF-8
			}
		}
		in := string(appendCSVRow(appendCSVRow(nil, []string{"h1", "h2", "h3"}, ',', false), cells, ',', false))
		_, recs := readAll(t, in, 1<<20)
		if blank(cells) {
			if len(recs) != 0 {
				t.Fatalf("blank row read as %+v", recs)
			}
			return
		}
		if len(recs) != 1 || recs[0].Err != "" || !reflect.DeepEqual(recs[0].Cells, cells) {
			t.Fatalf("%q → %q → %+v", cells, in, recs)
		}
	})
}
