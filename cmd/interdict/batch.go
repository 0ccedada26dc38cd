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
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/country"
	"github.com/interdict/interdict/screen"
)

// Batch limits.
const (
	// maxLine is the longest input line read; a longer one is an error
	// line (a query is a few names of at most screen.MaxNameBytes each,
	// plus whatever the caller carries through).
	maxLine = 1 << 20
	// windowPerWorker bounds the lines read ahead of the writer: in
	// flight, queued or waiting for an earlier line to be written. Memory
	// stays at a few KiB per line in the window whatever the file size.
	windowPerWorker = 256
	// shownErrors is how many error lines are also printed on stderr.
	shownErrors = 5
	// exitInterrupted is the conventional status of a run stopped by
	// SIGINT.
	exitInterrupted = 130
)

// fieldMap names the input field that holds each query field; --map
// changes it.
type fieldMap struct {
	name, kind, dob, country, identifier string
}

func defaultFieldMap() fieldMap {
	return fieldMap{name: "name", kind: "kind", dob: "dob", country: "country", identifier: "identifier"}
}

// parseMap applies one --map value, "name=query,kind=type": each query
// field is read from the input field named after "=".
func (fm *fieldMap) parseMap(spec string) error {
	for _, kv := range strings.Split(spec, ",") {
		k, v, ok := strings.Cut(kv, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || v == "" {
			return fmt.Errorf("%q: want FIELD=INPUTFIELD, e.g. name=query", kv)
		}
		switch k {
		case "name":
			fm.name = v
		case "kind":
			fm.kind = v
		case "dob":
			fm.dob = v
		case "country":
			fm.country = v
		case "identifier":
			fm.identifier = v
		default:
			return fmt.Errorf("%q: unknown field %q (want name, kind, dob, country or identifier)", kv, k)
		}
	}
	return nil
}

// batchLineError is why one input line could not be screened.
type batchLineError struct {
	line int
	msg  string
}

func (e *batchLineError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

// decodeLine reads one input line into a query. base carries the
// command's settings (limit, min score, sources); the line's own fields
// fill the rest. The error says what is wrong, naming the input field.
func decodeLine(line []byte, fm *fieldMap, base *interdict.Query) (*interdict.Query, error) {
	if len(bytes.TrimSpace(line)) == 0 {
		return nil, errors.New("empty line")
	}
	if !utf8.Valid(line) {
		return nil, errors.New("not valid UTF-8")
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(line, &obj); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			return nil, errors.New("not a JSON object")
		}
		return nil, fmt.Errorf("bad JSON: %v", err)
	}
	if obj == nil { // the line is "null"
		return nil, errors.New("not a JSON object")
	}
	q := &interdict.Query{Limit: base.Limit, MinScore: base.MinScore, Sources: base.Sources}
	names, err := strings1(obj, fm.name)
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		if _, ok := obj[fm.name]; !ok {
			return nil, fmt.Errorf("no %q field", fm.name)
		}
		return nil, fmt.Errorf("field %q: empty name", fm.name)
	}
	q.Names = names
	kinds, err := strings1(obj, fm.kind)
	if err != nil {
		return nil, err
	}
	switch len(kinds) {
	case 0:
	case 1:
		k, ok := interdict.ParseKind(kinds[0])
		if !ok {
			return nil, fmt.Errorf("field %q: unknown kind %q (want person, organization, vessel, aircraft or unknown)", fm.kind, kinds[0])
		}
		q.Kind = k
	default:
		return nil, fmt.Errorf("field %q: one kind, not a list", fm.kind)
	}
	dobs, err := attrs(obj, fm.dob)
	if err != nil {
		return nil, err
	}
	for _, v := range dobs {
		d, err := interdict.ParseISODate(v)
		if err != nil {
			return nil, fmt.Errorf("field %q: %q: want YYYY, YYYY-MM or YYYY-MM-DD", fm.dob, v)
		}
		q.BirthDates = append(q.BirthDates, d)
	}
	countries, err := attrs(obj, fm.country)
	if err != nil {
		return nil, err
	}
	for _, v := range countries {
		c, ok := country.Code(v)
		if !ok {
			return nil, fmt.Errorf("field %q: %q is not a country", fm.country, v)
		}
		q.Countries = append(q.Countries, c)
	}
	ids, err := attrs(obj, fm.identifier)
	if err != nil {
		return nil, err
	}
	for _, v := range ids {
		if id, ok := parseIdentifier(v); ok {
			q.Identifiers = append(q.Identifiers, id)
		}
	}
	if err := screen.Validate(q); err != nil {
		return nil, errors.New(strings.TrimPrefix(err.Error(), screen.ErrBadQuery.Error()+": "))
	}
	return q, nil
}

// attrs reads an attribute field (birth dates, countries, identifiers):
// like strings1, with at most maxAttrs values of at most maxAttrBytes.
func attrs(obj map[string]json.RawMessage, field string) ([]string, error) {
	vs, err := strings1(obj, field)
	if err != nil {
		return nil, err
	}
	if len(vs) > maxAttrs {
		return nil, fmt.Errorf("field %q: %d values, at most %d", field, len(vs), maxAttrs)
	}
	for _, v := range vs {
		if len(v) > maxAttrBytes {
			return nil, fmt.Errorf("field %q: a value of %d bytes, at most %d", field, len(v), maxAttrBytes)
		}
	}
	return vs, nil
}

// strings1 reads a field holding a string or an array of strings; absent,
// null and blank values give nothing.
func strings1(obj map[string]json.RawMessage, field string) ([]string, error) {
	raw, ok := obj[field]
	if !ok {
		return nil, nil
	}
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0 || string(raw) == "null":
		return nil, nil
	case raw[0] == '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, fmt.Errorf("field %q: %v", field, err)
		}
		if strings.TrimSpace(s) == "" {
			return nil, nil
		}
		return []string{s}, nil
	case raw[0] == '[':
		var ss []string
		if err := json.Unmarshal(raw, &ss); err != nil {
			return nil, fmt.Errorf("field %q: want a string or an array of strings", field)
		}
		out := ss[:0]
		for _, s := range ss {
			if strings.TrimSpace(s) != "" {
				out = append(out, s)
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("field %q: want a string or an array of strings", field)
}

// batchOK is the output line of a screened input line. Its matches have
// the fields of the HTTP API, without the explanation.
type batchOK struct {
	Input   json.RawMessage   `json:"input"`
	Matches []interdict.Match `json:"matches"`
}

// batchErr is the output line of an input line that could not be
// screened. Input is the line's JSON where it is JSON, else its text.
type batchErr struct {
	Input any    `json:"input"`
	Error string `json:"error"`
}

// batcher screens lines; one per run, shared by the workers.
type batcher struct {
	s    *screen.Screener
	fm   fieldMap
	base interdict.Query
}

// lineResult is one output line and what the summary counts of it.
type lineResult struct {
	out   []byte
	err   string // the error, for an error line
	alert bool
}

// process turns one input line into its output line. It never fails:
// whatever is wrong with the line becomes the line's "error".
func (b *batcher) process(n int, line []byte, tooLong bool, buf *bytes.Buffer) lineResult {
	buf.Reset()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	fail := func(input any, msg string) lineResult {
		buf.Reset()
		e := (&batchLineError{n, msg}).Error()
		if err := enc.Encode(batchErr{Input: input, Error: e}); err != nil {
			// Unreachable: the input is a string or valid JSON.
			buf.Reset()
			fmt.Fprintf(buf, "{\"input\":null,\"error\":%q}\n", e)
		}
		return lineResult{out: bytes.Clone(buf.Bytes()), err: e}
	}
	if tooLong {
		return fail(nil, fmt.Sprintf("longer than %d bytes", maxLine))
	}
	q, err := decodeLine(line, &b.fm, &b.base)
	if err != nil {
		// Carry the object through where the line is one, else the text.
		if utf8.Valid(line) && json.Valid(line) {
			return fail(json.RawMessage(line), err.Error())
		}
		return fail(string(line), err.Error())
	}
	matches, err := b.s.Screen(q, false)
	if err != nil {
		return fail(json.RawMessage(line), err.Error())
	}
	if matches == nil {
		matches = []interdict.Match{}
	}
	if err := enc.Encode(batchOK{Input: json.RawMessage(line), Matches: matches}); err != nil {
		return fail(string(line), err.Error())
	}
	r := lineResult{out: bytes.Clone(buf.Bytes())}
	for _, mt := range matches {
		if mt.Alert {
			r.alert = true
			break
		}
	}
	return r
}

// batchStats is what the summary reports.
type batchStats struct {
	lines, errors, alerts int
	shown                 []string
}

// batchJob is one input line on its way through the workers; res takes
// its output line, and the writer takes res in input order.
type batchJob struct {
	n       int
	line    []byte
	tooLong bool
	res     chan lineResult
}

// run streams in to out: one reader, workers screening lines, and the
// calling goroutine writing results in input order. At most window lines
// are between reader and writer. It returns when the input is done, the
// output fails, or ctx is cancelled.
func (b *batcher) run(ctx context.Context, in io.Reader, out io.Writer, workers int) (batchStats, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	window := max(64, workers*windowPerWorker)
	order := make(chan chan lineResult, window)
	jobs := make(chan *batchJob, workers*4)
	var readErr error

	go func() {
		defer close(order)
		defer close(jobs)
		br := bufio.NewReaderSize(in, 64<<10)
		for n := 1; ; n++ {
			if ctx.Err() != nil {
				return
			}
			line, tooLong, err := readLine(br)
			if err != nil && err != io.EOF {
				readErr = err
				return
			}
			if err == io.EOF && len(line) == 0 && !tooLong {
				return
			}
			j := &batchJob{n: n, line: line, tooLong: tooLong, res: make(chan lineResult, 1)}
			select {
			case order <- j.res:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			}
			if err == io.EOF {
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for {
				select {
				case j, ok := <-jobs:
					if !ok {
						return
					}
					j.res <- b.process(j.n, j.line, j.tooLong, &buf)
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	// On any return: stop the reader and the workers, then wait for the
	// workers (the reader may sit in a Read of stdin; it stops at its next
	// line).
	defer func() {
		cancel()
		wg.Wait()
	}()

	var st batchStats
	bw := bufio.NewWriterSize(out, 64<<10)
	for res := range order {
		var r lineResult
		select {
		case r = <-res:
		case <-ctx.Done():
			bw.Flush()
			return st, ctx.Err()
		}
		if _, err := bw.Write(r.out); err != nil {
			return st, fmt.Errorf("writing: %w", err)
		}
		st.lines++
		if r.err != "" {
			st.errors++
			if len(st.shown) < shownErrors {
				st.shown = append(st.shown, r.err)
			}
		}
		if r.alert {
			st.alerts++
		}
	}
	if err := bw.Flush(); err != nil {
		return st, fmt.Errorf("writing: %w", err)
	}
	// order is closed only once the reader has returned, so readErr is
	// safe to read.
	if readErr != nil {
		return st, fmt.Errorf("reading: %w", readErr)
	}
	return st, ctx.Err()
}

// readLine reads one line without its end of line. A line longer than
// maxLine is consumed and reported as tooLong with no content. err is
// io.EOF with the last line when the input ends without a newline.
func readLine(br *bufio.Reader) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong && len(line)+len(chunk) <= maxLine+2 {
			line = append(line, chunk...)
		} else {
			tooLong, line = true, nil
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) > maxLine {
			tooLong, line = true, nil
		}
		return line, tooLong, err
	}
}

func (m *Main) stdin() io.Reader {
	if m.Stdin != nil {
		return m.Stdin
	}
	return os.Stdin
}

func (m *Main) runBatch(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("batch", &d)
	inPath := fs.String("in", "", "JSON lines to screen, one query per line (- for stdin)")
	outPath := fs.String("out", "-", "where to write one result line per input line (- for stdout)")
	var maps, sources repeated
	fs.Var(&maps, "map", "read query fields from other input fields: name=query,kind=type (fields: name, kind, dob, country, identifier)")
	fs.Var(&sources, "source", "search only this list (repeatable; default: all)")
	limit := fs.Int("limit", screen.DefaultLimit, fmt.Sprintf("at most this many matches per line (1..%d)", screen.MaxLimit))
	minScore := fs.Float64("min-score", screen.DefaultFloor, "drop matches scoring below this (0..1)")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "screening goroutines (default: every core)")
	fs.Usage = func() {
		fmt.Fprintln(m.Stderr, "usage: interdict batch --in FILE.jsonl [--out FILE.jsonl] [--map name=query,kind=type] [--limit N] [--min-score X] [--workers N]")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	usageErr := func(err error) int {
		fmt.Fprintf(m.Stderr, "interdict batch: %v\n", err)
		return exitUsage
	}
	if len(pos) > 0 {
		return usageErr(fmt.Errorf("unexpected argument %q (the input is --in FILE)", pos[0]))
	}
	if *inPath == "" {
		fs.Usage()
		return exitUsage
	}
	fm := defaultFieldMap()
	for _, spec := range maps {
		if err := fm.parseMap(spec); err != nil {
			return usageErr(&flagError{"map", spec, err.Error()})
		}
	}
	if *workers < 1 || *workers > 1024 {
		return usageErr(&flagError{"workers", strconv.Itoa(*workers), "want 1..1024"})
	}
	qf := queryFlags{limit: *limit, minScore: *minScore, sources: sources}
	base, err := qf.query(nil)
	if err != nil {
		return usageErr(err)
	}
	if *inPath != "-" && *outPath != "-" && sameFile(*inPath, *outPath) {
		return usageErr(fmt.Errorf("--out %s would overwrite --in %s", *outPath, *inPath))
	}

	var in io.Reader = m.stdin()
	if *inPath != "-" {
		f, err := os.Open(*inPath)
		if err != nil {
			fmt.Fprintf(m.Stderr, "interdict batch: %v\n", err)
			return exitError
		}
		defer f.Close()
		in = f
	}
	start := time.Now()
	ld := m.loadScreener(ctx, &d)
	if ld == nil {
		return exitError
	}
	if err := checkSources(ld.screener, ld.cat, base.Sources); err != nil {
		return usageErr(err)
	}
	var out io.Writer = m.Stdout
	var file *os.File
	if *outPath != "-" {
		file, err = os.Create(*outPath)
		if err != nil {
			fmt.Fprintf(m.Stderr, "interdict batch: %v\n", err)
			return exitError
		}
		defer file.Close()
		out = file
	}

	b := &batcher{s: ld.screener, fm: fm, base: *base}
	screenStart := time.Now()
	st, err := b.run(ctx, in, out, *workers)
	took := time.Since(screenStart)
	if err == nil && file != nil {
		if err = file.Close(); err != nil {
			err = fmt.Errorf("writing: %w", err)
		}
	}

	for _, e := range st.shown {
		fmt.Fprintf(m.Stderr, "interdict batch: %s\n", e)
	}
	if st.errors > len(st.shown) {
		fmt.Fprintf(m.Stderr, "interdict batch: … %d more error lines (each has an \"error\" field in the output)\n", st.errors-len(st.shown))
	}
	rate := 0.0
	if took > 0 {
		rate = float64(st.lines) / took.Seconds()
	}
	fmt.Fprintf(m.Stderr, "interdict batch: %s, %s, %d with an alert (score ≥ %.2f); %.0f names/s on %s (screening %s; lists loaded in %s, index built in %s; wall %s); snapshot %s\n",
		plural(st.lines, "line", "lines"), plural(st.errors, "error", "errors"), st.alerts, ld.screener.Threshold,
		rate, plural(*workers, "worker", "workers"), took.Round(time.Millisecond), ld.loadTook.Round(time.Millisecond),
		ld.snap.BuildTook.Round(time.Millisecond), time.Since(start).Round(time.Millisecond), ld.snap.Version)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		fmt.Fprintf(m.Stderr, "interdict batch: interrupted; the first %s of the output are complete\n", plural(st.lines, "line", "lines"))
		return exitInterrupted
	default:
		fmt.Fprintf(m.Stderr, "interdict batch: %v\n", err)
		return exitError
	}
}
