package match

import (
	"cmp"
	"math"
	"slices"

	interdict "github.com/interdict/interdict"
)

// pair is a candidate pairing of query token(s) with listed token(s). A
// joined pair spans two tokens on one side (q2 or l2 set).
type pair struct {
	q, l   int8
	q2, l2 int8 // second token of a joined pair, or -1
	sim    float32
	how    uint8
}

const (
	howUnmatched uint8 = iota
	howExact
	howPhonetic
	howSkeleton
	howFuzzy
	howInitial
	howJoined
	howPrefix
)

var howNames = [...]string{"unmatched", "exact", "phonetic", "skeleton", "fuzzy", "initial", "joined", "prefix"}

// maxTokens bounds the tokens of one side that are compared; names longer
// than this are scored on their first maxTokens tokens (int8 indexes).
const maxTokens = 48

// Scratch is reusable memory for Score; one per goroutine.
type Scratch struct {
	pairs []pair
	usedQ [maxTokens]bool
	usedL [maxTokens]bool
	lev   []int
}

// Score compares a query name with a listed name and returns the name
// score in [0, 1]. With explain set it also returns every token pairing
// and every token left unpaired.
func Score(q, l *Name, s *Scratch, explain bool) (float32, []interdict.TokenMatch) {
	nq, nl := min(len(q.Tokens), maxTokens), min(len(l.Tokens), maxTokens)
	if nq == 0 || nl == 0 || q.Total <= 0 || l.Total <= 0 {
		return 0, nil
	}
	s.pairs = s.pairs[:0]
	for i := range nq {
		qt := &q.Tokens[i]
		for j := range nl {
			if sim, how := s.tokenSim(qt, &l.Tokens[j]); sim > 0 {
				s.pairs = append(s.pairs, pair{q: int8(i), l: int8(j), q2: -1, l2: -1, sim: sim, how: how})
			}
		}
	}
	s.joined(q, l, nq, nl)

	// Greedy: best pairs first, by similarity weighted by what they cover.
	slices.SortFunc(s.pairs, func(pa, pb pair) int {
		return cmp.Compare(pb.sim*pairWeight(q, l, &pb), pa.sim*pairWeight(q, l, &pa))
	})
	clear(s.usedQ[:nq])
	clear(s.usedL[:nl])
	var covQ, covL float32
	strong := false
	var expl []interdict.TokenMatch
	for k := range s.pairs {
		p := &s.pairs[k]
		if s.usedQ[p.q] || s.usedL[p.l] || (p.q2 >= 0 && s.usedQ[p.q2]) || (p.l2 >= 0 && s.usedL[p.l2]) {
			continue
		}
		s.usedQ[p.q], s.usedL[p.l] = true, true
		wq, wl := q.Tokens[p.q].Weight, l.Tokens[p.l].Weight
		qs, ls := q.Tokens[p.q].Strong(), l.Tokens[p.l].Strong()
		if p.q2 >= 0 {
			s.usedQ[p.q2] = true
			wq += q.Tokens[p.q2].Weight
			qs = qs || q.Tokens[p.q2].Strong()
		}
		if p.l2 >= 0 {
			s.usedL[p.l2] = true
			wl += l.Tokens[p.l2].Weight
			ls = ls || l.Tokens[p.l2].Strong()
		}
		covQ += p.sim * wq
		covL += p.sim * wl
		if qs && ls && p.sim >= simSkeleton-0.01 {
			strong = true
		}
		if explain {
			expl = append(expl, interdict.TokenMatch{
				Query: joinText(q, p.q, p.q2), Listed: joinText(l, p.l, p.l2),
				How: howNames[p.how], Similarity: round3(p.sim), Weight: round3(wq / q.Total),
			})
		}
	}
	cq := min(covQ/q.Total, 1)
	cl := min(covL/l.Total, 1)
	score := float32(math.Pow(float64(cq), QueryExp) * math.Pow(float64(cl), ListedExp))
	if !strong {
		// Only legal forms, particles, initials or loose pairs agree: a
		// name like "CORP" or "Al" must never match on that alone.
		score *= 0.3
	}
	if explain {
		for i := range nq {
			if !s.usedQ[i] {
				expl = append(expl, interdict.TokenMatch{Query: q.Tokens[i].Text, How: "unmatched", Weight: round3(q.Tokens[i].Weight / q.Total)})
			}
		}
		for j := range nl {
			if !s.usedL[j] {
				expl = append(expl, interdict.TokenMatch{Listed: l.Tokens[j].Text, How: "unmatched", Weight: round3(l.Tokens[j].Weight / l.Total)})
			}
		}
	}
	return score, expl
}

func pairWeight(q, l *Name, p *pair) float32 {
	w := q.Tokens[p.q].Weight + l.Tokens[p.l].Weight
	if p.q2 >= 0 {
		w += q.Tokens[p.q2].Weight
	}
	if p.l2 >= 0 {
		w += l.Tokens[p.l2].Weight
	}
	return w
}

func joinText(n *Name, a, b int8) string {
	if b < 0 {
		return n.Tokens[a].Text
	}
	return n.Tokens[a].Text + " " + n.Tokens[b].Text
}

func round3(x float32) float64 { return math.Round(float64(x)*1000) / 1000 }

// tokenSim says how alike two tokens are.
func (s *Scratch) tokenSim(a, b *Token) (float32, uint8) {
	switch {
	case a.Text == b.Text:
		return simExact, howExact
	case a.Key != "" && a.Key == b.Key:
		return simPhonetic, howPhonetic
	case len(a.Skel) > 1 && a.Skel == b.Skel:
		if len(a.Skel) <= 2 {
			// Two consonants ("kd": kuda, kaida, kado) collide too often
			// to count as the same name.
			return simSkeleton * 0.75, howSkeleton
		}
		return simSkeleton, howSkeleton
	}
	ai, bi := a.Flags&initialFlag != 0, b.Flags&initialFlag != 0
	if ai || bi {
		if ai != bi && a.Text != "" && b.Text != "" && a.Text[0] == b.Text[0] {
			return simInitial, howInitial
		}
		return 0, howUnmatched
	}
	if a.Weight == 0 || b.Weight == 0 || !a.Strong() || !b.Strong() {
		return 0, howUnmatched
	}
	if sim := s.editSim(a.Text, b.Text); sim >= fuzzyFloor {
		return sim * 0.9, howFuzzy
	}
	if isPrefix(a.Text, b.Text) || isPrefix(b.Text, a.Text) {
		return simPrefix, howPrefix
	}
	return 0, howUnmatched
}

// isPrefix reports whether a is a short form of b written as its start
// ("kuda" of "kudakwashe", "intl" is not, "mohd" is not): at least three
// letters and at most two thirds of b.
func isPrefix(a, b string) bool {
	return len(a) >= 3 && len(b) >= 5 && 3*len(a) <= 2*len(b) && b[:len(a)] == a
}

// joined adds pairs where two adjacent tokens on one side are one token on
// the other ("siemens ag" / "siemensag", "aero caribbean" /
// "aerocaribbean").
func (s *Scratch) joined(q, l *Name, nq, nl int) {
	for i := 0; i+1 < nq; i++ {
		a, b := q.Tokens[i].Text, q.Tokens[i+1].Text
		for j := range nl {
			if t := l.Tokens[j].Text; len(t) == len(a)+len(b) && t[:len(a)] == a && t[len(a):] == b {
				s.pairs = append(s.pairs, pair{q: int8(i), q2: int8(i + 1), l: int8(j), l2: -1, sim: simJoined, how: howJoined})
			}
		}
	}
	for j := 0; j+1 < nl; j++ {
		a, b := l.Tokens[j].Text, l.Tokens[j+1].Text
		for i := range nq {
			if t := q.Tokens[i].Text; len(t) == len(a)+len(b) && t[:len(a)] == a && t[len(a):] == b {
				s.pairs = append(s.pairs, pair{q: int8(i), q2: -1, l: int8(j), l2: int8(j + 1), sim: simJoined, how: howJoined})
			}
		}
	}
}

// editSim is 1 - Levenshtein distance / longer length, on bytes (tokens
// are folded Latin). Pairs whose lengths alone rule out the floor are not
// computed.
func (s *Scratch) editSim(a, b string) float32 {
	la, lb := len(a), len(b)
	if la < 4 || lb < 4 {
		return 0
	}
	longer := max(la, lb)
	if float32(longer-min(la, lb))/float32(longer) > 1-fuzzyFloor {
		return 0
	}
	if cap(s.lev) < lb+1 {
		s.lev = make([]int, lb+1)
	}
	row := s.lev[:lb+1]
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= la; i++ {
		prev := row[0]
		row[0] = i
		for j := 1; j <= lb; j++ {
			cur := row[j]
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			row[j] = min(row[j]+1, row[j-1]+1, prev+cost)
			prev = cur
		}
	}
	return 1 - float32(row[lb])/float32(longer)
}
