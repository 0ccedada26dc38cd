package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/batch"
	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/screen"
	"github.com/interdict/interdict/source"
)

// runWith runs the program in-process with stdin and a context.
func runWith(ctx context.Context, stdin io.Reader, stdout io.Writer, args ...string) (int, string) {
	var errb bytes.Buffer
	m := &Main{Stdin: stdin, Stdout: stdout, Stderr: &errb, Getenv: func(string) string { return "" }}
	return m.Run(ctx, args), errb.String()
}

// outLine is one output line of batch.
type outLine struct {
	Input   json.RawMessage   `json:"input"`
	Matches []json.RawMessage `json:"matches"`
	Error   string            `json:"error"`
}

// parseOutput checks that out is JSON lines, one object per line, each
// with an input and either matches or an error, and returns them.
func parseOutput(t *testing.T, out string) []outLine {
	t.Helper()
	var lines []outLine
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 4<<20)
	for sc.Scan() {
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(sc.Bytes(), &raw); err != nil {
			t.Fatalf("output line %d is not a JSON object: %v\n%s", len(lines)+1, err, sc.Text())
		}
		_, hasM := raw["matches"]
		_, hasE := raw["error"]
		if _, ok := raw["input"]; !ok || hasM == hasE || len(raw) != 2 {
			t.Fatalf("output line %d: want input and one of matches, error: %s", len(lines)+1, sc.Text())
		}
		var l outLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, l)
	}
	if !strings.HasSuffix(out, "\n") && out != "" {
		t.Errorf("output does not end in a newline")
	}
	return lines
}

func TestBatch(t *testing.T) {
	dir := t.TempDir()
	tooLong := `{"name":"` + strings.Repeat("k", batch.DefaultMaxRecord) + `"}`
	input := []struct {
		line string
		err  string // "" for a screened line; else the error's text after "line N: "
		top  string // the first match's id, when checked
	}{
		{line: `{"name":"Kim Jong Un","ref":"A-1","nested":{"x":[1,2]}}`, top: "ofac-sdn:20157"},
		{line: `{"name":"Musa Abu Marzuk","kind":"individual","dob":"1951","country":["Jordan","SY"],"ref":7}`, top: "ofac-sdn:3754"},
		{line: `{"name":"oil tanker","kind":"vessel","identifier":"imo:9187629"}`, top: "ofac-sdn:15036"},
		{line: `{"name":["CIMEX","Corporacion Cimex"],"kind":"business","dob":null,"country":""}`},
		{line: `  {"name" : "Zzyzx Qwvbn"}  `},
		{line: `{"name":"<b>&amp;</b> html stays as is"}`},
		{line: ``, err: "empty line"},
		{line: `{"name":"Kim"`, err: "bad JSON"},
		{line: `[1,2,3]`, err: "not a JSON object"},
		{line: `null`, err: "not a JSON object"},
		{line: `"Kim Jong Un"`, err: "not a JSON object"},
		{line: `{"nom":"Kim"}`, err: `no "name" field`},
		{line: `{"name":"   "}`, err: `field "name": empty name`},
		{line: `{"name":42}`, err: `field "name": want a string or an array of strings`},
		{line: `{"name":["Kim",7]}`, err: `field "name": want a string or an array of strings`},
		{line: `{"name":"Kim","kind":"animal"}`, err: `field "kind": unknown kind "animal"`},
		{line: `{"name":"Kim","kind":["person","vessel"]}`, err: `field "kind": one kind, not a list`},
		{line: `{"name":"Kim","dob":"08/01/1984"}`, err: `field "dob": "08/01/1984": want YYYY`},
		{line: `{"name":"Kim","country":"Atlantis"}`, err: `field "country": "Atlantis" is not a country`},
		{line: `{"name":"Kim","identifier":[` + strings.TrimSuffix(strings.Repeat(`"123456",`, 17), ",") + `]}`, err: `field "identifier": 17 values, at most 16`},
		{line: `{"name":"Kim","country":"` + strings.Repeat("x", 300) + `"}`, err: `field "country": a value of 300 bytes, at most 256`},
		{line: `{"name":"` + strings.Repeat("a", 1500) + `"}`, err: "name 1 is 1500 bytes long, at most 1024"},
		{line: "{\"name\":\"Kim \xff\"}", err: "not valid UTF-8"},
		{line: tooLong, err: fmt.Sprintf("longer than %d bytes", batch.DefaultMaxRecord)},
		{line: `{"name":"Kim Jong Un"}`, top: "ofac-sdn:20157"}, // the last line has no newline
	}
	var b strings.Builder
	for i, l := range input {
		b.WriteString(l.line)
		if i < len(input)-1 {
			b.WriteString("\n")
		}
	}
	in := filepath.Join(dir, "in.jsonl")
	if err := os.WriteFile(in, []byte(strings.ReplaceAll(b.String(), "Zzyzx Qwvbn\"}  \n", "Zzyzx Qwvbn\"}  \r\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.jsonl")
	code, stdout, errs := run(t, nil, "batch", "--data", fixture, "--in", in, "--out", out, "--workers", "3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if stdout != "" {
		t.Errorf("stdout with --out: %q", stdout)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := parseOutput(t, string(got))
	if len(lines) != len(input) {
		t.Fatalf("%d output lines for %d input lines", len(lines), len(input))
	}
	nerr := 0
	for i, want := range input {
		l := lines[i]
		if want.err != "" {
			nerr++
			prefix := fmt.Sprintf("line %d: ", i+1)
			if !strings.HasPrefix(l.Error, prefix) || !strings.Contains(l.Error, want.err) {
				t.Errorf("line %d: error %q, want %q%s…", i+1, l.Error, prefix, want.err)
			}
			continue
		}
		if l.Error != "" {
			t.Errorf("line %d: unexpected error %q", i+1, l.Error)
			continue
		}
		// The input object comes back whole, fields in their order.
		var compact bytes.Buffer
		json.Compact(&compact, []byte(want.line))
		if string(l.Input) != compact.String() {
			t.Errorf("line %d: input %s, want %s", i+1, l.Input, compact.String())
		}
		if l.Matches == nil {
			t.Errorf("line %d: matches is null, want an array", i+1)
		}
		if want.top == "" {
			continue
		}
		if len(l.Matches) == 0 {
			t.Errorf("line %d: no match, want %s", i+1, want.top)
			continue
		}
		var fields map[string]any
		json.Unmarshal(l.Matches[0], &fields)
		for _, f := range []string{"id", "score", "name", "matched_name", "source", "kind", "alert"} {
			if _, ok := fields[f]; !ok {
				t.Errorf("line %d: match lacks %q: %s", i+1, f, l.Matches[0])
			}
		}
		if _, ok := fields["explanation"]; ok {
			t.Errorf("line %d: batch matches carry no explanation: %s", i+1, l.Matches[0])
		}
		if fields["id"] != want.top || fields["alert"] != true {
			t.Errorf("line %d: top match %s, want %s alerting", i+1, l.Matches[0], want.top)
		}
	}
	if !strings.Contains(string(got), `"name":"<b>&amp;</b> html stays as is"`) {
		t.Errorf("HTML in the input was escaped")
	}
	// A line that is JSON but not an object is carried through as is; a
	// line that is not JSON comes back as a string.
	if string(lines[8].Input) != "[1,2,3]" || string(lines[7].Input) != `"{\"name\":\"Kim\""` || string(lines[len(lines)-2].Input) != "null" {
		t.Errorf("error inputs: %s | %s | %s", lines[7].Input, lines[8].Input, lines[len(lines)-2].Input)
	}
	for _, w := range []string{
		fmt.Sprintf("%d rows, %d rejects, ", len(input), nerr), fmt.Sprintf("hits (score ≥ %g; by list: ofac-sdn ", interdict.DefaultThreshold), "names/s on 3 workers", "wall ", "snapshot ",
		"interdict batch: line 7: empty line", fmt.Sprintf("… %d more rejects", nerr-shownErrors),
	} {
		if !strings.Contains(errs, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errs)
		}
	}
}

func TestBatchMap(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"q1","query":"Kim Jong Un","type":"person","born":"1984-01-08"}`,
		`{"id":"q2","query":"Banco Nacional de Cuba","type":"business","name":"ignored"}`,
		`{"id":"q3","name":"no query field"}`,
	}, "\n") + "\n"
	var out bytes.Buffer
	code, errs := runWith(context.Background(), strings.NewReader(in), &out,
		"batch", "--data", fixture, "--in", "-", "--out", "-", "--map", "name=query,kind=type", "--map", "dob=born", "--limit", "1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := parseOutput(t, out.String())
	if len(lines) != 3 {
		t.Fatalf("%d lines", len(lines))
	}
	for i, want := range []string{"ofac-sdn:20157", "ofac-sdn:306"} {
		if len(lines[i].Matches) != 1 || !strings.Contains(string(lines[i].Matches[0]), `"id":"`+want+`"`) {
			t.Errorf("line %d: %s", i+1, lines[i].Matches)
		}
	}
	if lines[2].Error != `line 3: no "query" field` {
		t.Errorf("line 3: %q", lines[2].Error)
	}
	if strings.Contains(out.String(), "names/s") {
		t.Errorf("summary in the output")
	}
}

func TestBatchUsage(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	if err := os.WriteFile(in, []byte(`{"name":"Kim"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		errs string
	}{
		{"no input", nil, exitUsage, "usage: interdict batch"},
		{"positional", []string{"--in", in, "extra"}, exitUsage, `unexpected argument "extra"`},
		{"map without =", []string{"--in", in, "--map", "query"}, exitUsage, `--map "query": "query": want FIELD=INPUTFIELD`},
		{"map unknown field", []string{"--in", in, "--map", "name=query,colour=c"}, exitUsage, `unknown field "colour"`},
		{"map empty input field", []string{"--in", in, "--map", "name="}, exitUsage, "--map"},
		{"workers 0", []string{"--in", in, "--workers", "0"}, exitUsage, `--workers "0": want 1..1024`},
		{"limit", []string{"--in", in, "--limit", "1000"}, exitUsage, `--limit "1000"`},
		{"min score", []string{"--in", in, "--min-score", "-0.1"}, exitUsage, `--min-score "-0.1"`},
		{"unknown source", []string{"--in", in, "--source", "eu"}, exitUsage, `--source "eu": no such list is loaded`},
		{"out overwrites in", []string{"--in", in, "--out", in}, exitUsage, "would overwrite"},
		{"missing input", []string{"--in", filepath.Join(dir, "nope.jsonl")}, exitError, "nope.jsonl"},
		{"no lists", []string{"--in", in, "--data", dir}, exitError, "no sanctions list could be loaded"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := run(t, nil, append([]string{"batch", "--data", fixture}, tc.args...)...)
			if code != tc.code || !strings.Contains(errs, tc.errs) {
				t.Errorf("exit %d (want %d), stderr %q (want %q)", code, tc.code, errs, tc.errs)
			}
			if out != "" {
				t.Errorf("stdout %q", out)
			}
		})
	}
	// A failed run leaves an existing --out alone when it fails before
	// screening.
	keep := filepath.Join(dir, "keep.jsonl")
	os.WriteFile(keep, []byte("precious\n"), 0o644)
	run(t, nil, "batch", "--data", dir, "--in", in, "--out", keep)
	if b, _ := os.ReadFile(keep); string(b) != "precious\n" {
		t.Errorf("--out truncated by a run that could not load lists: %q", b)
	}
}

// TestBatchOrder screens many lines on more workers than cores: every
// output line is its input line's, in input order, whatever the finishing
// order.
func TestBatchOrder(t *testing.T) {
	names := []string{"Kim Jong Un", "Banco Nacional de Cuba", "CIMEX", "Zzyzx", "Musa Abu Marzuk", "ARTAVIL", "not json", "Hasan Nasrallah"}
	var b strings.Builder
	const n = 5000
	for i := range n {
		if names[i%len(names)] == "not json" {
			fmt.Fprintf(&b, "{%d\n", i)
			continue
		}
		fmt.Fprintf(&b, `{"seq":%d,"name":%q}`+"\n", i, names[i%len(names)])
	}
	var out bytes.Buffer
	code, errs := runWith(context.Background(), strings.NewReader(b.String()), &out, "batch", "--data", fixture, "--in", "-", "--workers", "7")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := parseOutput(t, out.String())
	if len(lines) != n {
		t.Fatalf("%d lines, want %d", len(lines), n)
	}
	for i, l := range lines {
		if names[i%len(names)] == "not json" {
			if l.Error != fmt.Sprintf("line %d: bad JSON: invalid character '%c' looking for beginning of object key string", i+1, fmt.Sprint(i)[0]) {
				t.Fatalf("line %d: %q", i+1, l.Error)
			}
			continue
		}
		var in struct {
			Seq int `json:"seq"`
		}
		if err := json.Unmarshal(l.Input, &in); err != nil || in.Seq != i {
			t.Fatalf("output line %d holds input %s", i+1, l.Input)
		}
	}
	if !strings.Contains(errs, fmt.Sprintf("%d rows, %d rejects", n, n/len(names))) {
		t.Errorf("summary: %s", errs)
	}
}

// cancelAfter is an input that cancels the run once it has given n lines,
// then keeps giving lines: the run must stop on its own.
type cancelAfter struct {
	n, given int
	cancel   func()
	line     []byte
	pending  []byte
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	if len(c.pending) == 0 {
		c.given++
		if c.given == c.n {
			c.cancel()
		}
		c.pending = c.line
	}
	k := copy(p, c.pending)
	c.pending = c.pending[k:]
	return k, nil
}

func TestBatchCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	in := &cancelAfter{n: 2000, cancel: cancel, line: []byte(`{"name":"Kim Jong Un"}` + "\n")}
	var out bytes.Buffer
	code, errs := runWith(ctx, in, &out, "batch", "--data", fixture, "--in", "-")
	if code != exitInterrupted || !strings.Contains(errs, "interrupted; the first") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// What was written is whole lines, in order, and the summary counts
	// them.
	lines := parseOutput(t, out.String())
	if !strings.Contains(errs, fmt.Sprintf("interdict batch: %s,", plural(len(lines), "row", "rows"))) || !strings.Contains(errs, fmt.Sprintf("the first %s of the output are complete", plural(len(lines), "row", "rows"))) {
		t.Errorf("%d lines written; summary: %s", len(lines), errs)
	}
	for i, l := range lines {
		if l.Error != "" || len(l.Matches) == 0 {
			t.Fatalf("line %d: %+v", i+1, l)
		}
	}
}

// failWriter fails after some bytes, as a full disk or a closed pipe does.
type failWriter struct{ left int }

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.left {
		n := w.left
		w.left = 0
		return n, errors.New("no space left on device")
	}
	w.left -= len(p)
	return len(p), nil
}

func TestBatchWriteError(t *testing.T) {
	in := strings.Repeat(`{"name":"Kim Jong Un"}`+"\n", 20000)
	code, errs := runWith(context.Background(), strings.NewReader(in), &failWriter{left: 100 << 10}, "batch", "--data", fixture, "--in", "-", "--workers", "2")
	if code != exitError || !strings.Contains(errs, "writing stdout: no space left on device") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

// TestBatchHoldout runs the alias-holdout queries as the issue asks
// (--map name=query,kind=type, indexing only the holdout's data) and logs
// the throughput; the figure depends on the machine and its load, so it
// is not asserted.
func TestBatchHoldout(t *testing.T) {
	root := shared.Root()
	if root == "" {
		t.Skip("shared bench not found")
	}
	dir := filepath.Join(root, "bench", "alias_holdout")
	in := filepath.Join(dir, "queries.jsonl")
	if _, err := os.Stat(in); err != nil {
		t.Skipf("shared bench missing: %v", err)
	}
	out := filepath.Join(t.TempDir(), "out.jsonl")
	code, _, errs := run(t, nil, "batch", "--data", filepath.Join(dir, "data"), "--in", in, "--out", out, "--map", "name=query,kind=type")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := parseOutput(t, string(b))
	inb, _ := os.ReadFile(in)
	if want := bytes.Count(inb, []byte("\n")); len(lines) != want {
		t.Errorf("%d output lines, %d queries", len(lines), want)
	}
	if !strings.Contains(errs, " 0 rejects") {
		t.Errorf("errors: %s", errs)
	}
	t.Log(strings.TrimSpace(errs))
}

// BenchmarkBatchHoldout measures the batch pipeline (decode, screen,
// encode, reorder) on the alias-holdout queries; -benchtime=Nx runs the
// whole file N times.
//
//	go test ./cmd/interdict -run '^$' -bench BatchHoldout -benchtime 5x -cpuprofile cpu.out
func BenchmarkBatchHoldout(b *testing.B) {
	root := shared.Root()
	if root == "" {
		b.Skip("shared bench not found")
	}
	dir := filepath.Join(root, "bench", "alias_holdout")
	queries, err := os.ReadFile(filepath.Join(dir, "queries.jsonl"))
	if err != nil {
		b.Skip(err)
	}
	cat, err := source.Load(context.Background(), filepath.Join(dir, "data"))
	if err != nil {
		b.Fatal(err)
	}
	fm := batch.DefaultFieldMap()
	if err := fm.Parse("name=query,kind=type"); err != nil {
		b.Fatal(err)
	}
	s := newLoaded(cat, 0).screener
	n := bytes.Count(queries, []byte("\n"))
	b.ReportAllocs()
	b.SetBytes(int64(len(queries)))
	for b.Loop() {
		job, err := batch.Open(batch.Options{In: "-", Out: "-", Stdin: bytes.NewReader(queries), Stdout: io.Discard, Map: fm,
			Base: interdict.Query{Limit: screen.DefaultLimit, MinScore: screen.DefaultFloor}, ParseID: parseIdentifier, Workers: 2})
		if err != nil {
			b.Fatal(err)
		}
		sum, err := job.Run(context.Background(), s, s.Threshold, "bench")
		if err != nil || sum.Rows != n {
			b.Fatalf("%d rows, %v", sum.Rows, err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "names/s")
}

var fuzzScreener = sync.OnceValues(func() (*screen.Screener, error) {
	cat, err := source.Load(context.Background(), fixture)
	if err != nil {
		return nil, err
	}
	return newLoaded(cat, 0).screener, nil
})

var errPrefix = regexp.MustCompile(`^line 1: `)

// slowLine is far more than any line should take (a query is screened in
// well under a millisecond); beyond it the fuzz test fails, since one
// slow line stalls a worker and a crafted file could stall them all.
const slowLine = 2 * time.Second

// FuzzBatchLine feeds any bytes as a one-line JSON-lines batch: it never
// panics, and the output is always exactly one line of JSON with the
// input and either matches or an error (line 1's).
func FuzzBatchLine(f *testing.F) {
	for _, s := range []string{
		`{"name":"Kim Jong Un","kind":"person","dob":"1984-01-08","country":"KP","identifier":"passport:123456789","ref":1}`,
		`{"name":["CIMEX","Corporacion Cimex"],"kind":"business"}`,
		`{"name":"ARTAVIL","identifier":["imo:9187629","MMSI 572469210"],"kind":"vessel"}`,
		`{"name":"Ким Чен Ын"}`, `{"name":"金正恩"}`, `{"name":"محمد"}`,
		`{"name":"","dob":"1952-13-40"}`, `{"name":null}`, `[]`, `{}`, ` `, `"x"`, `{"name":"a\u0000b"}`,
		"{\"name\":\"\xff\xfe\"}", `{"name":"Kim","name":"Lee"}`, `{"name":"!!!???...---"}`,
	} {
		f.Add([]byte(s))
	}
	s, err := fuzzScreener()
	if err != nil {
		f.Fatal(err)
	}
	fm := batch.DefaultFieldMap()
	f.Fuzz(func(t *testing.T, line []byte) {
		if bytes.IndexByte(line, '\n') >= 0 || len(line) == 0 {
			return // one line, and an empty input is refused as a whole
		}
		var out bytes.Buffer
		job, err := batch.Open(batch.Options{In: "-", Out: "-", Stdin: bytes.NewReader(line), Stdout: &out, Map: fm,
			Base: interdict.Query{Limit: 3}, ParseID: parseIdentifier, Workers: 1})
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		start := time.Now()
		sum, err := job.Run(context.Background(), s, s.Threshold, "fuzz")
		if err != nil {
			t.Fatalf("run: %v", err)
		}
		if d := time.Since(start); d > slowLine {
			t.Fatalf("one line took %s: %q", d, line)
		}
		r := out.Bytes()
		if len(r) == 0 || r[len(r)-1] != '\n' || bytes.Count(r, []byte("\n")) != 1 {
			t.Fatalf("output is not one line: %q", r)
		}
		if !utf8.Valid(r) {
			t.Fatalf("output is not UTF-8: %q", r)
		}
		var o map[string]json.RawMessage
		if err := json.Unmarshal(r, &o); err != nil {
			t.Fatalf("output is not JSON: %v: %q", err, r)
		}
		_, hasM := o["matches"]
		errText, hasE := o["error"]
		if _, ok := o["input"]; !ok || hasM == hasE || len(o) != 2 {
			t.Fatalf("output %q", r)
		}
		if hasE {
			var e string
			json.Unmarshal(errText, &e)
			if !errPrefix.MatchString(e) || sum.Rejects != 1 || sum.Shown[0] != e {
				t.Fatalf("error %q (counted %d: %q)", e, sum.Rejects, sum.Shown)
			}
		} else if sum.Screened != 1 {
			t.Fatalf("screened %d", sum.Screened)
		}
	})
}
