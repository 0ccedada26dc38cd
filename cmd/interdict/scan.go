package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/interdict/interdict/document"
	"github.com/interdict/interdict/scan"
)

// scanOutput is the JSON of `interdict scan --json`: the snapshot, what
// was read, and the scan's result (mentions with byte and rune offsets
// into the extracted text, the match and its sentence).
type scanOutput struct {
	Snapshot string       `json:"snapshot"`
	Document scanDocument `json:"document"`
	Result   *scan.Result `json:"result"`
}

// scanDocument describes the input scanned.
type scanDocument struct {
	Name   string          `json:"name"`
	Format document.Format `json:"format"`
	Notes  []string        `json:"notes,omitempty"`
	// Bytes is the size of the input; the result's bytes are those of the
	// text extracted from it, which its offsets count in.
	Bytes int64 `json:"bytes"`
}

func (m *Main) runScan(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("scan", &d)
	var sources repeated
	fs.Var(&sources, "source", "search only this list, e.g. ofac-sdn, uk, un (repeatable; default: all)")
	minScore := fs.Float64("min-score", 0, "report mentions scoring at least this (0..1; default: the alert threshold)")
	asJSON := fs.Bool("json", false, "print the mentions as JSON, with byte and rune offsets")
	explain := fs.Bool("explain", false, "explain each mention's match (text: in words; JSON: the explanation)")
	noRepeats := fs.Bool("no-repeats", false, "do not report a surname repeated after the person's full name")
	maxBytes := fs.Int64("max-bytes", document.DefaultLimits.MaxInput, "refuse an input larger than this many bytes")
	fs.Usage = func() {
		fmt.Fprintln(m.Stderr, "usage: interdict scan FILE|- [--json] [--min-score X] [--source S] [--explain] [--data DIR]")
		fmt.Fprintln(m.Stderr, "Finds listed people, organisations and vessels named in a text, HTML, PDF or DOCX document.")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 {
		fs.Usage()
		return exitUsage
	}
	if !(*minScore >= 0 && *minScore <= 1) {
		fmt.Fprintf(m.Stderr, "interdict scan: %v\n", &flagError{"min-score", strconv.FormatFloat(*minScore, 'g', -1, 64), "want 0..1"})
		return exitUsage
	}
	if *maxBytes <= 0 {
		fmt.Fprintf(m.Stderr, "interdict scan: %v\n", &flagError{"max-bytes", strconv.FormatInt(*maxBytes, 10), "want a positive size"})
		return exitUsage
	}
	lim := document.DefaultLimits
	lim.MaxInput = *maxBytes
	lim.PDFToText = m.Getenv("INTERDICT_PDFTOTEXT")

	// The input is read and checked before the lists are loaded: a bad
	// file is told at once.
	doc, info, code := m.readDocument(ctx, pos[0], lim)
	if doc == nil {
		return code
	}
	ld := m.loadScreener(ctx, &d)
	if ld == nil {
		return exitError
	}
	if err := checkSources(ld.screener, ld.cat, sources); err != nil {
		fmt.Fprintf(m.Stderr, "interdict scan: %v\n", err)
		return exitUsage
	}
	res, err := scan.New(ld.screener).Scan(ctx, doc.Text, scan.Options{MinScore: *minScore, Sources: sources, Explain: *explain, NoRepeats: *noRepeats})
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict scan: %s: %v\n", info.Name, err)
		if errors.Is(err, scan.ErrTooLarge) {
			return exitUsage
		}
		return exitError
	}
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(scanOutput{Snapshot: ld.snap.Version, Document: info, Result: res}); err != nil {
			fmt.Fprintf(m.Stderr, "interdict: %v\n", err)
			return exitError
		}
		return exitOK
	}
	writeScan(m.Stdout, info, doc.Text, res, *explain)
	fmt.Fprintf(m.Stdout, "\nsnapshot %s: %s in %s\n", ld.snap.Version, plural(ld.snap.Entities(), "entity", "entities"),
		plural(len(ld.cat.Lists), "list", "lists"))
	return exitOK
}

// readDocument reads FILE (or stdin for "-") and extracts its text. On
// failure it says why on stderr and returns nil with the exit code: 2 for
// input that cannot be scanned (empty, binary, corrupt, too large), 1 for
// a fault of this machine (unreadable file, pdftotext missing).
func (m *Main) readDocument(ctx context.Context, path string, lim document.Limits) (*document.Document, scanDocument, int) {
	info := scanDocument{Name: path}
	var r io.Reader
	if path == "-" {
		info.Name = "stdin"
		r = m.Stdin
		if r == nil {
			r = os.Stdin
		}
	} else {
		st, err := os.Stat(path)
		if err != nil {
			fmt.Fprintf(m.Stderr, "interdict scan: %v\n", err)
			return nil, info, exitError
		}
		if st.IsDir() {
			fmt.Fprintf(m.Stderr, "interdict scan: %s is a directory; give a file (text, HTML, PDF or DOCX)\n", path)
			return nil, info, exitUsage
		}
		// (refused before reading: a 2 GB file is never held in memory)
		if st.Size() > lim.MaxInput {
			fmt.Fprintf(m.Stderr, "interdict scan: %s: the file is %s, more than %s (the limit; --max-bytes raises it, or split the file)\n",
				path, document.Size(st.Size()), document.Size(lim.MaxInput))
			return nil, info, exitUsage
		}
		f, err := os.Open(path)
		if err != nil {
			fmt.Fprintf(m.Stderr, "interdict scan: %v\n", err)
			return nil, info, exitError
		}
		defer f.Close()
		r = f
		info.Bytes = st.Size()
	}
	cr := &countingReader{r: r}
	doc, err := document.Read(ctx, cr, info.Name, lim)
	info.Bytes = cr.n
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict scan: %v\n", err)
		switch {
		case errors.Is(err, document.ErrNoPDFTool):
			return nil, info, exitError
		case errors.Is(err, document.ErrEmpty), errors.Is(err, document.ErrUnsupported), errors.Is(err, document.ErrCorrupt), errors.Is(err, document.ErrTooLarge):
			return nil, info, exitUsage
		}
		return nil, info, exitError
	}
	if len(doc.Text) > scan.MaxTextBytes {
		fmt.Fprintf(m.Stderr, "interdict scan: %s: its text is %s, more than the scanner's %s; split it\n", info.Name,
			document.Size(int64(len(doc.Text))), document.Size(scan.MaxTextBytes))
		return nil, info, exitUsage
	}
	info.Format, info.Notes = doc.Format, doc.Notes
	return doc, info, exitOK
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// writeScan prints the mentions: a summary line, then each mention with
// its offsets, score, match and sentence.
func writeScan(w io.Writer, info scanDocument, text string, res *scan.Result, explain bool) {
	what := string(info.Format)
	if len(info.Notes) > 0 {
		what += ", " + strings.Join(info.Notes, ", ")
	}
	fmt.Fprintf(w, "%s (%s): %s of text, %s, %s; %s, %s (alert at score ≥ %.2f)\n", info.Name, what,
		document.Size(int64(res.Bytes)), plural(res.Words, "word", "words"), plural(res.Sentences, "sentence", "sentences"),
		plural(len(res.Mentions), "mention", "mentions"), plural(res.Alerts, "alert", "alerts"), res.Threshold)
	if res.Truncated {
		fmt.Fprintln(w, "(more mentions were found than are shown)")
	}
	for i, mt := range res.Mentions {
		mark := ""
		if mt.Alert {
			mark = "ALERT "
		}
		fmt.Fprintf(w, "\n%d. %q at bytes %d-%d (runes %d-%d): %s%.3f %s %s %s", i+1, oneLine(mt.Text), mt.Start, mt.End,
			mt.RuneStart, mt.RuneEnd, mark, mt.Score, mt.Match.ID, mt.Match.Kind, oneLine(mt.Match.Name))
		if mt.Match.MatchedName != mt.Match.Name {
			fmt.Fprintf(w, " (as %q)", oneLine(mt.Match.MatchedName))
		}
		fmt.Fprintln(w)
		if mt.Repeats != nil {
			fmt.Fprintf(w, "   the surname of mention %d, repeated\n", *mt.Repeats+1)
		}
		if len(mt.Also) > 0 {
			var ids []string
			for _, a := range mt.Also {
				ids = append(ids, fmt.Sprintf("%s %.3f", a.ID, a.Score))
			}
			fmt.Fprintf(w, "   also: %s\n", strings.Join(ids, ", "))
		}
		s := mt.Sentence
		pre, post := "", ""
		if s.Clipped {
			pre, post = "…", "…"
		}
		fmt.Fprintf(w, "   %s%s[%s]%s%s\n", pre, flat(text[s.Start:mt.Start]), flat(mt.Text), flat(text[mt.End:s.End]), post)
		if explain && mt.Match.Explanation != nil {
			writeExplanation(w, mt.Match.Explanation, mt.Score, "   ")
		}
	}
}

// flat puts text on one line: each run of white space becomes one space,
// at the ends too (oneLine would drop those).
func flat(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v' || r == '\u00a0' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}
