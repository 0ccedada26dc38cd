// Package gaps compares the allies' lists: for each cluster of records
// that are one party (package resolve), which allies list it and under
// what regime, and which do not. An ally whose list is loaded only as an
// excerpt, or is much older than the others, or older than a designation
// by another ally, answers "unknown" rather than "not listed": its
// silence says nothing. The report shows each list's coverage and date.
package gaps

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/resolve"
	"github.com/interdict/interdict/source"
)

// Ally is a government and its lists.
type Ally struct {
	Code string `json:"code"`
	Name string `json:"name"`
	// Primary is the list that decides "not listed": absent from it, a
	// party is not designated by the ally (when the list is full and
	// current).
	Primary string `json:"primary"`
	// Sources are every list of the ally; a record on any of them lists
	// the party.
	Sources []string `json:"sources"`
}

// Allies are the governments Interdict knows, in report order. Japan's is
// METI's End User List (export control): the Ministry of Finance's asset
// freeze list is not loaded by any source yet.
var Allies = []Ally{
	{"us", "United States", "ofac-sdn", []string{"ofac-sdn", "ofac-cons", "us-1260h", "us-mieu", "us-dpl", "csl"}},
	{"uk", "United Kingdom", "uk", []string{"uk"}},
	{"eu", "European Union", "eu", []string{"eu"}},
	{"un", "United Nations", "un", []string{"un"}},
	{"ca", "Canada", "ca", []string{"ca"}},
	{"au", "Australia", "au", []string{"au"}},
	{"jp", "Japan", "jp-meti", []string{"jp-meti"}},
	{"ua", "Ukraine", "ua-war", []string{"ua-war"}},
}

// DefaultAllies are the allies a report covers unless told otherwise.
var DefaultAllies = []string{"us", "uk", "eu", "un", "ca", "au", "jp"}

// AllyByCode finds an ally.
func AllyByCode(code string) (Ally, bool) {
	for _, a := range Allies {
		if a.Code == code {
			return a, true
		}
	}
	return Ally{}, false
}

// State is an ally's answer for one party.
type State string

// States.
const (
	Listed    State = "listed"
	NotListed State = "not listed"
	Unknown   State = "unknown"
)

// Options tune a report.
type Options struct {
	// Allies are ally codes; empty means DefaultAllies.
	Allies []string
	// Program keeps only the clusters one of whose records (on the
	// allies' lists) has a program or regime containing it (case
	// folded): "IRAN", "RUSSIA-EO14024".
	Program string
	// StaleAfter is how much older than the newest full primary list an
	// ally's primary list may be and still say "not listed" (0:
	// DefaultStaleAfter).
	StaleAfter time.Duration
}

// DefaultStaleAfter: a year. The lists loaded from ../shared/data span
// from April 2025 (UK) to February 2026 (UN, Australia), with OFAC's SDN
// file of May 2024 beyond it.
const DefaultStaleAfter = 365 * 24 * time.Hour

// SourceCoverage is one list as loaded.
type SourceCoverage struct {
	Ally      string             `json:"ally"`
	Source    string             `json:"source"`
	Primary   bool               `json:"primary"`
	Loaded    bool               `json:"loaded"`
	Published string             `json:"published,omitempty"`
	Coverage  interdict.Coverage `json:"coverage,omitempty"`
	Entities  int                `json:"entities"`
	// Note says why the list cannot answer "not listed", when it cannot.
	Note string `json:"note,omitempty"`
}

// AllyCoverage is whether an ally's primary list can answer "not listed"
// at all.
type AllyCoverage struct {
	Ally
	Published string `json:"published,omitempty"`
	// Known is false when the primary list is missing, an excerpt or
	// stale; every party the ally does not list is then "unknown".
	Known bool   `json:"known"`
	Why   string `json:"why,omitempty"`
}

// Cell is one ally's answer for one party.
type Cell struct {
	State State `json:"state"`
	// Regimes name the list and its programs for each record
	// ("ofac-sdn: IRAN, NPWMD").
	Regimes []string `json:"regimes,omitempty"`
	Records []string `json:"records,omitempty"`
	Why     string   `json:"why,omitempty"`
}

// Row is one party: a cluster, or a name of a --names file.
type Row struct {
	// Query and QueryCountry are the name asked for, in a names report.
	Query        string `json:"query,omitempty"`
	QueryCountry string `json:"query_country,omitempty"`
	// Found says how the name was found ("ofac-sdn:16418 at 1.00"), or
	// that it was not.
	Found     string          `json:"found,omitempty"`
	Cluster   string          `json:"cluster,omitempty"`
	Name      string          `json:"name,omitempty"`
	Kind      interdict.Kind  `json:"kind,omitempty"`
	Countries []string        `json:"countries,omitempty"`
	Cells     map[string]Cell `json:"cells"`
	// Gap is set when one ally lists the party and another does not.
	Gap bool `json:"gap"`
}

// Count tallies the gaps of a regime or a country.
type Count struct {
	Key string `json:"key"`
	// Clusters listed (under this regime, or in this country) by some
	// allies and not by another.
	Clusters  int            `json:"clusters"`
	NotListed map[string]int `json:"not_listed"`
	Unknown   map[string]int `json:"unknown"`
}

// Report is the harmonisation report.
type Report struct {
	Allies   []AllyCoverage   `json:"allies"`
	Sources  []SourceCoverage `json:"sources"`
	Program  string           `json:"program,omitempty"`
	Clusters int              `json:"clusters"`
	Gaps     int              `json:"gaps"`
	// Totals count each ally's answers over the rows.
	Totals map[string]map[State]int `json:"totals"`
	// Pairs[a][b] counts the parties a lists and b does not (known).
	Pairs     map[string]map[string]int `json:"pairs"`
	ByRegime  []Count                   `json:"by_regime"`
	ByCountry []Count                   `json:"by_country"`
	Rows      []Row                     `json:"rows"`
	// Names is set for a report over a names file: one row per name, in
	// the file's order.
	Names bool `json:"names,omitempty"`
}

// reporter holds what the rows of one report share.
type reporter struct {
	allies []AllyCoverage
	src    map[string]SourceCoverage
	of     map[string]string // source → ally code
	opt    Options
}

func newReporter(cat *source.Catalog, opt Options) (*reporter, []SourceCoverage, error) {
	if len(opt.Allies) == 0 {
		opt.Allies = DefaultAllies
	}
	if opt.StaleAfter <= 0 {
		opt.StaleAfter = DefaultStaleAfter
	}
	r := &reporter{src: map[string]SourceCoverage{}, of: map[string]string{}, opt: opt}
	var sources []SourceCoverage
	newest := ""
	for _, code := range opt.Allies {
		a, ok := AllyByCode(code)
		if !ok {
			var known []string
			for _, x := range Allies {
				known = append(known, x.Code)
			}
			return nil, nil, fmt.Errorf("gaps: no ally %q (known: %s)", code, strings.Join(known, ", "))
		}
		for _, s := range a.Sources {
			sc := SourceCoverage{Ally: a.Code, Source: s, Primary: s == a.Primary}
			if l := cat.List(s); l != nil {
				sc.Loaded, sc.Published, sc.Coverage, sc.Entities = true, l.Live.Published, l.Live.Coverage, len(l.Live.Entities)
				if sc.Primary && sc.Coverage == interdict.CoverageFull && sc.Published > newest {
					newest = sc.Published
				}
			} else {
				sc.Note = "not loaded"
			}
			r.src[s] = sc
			r.of[s] = a.Code
			sources = append(sources, sc)
		}
		r.allies = append(r.allies, AllyCoverage{Ally: a})
	}
	for i := range r.allies {
		ac := &r.allies[i]
		sc := r.src[ac.Primary]
		ac.Published = sc.Published
		switch {
		case !sc.Loaded:
			ac.Why = fmt.Sprintf("%s is not loaded", ac.Primary)
		case sc.Coverage == interdict.CoverageExcerpt:
			ac.Why = fmt.Sprintf("%s is loaded only as an excerpt (%d records)", ac.Primary, sc.Entities)
		default:
			if age := daysBetween(sc.Published, newest); age > int(opt.StaleAfter.Hours()/24) {
				ac.Why = fmt.Sprintf("%s of %s is %d days older than the newest list (%s)", ac.Primary, sc.Published, age, newest)
			} else {
				ac.Known = true
			}
		}
	}
	for i := range sources {
		s := &sources[i]
		if !s.Primary || s.Note != "" {
			continue
		}
		for _, ac := range r.allies {
			if ac.Primary == s.Source && !ac.Known {
				s.Note = ac.Why
			}
		}
	}
	return r, sources, nil
}

// daysBetween is the number of days from a to b ("YYYY-MM-DD"); 0 when
// either does not parse.
func daysBetween(a, b string) int {
	ta, err1 := time.Parse("2006-01-02", a)
	tb, err2 := time.Parse("2006-01-02", b)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(tb.Sub(ta).Hours() / 24)
}

// row answers every ally for one cluster.
func (r *reporter) row(cl *resolve.Cluster) Row {
	row := Row{Cells: map[string]Cell{}}
	if cl == nil {
		for _, ac := range r.allies {
			c := Cell{State: NotListed}
			if !ac.Known {
				c = Cell{State: Unknown, Why: ac.Why}
			}
			row.Cells[ac.Code] = c
		}
		return row
	}
	row.Cluster = cl.ID
	var countries []string
	// earliest designation by any ally, for the per-party staleness
	var earliest, earliestBy string
	for _, e := range cl.Members {
		if row.Name == "" || e.Source == "un" {
			row.Name, row.Kind = e.PrimaryName(), e.Kind
		}
		countries = append(countries, e.Nationalities...)
		countries = append(countries, e.Citizenships...)
		countries = append(countries, e.Countries...)
		code, ok := r.of[e.Source]
		if !ok {
			continue
		}
		c := row.Cells[code]
		c.State = Listed
		c.Records = append(c.Records, e.ID)
		reg := e.Source
		if len(e.Programs) > 0 {
			reg += ": " + strings.Join(e.Programs, ", ")
		}
		c.Regimes = append(c.Regimes, reg)
		row.Cells[code] = c
		if d := e.ListedOn.String(); len(d) == 10 && (earliest == "" || d < earliest) {
			earliest, earliestBy = d, e.ID
		}
	}
	row.Countries = interdict.SortStrings(countries)
	for _, ac := range r.allies {
		if row.Cells[ac.Code].State == Listed {
			continue
		}
		switch {
		case !ac.Known:
			row.Cells[ac.Code] = Cell{State: Unknown, Why: ac.Why}
		case earliest != "" && ac.Published < earliest:
			row.Cells[ac.Code] = Cell{State: Unknown, Why: fmt.Sprintf("%s of %s predates the listing of %s on %s", ac.Primary, ac.Published, earliestBy, earliest)}
		default:
			row.Cells[ac.Code] = Cell{State: NotListed}
		}
	}
	listed, not := false, false
	for _, c := range row.Cells {
		listed = listed || c.State == Listed
		not = not || c.State == NotListed
	}
	row.Gap = listed && not
	return row
}

// inScope reports whether a cluster has a record on a selected ally's
// list, under the program asked for.
func (r *reporter) inScope(cl *resolve.Cluster) bool {
	p := strings.ToUpper(r.opt.Program)
	for _, e := range cl.Members {
		if _, ok := r.of[e.Source]; !ok {
			continue
		}
		if p == "" {
			return true
		}
		for _, prog := range e.Programs {
			if strings.Contains(strings.ToUpper(prog), p) {
				return true
			}
		}
	}
	return false
}

// Build reports over every cluster that a selected ally lists.
func Build(cat *source.Catalog, cs *resolve.Clusters, opt Options) (*Report, error) {
	r, sources, err := newReporter(cat, opt)
	if err != nil {
		return nil, err
	}
	rep := r.report(sources)
	for _, cl := range cs.All() {
		if r.inScope(cl) {
			rep.Rows = append(rep.Rows, r.row(cl))
		}
	}
	// parties listed by the most allies first, then by name
	slices.SortStableFunc(rep.Rows, func(a, b Row) int {
		if c := cmp.Compare(listedBy(b), listedBy(a)); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	r.tally(rep)
	return rep, nil
}

func (r *reporter) report(sources []SourceCoverage) *Report {
	return &Report{Allies: r.allies, Sources: sources, Program: r.opt.Program,
		Totals: map[string]map[State]int{}, Pairs: map[string]map[string]int{}}
}

func listedBy(r Row) int {
	n := 0
	for _, c := range r.Cells {
		if c.State == Listed {
			n++
		}
	}
	return n
}

// tally fills the totals, the pairs and the counts by regime and country.
func (r *reporter) tally(rep *Report) {
	byRegime := map[string]*Count{}
	byCountry := map[string]*Count{}
	count := func(m map[string]*Count, key string, row *Row) {
		c := m[key]
		if c == nil {
			c = &Count{Key: key, NotListed: map[string]int{}, Unknown: map[string]int{}}
			m[key] = c
		}
		c.Clusters++
		for code, cell := range row.Cells {
			switch cell.State {
			case NotListed:
				c.NotListed[code]++
			case Unknown:
				c.Unknown[code]++
			}
		}
	}
	for _, ac := range r.allies {
		rep.Totals[ac.Code] = map[State]int{}
		rep.Pairs[ac.Code] = map[string]int{}
	}
	for i := range rep.Rows {
		row := &rep.Rows[i]
		if row.Cluster != "" {
			rep.Clusters++
		}
		for code, cell := range row.Cells {
			rep.Totals[code][cell.State]++
			if cell.State != Listed {
				continue
			}
			for other, oc := range row.Cells {
				if oc.State == NotListed {
					rep.Pairs[code][other]++
				}
			}
		}
		if !row.Gap {
			continue
		}
		rep.Gaps++
		seen := map[string]bool{}
		for _, ac := range r.allies {
			for _, reg := range row.Cells[ac.Code].Regimes {
				src, progs, _ := strings.Cut(reg, ": ")
				if progs == "" {
					progs = "(no program given)"
				}
				for _, p := range strings.Split(progs, ", ") {
					k := src + ": " + p
					if !seen[k] {
						seen[k] = true
						count(byRegime, k, row)
					}
				}
			}
		}
		if len(row.Countries) == 0 {
			count(byCountry, "(no country given)", row)
		}
		for _, c := range row.Countries {
			count(byCountry, c, row)
		}
	}
	rep.ByRegime = sortCounts(byRegime)
	rep.ByCountry = sortCounts(byCountry)
}

func sortCounts(m map[string]*Count) []Count {
	out := make([]Count, 0, len(m))
	for _, c := range m {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b Count) int {
		if c := cmp.Compare(b.Clusters, a.Clusters); c != 0 {
			return c
		}
		return cmp.Compare(a.Key, b.Key)
	})
	return out
}

// NameQuery is one party of a names file.
type NameQuery struct {
	Name    string
	Country string
	Kind    interdict.Kind
}

// ReadNames reads a CSV with a header naming a name column ("name") and
// optionally "country" and "kind" (or "type"); other columns are ignored.
func ReadNames(rd io.Reader) ([]NameQuery, error) {
	cr := csv.NewReader(rd)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("names header: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	ni, ok := col["name"]
	if !ok {
		return nil, fmt.Errorf("names header: no \"name\" column")
	}
	get := func(rec []string, names ...string) string {
		for _, n := range names {
			if i, ok := col[n]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
		}
		return ""
	}
	var out []NameQuery
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("names: %w", err)
		}
		if ni >= len(rec) || strings.TrimSpace(rec[ni]) == "" {
			continue
		}
		k, _ := interdict.ParseKind(get(rec, "kind", "type"))
		out = append(out, NameQuery{Name: strings.TrimSpace(rec[ni]), Country: strings.ToUpper(get(rec, "country")), Kind: k})
	}
}

// Screener screens a name; *screen.Screener is one.
type Screener interface {
	Screen(q *interdict.Query, explain bool) ([]interdict.Match, error)
}

// Names reports over the parties of a names file: each name screened
// (with its country and kind), its best alerting match taken for the
// party, and the party's cluster answered for every ally. A name that
// alerts against nothing is not listed by the allies whose lists can say
// so, unknown for the others.
func Names(cat *source.Catalog, cs *resolve.Clusters, s Screener, names []NameQuery, opt Options) (*Report, error) {
	r, sources, err := newReporter(cat, opt)
	if err != nil {
		return nil, err
	}
	rep := r.report(sources)
	rep.Names = true
	for _, nq := range names {
		q := &interdict.Query{Names: []string{nq.Name}, Kind: nq.Kind, Limit: 10}
		if nq.Country != "" {
			q.Countries = []string{nq.Country}
		}
		ms, err := s.Screen(q, false)
		if err != nil {
			return nil, fmt.Errorf("gaps: screening %q: %w", nq.Name, err)
		}
		var row Row
		switch {
		case len(ms) > 0 && ms[0].Alert && cs.Of(ms[0].ID) != nil:
			row = r.row(nearBest(cs, ms))
			row.Found = fmt.Sprintf("%s %q at %.2f", ms[0].ID, ms[0].MatchedName, ms[0].Score)
		default:
			row = r.row(nil)
			row.Found = "no match at the alert threshold"
			if len(ms) > 0 {
				row.Found += fmt.Sprintf(" (best %s %q at %.2f)", ms[0].ID, ms[0].MatchedName, ms[0].Score)
			}
		}
		row.Query, row.QueryCountry = nq.Name, nq.Country
		rep.Rows = append(rep.Rows, row)
	}
	r.tally(rep)
	return rep, nil
}

// nearBest is the party of the best alerting matches: the clusters of
// every alerting match within nearBestMargin of the best, as one. Two
// records of one name on two lists that resolution left apart (it holds
// one record of a list per party, and a list may hold two) are still one
// answer to a name.
func nearBest(cs *resolve.Clusters, ms []interdict.Match) *resolve.Cluster {
	out := &resolve.Cluster{}
	seen := map[*resolve.Cluster]bool{}
	var ids []string
	for _, m := range ms {
		if !m.Alert || m.Score < ms[0].Score-nearBestMargin {
			continue
		}
		cl := cs.Of(m.ID)
		if cl == nil || seen[cl] {
			continue
		}
		seen[cl] = true
		ids = append(ids, cl.ID)
		out.Members = append(out.Members, cl.Members...)
		out.Decisions = append(out.Decisions, cl.Decisions...)
	}
	out.ID = strings.Join(ids, "+")
	return out
}

// nearBestMargin: matches this close to the best are taken for the same
// name.
const nearBestMargin = 0.02
