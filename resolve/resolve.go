// Package resolve finds the records of several lists that are one real
// party (the same person on the UN, UK and Australian lists; the same
// tanker on OFAC's and Ukraine's) and groups them into clusters. Every
// merge is a Decision that names its rule and its evidence.
//
// The rules, strongest first:
//
//  1. cross-reference: a record names another by its key: the FtM
//     referents OpenSanctions keeps ("ftm:ofac-45937" is OFAC ent_num
//     45937, "ftm:gb-hmt-16271" is UK Group ID 16271), the UN reference a
//     UK, Australian or EU record carries ("un-ref:QDi.001"). Options.Withhold
//     hides keys from this rule (the evaluation withholds the UN
//     references, which are its answer key).
//  2. imo: the same IMO number on two vessels (or two companies: IMO
//     company numbers).
//  3. passport: the same passport or national id number, issued by the
//     same country where both say, on two persons whose names are alike
//     and whose birth dates do not disagree.
//  4. registration: the same registration or tax number, same country
//     where both say, on two organizations whose names are alike.
//  5. name: names alike by match.Score with a high bar, backed by the
//     other facts: for persons a birth date that agrees (a lone name
//     needs a near-exact name and a shared country), for organizations a
//     country that does not disagree; never a different kind or gender.
//
// Candidate pairs are merged strongest rule first, then by score, with
// one constraint: a list names a party once, so a merge that would put
// two records of one list together is refused (and kept in
// Clusters.Refused with the reason) unless the two are one party listed
// twice: persons alike by the name rule with a birth date that agrees, or
// organizations with the same primary name (the Australian list holds
// many parties once under a UN regime and once under its own).
//
// The name rule searches each record's names in the index (its weak
// aliases left out) among the lists larger than its own, so each pair of
// lists is searched one way; the largest list is searched into, never
// from. Over every list of ../shared/data this takes 2–5 s on two cores.
package resolve

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/index"
	"github.com/interdict/interdict/match"
)

// Rule names the rule behind a decision.
type Rule string

// The rules, strongest first (see the package comment).
const (
	RuleCrossRef Rule = "cross-reference"
	RuleIMO      Rule = "imo"
	RulePassport Rule = "passport"
	RuleRegistry Rule = "registration"
	RuleName     Rule = "name"
)

var ruleRank = map[Rule]int{RuleCrossRef: 0, RuleIMO: 1, RulePassport: 2, RuleRegistry: 3, RuleName: 4}

// Decision is one pair of records a rule says are one party, and why.
type Decision struct {
	A        string  `json:"a"`
	B        string  `json:"b"`
	Rule     Rule    `json:"rule"`
	Evidence string  `json:"evidence"`
	Score    float64 `json:"score,omitempty"`
	// Joined is set when the decision merged two clusters; unset, it
	// corroborates a cluster other decisions had already formed (or, in
	// Refused, says why it was not applied).
	Joined bool `json:"joined"`
}

// Cluster is the records of one real party, one per source at most.
type Cluster struct {
	// ID is the id of the first member: members are ordered by source
	// (SourceOrder), then id, so a cluster keeps its id while its
	// members do.
	ID        string              `json:"id"`
	Members   []*interdict.Entity `json:"-"`
	Decisions []Decision          `json:"decisions,omitempty"`
}

// Sources lists the member sources, sorted.
func (c *Cluster) Sources() []string {
	out := make([]string, 0, len(c.Members))
	for _, m := range c.Members {
		out = append(out, m.Source)
	}
	return interdict.SortStrings(out)
}

// MemberIDs lists the member ids in member order.
func (c *Cluster) MemberIDs() []string {
	out := make([]string, len(c.Members))
	for i, m := range c.Members {
		out[i] = m.ID
	}
	return out
}

// Clusters is the result of one resolution: every entity in exactly one
// cluster (most alone). It is immutable; any number of goroutines may read
// it.
type Clusters struct {
	list []*Cluster
	of   map[string]*Cluster
	// Refused are rule matches not applied, because the merge would have
	// put two records of one source in one cluster.
	Refused []Decision
	// Stats count decisions by rule and how long resolution took.
	Stats Stats
}

// Stats summarises a resolution.
type Stats struct {
	Entities    int          `json:"entities"`
	Clusters    int          `json:"clusters"`
	MultiSource int          `json:"multi_source"`
	Joined      map[Rule]int `json:"joined"`
	Refused     int          `json:"refused"`
	// Generic counts identifier values left out for being shared by too
	// many records to identify anyone.
	Generic int           `json:"generic_identifiers"`
	Took    time.Duration `json:"took_ns"`
}

// All returns every cluster, in the order of their first members.
func (c *Clusters) All() []*Cluster { return c.list }

// Of returns the cluster of an entity id, or nil for an unknown id.
func (c *Clusters) Of(id string) *Cluster { return c.of[id] }

// SourceOrder ranks the lists for naming a cluster: the UN's first (the
// others copy its designations), then the national lists; any other list
// after these, by name.
var SourceOrder = []string{"un", "ofac-sdn", "ofac-cons", "uk", "eu", "ca", "au", "jp-meti", "us-1260h", "us-mieu", "us-dpl", "csl", "ua-war", "ftm"}

func sourceRank(src string) int {
	if i := slices.Index(SourceOrder, src); i >= 0 {
		return i
	}
	return len(SourceOrder)
}

// Options tune a resolution. The zero value is the default.
type Options struct {
	// Withhold hides alternative keys from the cross-reference rule; nil
	// hides none.
	Withhold func(key string) bool
	// Workers bounds the goroutines scoring names (0: GOMAXPROCS).
	Workers int
	// Only, when set, resolves only around these entity indexes: the
	// rules run for them and for every record they join, transitively,
	// and every other entity stays alone unless reached. This is how one
	// entity's cluster is found without resolving every list.
	Only []int
}

// maxShared is the number of records above which an identifier value is
// taken for a generic one ("0000000", a ministry's registration copied
// onto its departments) and joins nothing.
const maxShared = 12

// candidates is how many index entries are scored per entity for the name
// rule: the same record on another list is nearly always among the first
// few, since its names are the same words.
const candidates = 24

// maxQuery bounds the name renderings of one entity searched for the name
// rule; a few records have over a hundred aliases.
const maxQuery = 16

// Resolve clusters the entities of ix. The index supplies the names,
// already analysed and weighted, and the candidates for the name rule.
func Resolve(ctx context.Context, ix *index.Index, opt Options) (*Clusters, error) {
	start := time.Now()
	r := newResolver(ix, opt)
	var pairs []Decision
	if opt.Only == nil {
		pairs = append(pairs, r.crossRefs(nil)...)
		pairs = append(pairs, r.identifiers(nil)...)
		np, err := r.names(ctx, allIndexes(len(ix.Entities)))
		if err != nil {
			return nil, err
		}
		pairs = append(pairs, np...)
	} else {
		var err error
		pairs, err = r.around(ctx, opt.Only)
		if err != nil {
			return nil, err
		}
	}
	c := r.merge(pairs)
	c.Stats.Generic = r.generic
	c.Stats.Took = time.Since(start)
	return c, nil
}

// around runs the rules for the seeds, then for every entity they reach,
// until nothing new is reached (bounded: a cluster has one record per
// source).
func (r *resolver) around(ctx context.Context, seeds []int) ([]Decision, error) {
	done := map[int]bool{}
	todo := slices.Clone(seeds)
	var out []Decision
	for round := 0; len(todo) > 0 && round < 8; round++ {
		var batch []int
		for _, i := range todo {
			if !done[i] {
				done[i] = true
				batch = append(batch, i)
			}
		}
		todo = nil
		set := map[int]bool{}
		for _, i := range batch {
			set[i] = true
		}
		found := r.crossRefs(set)
		found = append(found, r.identifiers(set)...)
		np, err := r.names(ctx, batch)
		if err != nil {
			return nil, err
		}
		found = append(found, np...)
		for _, d := range found {
			for _, id := range []string{d.A, d.B} {
				if j := r.pos[id]; !done[j] {
					todo = append(todo, j)
				}
			}
		}
		out = append(out, found...)
	}
	return out, nil
}

func allIndexes(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// resolver holds what the rules share.
type resolver struct {
	ix    *index.Index
	opt   Options
	ents  []*interdict.Entity
	pos   map[string]int // entity id → index
	first []int32        // first index entry of each entity; len(ents)+1
	src   []uint8        // source number of each entity
	local bool           // resolving around Options.Only
	kind  []uint8        // kind of each entity, 0 unknown
	nsrc  int
	// generic counts identifier values shared too widely to use.
	generic int
	pool    sync.Pool
}

func newResolver(ix *index.Index, opt Options) *resolver {
	ents := ix.Entities
	r := &resolver{ix: ix, opt: opt, ents: ents, pos: make(map[string]int, len(ents)),
		first: make([]int32, len(ents)+1), src: make([]uint8, len(ents)), kind: make([]uint8, len(ents))}
	// Sources are numbered smallest first: the name rule searches each
	// record only in the sources numbered after its own, so the largest
	// list is searched into and never from.
	size := map[string]int{}
	for _, e := range ents {
		size[e.Source]++
	}
	names := make([]string, 0, len(size))
	for s := range size {
		names = append(names, s)
	}
	slices.SortFunc(names, func(a, b string) int {
		if c := cmp.Compare(size[a], size[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	srcNo := map[string]uint8{}
	for k, s := range names {
		srcNo[s] = uint8(min(k, 255))
	}
	for i, e := range ents {
		r.pos[e.ID] = i
		r.src[i] = srcNo[e.Source]
		if e.Kind != interdict.KindUnknown {
			r.kind[i] = uint8(1 + slices.Index(interdict.Kinds, e.Kind))
		}
	}
	r.nsrc = len(srcNo)
	r.local = opt.Only != nil
	// Entries are in entity order (index.Build keeps it).
	k := 0
	for i := range ents {
		r.first[i] = int32(k)
		for k < len(ix.Entries) && int(ix.Entries[k].Entity) == i {
			k++
		}
	}
	r.first[len(ents)] = int32(k)
	r.pool.New = func() any { return new(match.Scratch) }
	return r
}

// entries are the analysed names of entity i.
func (r *resolver) entries(i int) []index.Entry {
	return r.ix.Entries[r.first[i]:r.first[i+1]]
}

// merge applies the decisions, strongest first, refusing those that would
// put two records of one source in one cluster.
func (r *resolver) merge(pairs []Decision) *Clusters {
	slices.SortStableFunc(pairs, func(a, b Decision) int {
		if c := cmp.Compare(ruleRank[a.Rule], ruleRank[b.Rule]); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		if c := cmp.Compare(a.A, b.A); c != 0 {
			return c
		}
		return cmp.Compare(a.B, b.B)
	})
	n := len(r.ents)
	parent := make([]int32, n)
	// sources of each root: one bit per source, up to 64 sources; beyond
	// that the constraint is checked on member lists.
	mask := make([]uint64, n)
	for i := range parent {
		parent[i] = int32(i)
		mask[i] = 1 << (r.src[i] % 64)
	}
	members := map[int32][]int32{}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	sc := r.pool.Get().(*match.Scratch)
	defer r.pool.Put(sc)
	// clash finds the records of one source the merge of roots a and b
	// would put together. It is no clash when the two records pass the
	// name rule with each other: the list names one party twice (the
	// Australian list holds some persons once under a UN regime and once
	// under its own, the UN list some under two committees).
	clash := func(a, b int32) (string, bool) {
		if mask[a]&mask[b] == 0 && r.nsrc <= 64 {
			return "", false
		}
		ma, mb := members[a], members[b]
		if ma == nil {
			ma = []int32{a}
		}
		if mb == nil {
			mb = []int32{b}
		}
		for _, x := range ma {
			for _, y := range mb {
				if r.src[x] != r.src[y] {
					continue
				}
				if !r.twice(int(x), int(y), sc) {
					return fmt.Sprintf("not merged: %s and %s are both on %s and not alike enough to be one party listed twice", r.ents[x].ID, r.ents[y].ID, r.ents[x].Source), true
				}
			}
		}
		return "", false
	}
	var decided []Decision
	c := &Clusters{of: make(map[string]*Cluster, n), Stats: Stats{Entities: n, Joined: map[Rule]int{}}}
	seen := map[[2]string]bool{}
	for _, d := range pairs {
		k := [2]string{d.A, d.B}
		if d.B < d.A {
			k = [2]string{d.B, d.A}
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		a, b := find(int32(r.pos[d.A])), find(int32(r.pos[d.B]))
		if a == b {
			decided = append(decided, d)
			continue
		}
		if why, bad := clash(a, b); bad {
			d.Evidence += "; " + why
			c.Refused = append(c.Refused, d)
			continue
		}
		ma, mb := members[a], members[b]
		if ma == nil {
			ma = []int32{a}
		}
		if mb == nil {
			mb = []int32{b}
		}
		if len(ma) < len(mb) {
			a, b, ma, mb = b, a, mb, ma
		}
		parent[b] = a
		mask[a] |= mask[b]
		members[a] = append(ma, mb...)
		delete(members, b)
		d.Joined = true
		c.Stats.Joined[d.Rule]++
		decided = append(decided, d)
	}
	byRoot := map[int32]*Cluster{}
	for i := range r.ents {
		root := find(int32(i))
		cl := byRoot[root]
		if cl == nil {
			cl = &Cluster{}
			byRoot[root] = cl
			c.list = append(c.list, cl)
		}
		cl.Members = append(cl.Members, r.ents[i])
		c.of[r.ents[i].ID] = cl
	}
	for _, d := range decided {
		cl := c.of[d.A]
		cl.Decisions = append(cl.Decisions, d)
	}
	for _, cl := range c.list {
		slices.SortStableFunc(cl.Members, func(a, b *interdict.Entity) int {
			if c := cmp.Compare(sourceRank(a.Source), sourceRank(b.Source)); c != 0 {
				return c
			}
			return cmp.Compare(a.ID, b.ID)
		})
		cl.ID = cl.Members[0].ID
		if len(cl.Members) > 1 {
			c.Stats.MultiSource++
		}
	}
	c.Stats.Clusters = len(c.list)
	c.Stats.Refused = len(c.Refused)
	return c
}

// twice reports whether two records of one source are one party listed
// twice (the Australian list holds some parties once under a UN regime and
// once under its own): two persons that pass the name rule with each other
// on a birth date that agrees, or two organizations whose primary names
// are the same (barTwiceOrg) and whose countries do not disagree. Other
// names do not count for organizations: two bodies of one list share
// aliases too often (the Afghan Support Committee and the Revival of
// Islamic Heritage Society).
func (r *resolver) twice(x, y int, sc *match.Scratch) bool {
	a, b := r.ents[x], r.ents[y]
	if !viable(a, b) {
		return false
	}
	if a.Kind == interdict.KindPerson && b.Kind == interdict.KindPerson {
		if f, _ := dobFact(a, b); f < factYear {
			return false
		}
		s, _, _ := r.nameScore(x, y, sc)
		_, ok := judge(a, b, s)
		return ok
	}
	if a.Kind == interdict.KindPerson || b.Kind == interdict.KindPerson {
		return false
	}
	return r.primaryScore(x, y, sc) >= barTwiceOrg
}

// barTwiceOrg is the score the primary names of two organizations of one
// list need to be taken for one listed twice.
const barTwiceOrg = 0.97

// primaryScore is the best symmetric score of a primary name of x against
// a primary name of y.
func (r *resolver) primaryScore(x, y int, sc *match.Scratch) float64 {
	best := 0.0
	for i, ex := range r.entries(x) {
		if r.ents[x].Names[ex.Name].Type != interdict.NamePrimary {
			continue
		}
		for j, ey := range r.entries(y) {
			if r.ents[y].Names[ey.Name].Type != interdict.NamePrimary {
				continue
			}
			s, _ := match.Score(&ex.Tokens, &ey.Tokens, sc, false)
			if s <= 0 {
				continue
			}
			if m, _, _ := r.pairScore(r.first[x]+int32(i), r.first[y]+int32(j), s, sc); m > best {
				best = m
			}
		}
	}
	return best
}

// names runs the name rule for the entities in batch, on Options.Workers
// goroutines. A pair found from both ends is returned once.
func (r *resolver) names(ctx context.Context, batch []int) ([]Decision, error) {
	workers := r.opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(batch)))
	outs := make([][]Decision, workers)
	var wg sync.WaitGroup
	var failed error
	var mu sync.Mutex
	for w := range workers {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			sc := r.pool.Get().(*match.Scratch)
			defer r.pool.Put(sc)
			for k := w; k < len(batch); k += workers {
				if k%256 == w && ctx.Err() != nil {
					mu.Lock()
					failed = ctx.Err()
					mu.Unlock()
					return
				}
				outs[w] = r.nameMatches(batch[k], sc, outs[w])
			}
		}(w)
	}
	wg.Wait()
	if failed != nil {
		return nil, failed
	}
	var out []Decision
	for _, o := range outs {
		out = append(out, o...)
	}
	return out, nil
}

// nameMatches appends the name-rule decisions of entity i: for a person
// every candidate that passes the rule (merge takes them best first, and
// refuses a second record of one list unless it is the same person
// listed twice), for anything else the best of each list.
func (r *resolver) nameMatches(i int, sc *match.Scratch, out []Decision) []Decision {
	e := r.ents[i]
	own := r.entries(i)
	if len(own) == 0 || !r.local && int(r.src[i]) == r.nsrc-1 {
		return out
	}
	// The query is e's names but its weak aliases (OFAC's and the UK's
	// low-quality a.k.a.s, which the other lists rarely carry and which
	// find namesakes), at most maxQuery renderings.
	q := make([]match.Name, 0, min(len(own), maxQuery))
	for k := range own {
		if e.Names[own[k].Name].Type != interdict.NameWeakAKA && len(q) < maxQuery {
			q = append(q, own[k].Tokens)
		}
	}
	if len(q) == 0 {
		return out
	}
	// Each pair of sources is searched one way only: from the smaller
	// source into the larger. A pair is found from either end alike, and
	// this halves the scoring. Resolving around a few records searches
	// from them into every other source.
	si, ki := r.src[i], r.kind[i]
	accept := func(j int32) bool {
		return (r.src[j] > si || r.local && r.src[j] != si) && (r.kind[j] == ki || r.kind[j] == 0 || ki == 0)
	}
	cands := r.ix.Candidates(q, candidates, accept)
	// Score each candidate entry against every name of e, and keep the
	// best pair per candidate entity.
	type pairing struct {
		s    float32
		x, y int32
	}
	found := map[int32]pairing{}
	var order []int32
	for _, cnd := range cands {
		y := cnd.Entry
		j := r.ix.Entries[y].Entity
		p, had := found[j]
		if !had {
			order = append(order, j)
			p.s = -1
			if !viable(e, r.ents[j]) {
				p.s = -2
			}
		}
		if p.s == -2 {
			found[j] = p
			continue
		}
		for x := range own {
			s, _ := match.Score(&own[x].Tokens, &r.ix.Entries[y].Tokens, sc, false)
			if s > p.s {
				p = pairing{s: s, x: r.first[i] + int32(x), y: y}
			}
		}
		found[j] = p
	}
	// An organization keeps its best candidate of each list: two bodies of
	// one list often share an alias ("Harakat ul-Ansar" is an alias of two
	// UN entities). A person keeps every candidate that passes; merge
	// takes a second of one list only for a person listed twice.
	best := map[uint8]int{}
	for _, j := range order {
		p := found[j]
		if p.s <= 0 {
			continue
		}
		f := r.ents[j]
		s, qn, ln := r.pairScore(p.x, p.y, p.s, sc)
		d, ok := judge(e, f, s)
		if !ok {
			continue
		}
		d.Evidence = fmt.Sprintf("names %.2f alike (%q ~ %q); %s", s, qn, ln, d.Evidence)
		if e.Kind == interdict.KindPerson {
			out = append(out, d)
			continue
		}
		if k, had := best[r.src[j]]; had {
			if d.Score > out[k].Score {
				out[k] = d
			}
			continue
		}
		best[r.src[j]] = len(out)
		out = append(out, d)
	}
	return out
}

// nameScore is the best name score of any name of i against any name of
// j (see pairScore), with the names that gave it.
func (r *resolver) nameScore(i, j int, sc *match.Scratch) (float64, string, string) {
	a, b := r.entries(i), r.entries(j)
	var best float32 = -1
	var ba, bb int
	for x := range a {
		for y := range b {
			s, _ := match.Score(&a[x].Tokens, &b[y].Tokens, sc, false)
			if s > best {
				best, ba, bb = s, x, y
			}
		}
	}
	if best <= 0 {
		return 0, "", ""
	}
	return r.pairScore(r.first[i]+int32(ba), r.first[j]+int32(bb), best, sc)
}

// pairScore is the symmetric score of two index entries whose score one
// way is s: the mean of both directions, since match.Score weighs the
// query's unmatched words more than the listed name's and neither record
// is the query here. It returns the two names too.
func (r *resolver) pairScore(x, y int32, s float32, sc *match.Scratch) (float64, string, string) {
	ex, ey := &r.ix.Entries[x], &r.ix.Entries[y]
	back, _ := match.Score(&ey.Tokens, &ex.Tokens, sc, false)
	a, b := r.ents[ex.Entity], r.ents[ey.Entity]
	return float64(s+back) / 2, a.Names[ex.Name].Full, b.Names[ey.Name].Full
}

// nameBar is the least name score a pair needs for the name rule; the
// attribute facts raise it (see judge). Chosen on the UN references of
// the UK and Australian lists (resolve's evaluation test): below it,
// namesakes with a shared birth year start to merge.
const (
	barExactDOB = 0.80
	barYearDOB  = 0.88
	barLoneName = 0.97
	barOrg      = 0.92
	barOrgLone  = 0.96
	barVessel   = 0.95
)

// judge applies the name rule to two records whose names scored s.
func judge(a, b *interdict.Entity, s float64) (Decision, bool) {
	d := Decision{A: a.ID, B: b.ID, Rule: RuleName, Score: round(s)}
	if !kindsAgree(a.Kind, b.Kind) {
		return d, false
	}
	if a.Gender != "" && b.Gender != "" && a.Gender != b.Gender {
		return d, false
	}
	kind := a.Kind
	if kind == interdict.KindUnknown {
		kind = b.Kind
	}
	cf, cwhy := countryFact(a, b)
	switch kind {
	case interdict.KindPerson, interdict.KindUnknown:
		df, dwhy := dobFact(a, b)
		switch {
		case df == factConflict:
			return d, false
		case df == factExact && s >= barExactDOB && cf != factConflict:
			d.Evidence = dwhy
		case df >= factYear && s >= barYearDOB && cf != factConflict:
			d.Evidence = dwhy
		case df == factUnknown && s >= barLoneName && cf == factSame:
			d.Evidence = "no birth dates to compare; " + cwhy
		default:
			return d, false
		}
		if cwhy != "" && !strings.Contains(d.Evidence, cwhy) {
			d.Evidence += "; " + cwhy
		}
		d.Score = round(s + float64(df)*0.01)
	case interdict.KindVessel, interdict.KindAircraft:
		if conflictingIDs(a, b) || s < barVessel || cf != factSame {
			return d, false
		}
		d.Evidence = cwhy
	default:
		switch {
		case cf == factConflict:
			return d, false
		case cf == factSame && s >= barOrg:
			d.Evidence = cwhy
		case cf == factUnknown && s >= barOrgLone:
			d.Evidence = "no countries to compare"
		default:
			return d, false
		}
		if conflictingIDs(a, b) {
			return d, false
		}
	}
	return d, true
}

// viable is the part of judge that needs no name score: two records of
// another kind or gender, persons whose birth dates disagree, and
// organizations or vessels whose countries disagree are not scored.
func viable(a, b *interdict.Entity) bool {
	if !kindsAgree(a.Kind, b.Kind) || a.Gender != "" && b.Gender != "" && a.Gender != b.Gender {
		return false
	}
	switch a.Kind {
	case interdict.KindPerson, interdict.KindUnknown:
		f, _ := dobFact(a, b)
		return f != factConflict
	}
	f, _ := countryFact(a, b)
	return f != factConflict
}

func kindsAgree(a, b interdict.Kind) bool {
	return a == b || a == interdict.KindUnknown || b == interdict.KindUnknown
}

func round(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// fact grades how two records' attribute agrees.
type fact int

const (
	factConflict fact = iota - 1
	factUnknown
	factYear
	factExact
	factSame = factYear
)

// dobFact compares the birth dates of two persons: an identical full
// date, an overlapping year (ranges and circa dates widened as match
// does), no overlap at all (conflict), or nothing to compare.
func dobFact(a, b *interdict.Entity) (fact, string) {
	if len(a.BirthDates) == 0 || len(b.BirthDates) == 0 {
		return factUnknown, ""
	}
	best, why := factConflict, ""
	for _, x := range a.BirthDates {
		for _, y := range b.BirthDates {
			if x.Year == 0 || y.Year == 0 {
				continue
			}
			if x.Day != 0 && x == y {
				return factExact, "same birth date " + x.String()
			}
			xl, xh := span(x)
			yl, yh := span(y)
			if xl <= yh && yl <= xh && best < factYear {
				best, why = factYear, fmt.Sprintf("birth years agree (%s, %s)", x, y)
			}
		}
	}
	if best == factConflict {
		// A year apart is a common slip (and how match reads it):
		// neither agreement nor conflict.
		for _, x := range a.BirthDates {
			for _, y := range b.BirthDates {
				xl, xh := span(x)
				yl, yh := span(y)
				if x.Year != 0 && y.Year != 0 && xl-1 <= yh && yl-1 <= xh {
					return factUnknown, ""
				}
			}
		}
		return best, fmt.Sprintf("born %s vs %s", a.BirthDates[0], b.BirthDates[0])
	}
	return best, why
}

func span(d interdict.Date) (int, int) {
	lo, hi := d.Year, d.Year
	if d.ToYear != 0 {
		hi = d.ToYear
	}
	if d.Circa {
		lo, hi = lo-2, hi+2
	}
	return lo, hi
}

// countryFact compares every country two records give (nationality,
// citizenship, other countries, address countries).
func countryFact(a, b *interdict.Entity) (fact, string) {
	ca, cb := countriesOf(a), countriesOf(b)
	if len(ca) == 0 || len(cb) == 0 {
		return factUnknown, ""
	}
	for _, x := range ca {
		if slices.Contains(cb, x) {
			return factSame, "country " + x + " on both"
		}
	}
	return factConflict, fmt.Sprintf("countries %s vs %s", strings.Join(ca, ","), strings.Join(cb, ","))
}

func countriesOf(e *interdict.Entity) []string {
	var out []string
	for _, l := range [][]string{e.Nationalities, e.Citizenships, e.Countries} {
		out = append(out, l...)
	}
	for _, a := range e.Addresses {
		if a.Country != "" {
			out = append(out, a.Country)
		}
	}
	return interdict.SortStrings(out)
}

// conflictingIDs reports two records holding different numbers of a kind
// a party has only one of (an IMO number, an aircraft serial).
func conflictingIDs(a, b *interdict.Entity) bool {
	for _, t := range []interdict.IDType{interdict.IDIMO, interdict.IDAircraftSerial} {
		va, vb := idValues(a, t), idValues(b, t)
		if len(va) == 0 || len(vb) == 0 {
			continue
		}
		shared := false
		for _, v := range va {
			if slices.Contains(vb, v) {
				shared = true
			}
		}
		if !shared {
			return true
		}
	}
	return false
}

func idValues(e *interdict.Entity, t interdict.IDType) []string {
	var out []string
	for _, id := range e.Identifiers {
		if id.Type == t {
			out = append(out, match.NormalizeID(id.Value))
		}
	}
	return out
}
