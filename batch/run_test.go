package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/xuri/excelize/v2"
)

// fakeScreener answers by the name alone, the same way every time: names
// with "kim" hit ofac-sdn, a third of the rest hit un below the threshold.
// onCall, if set, sees every call's number (and may cancel the run).
type fakeScreener struct {
	calls  atomic.Int64
	onCall func(n int64)
}

const fakeThreshold = 0.775

func (f *fakeScreener) Screen(q *interdict.Query, explain bool) ([]interdict.Match, error) {
	if f.onCall != nil {
		f.onCall(f.calls.Add(1))
	}
	name := q.Names[0]
	h := fnv.New32a()
	h.Write([]byte(name))
	sum := h.Sum32()
	var ms []interdict.Match
	ex := func(listed string, s float64) *interdict.Explanation {
		if !explain {
			return nil
		}
		e := &interdict.Explanation{QueryName: name, ListedName: listed, NameType: interdict.NameAKA, NameScore: s}
		if len(q.BirthDates) > 0 {
			e.Adjustments = []interdict.Adjustment{{Attribute: "birth_date", Delta: 0.03, Reason: "birth year agrees"}}
		}
		return e
	}
	if strings.Contains(strings.ToLower(name), "kim") {
		s := 0.9 + float64(sum%90)/1000
		ms = append(ms, interdict.Match{ID: "ofac-sdn:20157", Source: "ofac-sdn", Kind: interdict.KindPerson, Name: "KIM, Jong Un", MatchedName: "KIM Jong Un", Score: s, Alert: true, Explanation: ex("KIM Jong Un", s)})
	}
	if sum%3 == 0 {
		s := 0.4 + float64(sum%300)/1000
		ms = append(ms, interdict.Match{ID: fmt.Sprintf("un:QDi.%d", sum%400), Source: "un", Kind: interdict.KindUnknown, Name: "UN party", MatchedName: "UN party", Score: s, Explanation: ex("UN party", s)})
	}
	return ms, nil
}

// names are what generated inputs are made of: Latin and other scripts,
// commas, quotes, and now and then a bad row.
var names = []string{"Kim Jong Un", "Lee, Min-ho", `Kim "Rocket" Un`, "Ким Чен Ын", "金正恩", "Patricia Lucas Wheeler", "Banco Nacional de Cuba", "محمد رضا", "O'Brien & Sons Ltd", "Zzyzx"}

// genCSV writes n rows in the issue's layout; every 97th row has a bad
// birth date, every 89th no name.
func genCSV(n int) string {
	var b strings.Builder
	b.WriteString("Company Name,DOB,Country,Reg No\n")
	for i := range n {
		name := names[i%len(names)]
		dob := fmt.Sprintf("19%02d-%02d-%02d", 40+i%60, 1+i%12, 1+i%28)
		if i%97 == 5 {
			dob = "08/01/1984"
		}
		if i%89 == 7 {
			name = ""
		}
		b.Write(appendCSVRow(nil, []string{fmt.Sprintf("%s %d", name, i%13), dob, []string{"KP", "Russia", "", "DE"}[i%4], fmt.Sprintf("R%06d", i)}, ',', false))
	}
	return b.String()
}

func genJSONL(n int) string {
	var b strings.Builder
	for i := range n {
		if i%101 == 3 {
			b.WriteString("{not json\n")
			continue
		}
		fmt.Fprintf(&b, "{\"name\":%q,\"seq\":%d}\n", names[i%len(names)], i)
	}
	return b.String()
}

var issueMap = func() FieldMap {
	fm := DefaultFieldMap()
	if err := fm.Parse("name=Company Name,dob=DOB,country=Country,id=Reg No"); err != nil {
		panic(err)
	}
	return fm
}()

// runBatch runs a batch to completion or until ctx ends.
func runBatch(ctx context.Context, t testing.TB, s Screener, o Options) (*Summary, error) {
	t.Helper()
	if o.Workers == 0 {
		o.Workers = 3
	}
	j, err := Open(o)
	if err != nil {
		return nil, err
	}
	defer j.Close()
	return j.Run(ctx, s, fakeThreshold, "s-test")
}

func write(t testing.TB, path, content string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRunCSV(t *testing.T) {
	dir := t.TempDir()
	in := write(t, filepath.Join(dir, "in.csv"), "Company Name,DOB,Country,Reg No\n"+
		"Kim Jong Un,1984-01-08,KP,\n"+
		"\"Lee, Min-ho\",,South Korea,R-1\n"+
		"\n"+
		"Kim Ragged,1984\n"+
		",1990,KP,\n"+
		"Kim Bad Date,08/01/1984,KP,\n"+
		"=HYPERLINK(\"x\"),,,\n")
	var sums []*Summary
	outs := map[string][]byte{}
	for _, ext := range []string{"csv", "jsonl", "xlsx"} {
		out := filepath.Join(dir, "out."+ext)
		sum, err := runBatch(context.Background(), t, &fakeScreener{}, Options{In: in, Out: out, Map: issueMap, SummaryFile: out + ".summary.json"})
		if err != nil {
			t.Fatalf("%s: %v", ext, err)
		}
		sums = append(sums, sum)
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		outs[ext] = b
		for _, left := range []string{".partial", ".checkpoint"} {
			if _, err := os.Stat(out + left); err == nil {
				t.Errorf("%s left behind", out+left)
			}
		}
		var fromFile Summary
		if b, err := os.ReadFile(out + ".summary.json"); err != nil || json.Unmarshal(b, &fromFile) != nil || !reflect.DeepEqual(fromFile.Counts, sum.Counts) || !fromFile.Complete {
			t.Errorf("summary file %s: %v", b, err)
		}
	}
	want := Counts{Rows: 6, Screened: 3, Hits: 1, BySource: map[string]int{"ofac-sdn": 1}, Rejects: 3, Blank: 1, Shown: []string{
		"line 5: 2 fields, the header has 4",
		`line 6: column "Company Name": empty name`,
		`line 7: column "DOB": "08/01/1984": want YYYY, YYYY-MM or YYYY-MM-DD`,
	}}
	for _, s := range sums {
		if !reflect.DeepEqual(s.Counts, want) {
			t.Errorf("%s counts %+v, want %+v", s.OutputFormat, s.Counts, want)
		}
	}
	if got := sums[0].Line(); got != "6 rows, 3 rejects, 1 hit (score ≥ 0.775; by list: ofac-sdn 1), 1 blank line skipped" {
		t.Errorf("summary line %q", got)
	}

	// CSV: the input's columns, then the result's; a reason; formulas
	// defused.
	lines := strings.Split(strings.TrimSuffix(string(outs["csv"]), "\n"), "\n")
	if lines[0] != "line,Company Name,DOB,Country,Reg No,result,score,listed_id,listed_name,matched_name,source,listed_kind,reason,other_matches,error" {
		t.Errorf("header %s", lines[0])
	}
	if !strings.HasPrefix(lines[1], "2,Kim Jong Un,1984-01-08,KP,,alert,0.9") ||
		!strings.Contains(lines[1], `ofac-sdn:20157,"KIM, Jong Un",KIM Jong Un,ofac-sdn,person,"alert (≥ 0.775): ""Kim Jong Un"" ~ ""KIM Jong Un"" (aka) name 0.9`) ||
		!strings.Contains(lines[1], "; birth date +0.03 (birth year agrees)") {
		t.Errorf("row 1: %s", lines[1])
	}
	if !strings.HasPrefix(lines[3], "5,Kim Ragged,1984,,,error,") || !strings.HasSuffix(lines[3], `,"line 5: 2 fields, the header has 4"`) {
		t.Errorf("ragged row: %s", lines[3])
	}
	if !strings.HasPrefix(lines[6], `8,"'=HYPERLINK(""x"")",`) {
		t.Errorf("formula row: %s", lines[6])
	}

	// JSON lines: the row as an object keyed by the header.
	jl := strings.Split(strings.TrimSuffix(string(outs["jsonl"]), "\n"), "\n")
	if !strings.HasPrefix(jl[0], `{"input":{"Company Name":"Kim Jong Un","DOB":"1984-01-08","Country":"KP","Reg No":""},"matches":[{"id":"ofac-sdn:20157"`) ||
		strings.Contains(jl[0], "explanation") {
		t.Errorf("jsonl row 1: %s", jl[0])
	}
	if jl[2] != `{"input":{"Company Name":"Kim Ragged","DOB":"1984","Country":"","Reg No":""},"error":"line 5: 2 fields, the header has 4"}` {
		t.Errorf("jsonl ragged: %s", jl[2])
	}

	// XLSX: the CSV's cells (without the formula guard).
	f, err := excelize.OpenReader(bytes.NewReader(outs["xlsx"]))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Results", excelize.Options{RawCellValue: true})
	_, csvRows := readAll(t, string(outs["csv"]), 1<<20)
	if len(rows) != len(csvRows)+1 {
		t.Fatalf("%d xlsx rows, %d csv rows", len(rows), len(csvRows))
	}
	for i, r := range csvRows {
		cells := r.Cells
		cells[1] = strings.TrimPrefix(cells[1], "'")
		for len(cells) > 0 && cells[len(cells)-1] == "" {
			cells = cells[:len(cells)-1]
		}
		if !reflect.DeepEqual(rows[i+1], cells) {
			t.Errorf("xlsx row %d: %q\ncsv: %q", i+1, rows[i+1], cells)
		}
	}
}

// TestRunColumnClash: an input column named like a result column makes
// the result columns prefixed.
func TestRunColumnClash(t *testing.T) {
	dir := t.TempDir()
	in := write(t, filepath.Join(dir, "in.csv"), "name,score\nKim,7\n")
	out := filepath.Join(dir, "out.csv")
	if _, err := runBatch(context.Background(), t, &fakeScreener{}, Options{In: in, Out: out}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(out)
	if !strings.HasPrefix(string(b), "interdict_line,name,score,interdict_result,interdict_score,") {
		t.Errorf("%s", b)
	}
}

// TestRunResume interrupts runs at random rows, over and over, resuming
// each time: the output ends byte for byte the uninterrupted run's, and
// so does the summary.
func TestRunResume(t *testing.T) {
	rows := 3000
	if testing.Short() {
		rows = 1200
	}
	dir := t.TempDir()
	csvIn := write(t, filepath.Join(dir, "in.csv"), genCSV(rows))
	jsonIn := write(t, filepath.Join(dir, "in.jsonl"), genJSONL(rows))
	var xlsxRows [][]any
	xlsxRows = append(xlsxRows, []any{"Company Name", "DOB", "Country", "Reg No"})
	for i := range rows / 3 {
		xlsxRows = append(xlsxRows, []any{names[i%len(names)], fmt.Sprintf("19%02d", 50+i%40), "", i})
	}
	xlsxIn := workbook(t, xlsxRows)
	rng := rand.New(rand.NewPCG(7, uint64(time.Now().UnixNano())))
	for _, tc := range []struct {
		in, out string
		rows    int
	}{
		{csvIn, "csv", rows}, {csvIn, "jsonl", rows}, {csvIn, "xlsx", rows}, {jsonIn, "jsonl", rows}, {jsonIn, "csv", rows}, {xlsxIn, "csv", rows / 3},
	} {
		t.Run(filepath.Base(tc.in)+"→"+tc.out, func(t *testing.T) {
			o := Options{In: tc.in, Map: issueMap, CheckpointEvery: 50 + rng.IntN(100)}
			if strings.HasSuffix(tc.in, ".jsonl") {
				o.Map = DefaultFieldMap()
			}
			o.Out = filepath.Join(t.TempDir(), "want."+tc.out)
			want, err := runBatch(context.Background(), t, &fakeScreener{}, o)
			if err != nil {
				t.Fatal(err)
			}
			wantBytes, _ := os.ReadFile(o.Out)

			o.Out = filepath.Join(t.TempDir(), "got."+tc.out)
			interrupts := 0
			for attempt := 0; ; attempt++ {
				if attempt > 50 {
					t.Fatal("no end after 50 attempts")
				}
				ctx, cancel := context.WithCancel(context.Background())
				stopAt := int64(1 + rng.IntN(tc.rows/20))
				s := &fakeScreener{onCall: func(n int64) {
					if n == stopAt && interrupts < 10 {
						cancel()
					}
				}}
				sum, err := runBatch(ctx, t, s, o)
				cancel()
				if err == nil {
					if !sum.Complete {
						t.Fatal("no error, not complete")
					}
					if !reflect.DeepEqual(sum.Counts, want.Counts) {
						t.Errorf("counts %+v\nwant %+v", sum.Counts, want.Counts)
					}
					break
				}
				if !errors.Is(err, context.Canceled) || !sum.Resumable || sum.Complete {
					t.Fatalf("attempt %d: %v (summary %+v)", attempt, err, sum)
				}
				interrupts++
				if _, err := os.Stat(o.Out); err == nil {
					t.Fatalf("attempt %d: the output exists though the run was interrupted", attempt)
				}
				// A power cut loses what was written after the last sync:
				// the partial output has more, or other, bytes after the
				// checkpoint's length. Make them garbage.
				if attempt%3 == 1 {
					f, err := os.OpenFile(o.Out+".partial", os.O_WRONLY|os.O_APPEND, 0)
					if err != nil {
						t.Fatal(err)
					}
					f.WriteString("garbage that was never synced\n{\"input\"")
					f.Close()
				}
			}
			if interrupts < 10 {
				t.Errorf("only %d interrupts", interrupts)
			}
			got, _ := os.ReadFile(o.Out)
			if !bytes.Equal(got, wantBytes) {
				t.Errorf("resumed output (%d bytes) differs from the uninterrupted run's (%d bytes)", len(got), len(wantBytes))
			}
		})
	}
}

// TestRunCheckpointMismatch: a checkpoint of other options, or of an
// input since changed, is not resumed; the run starts again and says so.
func TestRunCheckpointMismatch(t *testing.T) {
	dir := t.TempDir()
	in := write(t, filepath.Join(dir, "in.csv"), genCSV(500))
	out := filepath.Join(dir, "out.csv")
	interrupt := func(o Options) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		o.ProgressEvery = time.Nanosecond
		o.OnProgress = func(p Progress) {
			if p.Rows >= 200 {
				cancel()
			}
		}
		if sum, err := runBatch(ctx, t, &fakeScreener{}, o); !errors.Is(err, context.Canceled) || sum.Rows < 200 {
			t.Fatalf("not interrupted: %v", err)
		}
	}
	base := Options{In: in, Out: out, Map: issueMap, CheckpointEvery: 20}
	for _, tc := range []struct {
		name   string
		change func(*Options)
		note   string
	}{
		{"same", func(*Options) {}, "resuming at row"},
		{"other limit", func(o *Options) { o.Base.Limit = 3 }, "the options or the lists changed since; starting again"},
		{"restart", func(o *Options) { o.Restart = true }, ""},
		{"input touched", func(*Options) {
			os.Chtimes(in, time.Now(), time.Now().Add(time.Hour))
		}, "the input changed since; starting again"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			interrupt(base)
			o := base
			tc.change(&o)
			var log bytes.Buffer
			o.Log = &log
			sum, err := runBatch(context.Background(), t, &fakeScreener{}, o)
			if err != nil {
				t.Fatal(err)
			}
			if tc.note != "" && !strings.Contains(log.String(), tc.note) || tc.note == "" && log.Len() > 0 {
				t.Errorf("log %q, want %q", log.String(), tc.note)
			}
			if resumed := sum.ResumedAt > 0; resumed != (tc.name == "same") {
				t.Errorf("resumed at %d", sum.ResumedAt)
			}
		})
	}
}

// TestRunBadInput: each bad input gets a clear message, nothing crashes,
// and no output appears that looks complete.
func TestRunBadInput(t *testing.T) {
	dir := t.TempDir()
	gz := []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0}
	for _, tc := range []struct {
		name, file, content string
		o                   Options
		err                 string // Open's error; "" when the run completes
		rejects             []string
	}{
		{name: "empty file", file: "empty.csv", content: "", err: "empty.csv: empty: nothing to screen"},
		{name: "empty jsonl", file: "empty.jsonl", content: "", err: "empty: nothing to screen"},
		{name: "blank csv", file: "blank.csv", content: "\n \n\r\n", err: "no header row: the first row must name the columns"},
		{name: "header only", file: "header.csv", content: "Company Name,DOB,Country,Reg No\n"},
		{name: "binary", file: "data.csv", content: "name\x00\x01\x02\xff", err: "data.csv: a binary file (a NUL byte at offset 4), not CSV or JSON lines"},
		{name: "binary no extension", file: "data", content: "\x7fELF\x02\x01\x01\x00\x00", err: "a binary file"},
		{name: "gzip", file: "in.csv.gz", content: string(gz), err: "gzip-compressed: decompress it first"},
		{name: "utf16", file: "in.csv", content: "\xff\xfen\x00a\x00", err: "UTF-16 text: save it as UTF-8"},
		{name: "text named xlsx", file: "in.xlsx", content: "name\nKim\n", err: "not an XLSX workbook"},
		{name: "no name column", file: "in.csv", content: "Kim Jong Un,1984-01-08\nLee,1990\n",
			err: `no column "Company Name" in the header row ("Kim Jong Un", "1984-01-08"); check --map name=Company Name`},
		{name: "no name column default map", file: "in.csv", content: "who,dob\nKim,1\n", o: Options{Map: DefaultFieldMap()},
			err: `no column "name" in the header row ("who", "dob"); name the columns in the first row, or say which holds the name with --map name=COLUMN`},
		{name: "ragged", file: "in.csv", content: "Company Name,DOB,Country,Reg No\nKim,1984,KP\nLee,1990,KR,1,extra\nPak,1970,KR,2\n\"Choi,1,2\n",
			rejects: []string{"line 2: 3 fields, the header has 4", "line 3: 5 fields, the header has 4", "line 5: a quoted field opened on line 5 is never closed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sub := t.TempDir()
			in := write(t, filepath.Join(sub, tc.file), tc.content)
			o := tc.o
			o.In, o.Out = in, filepath.Join(sub, "out.csv")
			if o.Map.Name == "" {
				o.Map = issueMap
			}
			sum, err := runBatch(context.Background(), t, &fakeScreener{}, o)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				entries, _ := os.ReadDir(sub)
				if len(entries) != 1 {
					t.Errorf("files left: %v", entries)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(sum.Shown, tc.rejects) {
				t.Errorf("rejects %q, want %q", sum.Shown, tc.rejects)
			}
		})
	}
	_ = dir

	// An XLSX sheet whose rows are all empty has no header.
	sub := t.TempDir()
	xlsx := workbook(t, [][]any{nil, {""}})
	if _, err := runBatch(context.Background(), t, &fakeScreener{}, Options{In: xlsx, Out: filepath.Join(sub, "out.csv"), Map: issueMap}); err == nil ||
		!strings.Contains(err.Error(), "no header row") {
		t.Errorf("empty sheet: %v", err)
	}
	// A sheet whose first row is data: the name column is not found.
	xlsx = workbook(t, [][]any{{"Kim Jong Un", "1984-01-08", "KP"}, {"Lee", "1990", "KR"}})
	if _, err := runBatch(context.Background(), t, &fakeScreener{}, Options{In: xlsx, Out: filepath.Join(sub, "out.csv"), Map: issueMap}); err == nil ||
		!strings.Contains(err.Error(), `no column "Company Name" in the header row ("Kim Jong Un", "1984-01-08", "KP")`) {
		t.Errorf("headerless sheet: %v", err)
	}
	if entries, _ := os.ReadDir(sub); len(entries) != 0 {
		t.Errorf("files left: %v", entries)
	}
}

// TestRunHugeLine: a 2 GB line in the middle of a CSV (a generated
// stream, not a file) is one reject; the rows around it are screened.
func TestRunHugeLine(t *testing.T) {
	size := int64(2 << 30)
	if testing.Short() {
		size = 64 << 20
	}
	for _, format := range []Format{CSV, JSONL} {
		head, tail := "Company Name,DOB\nKim,1984\nLee,", "\nPak,1970\n"
		fm := DefaultFieldMap()
		fm.Parse("name=Company Name,dob=DOB")
		o := Options{In: "-", InFormat: format, Map: fm}
		if format == JSONL {
			head, tail = `{"name":"Kim"}`+"\n"+`{"name":"`, "\"}\n{\"name\":\"Pak\"}\n"
			o.Map = DefaultFieldMap()
		}
		var out bytes.Buffer
		o.Stdin, o.Stdout, o.Out = newHugeLine(head, 'x', size, tail), &out, "-"
		sum, err := runBatch(context.Background(), t, &fakeScreener{}, o)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{fmt.Sprintf("line 3: longer than %d bytes", DefaultMaxRecord)}
		if format == JSONL {
			want = []string{fmt.Sprintf("line 2: longer than %d bytes", DefaultMaxRecord)}
		}
		if sum.Rows != 3 || sum.Screened != 2 || !reflect.DeepEqual(sum.Shown, want) {
			t.Errorf("%s: %+v", format, sum.Counts)
		}
		if strings.Count(out.String(), "\n") != 3 || out.Len() > 4096 {
			t.Errorf("%s: output %d bytes, %d lines", format, out.Len(), strings.Count(out.String(), "\n"))
		}
	}
}

// failingReader gives some rows, then fails as a disk does.
type failingReader struct {
	r     io.Reader
	after int
}

func (f *failingReader) Read(p []byte) (int, error) {
	if f.after <= 0 {
		return 0, errors.New("input/output error")
	}
	n, err := f.r.Read(p[:min(len(p), f.after)])
	f.after -= n
	return n, err
}

// TestRunReadError: an input that fails mid-way stops the run with the
// error; the output file is not created, only the partial one.
func TestRunReadError(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	in := genJSONL(2000)
	sum, err := runBatch(context.Background(), t, &fakeScreener{}, Options{In: "-", Stdin: &failingReader{strings.NewReader(in), len(in) / 2}, Out: out})
	if err == nil || !strings.Contains(err.Error(), "reading -: input/output error") || sum.Complete {
		t.Fatalf("%v %+v", err, sum)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("an incomplete output looks complete")
	}
	b, _ := os.ReadFile(out + ".partial")
	if n := bytes.Count(b, []byte("\n")); n != sum.Rows || n == 0 {
		t.Errorf("%d lines in the partial output, %d rows", n, sum.Rows)
	}
}

// endless is an input of n generated JSON lines.
type endless struct {
	n, i int
	buf  []byte
}

func (e *endless) Read(p []byte) (int, error) {
	for len(e.buf) < len(p) && e.i < e.n {
		e.buf = fmt.Appendf(e.buf, "{\"name\":%q,\"seq\":%d}\n", names[e.i%len(names)], e.i)
		e.i++
	}
	if len(e.buf) == 0 {
		return 0, io.EOF
	}
	k := copy(p, e.buf)
	e.buf = e.buf[:copy(e.buf, e.buf[k:])]
	return k, nil
}

// TestRunFlatMemory screens a long generated input and samples the live
// heap as it goes: it does not grow with the rows done.
func TestRunFlatMemory(t *testing.T) {
	n := 120000
	if testing.Short() {
		n = 40000
	}
	var samples []uint64
	var rowsAt []int
	hook := func(p Progress) {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		samples = append(samples, ms.HeapAlloc)
		rowsAt = append(rowsAt, p.Rows)
	}
	dir := t.TempDir()
	sum, err := runBatch(context.Background(), t, &fakeScreener{}, Options{In: "-", Stdin: &endless{n: n}, Out: filepath.Join(dir, "out.csv"),
		OnProgress: hook, ProgressEvery: 25 * time.Millisecond, Workers: 2})
	if err != nil || sum.Rows != n {
		t.Fatalf("%v, %d rows", err, sum.Rows)
	}
	if len(samples) < 8 {
		t.Skipf("only %d samples: the machine is too fast for this test's sampling", len(samples))
	}
	q := len(samples) / 4
	early, late := slicesMax(samples[:q]), slicesMax(samples[len(samples)-q:])
	t.Logf("%d samples; live heap %d KiB by row %d, %d KiB by row %d", len(samples), early>>10, rowsAt[q-1], late>>10, rowsAt[len(rowsAt)-1])
	if late > early+4<<20 {
		t.Errorf("the live heap grew from %d KiB (first quarter) to %d KiB (last quarter)", early>>10, late>>10)
	}
}

func slicesMax(s []uint64) uint64 {
	m := uint64(0)
	for _, v := range s {
		m = max(m, v)
	}
	return m
}

// TestRunLocked: a second run of the same command while the first is
// still going is refused, and the first is not disturbed.
func TestRunLocked(t *testing.T) {
	dir := t.TempDir()
	in := write(t, filepath.Join(dir, "in.jsonl"), genJSONL(300))
	out := filepath.Join(dir, "out.jsonl")
	started, release := make(chan struct{}), make(chan struct{})
	var once atomic.Bool
	slow := &fakeScreener{onCall: func(int64) {
		if once.CompareAndSwap(false, true) {
			close(started)
			<-release
		}
	}}
	first := make(chan error, 1)
	go func() {
		_, err := runBatch(context.Background(), t, slow, Options{In: in, Out: out, Workers: 1})
		first <- err
	}()
	<-started
	_, err := runBatch(context.Background(), t, &fakeScreener{}, Options{In: in, Out: out})
	close(release)
	if err == nil || !strings.Contains(err.Error(), "another run is writing "+out+".partial") {
		t.Errorf("second run: %v", err)
	}
	if err := <-first; err != nil {
		t.Fatalf("first run: %v", err)
	}
	if b, _ := os.ReadFile(out); bytes.Count(b, []byte("\n")) != 300 {
		t.Errorf("first run's output: %d lines", bytes.Count(b, []byte("\n")))
	}
}

// TestRunExplain: with Explain, JSON-lines matches carry explanations.
func TestRunExplain(t *testing.T) {
	var out bytes.Buffer
	if _, err := runBatch(context.Background(), t, &fakeScreener{}, Options{In: "-", Stdin: strings.NewReader(`{"name":"Kim Jong Un","dob":"1984"}` + "\n"), Out: "-", Stdout: &out, Explain: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"explanation":{"query_name":"Kim Jong Un","listed_name":"KIM Jong Un","name_type":"aka"`) {
		t.Errorf("%s", out.String())
	}
}
