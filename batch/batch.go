// Package batch screens a file of parties: CSV with a header row, JSON
// lines, or an XLSX sheet in; CSV, JSON lines or XLSX out, one output row
// per input row, in input order, each with its best matches, their scores
// and a short reason. Rows that cannot be read are rejects, reported with
// their line and reason; they never stop the run.
//
// A run writing to a file is resumable. The output is written to
// FILE.partial, never to FILE until the run is complete (then synced and
// renamed); every CheckpointEvery rows the partial output is synced and
// FILE.checkpoint is replaced atomically, recording the input's identity,
// the options (and list snapshot) that shape the output, the rows done,
// where the input stands after them, the length of the partial output
// that holds them and the summary's counters. Run again after an
// interrupt (Ctrl-C, kill -9, a power cut), the same command checks the
// checkpoint against the input and the options, cuts the partial output
// back to the recorded length, moves the input to the recorded place and
// goes on: the finished output is byte for byte the uninterrupted run's,
// since every row's output depends only on the row, the options and the
// lists. XLSX output, which cannot be appended to, is built the same way
// from an intermediate FILE.partial of JSON arrays (one a row) when the
// run completes. An XLSX input is resumed by reading, not screening, the
// rows before the checkpoint.
//
// Memory does not grow with the file: at most a window of rows is between
// the reader and the writer, a row is at most MaxRecord bytes (a longer
// one is skipped to its end without being held, and reported), and every
// writer streams.
package batch

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	interdict "github.com/interdict/interdict"
)

// Defaults.
const (
	// DefaultMaxRecord is the longest row read (a JSON line, a CSV
	// record, a cell): a row is a few names of at most
	// screen.MaxNameBytes each, plus what the caller carries through.
	DefaultMaxRecord = 1 << 20
	// DefaultCheckpointEvery is how many rows pass between checkpoints.
	// A checkpoint syncs the output to disk (a few milliseconds); every
	// 10,000 rows (about half a second of screening on two cores) costs
	// under 1 % and loses at most that much work to a crash.
	DefaultCheckpointEvery = 10000
	// windowPerWorker bounds the rows read ahead of the writer: in
	// flight, queued or waiting for an earlier row to be written. Memory
	// stays at a few KiB per row in the window whatever the file size.
	windowPerWorker = 256
)

// errEmpty is an input without a byte (or a sheet without a row).
var errEmpty = errors.New("empty: nothing to screen")

// Screener screens one query; *screen.Screener is one.
type Screener interface {
	Screen(q *interdict.Query, explain bool) ([]interdict.Match, error)
}

// Options are a run's settings.
type Options struct {
	// In and Out are paths; "-" is Stdin or Stdout.
	In, Out string
	// InFormat and OutFormat are Auto to choose by extension (then, for a
	// file read, by content; stdin is JSON lines and stdout and an
	// unknown extension get JSON lines).
	InFormat, OutFormat Format
	// Sheet is the XLSX sheet read (default: the first).
	Sheet string
	// Map names the input fields of the query fields.
	Map FieldMap
	// Base holds the limit, minimum score and sources of every query.
	Base interdict.Query
	// Explain puts each match's explanation in JSON-lines output (table
	// outputs always give a reason built from it).
	Explain bool
	// ParseID reads an identifier cell ("imo:9187629").
	ParseID func(string) (interdict.Identifier, bool)
	// Workers screen rows concurrently (at least 1).
	Workers int
	// CheckpointEvery is how many rows pass between checkpoints (0: the
	// default; negative: none, and the run is not resumable).
	CheckpointEvery int
	// Restart ignores a checkpoint and starts at the beginning.
	Restart bool
	// SummaryFile, if set, receives the summary as JSON.
	SummaryFile string
	// MaxRecord is the longest row (0: DefaultMaxRecord).
	MaxRecord int

	Stdin  io.Reader
	Stdout io.Writer
	// Log receives notes (resuming, starting again) and the progress.
	Log io.Writer
	// Progress and ProgressEvery say how and how often progress is shown
	// (every 200 ms for a bar, 5 s for lines, unless set); OnProgress, if
	// set, is called at each showing.
	Progress      ProgressMode
	ProgressEvery time.Duration
	OnProgress    func(Progress)
}

// Job is an opened batch: the input checked and its header read, so that
// a bad file is refused before the lists are loaded.
type Job struct {
	o      Options
	inFile *os.File // nil for stdin
	stdin  *bufio.Reader
	inFmt  Format
	outFmt Format
	// unit names a row's place in messages: "line" or "row".
	unit string
	// Table input: the delimiter, the header, the query columns and the
	// reader, left after the header.
	comma  byte
	header []string
	cols   columns
	csv    *csvReader
	xlsx   *xlsxReader
	// keys are the JSON keys of the header's columns ("Company Name":),
	// for JSON-lines output of table input.
	keys [][]byte
	// outHeader is the header row of a table output; numeric its number
	// columns.
	outHeader []string
	numeric   []bool
}

// Open opens the input, recognises its format and reads its header row.
// Its errors are about the input and say what is wrong with it.
func Open(o Options) (*Job, error) {
	if o.MaxRecord <= 0 {
		o.MaxRecord = DefaultMaxRecord
	}
	if o.CheckpointEvery == 0 {
		o.CheckpointEvery = DefaultCheckpointEvery
	}
	if o.Workers < 1 {
		o.Workers = 1
	}
	if o.ParseID == nil {
		o.ParseID = func(s string) (interdict.Identifier, bool) {
			s = strings.TrimSpace(s)
			return interdict.Identifier{Value: s}, s != ""
		}
	}
	if o.Map.Name == "" {
		o.Map = DefaultFieldMap()
	}
	j := &Job{o: o, unit: "line"}
	if err := j.open(); err != nil {
		j.Close()
		if o.In == "-" {
			return nil, fmt.Errorf("stdin: %w", err)
		}
		return nil, fmt.Errorf("%s: %w", o.In, err)
	}
	return j, nil
}

func (j *Job) open() error {
	o := &j.o
	declared := o.InFormat
	if declared == Auto && o.In != "-" {
		declared = FormatOf(o.In)
	}
	var head []byte
	if o.In == "-" {
		if declared == XLSX {
			return errors.New("an XLSX workbook is not read from stdin: pass --in FILE.xlsx")
		}
		if o.Stdin == nil {
			o.Stdin = os.Stdin
		}
		j.stdin = bufio.NewReaderSize(o.Stdin, 64<<10)
		if _, err := j.stdin.Peek(1); err == io.EOF {
			return errEmpty
		}
		// Stdin is JSON lines unless said otherwise: reading ahead to
		// recognise it would hold up a slow writer's first lines.
		j.inFmt = JSONL
		if declared == CSV {
			j.inFmt = CSV
			head, _ = j.stdin.Peek(sniffHead)
		}
	} else {
		f, err := os.Open(o.In)
		if err != nil {
			return err
		}
		j.inFile = f
		fi, err := f.Stat()
		if err != nil {
			return err
		}
		if !fi.Mode().IsRegular() {
			if fi.IsDir() {
				return errors.New("a directory, not a file")
			}
			// A pipe or a device: read it as a stream, not resumable.
			j.stdin = bufio.NewReaderSize(f, 64<<10)
			if declared == Auto {
				declared = JSONL
			}
			head, _ = j.stdin.Peek(sniffHead)
		} else {
			head = make([]byte, sniffHead)
			n, err := f.ReadAt(head, 0)
			if err != nil && err != io.EOF {
				return err
			}
			head = head[:n]
		}
		if j.inFmt, err = sniff(head, declared); err != nil {
			return err
		}
	}
	switch j.inFmt {
	case JSONL:
		return nil
	case CSV:
		j.comma = detectComma(head, o.In)
		var r io.Reader = j.stdin
		if j.stdin == nil {
			r = j.inFile
		}
		j.csv = newCSVReader(r, j.comma, o.MaxRecord, 0, 1)
		var err error
		if j.header, _, err = j.csv.header(); err != nil {
			return err
		}
	case XLSX:
		if j.stdin != nil {
			return errors.New("an XLSX workbook must be a file, not a stream")
		}
		x, err := openXLSX(o.In, o.Sheet, o.MaxRecord)
		if err != nil {
			return err
		}
		j.xlsx, j.unit = x, "row"
		if j.header, _, err = x.header(); err != nil {
			return err
		}
	}
	var err error
	if j.cols, err = o.Map.locate(j.header); err != nil {
		return err
	}
	// JSON keys for the columns, a repeated name made unique.
	seen := map[string]bool{}
	for i, h := range j.header {
		k := h
		if k == "" {
			k = "column " + strconv.Itoa(i+1)
		}
		for n := 2; seen[k]; n++ {
			k = fmt.Sprintf("%s (%d)", h, n)
		}
		seen[k] = true
		j.keys = append(j.keys, append(appendJSONString(nil, k), ':'))
	}
	return nil
}

// InputFormat is the format the input was read as.
func (j *Job) InputFormat() Format { return j.inFmt }

// Close closes the input.
func (j *Job) Close() error {
	if j.xlsx != nil {
		j.xlsx.Close()
	}
	if j.inFile != nil {
		return j.inFile.Close()
	}
	return nil
}

// outputFormat is the format written.
func (j *Job) outputFormat() Format {
	if j.o.OutFormat != Auto {
		return j.o.OutFormat
	}
	if j.o.Out != "-" {
		if f := FormatOf(j.o.Out); f != Auto {
			return f
		}
	}
	return JSONL
}

// tableHeader is the header of a table output: line, the input's columns
// (or the JSON line), the result columns, prefixed where the input has a
// column of the same name.
func (j *Job) tableHeader() ([]string, []bool) {
	in := j.header
	if j.inFmt == JSONL {
		in = []string{"input"}
	}
	taken := map[string]bool{}
	for _, h := range in {
		taken[strings.ToLower(h)] = true
	}
	ours := append([]string{"line"}, resultColumns...)
	prefix := ""
	for _, c := range ours {
		if taken[c] {
			prefix = "interdict_"
		}
	}
	h := []string{prefix + "line"}
	h = append(h, in...)
	for _, c := range resultColumns {
		h = append(h, prefix+c)
	}
	numeric := make([]bool, len(h))
	numeric[0] = true
	numeric[1+len(in)+1] = true // score
	return h, numeric
}

// optionsHash is what makes the output what it is, besides the input: a
// checkpoint is resumed only under the same.
func (j *Job) optionsHash(threshold float64, snapshot string) string {
	b := j.o.Base
	s := fmt.Sprintf("v%d|in=%s|comma=%q|sheet=%s|out=%s|map=%s|limit=%d|min=%g|kind=%s|sources=%s|explain=%t|threshold=%g|snapshot=%s|max=%d|header=%q",
		checkpointVersion, j.inFmt, j.comma, j.o.Sheet, j.outFmt, j.o.Map.String(), b.Limit, b.MinScore, b.Kind, strings.Join(b.Sources, ","),
		j.o.Explain, threshold, snapshot, j.o.MaxRecord, j.outHeader)
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// result is one output row and what the summary counts of it.
type result struct {
	out   []byte   // the row, encoded (JSON line, CSV row, or JSON array for XLSX)
	cells []string // the row's cells, for XLSX written straight out
	// reject is the row's error ("line 7: empty name"); sources the lists
	// it hits.
	reject   string
	sources  []string
	end      int64
	nextLine int
	blank    int
}

// batchOK is the output line of a screened row; its matches have the
// fields of the HTTP API (the explanation only with Explain).
type batchOK struct {
	Input   json.RawMessage   `json:"input"`
	Matches []interdict.Match `json:"matches"`
}

// batchErr is the output line of a row that could not be screened. Input
// is the row's JSON where it is JSON, else its text.
type batchErr struct {
	Input any    `json:"input"`
	Error string `json:"error"`
}

// worker turns rows into output rows; one per screening goroutine.
type worker struct {
	j         *Job
	s         Screener
	threshold float64
	explain   bool
	direct    bool // XLSX written straight out: keep the cells
	buf       bytes.Buffer
	enc       *json.Encoder
	cells     []string
	in        []string
}

func (j *Job) newWorker(s Screener, threshold float64, direct bool) *worker {
	w := &worker{j: j, s: s, threshold: threshold, direct: direct}
	w.enc = json.NewEncoder(&w.buf)
	w.enc.SetEscapeHTML(false)
	// A table's reason is built from the best match's explanation.
	w.explain = j.o.Explain || j.outFmt != JSONL
	return w
}

// do screens one row. It never fails: whatever is wrong with the row
// becomes the row's error.
func (w *worker) do(rec Record) result {
	j := w.j
	r := result{end: rec.End, nextLine: rec.NextLine, blank: rec.Blank}
	msg := rec.Err
	var q *interdict.Query
	var err error
	if msg == "" {
		if j.inFmt == JSONL {
			q, err = j.o.Map.decodeJSON(rec.Raw, &j.o.Base, j.o.ParseID)
		} else {
			var serial func(string) string
			if j.xlsx != nil {
				serial = j.xlsx.serialDate
			}
			q, err = j.o.Map.decodeCells(rec.Cells, &j.cols, &j.o.Base, j.o.ParseID, serial)
		}
		if err != nil {
			msg = err.Error()
		}
	}
	var matches []interdict.Match
	if msg == "" {
		if matches, err = w.s.Screen(q, w.explain); err != nil {
			msg = err.Error()
		}
	}
	if msg != "" {
		r.reject = j.unit + " " + strconv.Itoa(rec.Line) + ": " + msg
		matches = nil
	}
	for _, m := range matches {
		if m.Alert && !slices.Contains(r.sources, m.Source) {
			r.sources = append(r.sources, m.Source)
		}
	}
	if j.outFmt == JSONL {
		r.out = w.jsonLine(rec, matches, r.reject)
		return r
	}
	floor := j.o.Base.MinScore
	if floor <= 0 {
		floor = 0.3
	}
	w.cells = tableRow(w.cells, rec.Line, w.tableInput(rec), matches, r.reject, w.threshold, floor)
	switch {
	case j.outFmt == CSV:
		r.out = appendCSVRow(nil, w.cells, ',', true)
	case w.direct:
		r.cells = slices.Clone(w.cells)
	default:
		r.out = appendJSONArray(nil, w.cells)
	}
	return r
}

// jsonLine encodes a row's JSON-lines output.
func (w *worker) jsonLine(rec Record, matches []interdict.Match, reject string) []byte {
	w.buf.Reset()
	var input any
	switch {
	case w.j.inFmt != JSONL:
		input = json.RawMessage(w.objectOf(rec.Cells))
	case rec.Raw == nil:
		input = nil // too long to carry through
	case reject == "" || utf8.Valid(rec.Raw) && json.Valid(rec.Raw):
		input = json.RawMessage(rec.Raw)
	default:
		input = strings.ToValidUTF8(string(rec.Raw), "\uFFFD")
	}
	var err error
	if reject != "" {
		err = w.enc.Encode(batchErr{Input: input, Error: reject})
	} else {
		if matches == nil {
			matches = []interdict.Match{}
		}
		raw := input.(json.RawMessage)
		if line, ok := appendOKLine(make([]byte, 0, len(raw)+192*len(matches)+32), raw, matches); ok {
			return line
		}
		err = w.enc.Encode(batchOK{Input: raw, Matches: matches})
	}
	if err != nil {
		// Unreachable: the input is a string or valid JSON.
		w.buf.Reset()
		w.enc.Encode(batchErr{Input: nil, Error: fmt.Sprintf("%s %d: %v", w.j.unit, rec.Line, err)})
	}
	return bytes.Clone(w.buf.Bytes())
}

// objectOf is a table row as a JSON object keyed by the header.
func (w *worker) objectOf(cells []string) []byte {
	b := []byte{'{'}
	for i, k := range w.j.keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, k...)
		v := ""
		if i < len(cells) {
			v = cells[i]
		}
		b = appendJSONString(b, v)
	}
	return append(b, '}')
}

// tableInput is what a table output repeats of the input row: its cells,
// as many as the header has, or the JSON line.
func (w *worker) tableInput(rec Record) []string {
	if w.j.inFmt == JSONL {
		return append(w.in[:0], strings.ToValidUTF8(string(rec.Raw), "\uFFFD"))
	}
	w.in = append(w.in[:0], rec.Cells...)
	n := len(w.j.header)
	if len(w.in) > n {
		w.in = w.in[:n]
	}
	for len(w.in) < n {
		w.in = append(w.in, "")
	}
	return w.in
}

// appendJSONArray appends cells as a JSON array line.
func appendJSONArray(dst []byte, cells []string) []byte {
	dst = append(dst, '[')
	for i, c := range cells {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, c)
	}
	return append(dst, ']', '\n')
}
