package match

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unsafe"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/normalize"
)

// pair is a candidate pairing of query tokens with listed tokens: one
// token with one, or a run of tokens on one side with one token on the
// other (joined words, initials, a split compound). Spans are inclusive.
type pair struct {
	q0, q1, l0, l1 int8
	sim            float32
	// rank orders the greedy alignment: sim × the weight covered
	rank float32
	how  uint8
	// sure is set when the pair is alike enough for its name to count
	// as matched (StrongSim, before Sharpen)
	sure bool
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
	howNumber
	howCompound
	howRepeat
	howClass
)

var howNames = [...]string{"unmatched", "exact", "phonetic", "skeleton", "fuzzy", "initial", "joined", "prefix", "out of order", "number", "compound", "repeated", "same class"}

// maxTokens bounds the tokens of one side that are compared; names longer
// than this are scored on their first maxTokens tokens (int8 indexes).
const maxTokens = 48

// Scratch is reusable memory for Score; one per goroutine.
type Scratch struct {
	pairs []pair
	usedQ [maxTokens]float32 // similarity of the pair a token is in, or 0
	usedL [maxTokens]float32
	rows  []int32
	idx   []uint8
	buf   []byte
	// accepted are the pairs kept by the greedy alignment.
	accepted []pair
	// sims caches token similarities between BeginQuery and EndQuery,
	// keyed by the query token's address and the listed token's interned
	// strings: the same listed words recur across a query's candidates.
	// Direct-mapped: a colliding pair overwrites the slot.
	sims    []simSlot
	caching bool
	// gen stamps the slots filled for the current query: a new query
	// moves it on instead of clearing the whole cache.
	gen uint32
}

type simSlot struct {
	q         *Token
	text, key *byte
	tlen      int32
	gen       uint32
	flags     normalize.Flags
	how       uint8
	sim       float32
}

// simSlots is the size of the similarity cache (a power of two).
const simSlots = 1024

// BeginQuery starts caching token similarities for one query: until
// EndQuery, the query's token slices must not change or be freed. Score
// works without it (Compare, package resolve).
func (s *Scratch) BeginQuery() {
	if s.sims == nil {
		s.sims = make([]simSlot, simSlots)
	}
	if s.gen++; s.gen == 0 {
		clear(s.sims)
		s.gen = 1
	}
	s.caching = true
}

// EndQuery stops caching.
func (s *Scratch) EndQuery() { s.caching = false }

func (s *Scratch) cachedSim(a, b *Token) (float32, uint8) {
	tp, kp := unsafe.StringData(b.Text), unsafe.StringData(b.Key)
	if !s.caching || tp == unsafe.StringData(a.Text) && len(a.Text) == len(b.Text) {
		return s.tokenSim(a, b)
	}
	h := (uintptr(unsafe.Pointer(a))>>4)*0x9E3779B1 ^ uintptr(unsafe.Pointer(tp))*0x85EBCA77 ^ uintptr(unsafe.Pointer(kp))
	slot := &s.sims[(h^h>>17)&(simSlots-1)]
	if slot.gen == s.gen && slot.q == a && slot.text == tp && slot.key == kp && slot.tlen == int32(len(b.Text)) && slot.flags == b.Flags {
		return slot.sim, slot.how
	}
	sim, how := s.tokenSim(a, b)
	*slot = simSlot{q: a, text: tp, key: kp, tlen: int32(len(b.Text)), gen: s.gen, flags: b.Flags, how: how, sim: sim}
	return sim, how
}

// Score compares a query name with a listed name and returns the name
// score in [0, 1]. With explain set it also returns every token pairing
// and every token left unpaired.
//
// Tokens are paired greedily, the pairs that cover the most weight with
// the highest similarity first, each token used once. Then, for names
// written in syllables, adjacent syllables paired in reverse order are
// voided (Jong Un is not Un Jong), and so are the two names around bin /
// ibn when they swap sides (Abdullah bin Omar is Omar's son, not Omar
// bin Abdullah). A token repeating a paired token of its own name counts
// as paired (Shoigu Shoigu Sergey). The score is covQ^QueryExp ×
// covL^ListedExp, where cov is the weighted share of a side that found
// a partner, times its similarity; it is cut to 30 % when no two
// identifying tokens agree (a name like "CORP" or "Al" never matches on
// that alone). A name that spells the initials of the other scores at
// least their acronym similarity.
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
			if syll && qt.Text != lt.Text && qt.Flags&initialFlag == 0 && lt.Flags&initialFlag == 0 {
				// Chinese and Korean syllables: few, short, and
				// spelled alike (Guohua, Guihua; Jiahao, Jiachao);
				// only the same spelling counts, up to the spellings
				// of the Korean vowels ㅓ and ㅡ (eo, o, u; eu, u:
				// Seong, Song, Sung).
				if syllableEq(qt.Text, lt.Text) {
					p := single(i, j, simSyllable, howPhonetic)
					p.sure = true
					s.pairs = append(s.pairs, p)
				}
				continue
			}
			if sim, how := s.cachedSim(qt, lt); sim > 0 {
				p := single(i, j, sim, how)
				if sim < 1 && how != howInitial && how != howNumber && how != howClass {
					p.sim = sharpen(sim)
				}
				p.sure = sim >= StrongSim
				s.pairs = append(s.pairs, p)
			}
		}
	}
	s.runs(q, l, nq, nl, false)
	s.runs(l, q, nl, nq, true)

	// Greedy: best pairs first, by similarity weighted by what they cover.
	for k := range s.pairs {
		p := &s.pairs[k]
		p.rank = p.sim * pairWeight(q, l, p)
	}
	slices.SortFunc(s.pairs, func(pa, pb pair) int {
		if c := cmp.Compare(pb.rank, pa.rank); c != 0 {
			return c
		}
		// equal: keep the order of the names (earlier tokens first)
		if c := cmp.Compare(pa.q0, pb.q0); c != 0 {
			return c
		}
		return cmp.Compare(pa.l0, pb.l0)
	})
	clear(s.usedQ[:nq])
	clear(s.usedL[:nl])
	s.accepted = s.accepted[:0]
	for k := range s.pairs {
		p := &s.pairs[k]
		if anyUsed(s.usedQ[:], p.q0, p.q1) || anyUsed(s.usedL[:], p.l0, p.l1) {
			continue
		}
		mark(s.usedQ[:], p.q0, p.q1, p.sim)
		mark(s.usedL[:], p.l0, p.l1, p.sim)
		s.accepted = append(s.accepted, *p)
	}
	if syll {
		s.checkOrder()
	}
	s.checkBin(q, l)
	// the voided pairs free their tokens
	for k := range s.accepted {
		if p := &s.accepted[k]; p.sim == 0 {
			mark(s.usedQ[:], p.q0, p.q1, 0)
			mark(s.usedL[:], p.l0, p.l1, 0)
		}
	}
	if !syll {
		// (syllables repeat in Chinese and Korean names: Song Jin Song
		// Min)
		s.repeats(q, nq, s.usedQ[:], false)
		s.repeats(l, nl, s.usedL[:], true)
	}

	var covQ, covL float32
	strong := false
	var expl []interdict.TokenMatch
	for k := range s.accepted {
		p := &s.accepted[k]
		wq, qs := spanWeight(q, p.q0, p.q1)
		wl, ls := spanWeight(l, p.l0, p.l1)
		covQ += p.sim * wq
		covL += p.sim * wl
		if qs && ls && (p.sure || p.sim >= StrongSim) {
			strong = true
		}
		if explain {
			expl = append(expl, interdict.TokenMatch{
				Query: spanText(q, p.q0, p.q1), Listed: spanText(l, p.l0, p.l1),
				How: howNames[p.how], Similarity: round3(p.sim), Weight: round3(wq / q.Total),
			})
		}
	}
	cq := min(covQ/q.Total, 1)
	cl := min(covL/l.Total, 1)
	score := coverageScore(cq, cl)
	if Conflict > 0 && strongCount(q, nq) >= int(ConflictMin) && strongCount(l, nl) >= int(ConflictMin) {
		// Identifying words left over on both sides contradict each
		// other (Tariq Anwar el Sayed Mohamed, ... Ahmed): stronger
		// evidence of another party than a word missing on one side.
		uq := unpairedShare(q, nq, s.usedQ[:])
		ul := unpairedShare(l, nl, s.usedL[:])
		score *= 1 - Conflict*min(uq, ul)
	}
	if !strong && q.Short() != "" && q.Short() == l.Short() {
		// the same initials (A.B.C. Company, ABC Co)
		strong = true
	}
	if !strong && (cq < 1 || cl < 1) {
		// Only legal forms, particles, initials or loose pairs agree: a
		// name like "CORP" or "Al" must never match on that alone. (Every
		// word of both names the same is the listed name itself, however
		// generic its words: "I JET GLOBAL DMCC".)
		score *= 0.3
	}
	if a, ex := acronym(q, l, explain); a > score {
		return a, ex
	}
	if explain {
		for i := range nq {
			if s.usedQ[i] == 0 {
				expl = append(expl, interdict.TokenMatch{Query: q.Tokens[i].Text, How: "unmatched", Weight: round3(q.Tokens[i].Weight / q.Total)})
			}
		}
		for j := range nl {
			if s.usedL[j] == 0 {
				expl = append(expl, interdict.TokenMatch{Listed: l.Tokens[j].Text, How: "unmatched", Weight: round3(l.Tokens[j].Weight / l.Total)})
			}
		}
	}
	return score, expl
}

// sharpen lowers the credit of a loose pair more than that of a close
// one: two spellings 0.8 alike are weaker evidence of one name than 80 %
// of an exact pair (Castillo, Castro; Monteiro, Montenegro).
func sharpen(sim float32) float32 {
	switch Sharpen {
	case 1:
		return sim
	case 1.5:
		return sim * float32(math.Sqrt(float64(sim)))
	}
	return float32(math.Pow(float64(sim), float64(Sharpen)))
}

func single(i, j int, sim float32, how uint8) pair {
	return pair{q0: int8(i), q1: int8(i), l0: int8(j), l1: int8(j), sim: sim, how: how}
}

func anyUsed(used []float32, a, b int8) bool {
	if a < 0 {
		return false
	}
	for i := a; i <= b; i++ {
		if used[i] != 0 {
			return true
		}
	}
	return false
}

func mark(used []float32, a, b int8, sim float32) {
	if a < 0 {
		return
	}
	for i := a; i <= b; i++ {
		used[i] = sim
	}
}

// spanWeight is the weight of tokens a..b of n and whether one of them is
// identifying.
func spanWeight(n *Name, a, b int8) (float32, bool) {
	var w float32
	strong := false
	if a < 0 {
		return 0, false
	}
	for i := a; i <= b; i++ {
		w += n.Tokens[i].Weight
		strong = strong || n.Tokens[i].Strong()
	}
	return w, strong
}

func pairWeight(q, l *Name, p *pair) float32 {
	wq, _ := spanWeight(q, p.q0, p.q1)
	wl, _ := spanWeight(l, p.l0, p.l1)
	return wq + wl
}

func spanText(n *Name, a, b int8) string {
	if a < 0 {
		return ""
	}
	if a == b {
		return n.Tokens[a].Text
	}
	var sb strings.Builder
	for i := a; i <= b; i++ {
		if i > a {
			sb.WriteByte(' ')
		}
		sb.WriteString(n.Tokens[i].Text)
	}
	return sb.String()
}

func round3(x float32) float64 { return math.Round(float64(x)*1000) / 1000 }

// tokenSim says how alike two tokens are: 1 when equal; otherwise their
// weighted edit similarity (weightedSim), raised to a floor when their
// phonetic keys (KeyFloor) or consonant skeletons (SkelFloor) agree, and
// 0 under FuzzyFloor. Initials pair only with a word of that initial;
// numbers with their words (3, three; 1st, first).
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
	if n := numberOf(a.Text); n != 0 && n == numberOf(b.Text) {
		return simNumber, howNumber
	}
	if a.Flags&(normalize.Legal|normalize.Symbol) != 0 && a.Key == b.Key && a.Flags&(normalize.Legal|normalize.Symbol) == b.Flags&(normalize.Legal|normalize.Symbol) {
		// two legal forms of one class (OAO, OJSC) or two spellings of
		// one generic word
		return simClass, howClass
	}
	keyEq := a.Key != "" && a.Key == b.Key
	skelEq := !keyEq && len(a.Skel) > 1 && a.Skel == b.Skel
	weak := a.Weight == 0 || b.Weight == 0 || !a.Strong() || !b.Strong()
	if weak && !keyEq && !skelEq {
		return 0, howUnmatched
	}
	var e float32
	if keyEq || skelEq || !consFar(a, b) {
		e = s.weightedSim(a.Text, b.Text, FuzzyFloor)
	}
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
	if weak {
		return 0, howUnmatched
	}
	if isPrefix(a.Text, b.Text) || isPrefix(b.Text, a.Text) {
		return simPrefix, howPrefix
	}
	if sim := s.compoundTail(a.Text, b.Text); sim > 0 {
		return sim, howCompound
	}
	return 0, howUnmatched
}

// isPrefix reports whether a is a short form of b written as its start
// ("kuda" of "kudakwashe", "intl" is not, "mohd" is not): at least three
// letters and at most two thirds of b.
func isPrefix(a, b string) bool {
	return len(a) >= 3 && len(b) >= 5 && 3*len(a) <= 2*len(b) && b[:len(a)] == a
}

// compoundTail pairs an Arabic compound given name with its second part
// written alone, as lists and people often shorten it: Abdelkader and
// Kader, Abdulmajid and Majid (the part alone is the shorter name).
func (s *Scratch) compoundTail(a, b string) float32 {
	if len(a) > 20 || len(b) > 20 {
		return 0
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	tail, ok := strings.CutPrefix(a, "abdul")
	if !ok || len(tail) < 4 || len(b) < 4 {
		return 0
	}
	return s.weightedSim(tail, b, FuzzyFloor) * simCompound
}

// runs adds the pairs where a run of tokens of a is one token of b: two
// words written as one ("siemens ag" / "siemensag", "fridrich
// buchenberg" / "friedrichbuchenberg"), in either order ("majeed abdul" /
// "abdulmajid": lists invert Arabic compound names with the surname),
// and initials written apart ("l x c" / "lxc"). swap says a is the
// listed name.
func (s *Scratch) runs(a, b *Name, na, nb int, swap bool) {
	add := func(i0, i1, j int, sim float32, how uint8) {
		p := pair{q0: int8(i0), q1: int8(i1), l0: int8(j), l1: int8(j), sim: sim, how: how}
		if swap {
			p = pair{q0: int8(j), q1: int8(j), l0: int8(i0), l1: int8(i1), sim: sim, how: how}
		}
		s.pairs = append(s.pairs, p)
	}
	syll := a.Ordered || b.Ordered
	for i := 0; i+1 < na; i++ {
		x, y := &a.Tokens[i], &a.Tokens[i+1]
		// a legal form or generic word joins only as written
		// (SiemensAG), never by loose spelling
		legal := x.Flags&(normalize.Legal|normalize.Symbol) != 0 || y.Flags&(normalize.Legal|normalize.Symbol) != 0
		lx, ly := len(x.Text), len(y.Text)
		// the reverse order only for an Arabic compound whose second
		// part the list wrote first ("MAJEED, Abdul")
		rev := isCompoundHead(y.Text) && !syll && !legal
		// loose spelling only for long words: "Mary Lee" is not Marilee
		fuzzy := !syll && !legal && lx >= 3 && ly >= 3 && lx+ly >= 9
		for j := range nb {
			t := b.Tokens[j].Text
			if len(t) < lx+ly-2 || len(t) > lx+ly+2 || len(t) < 4 {
				continue
			}
			switch {
			case len(t) == lx+ly && t[:lx] == x.Text && t[lx:] == y.Text,
				rev && len(t) == lx+ly && t[:ly] == y.Text && t[ly:] == x.Text:
				add(i, i+1, j, simJoined, howJoined)
				continue
			}
			if !fuzzy && !rev {
				continue
			}
			for k, order := range [2][2]string{{x.Text, y.Text}, {y.Text, x.Text}} {
				if k == 0 && !fuzzy || k == 1 && !rev || t[0] != order[0][0] {
					continue
				}
				s.buf = append(append(s.buf[:0], order[0]...), order[1]...)
				if sim := s.weightedSim(t, string(s.buf), 0.85); sim > 0 {
					add(i, i+1, j, sim*simJoined, howJoined)
					break
				}
			}
		}
	}
	// initials written apart
	for i := 0; i < na; {
		if a.Tokens[i].Flags&initialFlag == 0 {
			i++
			continue
		}
		k := i
		for k+1 < na && a.Tokens[k+1].Flags&initialFlag != 0 {
			k++
		}
		if k > i {
			for j := range nb {
				t := b.Tokens[j].Text
				if len(t) != k-i+1 {
					continue
				}
				ok := true
				for m := i; m <= k && ok; m++ {
					ok = a.Tokens[m].Text[0] == t[m-i]
				}
				if ok {
					add(i, k, j, simJoined, howJoined)
				}
			}
		}
		i = k + 1
	}
}

// checkOrder voids pairs whose two tokens are adjacent on both sides but in
// the opposite order, for names written in syllables (Chinese, Korean):
// "Jong Un" and "Un Jong" are two given names, not one in another order.
// The second pair of each inversion, in query order, loses its similarity.
func (s *Scratch) checkOrder() {
	for a := range s.accepted {
		pa := &s.accepted[a]
		if pa.q0 != pa.q1 || pa.l0 != pa.l1 || pa.sim == 0 {
			continue
		}
		for b := range s.accepted {
			pb := &s.accepted[b]
			if pb.q0 != pb.q1 || pb.l0 != pb.l1 || pb.sim == 0 {
				continue
			}
			if pb.q0 == pa.q0+1 && pb.l0 == pa.l0-1 {
				pb.sim, pb.how = 0, howOrder
			}
		}
	}
}

// checkBin voids the two pairs that swap the names around bin or ibn: in
// "X bin Y", X is the son of Y, so "Abdullah bin Omar" and "Omar bin
// Abdullah" are two people.
func (s *Scratch) checkBin(q, l *Name) {
	qb, lb := binAt(q), binAt(l)
	if qb < 0 || lb < 0 {
		return
	}
	var before, after *pair // the pairs of the query's names around bin
	for k := range s.accepted {
		p := &s.accepted[k]
		switch {
		case p.q1 == int8(qb-1):
			before = p
		case p.q0 == int8(qb+1):
			after = p
		}
	}
	if before == nil || after == nil || before.sim == 0 || after.sim == 0 {
		return
	}
	if before.l0 > int8(lb) && after.l1 < int8(lb) {
		before.sim, before.how = 0, howOrder
		after.sim, after.how = 0, howOrder
	}
}

// binAt is the index of the single bin/ibn/ben particle of n between two
// tokens, or -1.
func binAt(n *Name) int {
	at := -1
	for i := 1; i+1 < len(n.Tokens) && i+1 < maxTokens; i++ {
		if t := &n.Tokens[i]; t.Flags&normalize.Particle != 0 && t.Key == "bn" {
			if at >= 0 {
				return -1
			}
			at = i
		}
	}
	return at
}

// repeats credits an unpaired token that repeats a paired token of its
// own name (Shoigu Shoigu Sergey), with that token's similarity, when
// two other identifying tokens are paired ("Martin Martin" is not
// "MARTIN").
func (s *Scratch) repeats(n *Name, cnt int, used []float32, listed bool) {
	paired := 0
	for i := range cnt {
		if used[i] != 0 && n.Tokens[i].Strong() {
			paired++
		}
	}
	if paired < 2 {
		return
	}
	for i := range cnt {
		if used[i] != 0 || !n.Tokens[i].Strong() {
			continue
		}
		for j := range cnt {
			if j != i && used[j] != 0 && n.Tokens[j].Text == n.Tokens[i].Text {
				used[i] = used[j]
				p := pair{q0: int8(i), q1: int8(i), l0: -1, l1: -1, sim: used[j], how: howRepeat}
				if listed {
					p = pair{q0: -1, q1: -1, l0: int8(i), l1: int8(i), sim: used[j], how: howRepeat}
				}
				s.accepted = append(s.accepted, p)
				break
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
		if c == 'e' && i+1 < len(t) && (t[i+1] == 'o' || t[i+1] == 'u') {
			continue // eo → o, eu → u
		}
		if c == 'u' {
			c = 'o'
		}
		dst = append(dst, c)
	}
	return dst
}

// isCompoundHead reports whether t is the first part of an Arabic
// compound name written apart (abd, abdul, abdel).
func isCompoundHead(t string) bool {
	switch t {
	case "abd", "abdul", "abdel", "abdal", "abdol", "abdu":
		return true
	}
	return false
}

// unpairedShare is the weighted share of n's identifying tokens left
// unpaired.
func unpairedShare(n *Name, cnt int, used []float32) float32 {
	var u float32
	for i := range cnt {
		if used[i] == 0 && n.Tokens[i].Strong() {
			u += n.Tokens[i].Weight
		}
	}
	return min(u/n.Total, 1)
}

func strongCount(n *Name, cnt int) int {
	k := 0
	for i := range cnt {
		if n.Tokens[i].Strong() {
			k++
		}
	}
	return k
}

// coverageScore is cq^QueryExp × cl^ListedExp.
func coverageScore(cq, cl float32) float32 {
	if cq <= 0 || cl <= 0 {
		return 0
	}
	if cq >= 1 && cl >= 1 {
		return 1
	}
	return float32(math.Exp(QueryExp*math.Log(float64(cq)) + ListedExp*math.Log(float64(cl))))
}

// consFar reports whether a and b differ in so many consonant classes
// (consDistance, 0.4 each at least) that weightedSim cannot reach its
// floor.
func consFar(a, b *Token) bool {
	longer := max(len(a.Text), len(b.Text))
	if longer > maxEditLen {
		return false
	}
	floor := FuzzyFloor
	if float32(min(len(a.Text), len(b.Text))) < ShortToken {
		floor = max(floor, ShortFloor)
	}
	return 0.4*float32(consDistance(a.Cons, b.Cons)) > (1-floor)*float32(longer)
}
