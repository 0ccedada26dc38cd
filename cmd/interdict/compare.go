package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/index"
	"github.com/interdict/interdict/screen"
	"github.com/interdict/interdict/source"
)

// compareResult is the JSON form of `interdict compare --json`.
type compareResult struct {
	Name1     string  `json:"name1"`
	Name2     string  `json:"name2"`
	Kind      string  `json:"kind"`
	Score     float64 `json:"score"`
	Match     bool    `json:"match"`
	Threshold float64 `json:"threshold"`
	// Weights says where token weights came from: "lists" (document
	// frequencies of the loaded lists) or "uniform" (no list loaded).
	Weights     string                 `json:"weights"`
	Snapshot    string                 `json:"snapshot,omitempty"`
	Explanation *interdict.Explanation `json:"explanation"`
}

func (m *Main) runCompare(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("compare", &d)
	kindFlag := fs.String("kind", "", "kind of both parties: person, organization, vessel, aircraft (with --pairs: where the schema column is empty)")
	pairs := fs.String("pairs", "", "score every row of this CSV (case_group,schema,name1,name2[,…] with a header; - for stdin)")
	outPath := fs.String("out", "", "with --pairs: write the scored CSV here (default stdout)")
	asJSON := fs.Bool("json", false, "print the score and explanation as JSON")
	fs.Usage = func() {
		fmt.Fprintln(m.Stderr, "usage: interdict compare [--kind K] [--json] NAME1 NAME2")
		fmt.Fprintln(m.Stderr, "       interdict compare --pairs FILE.csv [--out FILE]")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	var kind interdict.Kind
	if *kindFlag != "" {
		k, ok := interdict.ParseKind(*kindFlag)
		if !ok {
			fmt.Fprintf(m.Stderr, "interdict compare: %v\n", &flagError{"kind", *kindFlag, "want person, organization, vessel, aircraft or unknown"})
			return exitUsage
		}
		kind = k
	}
	switch {
	case *pairs != "" && len(pos) > 0:
		fmt.Fprintln(m.Stderr, "interdict compare: give either --pairs FILE or two names, not both")
		return exitUsage
	case *pairs == "" && *outPath != "":
		fmt.Fprintln(m.Stderr, "interdict compare: --out goes with --pairs")
		return exitUsage
	case *pairs == "" && len(pos) != 2:
		fs.Usage()
		return exitUsage
	case *pairs != "" && *asJSON:
		fmt.Fprintln(m.Stderr, "interdict compare: --json is for one pair; --pairs writes CSV")
		return exitUsage
	}
	if *pairs == "" {
		for i, n := range pos {
			if err := checkName(n); err != nil {
				fmt.Fprintf(m.Stderr, "interdict compare: NAME%d: %v\n", i+1, err)
				return exitUsage
			}
		}
	}
	if *pairs != "" && *pairs != "-" && *outPath != "" && *outPath != "-" && sameFile(*pairs, *outPath) {
		fmt.Fprintf(m.Stderr, "interdict compare: --out %s would overwrite --pairs %s\n", *outPath, *pairs)
		return exitUsage
	}

	// Open the pairs before loading lists: a wrong path fails at once.
	var in io.Reader
	switch *pairs {
	case "":
	case "-":
		in = m.stdin()
	default:
		f, err := os.Open(*pairs)
		if err != nil {
			fmt.Fprintf(m.Stderr, "interdict compare: %v\n", err)
			return exitError
		}
		defer f.Close()
		in = f
	}

	ld, err := m.compareLists(ctx, &d)
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict compare: %v\n", err)
		return exitError
	}
	if *pairs != "" {
		return m.comparePairs(ctx, ld, in, *pairs, *outPath, kind)
	}

	s := ld.screener
	score, ex, err := s.Compare(pos[0], pos[1], kind)
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict compare: %v\n", err)
		return exitUsage
	}
	res := compareResult{Name1: pos[0], Name2: pos[1], Kind: string(kind), Score: score, Match: score >= s.Threshold,
		Threshold: s.Threshold, Weights: "uniform", Explanation: ex}
	if res.Kind == "" {
		res.Kind = string(interdict.KindUnknown)
	}
	if ld.snap != nil {
		res.Weights, res.Snapshot = "lists", ld.snap.Version
	}
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			fmt.Fprintf(m.Stderr, "interdict: %v\n", err)
			return exitError
		}
		return exitOK
	}
	verdict := "no match"
	if res.Match {
		verdict = "MATCH"
	}
	fmt.Fprintf(m.Stdout, "%q vs %q: score %.3f, %s at the default threshold %.2f\n", oneLine(pos[0]), oneLine(pos[1]), score, verdict, s.Threshold)
	if len(ex.Tokens) == 0 {
		fmt.Fprintln(m.Stdout, "  no token of one name could be paired with a token of the other")
	}
	for _, t := range ex.Tokens {
		fmt.Fprintf(m.Stdout, "  - %s\n", tokenWords(t))
	}
	if ld.snap != nil {
		fmt.Fprintf(m.Stdout, "token weights from snapshot %s (%s)\n", ld.snap.Version, plural(ld.snap.Entities(), "entity", "entities"))
	}
	return exitOK
}

// checkName refuses a name that cannot be compared, before any list is
// loaded.
func checkName(n string) error {
	if strings.TrimSpace(n) == "" {
		return errors.New("empty name")
	}
	q := interdict.Query{Names: []string{n}}
	return screen.Validate(&q)
}

// compareLists loads the lists for their token weights. When none can be
// loaded it says so on stderr and returns a screener over an empty index:
// every token then weighs the same. Only a cancelled context is an error.
func (m *Main) compareLists(ctx context.Context, d *dirs) (*loaded, error) {
	var cat *source.Catalog
	var err error
	if d.data != "" {
		cat, err = source.Load(ctx, d.data)
	} else {
		cat, err = source.LoadState(ctx, d.stateDir(m.Getenv))
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err == nil && len(cat.Entities()) == 0 {
		err = errors.New("the lists hold no entity")
	}
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict compare: no lists loaded (%v);\n  comparing with uniform token weights: rare and common name parts weigh alike (give --data DIR for list-based weights)\n", err)
		return &loaded{screener: screen.New(index.Build(nil))}, nil
	}
	return newLoaded(cat, 0), nil
}

// ftmKind maps a FollowTheMoney schema name to a kind.
func ftmKind(schema string) interdict.Kind {
	switch strings.ToLower(strings.TrimSpace(schema)) {
	case "person":
		return interdict.KindPerson
	case "company", "organization", "legalentity", "publicbody":
		return interdict.KindOrganization
	case "vessel":
		return interdict.KindVessel
	case "airplane":
		return interdict.KindAircraft
	}
	return interdict.KindUnknown
}

// confusion counts labelled pairs by label and prediction.
type confusion struct{ tp, fp, fn, tn int }

func (c confusion) String() string {
	n := c.tp + c.fp + c.fn + c.tn
	ratio := func(a, b int) string {
		if b == 0 {
			return "n/a"
		}
		return strconv.FormatFloat(float64(a)/float64(b), 'f', 3, 64)
	}
	f1 := "n/a"
	if 2*c.tp+c.fp+c.fn > 0 {
		f1 = strconv.FormatFloat(2*float64(c.tp)/float64(2*c.tp+c.fp+c.fn), 'f', 3, 64)
	}
	return fmt.Sprintf("precision %s, recall %s, F1 %s, accuracy %s (%d labelled: %d true positives, %d false positives, %d false negatives, %d true negatives)",
		ratio(c.tp, c.tp+c.fp), ratio(c.tp, c.tp+c.fn), f1, ratio(c.tp+c.tn, n), n, c.tp, c.fp, c.fn, c.tn)
}

// parseLabel reads an is_match cell; ok is false for an empty or unknown
// label, which is left out of the figures.
func parseLabel(s string) (v, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "t", "1", "yes", "y":
		return true, true
	case "false", "f", "0", "no", "n":
		return false, true
	}
	return false, false
}

// comparePairs scores every row of a CSV of name pairs and writes the rows
// back with score and match columns; the summary goes to stderr.
func (m *Main) comparePairs(ctx context.Context, ld *loaded, in io.Reader, inPath, outPath string, defKind interdict.Kind) int {
	r := csv.NewReader(bufio.NewReaderSize(in, 64<<10))
	r.FieldsPerRecord = -1 // rows short of columns are reported one by one
	header, err := r.Read()
	if err != nil {
		if err == io.EOF {
			err = errors.New("empty file")
		}
		fmt.Fprintf(m.Stderr, "interdict compare: %s: %v\n", inPath, err)
		return exitUsage
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	c1, ok1 := col["name1"]
	c2, ok2 := col["name2"]
	if !ok1 || !ok2 {
		fmt.Fprintf(m.Stderr, "interdict compare: %s: the header row must name the columns name1 and name2 (got %s)\n", inPath, strings.Join(header, ","))
		return exitUsage
	}
	cSchema, hasSchema := col["schema"]
	cLabel, hasLabel := col["is_match"]
	for _, c := range []string{"score", "match"} {
		if _, ok := col[c]; ok {
			fmt.Fprintf(m.Stderr, "interdict compare: note: %s already has a %q column; another is appended\n", inPath, c)
		}
	}

	var out io.Writer = m.Stdout
	var file *os.File
	if outPath != "" && outPath != "-" {
		file, err = os.Create(outPath)
		if err != nil {
			fmt.Fprintf(m.Stderr, "interdict compare: %v\n", err)
			return exitError
		}
		defer file.Close()
		out = file
	}
	bw := bufio.NewWriterSize(out, 64<<10)
	w := csv.NewWriter(bw)
	if err := w.Write(append(header[:len(header):len(header)], "score", "match")); err != nil {
		fmt.Fprintf(m.Stderr, "interdict compare: %v\n", err)
		return exitError
	}

	s := ld.screener
	var conf confusion
	pairs, bad, unlabelled := 0, 0, 0
	badRow := func(line int, format string, a ...any) {
		bad++
		if bad <= 5 {
			fmt.Fprintf(m.Stderr, "interdict compare: %s line %d: %s\n", inPath, line, fmt.Sprintf(format, a...))
		}
	}
	code := exitOK
	for {
		if ctx.Err() != nil {
			fmt.Fprintf(m.Stderr, "interdict compare: interrupted after %s\n", plural(pairs, "pair", "pairs"))
			code = exitError
			break
		}
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// A broken quote leaves the rest of the file unreliable.
			fmt.Fprintf(m.Stderr, "interdict compare: %s: %v; stopped there\n", inPath, err)
			code = exitError
			break
		}
		line, _ := r.FieldPos(0)
		pairs++
		if len(rec) <= max(c1, c2) {
			badRow(line, "%d columns, the header names %d", len(rec), len(header))
			w.Write(append(rec, "", ""))
			continue
		}
		kind := defKind
		if hasSchema && cSchema < len(rec) && strings.TrimSpace(rec[cSchema]) != "" {
			kind = ftmKind(rec[cSchema])
		}
		score, _, err := s.Compare(rec[c1], rec[c2], kind)
		if err != nil {
			badRow(line, "%v", err)
			w.Write(append(rec, "", ""))
			continue
		}
		match := score >= s.Threshold
		w.Write(append(rec, strconv.FormatFloat(score, 'f', 3, 64), strconv.FormatBool(match)))
		if !hasLabel {
			continue
		}
		label, ok := false, false
		if cLabel < len(rec) {
			label, ok = parseLabel(rec[cLabel])
		}
		switch {
		case !ok:
			unlabelled++
		case label && match:
			conf.tp++
		case label:
			conf.fn++
		case match:
			conf.fp++
		default:
			conf.tn++
		}
	}
	w.Flush()
	err = w.Error()
	if err == nil {
		err = bw.Flush()
	}
	if err == nil && file != nil {
		err = file.Close()
	}
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict compare: writing: %v\n", err)
		return exitError
	}

	weights := "uniform token weights (no list loaded)"
	if ld.snap != nil {
		weights = fmt.Sprintf("token weights from snapshot %s (%s)", ld.snap.Version, plural(ld.snap.Entities(), "entity", "entities"))
	}
	fmt.Fprintf(m.Stderr, "interdict compare: %s", plural(pairs, "pair", "pairs"))
	if bad > 0 {
		fmt.Fprintf(m.Stderr, ", %d not scored", bad)
	}
	fmt.Fprintf(m.Stderr, "; %s\n", weights)
	if hasLabel {
		fmt.Fprintf(m.Stderr, "at the default threshold %.2f: %s\n", s.Threshold, conf)
		if unlabelled > 0 {
			fmt.Fprintf(m.Stderr, "%s without a true/false is_match left out of the figures\n", plural(unlabelled, "row", "rows"))
		}
	}
	// Rows that could not be scored are counted and written back with
	// empty score and match cells; like bad batch lines, they do not fail
	// the run.
	return code
}

// sameFile reports whether two paths name one existing file.
func sameFile(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false
	}
	return os.SameFile(fa, fb)
}
