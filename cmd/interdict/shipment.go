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
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/interdict/interdict/dataset"
	"github.com/interdict/interdict/goods"
	"github.com/interdict/interdict/internal/pipeline"
	"github.com/interdict/interdict/shipment"
)

// pdfTimeout bounds the headless browser that prints a PDF report.
const pdfTimeout = 90 * time.Second

func (m *Main) runShipment(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("shipment", &d)
	asJSON := fs.Bool("json", false, "print the decision as JSON (the HTTP API's shape)")
	report := fs.String("report", "", "also write a printable report: FILE.html, or FILE.pdf (printed by a headless Chromium)")
	format := fs.String("format", "", "input format: json or csv (default: by extension, .csv is CSV, anything else JSON)")
	batch := fs.String("batch", "", "screen a JSON-lines file of shipments, one a line (- for stdin)")
	out := fs.String("out", "-", "with --batch: where to write one decision line per input line (- for stdout)")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "with --batch: screening goroutines")
	progress := fs.Bool("progress", false, "with --batch: show progress on stderr even when it is not a terminal")
	fs.Usage = func() {
		fmt.Fprintln(m.Stderr, "usage: interdict shipment FILE [--format json|csv] [--json] [--report FILE.html|FILE.pdf]")
		fmt.Fprintln(m.Stderr, "       interdict shipment --batch FILE.jsonl [--out FILE.jsonl] [--workers N] [--progress]")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	usageErr := func(err error) int {
		fmt.Fprintf(m.Stderr, "interdict shipment: %v\n", err)
		return exitUsage
	}
	if *format != "" && *format != "json" && *format != "csv" {
		return usageErr(&flagError{"format", *format, "want json or csv"})
	}
	if *batch != "" {
		switch {
		case len(pos) > 0:
			return usageErr(fmt.Errorf("unexpected argument %q with --batch", pos[0]))
		case *report != "" || *asJSON || *format == "csv":
			return usageErr(errors.New("--batch reads JSON lines and writes JSON lines: --report, --json and --format csv do not apply"))
		case *workers < 1 || *workers > 1024:
			return usageErr(&flagError{"workers", strconv.Itoa(*workers), "want 1..1024"})
		}
		return m.shipmentBatch(ctx, &d, *batch, *out, *workers, *progress)
	}
	if len(pos) != 1 {
		fs.Usage()
		return exitUsage
	}
	if *report != "" {
		switch strings.ToLower(filepath.Ext(*report)) {
		case ".html", ".htm", ".pdf":
		default:
			return usageErr(&flagError{"report", *report, "want a file ending in .html or .pdf"})
		}
	}

	// Read and check the shipment before loading any list: a typo costs
	// nothing.
	var in io.Reader = m.stdin()
	if pos[0] != "-" {
		f, err := os.Open(pos[0])
		if err != nil {
			fmt.Fprintf(m.Stderr, "interdict shipment: %v\n", err)
			return exitError
		}
		defer f.Close()
		in = f
	}
	isCSV := *format == "csv" || (*format == "" && strings.EqualFold(filepath.Ext(pos[0]), ".csv"))
	var s *shipment.Shipment
	if isCSV {
		s, err = shipment.ReadCSV(in)
	} else {
		s, err = shipment.ReadJSON(in)
	}
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict shipment: %s: %v\n", pos[0], err)
		if errors.Is(err, shipment.ErrInvalid) {
			return exitUsage
		}
		return exitError
	}
	ld := m.loadScreener(ctx, &d)
	if ld == nil {
		return exitError
	}
	dec, err := shipment.Screen(ctx, ld.snap, s)
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict shipment: %v\n", err)
		return exitError
	}
	if *report != "" {
		if err := m.writeReport(ctx, dec, *report); err != nil {
			fmt.Fprintf(m.Stderr, "interdict shipment: report: %v\n", err)
			return exitError
		}
	}
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(dec); err != nil {
			fmt.Fprintf(m.Stderr, "interdict: %v\n", err)
			return exitError
		}
	} else {
		writeDecision(m.Stdout, dec)
	}
	if *report != "" {
		fmt.Fprintf(m.Stderr, "interdict shipment: report written to %s\n", *report)
	}
	return exitOK
}

// writeReport writes the HTML report, or prints it to PDF with a headless
// Chromium. The file appears complete or not at all.
func (m *Main) writeReport(ctx context.Context, dec *shipment.Decision, path string) error {
	var page bytes.Buffer
	if err := shipment.WriteHTML(&page, dec); err != nil {
		return err
	}
	if !strings.EqualFold(filepath.Ext(path), ".pdf") {
		return writeFileAtomic(path, page.Bytes())
	}
	browser := m.Getenv("INTERDICT_CHROMIUM")
	if browser == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				browser = p
				break
			}
		}
	}
	if browser == "" {
		return errors.New("a PDF is printed by Chromium, which is not installed (or set INTERDICT_CHROMIUM): write --report FILE.html and print it from a browser")
	}
	tmp, err := os.MkdirTemp("", "interdict-report-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	html := filepath.Join(tmp, "report.html")
	if err := os.WriteFile(html, page.Bytes(), 0o600); err != nil {
		return err
	}
	pdf := filepath.Join(tmp, "report.pdf")
	ctx, cancel := context.WithTimeout(ctx, pdfTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
		"--user-data-dir="+filepath.Join(tmp, "profile"), "--print-to-pdf="+pdf, "file://"+html)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %v: %s", filepath.Base(browser), err, clip(strings.TrimSpace(stderr.String()), 400))
	}
	b, err := os.ReadFile(pdf)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		return fmt.Errorf("%s wrote no PDF: %s", filepath.Base(browser), clip(strings.TrimSpace(stderr.String()), 400))
	}
	return writeFileAtomic(path, b)
}

// writeFileAtomic writes a temporary file beside path and renames it.
func writeFileAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// writeDecision prints a decision for a person: the level, each reason
// with its source, each party's screening, the goods lines' controls,
// the route and the versions.
func writeDecision(w io.Writer, d *shipment.Decision) {
	id := d.ShipmentID
	if id == "" {
		id = "(no id)"
	}
	fmt.Fprintf(w, "shipment %s: %s, %s\n", id, strings.ToUpper(d.Level.String()), plural(len(d.Reasons), "reason", "reasons"))
	if len(d.Reasons) > 0 {
		fmt.Fprintln(w, "\nreasons")
		for i, r := range d.Reasons {
			field := ""
			if r.Field != "" {
				field = " [" + r.Field + "]"
			}
			fmt.Fprintf(w, "  %d. %s %s%s: %s\n", i+1, strings.ToUpper(r.Level.String()), r.Rule, field, oneLine(r.Evidence))
			fmt.Fprintf(w, "     source: %s\n", oneLine(r.Source))
		}
	}
	fmt.Fprintln(w, "\nparties")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, p := range d.Parties {
		res := "no listed name scores " + strconv.FormatFloat(d.MatchFloor, 'f', 2, 64) + " or more"
		switch {
		case d.Snapshot == "":
			res = "not screened (no lists)"
		case len(p.Matches) > 0:
			var ms []string
			for _, mt := range p.Matches {
				a := ""
				if mt.Alert {
					a = " ALERT"
				}
				ms = append(ms, fmt.Sprintf("%s %s %.3f%s", mt.ID, oneLine(mt.Name), mt.Score, a))
			}
			res = strings.Join(ms, "; ")
		}
		for _, a := range p.Addresses {
			res += "; address of " + a.EntityID + " " + oneLine(a.Name)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", strings.ReplaceAll(p.Role, "_", " "), oneLine(p.Party.Name), p.Party.Country, res)
	}
	tw.Flush()
	fmt.Fprintln(w, "\ngoods")
	for _, g := range d.Goods {
		code := "no code"
		if g.HSCode != "" {
			code = goods.HSCode(g.HSCode).Dotted()
		}
		fmt.Fprintf(w, "  %d. %s %s\n", g.Index+1, code, oneLine(g.Description))
		for _, c := range g.Controls {
			how := "by " + c.By
			if !c.Certain {
				how += ", uncertain"
			}
			if len(c.Words) > 0 {
				how += ": " + strings.Join(c.Words, " ")
			}
			fmt.Fprintf(w, "     %s (%s)\n", c.Label, how)
		}
		for _, r := range g.Readings {
			if !r.Listed {
				fmt.Fprintf(w, "     reads as %s %s, on no table\n", strings.Join(r.Codes, ", "), r.Concept)
			}
		}
	}
	if len(d.Route) > 0 {
		var stops []string
		for _, s := range d.Route {
			st := s.Country
			switch {
			case s.Embargoed:
				st += " (embargoed)"
			case s.Transshipment:
				st += " (transshipment point)"
			}
			stops = append(stops, st)
		}
		fmt.Fprintf(w, "\nroute %s\n", strings.Join(stops, " → "))
	}
	snap := d.Snapshot
	if snap == "" {
		snap = "none"
	}
	fmt.Fprintf(w, "\nlists %s, goods tables %s, screened at %s\n", snap, d.GoodsTables, d.ScreenedAt.Format(time.RFC3339))
}

// ---- batches ----------------------------------------------------------

// shipmentLine is one output line of a batch: the decision for input line
// Line, or why it could not be screened.
type shipmentLine struct {
	Line     int                `json:"line"`
	Decision *shipment.Decision `json:"decision,omitempty"`
	Error    string             `json:"error,omitempty"`
	// Problems are the fields of an invalid shipment, one each.
	Problems []shipment.Problem `json:"problems,omitempty"`
	level    shipment.Level
	ok       bool // screened
}

func (m *Main) shipmentBatch(ctx context.Context, d *dirs, inPath, outPath string, workers int, forceProgress bool) int {
	if inPath != "-" && outPath != "-" && sameFile(inPath, outPath) {
		fmt.Fprintf(m.Stderr, "interdict shipment: --out %s would overwrite --batch %s\n", outPath, inPath)
		return exitUsage
	}
	var in io.Reader = m.stdin()
	total := -1
	if inPath != "-" {
		f, err := os.Open(inPath)
		if err != nil {
			fmt.Fprintf(m.Stderr, "interdict shipment: %v\n", err)
			return exitError
		}
		defer f.Close()
		in = f
		total = countLines(inPath)
	}
	start := time.Now()
	ld := m.loadScreener(ctx, d)
	if ld == nil {
		return exitError
	}
	shipment.Warm(ld.snap)
	var w io.Writer = m.Stdout
	var file *os.File
	if outPath != "-" {
		f, err := os.Create(outPath)
		if err != nil {
			fmt.Fprintf(m.Stderr, "interdict shipment: %v\n", err)
			return exitError
		}
		defer f.Close()
		file, w = f, f
	}
	var bar *progressLine
	if forceProgress || isTerminal(m.Stderr) {
		bar = &progressLine{w: m.Stderr, total: total, start: time.Now()}
	}
	st, err := runShipmentBatch(ctx, ld.snap, in, w, workers, bar)
	if bar != nil {
		bar.finish(st.lines)
	}
	if err == nil && file != nil {
		if err = file.Close(); err != nil {
			err = fmt.Errorf("writing: %w", err)
		}
	}
	for _, e := range st.shown {
		fmt.Fprintf(m.Stderr, "interdict shipment: %s\n", e)
	}
	if st.errors > len(st.shown) {
		fmt.Fprintf(m.Stderr, "interdict shipment: … %d more error lines (each has an \"error\" field in the output)\n", st.errors-len(st.shown))
	}
	fmt.Fprintf(m.Stderr, "interdict shipment: %s: %d clear, %d review, %d block, %s; %s of goods in %s (wall %s); lists %s, goods tables %s\n",
		plural(st.lines, "shipment", "shipments"), st.levels[shipment.Clear], st.levels[shipment.Review], st.levels[shipment.Block],
		plural(st.errors, "error", "errors"), plural(st.goods, "line", "lines"), st.took.Round(time.Millisecond),
		time.Since(start).Round(time.Millisecond), ld.snap.Version, goods.Default().Version)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		fmt.Fprintf(m.Stderr, "interdict shipment: interrupted; the first %s of the output are complete\n", plural(st.lines, "line", "lines"))
		return exitInterrupted
	default:
		fmt.Fprintf(m.Stderr, "interdict shipment: %v\n", err)
		return exitError
	}
}

type shipmentStats struct {
	lines, errors, goods int
	levels               [3]int
	shown                []string
	took                 time.Duration
}

// runShipmentBatch screens in line by line on workers goroutines and
// writes the results in input order. At most workers*4 lines are in
// flight.
func runShipmentBatch(ctx context.Context, snap *dataset.Snapshot, in io.Reader, out io.Writer, workers int, bar *progressLine) (shipmentStats, error) {
	start := time.Now()
	type job struct {
		n       int
		line    []byte
		tooLong bool
	}
	type done struct {
		b  []byte
		sl shipmentLine
	}
	br := bufio.NewReaderSize(in, 64<<10)
	n, eof := 0, false
	next := func() (job, error) {
		if eof {
			return job{}, io.EOF
		}
		line, tooLong, err := readBoundedLine(br, shipment.MaxBytes)
		if err != nil && err != io.EOF {
			return job{}, fmt.Errorf("reading: %w", err)
		}
		if err == io.EOF {
			if len(line) == 0 && !tooLong {
				return job{}, io.EOF
			}
			eof = true
		}
		n++
		return job{n: n, line: line, tooLong: tooLong}, nil
	}
	work := func() func(job) done {
		return func(j job) done {
			line := j.line
			if j.tooLong {
				line = []byte{0} // marks the line as too long
			}
			sl := screenLine(ctx, snap, j.n, line)
			b, err := json.Marshal(sl)
			if err != nil {
				b, _ = json.Marshal(shipmentLine{Line: j.n, Error: err.Error()})
			}
			return done{append(b, '\n'), sl}
		}
	}
	var st shipmentStats
	bw := bufio.NewWriterSize(out, 64<<10)
	emit := func(d done) error {
		if _, err := bw.Write(d.b); err != nil {
			return fmt.Errorf("writing: %w", err)
		}
		st.lines++
		if sl := d.sl; sl.ok {
			st.levels[sl.level]++
			st.goods += len(sl.Decision.Goods)
		} else {
			st.errors++
			if len(st.shown) < shownErrors {
				st.shown = append(st.shown, fmt.Sprintf("line %d: %s", sl.Line, sl.Error))
			}
		}
		if bar != nil {
			bar.update(st.lines)
		}
		return nil
	}
	err := pipeline.Run(ctx, workers, workers*4, next, work, emit)
	st.took = time.Since(start)
	if ferr := bw.Flush(); ferr != nil && err == nil {
		err = fmt.Errorf("writing: %w", ferr)
	}
	return st, err
}

// screenLine screens one input line; whatever is wrong becomes the
// line's error.
func screenLine(ctx context.Context, snap *dataset.Snapshot, n int, line []byte) shipmentLine {
	sl := shipmentLine{Line: n}
	switch {
	case len(line) == 1 && line[0] == 0:
		sl.Error = fmt.Sprintf("longer than %d bytes", shipment.MaxBytes)
		return sl
	case len(bytes.TrimSpace(line)) == 0:
		sl.Error = "empty line"
		return sl
	}
	s, err := shipment.DecodeJSON(line)
	if err != nil {
		sl.Error = err.Error()
		var ie *shipment.InvalidError
		if errors.As(err, &ie) {
			sl.Problems = ie.Problems
		}
		return sl
	}
	d, err := shipment.Screen(ctx, snap, s)
	if err != nil {
		sl.Error = err.Error()
		return sl
	}
	sl.Decision, sl.level, sl.ok = d, d.Level, true
	return sl
}

// readBoundedLine reads one line without its end of line, consuming but
// not keeping a line longer than max.
func readBoundedLine(br *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong && len(line)+len(chunk) <= max+2 {
			line = append(line, chunk...)
		} else {
			tooLong, line = true, nil
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) > max {
			tooLong, line = true, nil
		}
		return line, tooLong, err
	}
}

// countLines counts the lines of a file for the progress line; -1 when
// it cannot be read.
func countLines(path string) int {
	f, err := os.Open(path)
	if err != nil {
		return -1
	}
	defer f.Close()
	n, last := 0, byte('\n')
	buf := make([]byte, 64<<10)
	for {
		k, err := f.Read(buf)
		n += bytes.Count(buf[:k], []byte{'\n'})
		if k > 0 {
			last = buf[k-1]
		}
		if err != nil {
			break
		}
	}
	if last != '\n' {
		n++
	}
	return n
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progressLine is a one-line progress bar on stderr, redrawn in place at
// most five times a second: done/total, a bar, the percentage, the rate
// and the time left. Without a total (stdin) it shows the count and rate.
type progressLine struct {
	w     io.Writer
	total int
	start time.Time
	last  time.Time
	drawn bool
}

const barWidth = 30

func (p *progressLine) update(done int) {
	now := time.Now()
	if p.drawn && now.Sub(p.last) < 200*time.Millisecond {
		return
	}
	p.last, p.drawn = now, true
	p.draw(done, now)
}

func (p *progressLine) draw(done int, now time.Time) {
	el := now.Sub(p.start).Seconds()
	rate := 0.0
	if el > 0 {
		rate = float64(done) / el
	}
	if p.total <= 0 {
		fmt.Fprintf(p.w, "\rshipments %d  %.0f/s ", done, rate)
		return
	}
	frac := min(1, float64(done)/float64(p.total))
	fill := int(frac * barWidth)
	bar := strings.Repeat("=", fill)
	if fill < barWidth {
		bar += ">" + strings.Repeat(" ", barWidth-fill-1)
	}
	left := ""
	if rate > 0 && done < p.total {
		left = fmt.Sprintf(", %s left", time.Duration(float64(p.total-done)/rate*float64(time.Second)).Round(time.Second))
	}
	fmt.Fprintf(p.w, "\rshipments %d/%d [%s] %3.0f%% %.0f/s%s ", done, p.total, bar, frac*100, rate, left)
}

func (p *progressLine) finish(done int) {
	if p.total > 0 && done > p.total {
		p.total = done
	}
	p.draw(done, time.Now())
	fmt.Fprintln(p.w)
}
