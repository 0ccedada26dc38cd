package index

import (
	"cmp"
	"math"
	"slices"
	"sync"

	"github.com/interdict/interdict/match"
	"github.com/interdict/interdict/normalize"
)

// Candidate is an entry worth scoring, with the bound that ranked it.
type Candidate struct {
	Entry int32
	Bound float32
}

// scratch is per-search memory, pooled: a bound per entry for the variant
// being searched (cur) and the best over variants (best), with the lists
// of entries touched, so that resetting costs what was touched.
type scratch struct {
	acc             []acc
	best            []float32
	gen             uint32
	touched, bested []int32
	cands           []Candidate
	extra           []int32 // acronym hits, scored whatever their bound
	lookups         []lookup
	keys            []string
	seen            []int32
	match           match.Scratch
	key             []byte
}

// acc is an entry's running bound in the variant being searched: one
// struct, so that crediting an entry touches one cache line, not three
// (the posting lists reach entries all over the arrays).
type acc struct {
	cur    float32
	stamp  uint32
	groups uint64
}

// lookup is one posting list a query token opens, with the weight it adds.
type lookup struct {
	list  []int32
	w     float32
	group uint32 // lookups of one group count once per entry
}

var pools sync.Map // *Index → *sync.Pool

func (ix *Index) getScratch() *scratch {
	p, _ := pools.LoadOrStore(ix, &sync.Pool{New: func() any {
		n := len(ix.Entries)
		return &scratch{acc: make([]acc, n), best: make([]float32, n)}
	}})
	return p.(*sync.Pool).Get().(*scratch)
}

func (ix *Index) putScratch(s *scratch) {
	for _, id := range s.bested {
		s.best[id] = 0
	}
	s.bested = s.bested[:0]
	s.cands = s.cands[:0]
	s.extra = s.extra[:0]
	clear(s.lookups)
	s.lookups = s.lookups[:0]
	if p, ok := pools.Load(ix); ok {
		p.(*sync.Pool).Put(s)
	}
}

// Release forgets the index's search memory; call it when a snapshot is
// retired.
func (ix *Index) Release() { pools.Delete(ix) }

// bigList and heavyShare: a posting list longer than bigList of a token
// weighing less than heavyShare of its query only raises the bound of
// entries other lists found: an entry sharing nothing but "LLC", "al" or
// "Mohammed" with a longer query cannot score well, and opening those
// lists for new entries cost more than the rest of the search. Measured
// on the alias holdout against every list: no loss of recall, 15 % less
// time than with every list opened.
const (
	bigList    = 500
	heavyShare = 0.5
)

// Candidates returns up to limit entries that share keys with any of the
// query renderings, best bound first, preceded by the entries found as
// acronyms of the query or by it (up to maxAcronymHits more, bound +Inf). The bound of an entry is the summed weight of the query
// tokens it shares a key with (a skeleton, glued, coarse or spelling
// variant key counts less), at most once per query token, divided by the
// entry's norm; over several renderings of the query, the best.
func (ix *Index) Candidates(q []match.Name, limit int, accept func(entity int32) bool) []Candidate {
	return ix.AppendCandidates(nil, q, limit, accept)
}

// AppendCandidates is Candidates appending to dst, for callers that reuse
// memory.
func (ix *Index) AppendCandidates(dst []Candidate, q []match.Name, limit int, accept func(entity int32) bool) []Candidate {
	s := ix.getScratch()
	defer ix.putScratch(s)
	for vi := range q {
		ix.searchVariant(s, &q[vi])
	}
	for _, id := range s.bested {
		if accept != nil && !accept(ix.Entries[id].Entity) {
			continue
		}
		c := Candidate{Entry: id, Bound: s.best[id] / ix.norms[id]}
		if len(s.cands) < limit {
			s.cands = append(s.cands, c)
			if len(s.cands) == limit {
				heapify(s.cands)
			}
			continue
		}
		if limit > 0 && worse(s.cands[0], c) {
			s.cands[0] = c
			down(s.cands, 0)
		}
	}
	// An acronym hit's bound says nothing of its score: it ranks first
	// (bound +Inf), to be scored whatever the bounds of the others.
	inf := float32(math.Inf(1))
	for _, id := range s.extra {
		if accept != nil && !accept(ix.Entries[id].Entity) {
			continue
		}
		if k := slices.IndexFunc(s.cands, func(c Candidate) bool { return c.Entry == id }); k >= 0 {
			s.cands[k].Bound = inf
			continue
		}
		s.cands = append(s.cands, Candidate{Entry: id, Bound: inf})
	}
	slices.SortFunc(s.cands, func(a, b Candidate) int {
		if c := cmp.Compare(b.Bound, a.Bound); c != 0 {
			return c
		}
		return cmp.Compare(a.Entry, b.Entry)
	})
	return append(dst, s.cands...)
}

// searchVariant accumulates the bounds of one query rendering in s.acc
// and folds them into s.best.
func (ix *Index) searchVariant(s *scratch, q *match.Name) {
	s.lookups = s.lookups[:0]
	toks := q.Tokens
	var group uint32
	for i := range toks {
		t := &toks[i]
		w := t.Weight
		group++
		own := ix.list(t.Key)
		s.lookups = append(s.lookups, lookup{own, w, group})
		if t.Skel != t.Key {
			s.key = append(append(s.key[:0], skelPrefix...), t.Skel...)
			s.lookups = append(s.lookups, lookup{ix.listOf(s.key), w * 0.85, group})
		}
		s.key = append(append(s.key[:0], joinedPrefix...), t.Key...)
		s.lookups = append(s.lookups, lookup{ix.listOf(s.key), w * 0.9, group})
		if t.Strong() && len(t.Skel) >= 3 {
			s.key = coarseKey(append(s.key[:0], coarsePrefix...), t.Skel)
			s.lookups = append(s.lookups, lookup{ix.listOf(s.key), w * 0.7, group})
		}
		if t.Strong() && len(own) < fuzzyMaxDF {
			// (a word many names hold is spelled as the lists spell it;
			// looking for its spelling variants costs much and finds
			// nothing its phonetic key does not)
			ix.fuzzyLookups(s, t, group)
		}
		if i+1 < len(toks) && t.Flags&normalize.Legal == 0 && toks[i+1].Flags&normalize.Legal == 0 {
			group++
			s.lookups = append(s.lookups, lookup{ix.list(normalize.Key(t.Text + toks[i+1].Text)), (w + toks[i+1].Weight) * 0.9, group})
		}
	}
	// Acronym hits are few and their bound says little about their
	// score (a long name whose initials the query spells): they are
	// scored whatever their bound.
	if sh := q.Short(); sh != "" {
		s.extra = appendCapped(s.extra, ix.list(acronymPrefix+sh))
		s.extra = appendCapped(s.extra, ix.list(shortPrefix+sh))
	}
	for _, a := range q.Acronyms() {
		s.extra = appendCapped(s.extra, ix.list(shortPrefix+a))
	}
	if w := q.Word(); w != "" {
		ix.blendLookups(s, w)
	}
	// Essential lists introduce entries; the others (long lists of light
	// tokens) only raise the bound of entries already found. Within a
	// token's group the heaviest lookup that reaches an entry counts.
	limit := heavyShare * q.Total
	essential := 0
	for i := range s.lookups {
		l := &s.lookups[i]
		if len(l.list) <= bigList || l.w >= limit {
			s.lookups[essential], s.lookups[i] = s.lookups[i], s.lookups[essential]
			essential++
		}
	}
	byWeight := func(a, b lookup) int {
		if a.group != b.group {
			return cmp.Compare(a.group, b.group)
		}
		return cmp.Compare(b.w, a.w)
	}
	if essential == 0 && len(s.lookups) > 0 {
		// every list is long: open the heaviest
		slices.SortFunc(s.lookups, func(a, b lookup) int { return cmp.Compare(b.w, a.w) })
		essential = 1
	}
	slices.SortFunc(s.lookups[:essential], byWeight)
	slices.SortFunc(s.lookups[essential:], byWeight)
	// An entry is credited once per group: groups[id] holds the groups
	// that credited it in this variant (stamp[id] == gen).
	gen := s.reserve(1) + 1
	for i, l := range s.lookups {
		bit := uint64(1) << (l.group % 64)
		if i < essential {
			for _, id := range l.list {
				a := &s.acc[id]
				if a.stamp != gen {
					a.stamp, a.groups = gen, 0
				}
				if a.groups&bit != 0 {
					continue
				}
				a.groups |= bit
				if a.cur == 0 {
					s.touched = append(s.touched, id)
				}
				a.cur += l.w
			}
			continue
		}
		for _, id := range l.list {
			a := &s.acc[id]
			if a.stamp != gen || a.groups&bit != 0 || a.cur == 0 {
				continue
			}
			a.groups |= bit
			a.cur += l.w
		}
	}
	for _, id := range s.touched {
		b := s.acc[id].cur
		s.acc[id].cur = 0
		if b > s.best[id] {
			if s.best[id] == 0 {
				s.bested = append(s.bested, id)
			}
			s.best[id] = b
		}
	}
	s.touched = s.touched[:0]
}

// fuzzyLookups adds the posting lists of the indexed tokens spelled like
// t (one edit away, or a longer or shorter form of it) whose spelling
// similarity passes, weighted by it.
func (ix *Index) fuzzyLookups(s *scratch, t *match.Token, group uint32) {
	s.keys = s.keys[:0]
	s.seen = ix.fz.near(t.Text, t.Skel, s.seen, func(id int32, prefix bool) {
		key := ix.fz.keys[id]
		if key == t.Key || slices.Contains(s.keys, key) {
			return
		}
		sim := match.PrefixSim
		if !prefix {
			if sim = s.match.Spelling(t.Text, ix.fz.words[id]); sim == 0 {
				return
			}
		}
		s.keys = append(s.keys, key)
		s.lookups = append(s.lookups, lookup{ix.list(key), t.Weight * sim, group})
	})
}

// reserve returns a base such that base+1..base+n are stamp values unused
// since the stamps were last cleared.
func (s *scratch) reserve(n uint32) uint32 {
	if s.gen > ^uint32(0)-n-1 {
		for i := range s.acc {
			s.acc[i].stamp = 0
		}
		s.gen = 0
	}
	base := s.gen
	s.gen += n
	return base
}

// worse orders candidates for the selection heap: lower bound first, and
// among equals the later entry.
func worse(a, b Candidate) bool {
	if a.Bound != b.Bound {
		return a.Bound < b.Bound
	}
	return a.Entry > b.Entry
}

func heapify(h []Candidate) {
	for i := len(h)/2 - 1; i >= 0; i-- {
		down(h, i)
	}
}

func down(h []Candidate, i int) {
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		m := l
		if r := l + 1; r < len(h) && worse(h[r], h[l]) {
			m = r
		}
		if !worse(h[m], h[i]) {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

// maxAcronymHits caps the entries an acronym adds to a query's candidates.
const maxAcronymHits = 32

func appendCapped(dst, ids []int32) []int32 {
	for _, id := range ids {
		if len(dst) >= maxAcronymHits {
			break
		}
		if !slices.Contains(dst, id) {
			dst = append(dst, id)
		}
	}
	return dst
}

// blendLookups adds to the extra candidates the entries whose words
// start with the pieces of w (see match.SetWord), found under their
// blend keys (match.BlendKeys) and checked.
func (ix *Index) blendLookups(s *scratch, w string) {
	checked := 0
	var key [5]byte
	key[0] = blendPrefix[0]
	copy(key[1:3], w)
	for k := 2; k+2 <= len(w) && checked < maxBlendChecks; k++ {
		copy(key[3:], w[k:k+2])
		for _, id := range ix.listOf(key[:]) {
			if checked++; checked > maxBlendChecks || len(s.extra) >= maxAcronymHits {
				return
			}
			if match.Blends(w, &ix.Entries[id].Tokens) {
				s.extra = appendCapped(s.extra, []int32{id})
			}
		}
	}
}

// maxBlendChecks caps the names checked for one word-start acronym.
const maxBlendChecks = 400

// fuzzyMaxDF: query tokens filed under more entries than this are not
// looked up by spelling (measured on the alias holdout: no loss).
const fuzzyMaxDF = 100
