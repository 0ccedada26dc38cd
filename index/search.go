package index

import (
	"cmp"
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

// scratch is per-search memory, pooled: a bound per entry and the list of
// entries touched, so that resetting costs what was touched.
type scratch struct {
	bound   []float32
	stamp   []uint32
	gen     uint32
	touched []int32
	cands   []Candidate
}

var pools sync.Map // *Index → *sync.Pool

func (ix *Index) getScratch() *scratch {
	p, _ := pools.LoadOrStore(ix, &sync.Pool{New: func() any {
		return &scratch{bound: make([]float32, len(ix.Entries)), stamp: make([]uint32, len(ix.Entries))}
	}})
	return p.(*sync.Pool).Get().(*scratch)
}

func (ix *Index) putScratch(s *scratch) {
	for _, id := range s.touched {
		s.bound[id] = 0
	}
	s.touched = s.touched[:0]
	s.cands = s.cands[:0]
	if p, ok := pools.Load(ix); ok {
		p.(*sync.Pool).Put(s)
	}
}

// Release forgets the index's search memory; call it when a snapshot is
// retired.
func (ix *Index) Release() { pools.Delete(ix) }

// Candidates returns up to limit entries that share keys with any of the
// query renderings, best bound first. The bound of an entry is the summed
// weight of the query tokens it shares a key with (a skeleton or glued
// key counts a little less), at most once per query token.
func (ix *Index) Candidates(q []match.Name, limit int, accept func(entity int32) bool) []Candidate {
	s := ix.getScratch()
	defer ix.putScratch(s)
	for vi := range q {
		toks := q[vi].Tokens
		for i := range toks {
			t := &toks[i]
			w := t.Weight
			s.next()
			s.add(ix.postings[t.Key], w)
			s.add(ix.postings[skelPrefix+t.Skel], w*0.85)
			s.add(ix.postings[joinedPrefix+t.Key], w*0.9)
			if i+1 < len(toks) && t.Flags&normalize.Legal == 0 && toks[i+1].Flags&normalize.Legal == 0 {
				s.next()
				s.add(ix.postings[normalize.Key(t.Text+toks[i+1].Text)], (w+toks[i+1].Weight)*0.9)
			}
		}
	}
	for _, id := range s.touched {
		if accept != nil && !accept(ix.Entries[id].Entity) {
			continue
		}
		s.cands = append(s.cands, Candidate{Entry: id, Bound: s.bound[id] / ix.Entries[id].norm})
	}
	slices.SortFunc(s.cands, func(a, b Candidate) int {
		if c := cmp.Compare(b.Bound, a.Bound); c != 0 {
			return c
		}
		return cmp.Compare(a.Entry, b.Entry)
	})
	n := min(limit, len(s.cands))
	out := make([]Candidate, n)
	copy(out, s.cands[:n])
	return out
}

func (s *scratch) next() {
	s.gen++
	if s.gen == 0 {
		clear(s.stamp)
		s.gen = 1
	}
}

func (s *scratch) add(ids []int32, w float32) {
	for _, id := range ids {
		if s.stamp[id] == s.gen {
			continue
		}
		s.stamp[id] = s.gen
		if s.bound[id] == 0 {
			s.touched = append(s.touched, id)
		}
		s.bound[id] += w
	}
}
