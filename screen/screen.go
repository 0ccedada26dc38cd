// Package screen answers screening queries against one snapshot of the
// lists: it finds candidates in the index, scores them by name (package
// match), adjusts by birth date, country, gender, kind and identifiers,
// and returns the best matches with their explanations.
package screen

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/index"
	"github.com/interdict/interdict/match"
)

// Limits on one query. Names beyond MaxNameBytes are refused rather than
// cut, so that a caller never screens less than it sent without knowing.
const (
	MaxNames     = 16
	MaxNameBytes = 1024
	DefaultLimit = 10
	// DefaultFloor is the lowest score returned when a query sets no
	// MinScore: near misses under the alert threshold are shown (with
	// Alert false) so that an analyst sees what almost matched.
	DefaultFloor = 0.3
	MaxLimit     = 500
	// candidates is how many index entries are scored in full per query
	// name: enough that the right entry is among them for 99.5 % of the
	// alias-holdout queries that it can be found for at all.
	candidates = 64
)

// ErrBadQuery is returned (wrapped) for a query that cannot be screened.
var ErrBadQuery = errors.New("bad query")

// Screener screens queries against one index. It is safe for concurrent
// use.
type Screener struct {
	Index     *index.Index
	Threshold float64
	// ids maps a normalised identifier value to the entities holding it.
	ids     map[string][]int32
	sources map[string]bool
	pool    sync.Pool
}

// New makes a screener over ix with the default threshold.
func New(ix *index.Index) *Screener {
	s := &Screener{Index: ix, Threshold: interdict.DefaultThreshold, ids: map[string][]int32{}, sources: map[string]bool{}}
	for i, e := range ix.Entities {
		s.sources[e.Source] = true
		for _, id := range e.Identifiers {
			v := match.NormalizeID(id.Value)
			if len(v) >= 5 {
				s.ids[v] = append(s.ids[v], int32(i))
			}
		}
	}
	s.pool.New = func() any { return new(match.Scratch) }
	return s
}

// HasSource reports whether any entity of the source is indexed.
func (s *Screener) HasSource(src string) bool { return s.sources[src] }

// best is the best-scoring name of one entity so far.
type best struct {
	entity   int32
	score    float32
	entry    int32
	variant  int
	queryIdx int
}

// Screen returns the matches for q, best first. With explain set every
// match carries its explanation.
func (s *Screener) Screen(q *interdict.Query, explain bool) ([]interdict.Match, error) {
	if err := Validate(q); err != nil {
		return nil, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	minScore := q.MinScore
	if minScore <= 0 {
		minScore = DefaultFloor
	}
	var accept func(int32) bool
	if len(q.Sources) > 0 {
		want := map[string]bool{}
		for _, src := range q.Sources {
			want[src] = true
		}
		accept = func(e int32) bool { return want[s.Index.Entities[e].Source] }
	}
	kind := q.Kind
	if kind == "" {
		kind = interdict.KindUnknown
	}

	sc := s.pool.Get().(*match.Scratch)
	defer s.pool.Put(sc)
	bests := map[int32]*best{}
	prepared := make([][]match.Name, len(q.Names))
	for qi, raw := range q.Names {
		qn, _ := s.Index.Prepare(raw, kind)
		prepared[qi] = qn
		if len(qn) == 0 {
			continue
		}
		for _, c := range s.Index.Candidates(qn, candidates, accept) {
			en := &s.Index.Entries[c.Entry]
			for vi := range qn {
				ns, _ := match.Score(&qn[vi], &en.Tokens, sc, false)
				b := bests[en.Entity]
				if b == nil {
					b = &best{entity: en.Entity, score: -1}
					bests[en.Entity] = b
				}
				if ns > b.score {
					*b = best{entity: en.Entity, score: ns, entry: c.Entry, variant: vi, queryIdx: qi}
				}
			}
		}
	}
	// Entities holding one of the query's identifiers are candidates even
	// when their names differ.
	for _, id := range q.Identifiers {
		for _, e := range s.ids[match.NormalizeID(id.Value)] {
			if _, ok := bests[e]; !ok && (accept == nil || accept(e)) {
				bests[e] = &best{entity: e, score: 0, entry: -1}
			}
		}
	}

	out := make([]interdict.Match, 0, len(bests))
	for _, b := range bests {
		e := s.Index.Entities[b.entity]
		nameType := interdict.NamePrimary
		matched := e.PrimaryName()
		if b.entry >= 0 {
			en := &s.Index.Entries[b.entry]
			nameType = e.Names[en.Name].Type
			matched = e.Names[en.Name].Full
		}
		score, _ := match.Adjust(q, e, nameType, float64(b.score), false)
		if score < minScore {
			continue
		}
		out = append(out, interdict.Match{ID: e.ID, Source: e.Source, Kind: e.Kind, Name: e.PrimaryName(),
			MatchedName: matched, Score: round(score), Alert: score >= s.Threshold})
	}
	slices.SortFunc(out, func(a, b interdict.Match) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	if len(out) > limit {
		out = out[:limit]
	}
	if explain {
		for i := range out {
			out[i].Explanation = s.explain(q, prepared, bests, &out[i], sc)
		}
	}
	return out, nil
}

// explain re-scores one match with explanation on: cheaper than keeping
// explanations for every candidate.
func (s *Screener) explain(q *interdict.Query, prepared [][]match.Name, bests map[int32]*best, m *interdict.Match, sc *match.Scratch) *interdict.Explanation {
	var b *best
	for _, x := range bests {
		if s.Index.Entities[x.entity].ID == m.ID {
			b = x
			break
		}
	}
	if b == nil {
		return nil
	}
	e := s.Index.Entities[b.entity]
	ex := &interdict.Explanation{Threshold: s.Threshold, ListedName: e.PrimaryName(), NameType: interdict.NamePrimary}
	if b.entry >= 0 {
		en := &s.Index.Entries[b.entry]
		qn := &prepared[b.queryIdx][b.variant]
		score, toks := match.Score(qn, &en.Tokens, sc, true)
		ex.QueryName = q.Names[b.queryIdx]
		ex.ListedName = e.Names[en.Name].Full
		ex.NameType = e.Names[en.Name].Type
		ex.NameScore = round(float64(score))
		ex.Tokens = toks
	}
	_, ex.Adjustments = match.Adjust(q, e, ex.NameType, ex.NameScore, true)
	return ex
}

func round(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// Validate checks a query's size and shape.
func Validate(q *interdict.Query) error {
	if len(q.Names) == 0 {
		return fmt.Errorf("%w: no name given", ErrBadQuery)
	}
	if len(q.Names) > MaxNames {
		return fmt.Errorf("%w: %d names, at most %d", ErrBadQuery, len(q.Names), MaxNames)
	}
	nonEmpty := false
	for i, n := range q.Names {
		if len(n) > MaxNameBytes {
			return fmt.Errorf("%w: name %d is %d bytes long, at most %d", ErrBadQuery, i+1, len(n), MaxNameBytes)
		}
		if !utf8.ValidString(n) {
			return fmt.Errorf("%w: name %d is not valid UTF-8", ErrBadQuery, i+1)
		}
		if strings.TrimSpace(n) != "" {
			nonEmpty = true
		}
	}
	if !nonEmpty {
		return fmt.Errorf("%w: every name is empty", ErrBadQuery)
	}
	if q.Limit < 0 || q.Limit > MaxLimit {
		return fmt.Errorf("%w: limit %d, want 1..%d", ErrBadQuery, q.Limit, MaxLimit)
	}
	if q.MinScore < 0 || q.MinScore > 1 {
		return fmt.Errorf("%w: min_score %g, want 0..1", ErrBadQuery, q.MinScore)
	}
	return nil
}

// Compare scores two names against each other, as if the second were
// listed, with the token weights of this screener's index. It returns the
// score in [0, 1] and its explanation.
func (s *Screener) Compare(a, b string, kind interdict.Kind) (float64, *interdict.Explanation, error) {
	for i, n := range []string{a, b} {
		if len(n) > MaxNameBytes {
			return 0, nil, fmt.Errorf("%w: name %d is %d bytes long, at most %d", ErrBadQuery, i+1, len(n), MaxNameBytes)
		}
		if !utf8.ValidString(n) {
			return 0, nil, fmt.Errorf("%w: name %d is not valid UTF-8", ErrBadQuery, i+1)
		}
	}
	if kind == "" {
		kind = interdict.KindUnknown
	}
	qa, _ := s.Index.Prepare(a, kind)
	qb, _ := s.Index.Prepare(b, kind)
	sc := s.pool.Get().(*match.Scratch)
	defer s.pool.Put(sc)
	ex := &interdict.Explanation{QueryName: a, ListedName: b, NameType: interdict.NamePrimary, Threshold: s.Threshold}
	var best float32 = -1
	var bi, bj int
	for i := range qa {
		for j := range qb {
			if sc, _ := match.Score(&qa[i], &qb[j], sc, false); sc > best {
				best, bi, bj = sc, i, j
			}
		}
	}
	if best < 0 {
		return 0, ex, nil
	}
	score, toks := match.Score(&qa[bi], &qb[bj], sc, true)
	ex.NameScore = round(float64(score))
	ex.Tokens = toks
	return ex.NameScore, ex, nil
}
