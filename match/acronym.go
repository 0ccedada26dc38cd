package match

import (
	"slices"
	"strings"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/normalize"
)

// Acronyms. Organisations are often listed or searched under their
// initials (FARC, PFLP, NIOC, T.D.G.). A name whose only identifying
// token is a short word (Short) matches a name of three or more words
// whose initials spell it (Acronyms), legal forms aside.
const (
	minAcronym = 3
	maxAcronym = 8
)

// SetAcronyms fills n.Abbr's Short and Acronyms; the index calls it for names
// that are not persons'.
//
// Short is the name's only word of 3 to 8 letters, or its initials
// (T.D.G.), or up to three words of at most four letters written apart
// (PFLP-GC), legal forms and generic words aside. Acronyms are the
// initials of a name of three or more words: of every word but legal
// forms, function words and particles (FARC: Fuerzas Armadas
// Revolucionarias de Colombia); with them (PDV); without generic words
// (NIOE rather than NIOEC for ... Company); and each of these followed by
// a final legal form (PDVSA, IHAG).
func (n *Name) SetAcronyms() {
	if n.Abbr != nil {
		n.Abbr.Short, n.Abbr.Acronyms = "", nil
	}
	var short []byte
	words, initials, small := 0, 0, true
	for i := range n.Tokens {
		t := &n.Tokens[i]
		switch {
		case t.Flags&(normalize.Legal|normalize.Symbol) != 0:
		case t.Flags&normalize.Initial != 0:
			initials++
			short = append(short, t.Text...)
		default:
			words++
			small = small && len(t.Text) <= 4
			short = append(short, t.Text...)
		}
	}
	if (words == 1 && initials == 0 || words == 0 && initials >= minAcronym || words <= 3 && initials == 0 && small) &&
		len(short) >= minAcronym && len(short) <= maxAcronym && isLetters(string(short)) {
		n.abbr().Short = string(short)
		return
	}
	var strong, all, plain []byte
	legal := ""
	for i := range n.Tokens {
		t := &n.Tokens[i]
		if t.Flags&normalize.Legal != 0 {
			if i == len(n.Tokens)-1 {
				legal = t.Text
			}
			continue
		}
		c := t.Lead
		if c < 'a' || c > 'z' {
			return
		}
		all = append(all, c)
		if t.Flags&(normalize.Stop|normalize.Particle) == 0 {
			strong = append(strong, c)
			if t.Flags&normalize.Symbol == 0 {
				plain = append(plain, c)
			}
		}
	}
	if len(all) < minAcronym {
		return
	}
	add := func(a string) {
		if len(a) >= minAcronym && len(a) <= maxAcronym && isLetters(a) && !slices.Contains(n.Acronyms(), a) {
			n.abbr().Acronyms = append(n.abbr().Acronyms, a)
		}
	}
	for _, a := range [][]byte{strong, all, plain} {
		add(string(a))
		if legal != "" {
			add(string(a) + legal)
		}
	}
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// Acronym similarities by length, tuned on ../shared/bench.
var (
	AcronymSim3 float32 = 0.72
	AcronymSim4 float32 = 0.8
	AcronymSim5 float32 = 0.85
)

// acronymSim is the similarity of an acronym of n letters and the name it
// abbreviates: three letters spell too many names to be sure.
func acronymSim(n int) float32 {
	switch {
	case n <= 3:
		return AcronymSim3
	case n == 4:
		return AcronymSim4
	}
	return AcronymSim5
}

// acronym scores q against l as an acronym of one by the other, or 0.
func acronym(q, l *Name, explain bool) (float32, []interdict.TokenMatch) {
	if a, ex := blendScore(q, l, explain); a > 0 {
		return a, ex
	}
	short, long, swap := q.Short(), l, false
	if short == "" || l.Short() != "" {
		short, long, swap = l.Short(), q, true
		if short == "" || q.Short() != "" {
			return 0, nil
		}
	}
	if !slices.Contains(long.Acronyms(), short) {
		return 0, nil
	}
	sim := acronymSim(len(short))
	if !explain {
		return sim, nil
	}
	var b strings.Builder
	for i, t := range long.Tokens {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	tm := interdict.TokenMatch{Query: short, Listed: b.String(), How: "acronym", Similarity: round3(sim), Weight: 1}
	if swap {
		tm.Query, tm.Listed = tm.Listed, tm.Query
	}
	return sim, []interdict.TokenMatch{tm}
}

// Word-start acronyms. Company names, the Colombian ones on the OFAC list
// above all, are often shortened to the first syllables of their words:
// CONPUERTO for Construcciones Progreso del Puerto, SOCOVALLE for
// Sociedad Constructora y Administradora del Valle, INHOTEL for
// Inversiones Hoteleras del Litoral. A query of one word of at least
// minBlend letters (Name.Word) matches a listed name when it is the
// start of the name's first word followed by the starts (two letters or
// more) of later words, in order, at most maxBlendSkips identifying words
// skipped.
const (
	minBlend      = 5
	maxBlendSkips = 2
)

// BlendSim is the similarity of a word-start acronym and its name.
var BlendSim float32 = 0.75

// SetWord fills n.Abbr's Word: the name's only identifying word, of at least
// minBlend letters, when it has one (legal forms and generic words aside).
func (n *Name) SetWord() {
	if n.Abbr != nil {
		n.Abbr.Word = ""
	}
	w := ""
	for i := range n.Tokens {
		t := &n.Tokens[i]
		if t.Flags&(normalize.Legal|normalize.Symbol) != 0 {
			continue
		}
		if w != "" || !t.Strong() {
			return
		}
		w = t.Text
	}
	if len(w) >= minBlend && len(w) <= 24 && isLetters(w) {
		n.abbr().Word = w
	}
}

// Blends reports whether w spells the starts of words of l (see SetWord).
func Blends(w string, l *Name) bool { return blend(w, l) }

// BlendKeys appends the keys under which an index files l for word-start
// acronyms: the first two letters of its first identifying word followed
// by the first two of each of the next three words. A word w is looked
// up under w[:2]+w[k:k+2] for every k.
func BlendKeys(l *Name, dst []string) []string {
	toks := l.Tokens
	first := 0
	for first < len(toks) && !toks[first].Strong() {
		first++
	}
	if first >= len(toks) || len(toks[first].Text) < 2 {
		return dst
	}
	head := toks[first].Text[:2]
	for j := first + 1; j < len(toks) && j <= first+3; j++ {
		t := toks[j].Text
		if len(t) >= 2 && toks[j].Flags&normalize.Legal == 0 {
			dst = append(dst, head+t[:2])
		}
	}
	return dst
}

// blend reports whether w spells the starts of words of l (see SetWord).
func blend(w string, l *Name) bool {
	toks := l.Tokens
	// the name starts at its first identifying word
	first := 0
	for first < len(toks) && !toks[first].Strong() {
		first++
	}
	if len(toks)-first < 2 || len(toks) > maxBlendTokens || len(w) > maxBlendLen {
		return false
	}
	// failed[p][j][used>1][skips] marks states known to fail, so that
	// the search is polynomial whatever the input (aaaa against aa aa).
	var failed [maxBlendLen + 1][maxBlendTokens + 1][2][maxBlendSkips + 1]bool
	var rec func(p, j, used, skips int) bool
	rec = func(p, j, used, skips int) bool {
		if p == len(w) {
			return used >= 2
		}
		if j >= len(toks) {
			return false
		}
		u := min(used, 1)
		if failed[p][j][u][skips] && used != 1 {
			return false
		}
		t := toks[j].Text
		for k := min(len(t), len(w)-p); k >= 2; k-- {
			if w[p:p+k] == t[:k] && rec(p+k, j+1, used+1, skips) {
				return true
			}
		}
		ok := false
		if used > 0 {
			s := skips
			if toks[j].Strong() {
				s++
			}
			ok = s <= maxBlendSkips && rec(p, j+1, used, s)
		}
		if !ok && used != 1 {
			failed[p][j][u][skips] = true
		}
		return ok
	}
	return rec(0, first, 0, 0)
}

// Bounds of the word-start acronym search.
const (
	maxBlendTokens = 16
	maxBlendLen    = 24
)

func blendScore(q, l *Name, explain bool) (float32, []interdict.TokenMatch) {
	w, long, swap := q.Word(), l, false
	if w == "" || l.Word() != "" {
		w, long, swap = l.Word(), q, true
		if w == "" || q.Word() != "" {
			return 0, nil
		}
	}
	if !blend(w, long) {
		return 0, nil
	}
	if !explain {
		return BlendSim, nil
	}
	tm := interdict.TokenMatch{Query: w, Listed: spanText(long, 0, int8(len(long.Tokens)-1)), How: "acronym", Similarity: round3(BlendSim), Weight: 1}
	if swap {
		tm.Query, tm.Listed = tm.Listed, tm.Query
	}
	return BlendSim, []interdict.TokenMatch{tm}
}
