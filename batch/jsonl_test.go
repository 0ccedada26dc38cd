package batch

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

func readJSONL(t testing.TB, in []byte, max int, off int64, line int) []Record {
	t.Helper()
	r := newJSONLReader(bytes.NewReader(in), max, off, line)
	var out []Record
	for {
		rec, err := r.next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, rec)
	}
}

func TestJSONLReader(t *testing.T) {
	in := "{\"name\":\"Kim\"}\r\n\n" + `{"name":"` + strings.Repeat("x", 40) + `"}` + "\n{\"name\":\"Lee\"}"
	recs := readJSONL(t, []byte(in), 32, 0, 1)
	want := []struct {
		raw, err string
		end      int
	}{
		{`{"name":"Kim"}`, "", 16},
		{"", "", 17},
		{"", "longer than 32 bytes", 17 + 52},
		{`{"name":"Lee"}`, "", len(in)},
	}
	if len(recs) != len(want) {
		t.Fatalf("%d records: %+v", len(recs), recs)
	}
	for i, w := range want {
		r := recs[i]
		if string(r.Raw) != w.raw || r.Err != w.err || r.End != int64(w.end) || r.Line != i+1 || r.NextLine != i+2 {
			t.Errorf("record %d: %+v, want %+v", i, r, w)
		}
	}
	// Resuming at any record's end reads the rest.
	for i, r := range recs {
		rest := readJSONL(t, []byte(in)[r.End:], 32, r.End, r.NextLine)
		if !reflect.DeepEqual(rest, recs[i+1:]) && !(len(rest) == 0 && i == len(recs)-1) {
			t.Errorf("resumed after %d: %+v", i, rest)
		}
	}
}

// TestJSONLHugeLine reads a 2 GB line without holding it.
func TestJSONLHugeLine(t *testing.T) {
	size := int64(2 << 30)
	if testing.Short() {
		size = 64 << 20
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r := newJSONLReader(newHugeLine(`{"name":"Kim"}`+"\n"+`{"name":"`, 'a', size, "\"}\n{\"name\":\"Lee\"}\n"), DefaultMaxRecord, 0, 1)
	var got []string
	for {
		rec, err := r.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%d %s %s", rec.Line, rec.Raw, rec.Err))
	}
	runtime.ReadMemStats(&after)
	want := []string{`1 {"name":"Kim"} `, fmt.Sprintf("2  longer than %d bytes", DefaultMaxRecord), `3 {"name":"Lee"} `}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%q", got)
	}
	if d := after.TotalAlloc - before.TotalAlloc; d > 16<<20 {
		t.Errorf("reading a %d-byte line allocated %d bytes", size, d)
	}
}

// FuzzJSONLReader splits any bytes into lines: never more than the limit
// kept, offsets growing to the input's end, lines rejoining to the input.
func FuzzJSONLReader(f *testing.F) {
	for _, s := range []string{"{\"a\":1}\n{\"b\":2}", "\n\n\r\n", "x\ry\n", strings.Repeat("z", 100) + "\nq"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		recs := readJSONL(t, in, 64, 0, 1)
		var last int64
		for i, r := range recs {
			if r.End <= last || r.Line != i+1 || len(r.Raw) > 64 || (r.Err != "" && (r.Raw != nil || r.End-last <= 64)) {
				t.Fatalf("record %d: %+v after %d", i, r, last)
			}
			if r.Err == "" && !bytes.HasPrefix(in[last:r.End], r.Raw) {
				t.Fatalf("record %d: %q is not at %d", i, r.Raw, last)
			}
			last = r.End
		}
		if last != int64(len(in)) {
			t.Fatalf("read to %d of %d", last, len(in))
		}
	})
}
