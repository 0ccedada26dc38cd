package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/country"
	"github.com/interdict/interdict/dataset"
	"github.com/interdict/interdict/screen"
	"github.com/interdict/interdict/source"
)

// screenExplained is how many of the top matches `interdict screen`
// explains in words by default; --explain changes it.
const screenExplained = 3

// screenResult is the JSON form of `interdict screen --json`: the
// version of the snapshot screened against (as the HTTP API names it) and
// the matches, with the fields of the HTTP API.
type screenResult struct {
	Snapshot string            `json:"snapshot"`
	Matches  []interdict.Match `json:"matches"`
}

// Bounds on the attributes of one query (the HTTP API's own): real
// parties have a handful of each, and each one is compared with every
// candidate, so a line of thousands would stall a worker.
const (
	maxAttrs     = 16  // birth dates, countries, identifiers
	maxAttrBytes = 256 // one of them
)

// loaded is the snapshot built over the loaded lists, and what loading
// took.
type loaded struct {
	cat      *source.Catalog
	snap     *dataset.Snapshot // nil for compare without lists
	screener *screen.Screener
	loadTook time.Duration
}

// loadScreener loads the lists (reporting any failure on stderr, as
// m.load does) and builds the snapshot over them. It returns nil when no
// list could be loaded.
func (m *Main) loadScreener(ctx context.Context, d *dirs) *loaded {
	start := time.Now()
	cat := m.load(ctx, d)
	if cat == nil {
		return nil
	}
	return newLoaded(cat, time.Since(start))
}

func newLoaded(cat *source.Catalog, loadTook time.Duration) *loaded {
	snap := dataset.Build(cat, time.Now())
	// Parsing the files and building the index leave several times the
	// index's size in garbage; hand it back to the OS now rather than keep
	// it in the process's resident set for the whole run.
	debug.FreeOSMemory()
	return &loaded{cat: cat, snap: snap, screener: snap.Screener, loadTook: loadTook}
}

// repeated is a flag that may be given several times; each use adds one
// value.
type repeated []string

func (r *repeated) String() string { return strings.Join(*r, ",") }
func (r *repeated) Set(v string) error {
	*r = append(*r, v)
	return nil
}

// queryFlags are the flags that describe a party to screen, shared by
// screen (and the defaults of batch).
type queryFlags struct {
	kind      string
	dobs      repeated
	countries repeated
	ids       repeated
	sources   repeated
	limit     int
	minScore  float64
}

func (qf *queryFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&qf.kind, "kind", "", "kind of party: person, organization, vessel, aircraft (a soft signal; unknown kinds are never excluded)")
	fs.Var(&qf.dobs, "dob", "birth date YYYY, YYYY-MM or YYYY-MM-DD (repeatable)")
	fs.Var(&qf.countries, "country", "country: ISO code or name, e.g. RU, IRN, Iran (repeatable)")
	fs.Var(&qf.ids, "id", "identifier: VALUE or TYPE:VALUE, e.g. imo:9253325, passport:AB123456 (repeatable)")
	fs.Var(&qf.sources, "source", "search only this list, e.g. ofac-sdn, uk, un (repeatable; default: all)")
	fs.IntVar(&qf.limit, "limit", screen.DefaultLimit, fmt.Sprintf("at most this many matches (1..%d)", screen.MaxLimit))
	fs.Float64Var(&qf.minScore, "min-score", screen.DefaultFloor, "drop matches scoring below this (0..1)")
}

// flagError is a bad flag value: it names the flag and exits 2.
type flagError struct {
	flag, value, want string
}

func (e *flagError) Error() string {
	return fmt.Sprintf("--%s %q: %s", e.flag, e.value, e.want)
}

// query builds the query the flags describe around names. It checks every
// value and names the flag of the first bad one.
func (qf *queryFlags) query(names []string) (*interdict.Query, error) {
	q := &interdict.Query{Names: names, Limit: qf.limit, MinScore: qf.minScore}
	for _, f := range []struct {
		name string
		vs   []string
	}{{"dob", qf.dobs}, {"country", qf.countries}, {"id", qf.ids}} {
		if len(f.vs) > maxAttrs {
			return nil, &flagError{f.name, f.vs[maxAttrs], fmt.Sprintf("given %d times, at most %d", len(f.vs), maxAttrs)}
		}
		for _, v := range f.vs {
			if len(v) > maxAttrBytes {
				return nil, &flagError{f.name, clip(v, 32), fmt.Sprintf("%d bytes, at most %d", len(v), maxAttrBytes)}
			}
		}
	}
	if qf.kind != "" {
		k, ok := interdict.ParseKind(qf.kind)
		if !ok {
			return nil, &flagError{"kind", qf.kind, "want person, organization, vessel, aircraft or unknown"}
		}
		q.Kind = k
	}
	for _, v := range qf.dobs {
		d, err := interdict.ParseISODate(v)
		if err != nil {
			return nil, &flagError{"dob", v, "want YYYY, YYYY-MM or YYYY-MM-DD"}
		}
		q.BirthDates = append(q.BirthDates, d)
	}
	for _, v := range qf.countries {
		c, ok := country.Code(v)
		if !ok {
			return nil, &flagError{"country", v, "not a country (give an ISO 3166 code such as RU or IRN, or a name)"}
		}
		q.Countries = append(q.Countries, c)
	}
	for _, v := range qf.ids {
		id, ok := parseIdentifier(v)
		if !ok {
			return nil, &flagError{"id", v, "want VALUE or TYPE:VALUE with a non-empty value"}
		}
		q.Identifiers = append(q.Identifiers, id)
	}
	q.Sources = append(q.Sources, qf.sources...)
	if qf.limit < 1 || qf.limit > screen.MaxLimit {
		return nil, &flagError{"limit", strconv.Itoa(qf.limit), fmt.Sprintf("want 1..%d", screen.MaxLimit)}
	}
	if !(qf.minScore >= 0 && qf.minScore <= 1) { // also refuses NaN
		return nil, &flagError{"min-score", strconv.FormatFloat(qf.minScore, 'g', -1, 64), "want 0..1"}
	}
	return q, nil
}

// idTypes are the identifier types --id and the batch "identifier" field
// accept as a TYPE: prefix.
var idTypes = map[string]interdict.IDType{}

func init() {
	for _, t := range []interdict.IDType{interdict.IDPassport, interdict.IDNational, interdict.IDTax, interdict.IDRegistration,
		interdict.IDIMO, interdict.IDMMSI, interdict.IDCallSign, interdict.IDAircraftSerial, interdict.IDAircraftTail,
		interdict.IDSWIFT, interdict.IDEmail, interdict.IDWebsite, interdict.IDCrypto, interdict.IDPhone, interdict.IDOther} {
		idTypes[string(t)] = t
	}
}

// parseIdentifier reads "VALUE" or "TYPE:VALUE" where TYPE is one of the
// identifier types; a prefix that is not a type is part of the value.
func parseIdentifier(s string) (interdict.Identifier, bool) {
	s = strings.TrimSpace(s)
	var id interdict.Identifier
	if t, v, ok := strings.Cut(s, ":"); ok {
		if typ, known := idTypes[strings.ToLower(strings.TrimSpace(t))]; known {
			id.Type, s = typ, strings.TrimSpace(v)
		}
	}
	id.Value = s
	return id, s != ""
}

// checkSources refuses a --source that no loaded list holds: searching it
// would silently find nothing.
func checkSources(s *screen.Screener, cat *source.Catalog, sources []string) error {
	for _, src := range sources {
		if !s.HasSource(src) {
			var have []string
			for _, l := range cat.Lists {
				if len(l.Live.Entities) > 0 {
					have = append(have, l.Source)
				}
			}
			return &flagError{"source", src, "no such list is loaded (loaded: " + strings.Join(have, ", ") + ")"}
		}
	}
	return nil
}

func (m *Main) runScreen(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("screen", &d)
	var qf queryFlags
	qf.register(fs)
	asJSON := fs.Bool("json", false, "print {\"snapshot\", \"matches\"} as JSON, with explanations")
	explainN := fs.Int("explain", screenExplained, "explain this many of the top matches in words (text output)")
	fs.Usage = func() {
		fmt.Fprintln(m.Stderr, "usage: interdict screen NAME [--kind K] [--dob D] [--country C] [--id ID] [--source S] [--limit N] [--min-score X] [--json]")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) == 0 {
		fs.Usage()
		return exitUsage
	}
	// Words given unquoted ("screen Vladimir Putin") are one name.
	q, err := qf.query([]string{strings.Join(pos, " ")})
	if err == nil {
		err = screen.Validate(q)
	}
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict screen: %v\n", err)
		return exitUsage
	}
	if *explainN < 0 {
		fmt.Fprintf(m.Stderr, "interdict screen: %v\n", &flagError{"explain", strconv.Itoa(*explainN), "want 0 or more"})
		return exitUsage
	}
	ld := m.loadScreener(ctx, &d)
	if ld == nil {
		return exitError
	}
	if err := checkSources(ld.screener, ld.cat, q.Sources); err != nil {
		fmt.Fprintf(m.Stderr, "interdict screen: %v\n", err)
		return exitUsage
	}
	matches, err := ld.screener.Screen(q, true)
	if err != nil {
		code := exitError
		if errors.Is(err, screen.ErrBadQuery) {
			code = exitUsage
		}
		fmt.Fprintf(m.Stderr, "interdict screen: %v\n", err)
		return code
	}
	if matches == nil {
		matches = []interdict.Match{}
	}
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(screenResult{Snapshot: ld.snap.Version, Matches: matches}); err != nil {
			fmt.Fprintf(m.Stderr, "interdict: %v\n", err)
			return exitError
		}
		return exitOK
	}
	writeMatches(m.Stdout, q, matches, ld.screener.Threshold, *explainN)
	fmt.Fprintf(m.Stdout, "\nsnapshot %s: %s in %s\n", ld.snap.Version, plural(ld.snap.Entities(), "entity", "entities"),
		plural(len(ld.cat.Lists), "list", "lists"))
	return exitOK
}

// writeMatches prints the ranked table and explains the top explainN
// matches in words.
func writeMatches(w io.Writer, q *interdict.Query, matches []interdict.Match, threshold float64, explainN int) {
	if len(matches) == 0 {
		floor := q.MinScore
		if floor <= 0 {
			floor = screen.DefaultFloor
		}
		fmt.Fprintf(w, "no match for %q scores %.2f or more (alerts at %.2f)\n", q.Names[0], floor, threshold)
		return
	}
	alerts := 0
	for _, mt := range matches {
		if mt.Alert {
			alerts++
		}
	}
	fmt.Fprintf(w, "%s for %q, %s (alert at score ≥ %.2f)\n\n", plural(len(matches), "match", "matches"), q.Names[0],
		plural(alerts, "alert", "alerts"), threshold)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tscore\talert\tid\tsource\tkind\tname\tmatched name")
	for i, mt := range matches {
		mark := ""
		if mt.Alert {
			mark = "ALERT"
		}
		matched := mt.MatchedName
		if matched == mt.Name {
			matched = "(same)"
		}
		fmt.Fprintf(tw, "%d\t%.3f\t%s\t%s\t%s\t%s\t%s\t%s\n", i+1, mt.Score, mark, mt.ID, mt.Source, mt.Kind,
			oneLine(mt.Name), oneLine(matched))
	}
	tw.Flush()
	for i, mt := range matches[:min(explainN, len(matches))] {
		fmt.Fprintf(w, "\n%d. %s %s: score %.3f", i+1, mt.ID, oneLine(mt.Name), mt.Score)
		if mt.Alert {
			fmt.Fprint(w, ", ALERT")
		}
		fmt.Fprintln(w)
		writeExplanation(w, mt.Explanation, mt.Score, "   ")
	}
}

// writeExplanation says in words how a score was reached: which names
// met, how each token compared and weighed, and each attribute's effect.
func writeExplanation(w io.Writer, ex *interdict.Explanation, final float64, pre string) {
	if ex == nil {
		fmt.Fprintf(w, "%sno explanation available\n", pre)
		return
	}
	if ex.QueryName == "" && len(ex.Tokens) == 0 {
		fmt.Fprintf(w, "%sno name in common: found by identifier alone\n", pre)
	} else {
		nt := string(ex.NameType)
		if nt == "" {
			nt = "listed"
		}
		fmt.Fprintf(w, "%sthe query name %q met the %s name %q: name score %.3f\n", pre, oneLine(ex.QueryName), nameTypeWords(nt), oneLine(ex.ListedName), ex.NameScore)
		for _, t := range ex.Tokens {
			fmt.Fprintf(w, "%s  - %s\n", pre, tokenWords(t))
		}
	}
	for _, a := range ex.Adjustments {
		fmt.Fprintf(w, "%s  %+.3f %s: %s\n", pre, a.Delta, strings.ReplaceAll(a.Attribute, "_", " "), a.Reason)
	}
	if len(ex.Adjustments) > 0 {
		sum := ex.NameScore
		for _, a := range ex.Adjustments {
			sum += a.Delta
		}
		note := ""
		switch {
		case sum > 1.0005:
			note = " (a score is at most 1)"
		case sum < -0.0005:
			note = " (a score is at least 0)"
		}
		fmt.Fprintf(w, "%s  = %.3f after adjustments%s\n", pre, final, note)
	}
}

func nameTypeWords(nt string) string {
	switch interdict.NameType(nt) {
	case interdict.NameAKA:
		return "alias (a.k.a.)"
	case interdict.NameFKA:
		return "former name (f.k.a.)"
	case interdict.NameWeakAKA:
		return "weak alias"
	}
	return nt
}

// tokenWords says how one token pair compared, in words.
func tokenWords(t interdict.TokenMatch) string {
	switch {
	case t.How == "unmatched" && t.Query != "":
		return fmt.Sprintf("query token %q has no counterpart in the listed name (%.0f%% of the query name's weight)", t.Query, t.Weight*100)
	case t.How == "unmatched":
		return fmt.Sprintf("listed token %q has no counterpart in the query (%.0f%% of the listed name's weight)", t.Listed, t.Weight*100)
	}
	var how string
	switch t.How {
	case "exact":
		how = "%q is the same as %q"
	case "phonetic":
		how = "%q sounds like %q"
	case "skeleton":
		how = "%q has the same consonants as %q"
	case "fuzzy":
		how = "%q is spelled close to %q"
	case "initial":
		how = "%q and %q: one is the other's initial"
	case "joined":
		how = "%q and %q: the same, written as one word or two"
	case "prefix":
		how = "%q and %q: one begins the other"
	default:
		how = "%q and %q compare (" + strings.ReplaceAll(t.How, "%", "%%") + ")"
	}
	return fmt.Sprintf(how+": similarity %.2f, %.0f%% of the query name's weight", t.Query, t.Listed, t.Similarity, t.Weight*100)
}

// clip shortens s to at most n bytes, on a rune boundary, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// oneLine keeps a table cell on one line.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\t\r\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
