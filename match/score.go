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
	howOrder
)

var howNames = [...]string{"unmatched", "exact", "phonetic", "skeleton", "fuzzy", "initial", "joined", "prefix", "out of order"}

// maxTokens bounds the tokens of one side that are compared; names longer
// than this are scored on their first maxTokens tokens (int8 indexes).
const maxTokens = 48

// Scratch is reusable memory for Score; one per goroutine.
type Scratch struct {
	pairs []pair
	usedQ [maxTokens]bool
	usedL [maxTokens]bool
	rows  []float32
	// accepted are the pairs kept by the greedy alignment.
	accepted []pair
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
	syll := q.Ordered || l.Ordered
	for i := range nq {
		qt := &q.Tokens[i]
		for j := range nl {
			lt := &l.Tokens[j]
			if syll && qt.Text != lt.Text && (float32(len(qt.Text)) < ShortToken || float32(len(lt.Text)) < ShortToken) && qt.Flags&initialFlag == 0 && lt.Flags&initialFlag == 0 {
				// Chinese and Korean syllables: few, short, and
				// spelled alike; only the same spelling counts, up to
				// the spellings of the Korean vowels ㅓ and ㅡ (eo,
				// o, u; eu, u: Seong, Song, Sung).
				if syllableEq(qt.Text, lt.Text) {
					s.pairs = append(s.pairs, pair{q: int8(i), l: int8(j), q2: -1, l2: -1, sim: simSyllable, how: howPhonetic})
				}
				continue
			}
			if sim, how := s.tokenSim(qt, lt); sim > 0 {
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
	s.accepted = s.accepted[:0]
	for k := range s.pairs {
		p := &s.pairs[k]
		if s.usedQ[p.q] || s.usedL[p.l] || (p.q2 >= 0 && s.usedQ[p.q2]) || (p.l2 >= 0 && s.usedL[p.l2]) {
			continue
		}
		s.usedQ[p.q], s.usedL[p.l] = true, true
		if p.q2 >= 0 {
			s.usedQ[p.q2] = true
		}
		if p.l2 >= 0 {
			s.usedL[p.l2] = true
		}
		s.accepted = append(s.accepted, *p)
	}
	if q.Ordered || l.Ordered {
		s.checkOrder()
	}
	var covQ, covL float32
	strong := false
	var expl []interdict.TokenMatch
	for k := range s.accepted {
		p := &s.accepted[k]
		wq, wl := q.Tokens[p.q].Weight, l.Tokens[p.l].Weight
		qs, ls := q.Tokens[p.q].Strong(), l.Tokens[p.l].Strong()
		if p.q2 >= 0 {
			wq += q.Tokens[p.q2].Weight
			qs = qs || q.Tokens[p.q2].Strong()
		}
		if p.l2 >= 0 {
			wl += l.Tokens[p.l2].Weight
			ls = ls || l.Tokens[p.l2].Strong()
		}
		covQ += p.sim * wq
		covL += p.sim * wl
		if qs && ls && p.sim >= StrongSim {
			strong = true
		}
		if explain {
			expl = append(expl, interdict.TokenMatch{
				Query: joinText(q, p.q, p.q2), Listed: joinText(l, p.l, p.l2),
				How: howNames[p.how], Similarity: round3(p.sim), Weight: round3(wq / q.Total),
			})
		}
	}
	if a, ex := acronym(q, l, explain); a > 0 {
		cq, cl := min(covQ/q.Total, 1), min(covL/l.Total, 1)
		if sc := float32(math.Pow(float64(cq), QueryExp) * math.Pow(float64(cl), ListedExp)); !strong || sc < a {
			return a, ex
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

// tokenSim says how alike two tokens are: 1 when equal; otherwise their
// weighted edit similarity (weightedSim), raised to a floor when their
// phonetic keys (KeyFloor) or consonant skeletons (SkelFloor) agree, and
// 0 under FuzzyFloor. Initials pair only with a word of that initial.
func (s *Scratch) tokenSim(a, b *Token) (float32, uint8) {
	if a.Text == b.Text {
		return simExact, howExact
	}
	ai, bi := a.Flags&initialFlag != 0, b.Flags&initialFlag != 0
	if ai || bi {
		if ai != bi && a.Text != "" && b.Text != "" && a.Text[0] == b.Text[0] {
			return simInitial, howInitial
		}
		return 0, howUnmatched
	}
	keyEq := a.Key != "" && a.Key == b.Key
	skelEq := !keyEq && len(a.Skel) > 1 && a.Skel == b.Skel
	weak := a.Weight == 0 || b.Weight == 0 || !a.Strong() || !b.Strong()
	if weak && !keyEq && !skelEq {
		return 0, howUnmatched
	}
	e := s.weightedSim(a.Text, b.Text, FuzzyFloor)
	if float32(len(a.Text)) < ShortToken || float32(len(b.Text)) < ShortToken {
		// Short tokens (Chinese and Korean syllables, Li, Jon) share
		// keys with too many others: only their spelling counts.
		keyEq, skelEq = false, false
	}
	switch {
	case keyEq:
		return max(e, KeyFloor), howPhonetic
	case skelEq:
		f := SkelFloor
		if len(a.Skel) <= 2 {
			// Two consonants ("kd": kuda, kaida, kado) collide too often
			// to count as the same name.
			f *= 0.75
		}
		return max(e, f), howSkeleton
	case e >= FuzzyFloor:
		return e, howFuzzy
	}
	if !weak && (isPrefix(a.Text, b.Text) || isPrefix(b.Text, a.Text)) {
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

// checkOrder voids pairs whose two tokens are adjacent on both sides but in
// the opposite order, for names written in syllables (Chinese, Korean):
// "Jong Un" and "Un Jong" are two given names, not one in another order.
// The second pair of each inversion, in query order, loses its similarity.
func (s *Scratch) checkOrder() {
	for a := range s.accepted {
		pa := &s.accepted[a]
		if pa.q2 >= 0 || pa.l2 >= 0 || pa.sim == 0 {
			continue
		}
		for b := range s.accepted {
			pb := &s.accepted[b]
			if pb.q2 >= 0 || pb.l2 >= 0 || pb.sim == 0 {
				continue
			}
			if pb.q == pa.q+1 && pb.l == pa.l-1 {
				pb.sim, pb.how = 0, howOrder
			}
		}
	}
}

// syllableEq reports whether two romanised syllables differ only in the
// spelling of a Korean vowel: eo, o and u (ㅓ), eu and u (ㅡ).
func syllableEq(a, b string) bool {
	var x, y [16]byte
	ca, cb := syllableCanon(a, x[:0]), syllableCanon(b, y[:0])
	return ca != nil && string(ca) == string(cb)
}

func syllableCanon(t string, dst []byte) []byte {
	if len(t) > 12 {
		return nil
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if (c == 'e') && i+1 < len(t) && (t[i+1] == 'o' || t[i+1] == 'u') {
			continue // eo → o, eu → u
		}
		if c == 'u' {
			c = 'o'
		}
		dst = append(dst, c)
	}
	return dst
}
