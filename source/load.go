package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/source/ofac"
)

// List is one source as loaded: its live version and the versions kept
// beside it (earlier ones, and newer ones refused as live because they
// hold far fewer records, such as an excerpt).
type List struct {
	Source  string
	Live    *interdict.ListLoad
	Earlier []*interdict.ListLoad
	// Notes say why a version was or was not made live.
	Notes []string
}

// Failure is a file or file set that could not be loaded at all.
type Failure struct {
	Files []string `json:"files"`
	Err   string   `json:"error"`
}

// Catalog is everything found in a data directory.
type Catalog struct {
	Root     string
	Lists    []*List
	Skipped  []Skip
	Failures []Failure
	// Took is the wall time of the whole load.
	Took time.Duration
}

// List returns the named source, or nil.
func (c *Catalog) List(source string) *List {
	for _, l := range c.Lists {
		if l.Source == source {
			return l
		}
	}
	return nil
}

// Entities returns every live entity of every source.
func (c *Catalog) Entities() []*interdict.Entity {
	n := 0
	for _, l := range c.Lists {
		n += len(l.Live.Entities)
	}
	out := make([]*interdict.Entity, 0, n)
	for _, l := range c.Lists {
		out = append(out, l.Live.Entities...)
	}
	return out
}

// ErrNoLists is returned by Load when a directory holds no list at all.
type ErrNoLists struct {
	Root     string
	Skipped  int
	Failures []Failure
}

func (e *ErrNoLists) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "no sanctions list could be loaded from %s", e.Root)
	if e.Skipped > 0 {
		fmt.Fprintf(&b, " (%d files there are not lists)", e.Skipped)
	}
	for _, f := range e.Failures {
		fmt.Fprintf(&b, "\n  %s: %s", strings.Join(f.Files, ", "), f.Err)
	}
	return b.String()
}

// job is one parse: a single file, or an OFAC CSV set.
type job struct {
	files   []found
	ofacSet *ofacSet
	preDate string
}

// Load recognises and parses every list in dir (recursively). Sources
// whose files fail to parse are reported as Failures and the rest still
// load; only a directory with nothing loadable is an error (*ErrNoLists).
func Load(ctx context.Context, dir string) (*Catalog, error) {
	start := time.Now()
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("source: data directory: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("source: data directory %s: not a directory", dir)
	}
	files, skips, err := scan(dir)
	if err != nil {
		return nil, err
	}
	meta := readSourcesCSV(dir)
	dating := func(f found) string { return preDate(dir, f, meta) }

	var jobs []job
	var ofacFiles []found
	for _, f := range files {
		if f.format == nil {
			ofacFiles = append(ofacFiles, f)
			continue
		}
		jobs = append(jobs, job{files: []found{f}, preDate: dating(f)})
	}
	sets, notes := groupOFAC(ofacFiles, dating)
	for _, s := range sets {
		jobs = append(jobs, job{ofacSet: s, preDate: s.date})
	}

	loads := make([]*interdict.ListLoad, len(jobs))
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i := range jobs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if err := ctx.Err(); err != nil {
				errs[i] = err
				return
			}
			loads[i], errs[i] = runJob(jobs[i])
		}(i)
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	cat := &Catalog{Root: dir, Skipped: skips}
	var good []*interdict.ListLoad
	for i, l := range loads {
		if errs[i] != nil {
			cat.Failures = append(cat.Failures, Failure{Files: jobs[i].names(), Err: errs[i].Error()})
			continue
		}
		if l.Published == "" {
			l.Published = jobs[i].preDate
		}
		l.Coverage = coverageOf(meta, jobs[i].dirs())
		good = append(good, l)
	}
	cat.Lists = choose(good)
	for _, l := range cat.Lists {
		l.Notes = append(l.Notes, notes[l.Source]...)
	}
	cat.Took = time.Since(start)
	if len(cat.Lists) == 0 {
		return cat, &ErrNoLists{Root: dir, Skipped: len(skips), Failures: cat.Failures}
	}
	return cat, nil
}

func (j job) names() []string {
	var out []string
	if j.ofacSet != nil {
		return j.ofacSet.names()
	}
	for _, f := range j.files {
		out = append(out, f.rel)
	}
	return out
}

func (j job) dirs() []string {
	if j.ofacSet != nil {
		return []string{j.ofacSet.primary.dir}
	}
	var out []string
	for _, f := range j.files {
		out = append(out, f.dir)
	}
	return out
}

// runJob parses one job. Parsers never panic on input by contract; a
// recover here still keeps one bad file from taking the others down.
func runJob(j job) (l *interdict.ListLoad, err error) {
	defer func() {
		if r := recover(); r != nil {
			l, err = nil, fmt.Errorf("parser failed: %v", r)
		}
	}()
	if j.ofacSet != nil {
		return j.ofacSet.parse()
	}
	f := j.files[0]
	if f.wb != nil {
		defer f.wb.Close()
		return f.format.ParseWorkbook(f.wb, f.rel)
	}
	fh, err := os.Open(f.path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	l, err = f.format.Parse(fh, f.rel)
	if err != nil {
		return nil, err
	}
	if l.Source == "" {
		l.Source = f.format.Source
	}
	return l, nil
}

// choose groups loads by source and picks each source's live version:
// the newest by publisher date, unless it holds fewer than half the
// entities of the largest version (an excerpt or a truncated download),
// in which case the newest version that is not so small is live. Formats
// marked Merge are merged into one load instead.
func choose(loads []*interdict.ListLoad) []*List {
	by := map[string][]*interdict.ListLoad{}
	for _, l := range loads {
		by[l.Source] = append(by[l.Source], l)
	}
	var out []*List
	for src, vs := range by {
		list := &List{Source: src}
		if mergeable(src) && len(vs) > 1 {
			list.Live = merge(vs)
			out = append(out, list)
			continue
		}
		sort.SliceStable(vs, func(i, j int) bool {
			if vs[i].Published != vs[j].Published {
				return vs[i].Published > vs[j].Published
			}
			return len(vs[i].Entities) > len(vs[j].Entities)
		})
		most := 0
		for _, v := range vs {
			most = max(most, len(v.Entities))
		}
		live := 0
		for i, v := range vs {
			if 2*len(v.Entities) >= most {
				live = i
				break
			}
		}
		list.Live = vs[live]
		for i, v := range vs {
			if i == live {
				continue
			}
			if i < live {
				list.Notes = append(list.Notes, fmt.Sprintf("newer version %s (%s, %d entities) is not live: fewer than half the entities of %s (%d)",
					strings.Join(v.Files, ", "), v.Published, len(v.Entities), strings.Join(list.Live.Files, ", "), len(list.Live.Entities)))
			}
			list.Earlier = append(list.Earlier, v)
		}
		out = append(out, list)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Source < out[j].Source })
	return out
}

func mergeable(src string) bool {
	for _, f := range formats {
		if f.Merge && f.Source == src {
			return true
		}
	}
	return false
}

// merge joins loads of one source into one: entity ids are unique per
// file, and a repeated id keeps its first occurrence.
func merge(vs []*interdict.ListLoad) *interdict.ListLoad {
	sort.Slice(vs, func(i, j int) bool { return strings.Join(vs[i].Files, ",") < strings.Join(vs[j].Files, ",") })
	out := &interdict.ListLoad{Source: vs[0].Source, Format: vs[0].Format, Coverage: vs[0].Coverage}
	seen := map[string]bool{}
	for _, v := range vs {
		out.Files = append(out.Files, v.Files...)
		out.Records += v.Records
		out.Rejects = append(out.Rejects, v.Rejects...)
		out.Notes = append(out.Notes, v.Notes...)
		if v.Published > out.Published {
			out.Published = v.Published
		}
		if v.Coverage == interdict.CoverageExcerpt {
			out.Coverage = interdict.CoverageExcerpt
		}
		dup := 0
		for _, e := range v.Entities {
			if seen[e.ID] {
				dup++
				continue
			}
			seen[e.ID] = true
			out.Entities = append(out.Entities, e)
		}
		if dup > 0 {
			out.Notes = append(out.Notes, fmt.Sprintf("%d entities of %s repeat an id already loaded", dup, strings.Join(v.Files, ", ")))
		}
	}
	return out
}

// ofacSet is the legacy CSV files of one OFAC list version.
type ofacSet struct {
	source   string
	date     string
	primary  found
	alt, add *found
	comments *found
}

func (s *ofacSet) names() []string {
	out := []string{s.primary.rel}
	for _, f := range []*found{s.alt, s.add, s.comments} {
		if f != nil {
			out = append(out, f.rel)
		}
	}
	return out
}

func (s *ofacSet) parse() (*interdict.ListLoad, error) {
	var set ofac.CSVSet
	var closers []io.Closer
	defer func() {
		for _, c := range closers {
			c.Close()
		}
	}()
	p := s.primary
	for _, x := range []struct {
		part ofac.Part
		f    *found
	}{{ofac.PartPrimary, &p}, {ofac.PartAlt, s.alt}, {ofac.PartAddress, s.add}, {ofac.PartComments, s.comments}} {
		if x.f == nil {
			continue
		}
		fh, err := os.Open(x.f.path)
		if err != nil {
			return nil, err
		}
		closers = append(closers, fh)
		set.Set(x.part, ofac.CSVFile{Name: x.f.rel, R: fh})
	}
	return ofac.ParseCSV(s.source, set)
}

// groupOFAC forms OFAC legacy CSV version sets: the files of one source in
// one directory belong together. Alias and address files found without a
// primary file (a companion download of another date) are joined to the
// newest primary version that lacks them; remark continuations are only
// joined on the same date, since OFAC renumbers nothing but rewrites
// remarks. The notes say what was joined and what was left out.
func groupOFAC(files []found, dating func(found) string) ([]*ofacSet, map[string][]string) {
	type key struct{ src, dir string }
	parts := map[key]map[ofac.Part]*found{}
	var keys []key
	for i := range files {
		f := &files[i]
		k := key{f.ofacSource, f.dir}
		if parts[k] == nil {
			parts[k] = map[ofac.Part]*found{}
			keys = append(keys, k)
		}
		parts[k][f.ofacPart] = f
	}
	notes := map[string][]string{}
	var sets []*ofacSet
	var orphans []key
	for _, k := range keys {
		p := parts[k]
		prim := p[ofac.PartPrimary]
		if prim == nil {
			orphans = append(orphans, k)
			continue
		}
		sets = append(sets, &ofacSet{source: k.src, date: dating(*prim), primary: *prim,
			alt: p[ofac.PartAlt], add: p[ofac.PartAddress], comments: p[ofac.PartComments]})
	}
	for _, k := range orphans {
		p := parts[k]
		var newest *ofacSet
		for _, s := range sets {
			if s.source == k.src && (newest == nil || s.date > newest.date) {
				newest = s
			}
		}
		var companionDate string
		for _, f := range p {
			companionDate = dating(*f)
			break
		}
		if newest == nil {
			notes[k.src] = append(notes[k.src], fmt.Sprintf("companion files in %s have no primary list file to join", k.dir))
			continue
		}
		for part, f := range p {
			switch {
			case part == ofac.PartAlt && newest.alt == nil:
				newest.alt = f
			case part == ofac.PartAddress && newest.add == nil:
				newest.add = f
			case part == ofac.PartComments && newest.comments == nil && companionDate == newest.date:
				newest.comments = f
			default:
				notes[k.src] = append(notes[k.src], fmt.Sprintf("%s (%s) not joined to %s (%s): %s", f.rel, companionDate, newest.primary.rel, newest.date, whyNotJoined(part)))
				continue
			}
			notes[k.src] = append(notes[k.src], fmt.Sprintf("%s (%s) joined to %s (%s)", f.rel, companionDate, newest.primary.rel, newest.date))
		}
	}
	sort.Slice(sets, func(i, j int) bool { return sets[i].primary.rel < sets[j].primary.rel })
	for _, n := range notes {
		sort.Strings(n)
	}
	return sets, notes
}

func whyNotJoined(p ofac.Part) string {
	if p == ofac.PartComments {
		return "remark continuations are joined only from the same date"
	}
	return "that version has its own"
}

// coverageOf reads the coverage of the folders from sources.csv: excerpt
// when any of them is described as an excerpt or an example.
func coverageOf(meta map[string]folderMeta, dirs []string) interdict.Coverage {
	for _, d := range dirs {
		m, ok := meta[topDir(d)]
		if ok && (strings.HasPrefix(m.coverage, "excerpt") || strings.HasPrefix(m.coverage, "example")) {
			return interdict.CoverageExcerpt
		}
	}
	return interdict.CoverageFull
}

func topDir(rel string) string {
	rel = filepath.ToSlash(rel)
	if i := strings.IndexByte(rel, '/'); i >= 0 {
		return rel[:i]
	}
	return rel
}

// LoadState loads the live version of every source fetched into stateDir
// (see Fetcher). It returns *ErrNoLists when nothing has been fetched.
func LoadState(ctx context.Context, stateDir string) (*Catalog, error) {
	start := time.Now()
	dirs, err := StateDirs(stateDir)
	if err != nil {
		return nil, err
	}
	cat := &Catalog{Root: filepath.Join(stateDir, listsDir)}
	for _, d := range dirs {
		c, err := Load(ctx, d)
		var none *ErrNoLists
		switch {
		case errors.As(err, &none):
			cat.Failures = append(cat.Failures, none.Failures...)
			continue
		case err != nil:
			cat.Failures = append(cat.Failures, Failure{Files: []string{d}, Err: err.Error()})
			continue
		}
		cat.Lists = append(cat.Lists, c.Lists...)
		cat.Skipped = append(cat.Skipped, c.Skipped...)
		cat.Failures = append(cat.Failures, c.Failures...)
	}
	sort.Slice(cat.Lists, func(i, j int) bool { return cat.Lists[i].Source < cat.Lists[j].Source })
	cat.Took = time.Since(start)
	if len(cat.Lists) == 0 {
		return cat, &ErrNoLists{Root: cat.Root, Failures: cat.Failures}
	}
	return cat, nil
}
