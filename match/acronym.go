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

// SetAcronyms fills n.Short and n.Acronyms; the index calls it for names
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
	n.Short, n.Acronyms = "", nil
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
		n.Short = string(short)
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
		if len(a) >= minAcronym && len(a) <= maxAcronym && isLetters(a) && !slices.Contains(n.Acronyms, a) {
			n.Acronyms = append(n.Acronyms, a)
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

// acronymSim is the similarity of an acronym of n letters and the name it
// abbreviates: three letters spell too many names to be sure.
func acronymSim(n int) float32 {
	switch {
	case n <= 3:
		return 0.72
	case n == 4:
		return 0.8
	}
	return 0.85
}

// acronym scores q against l as an acronym of one by the other, or 0.
func acronym(q, l *Name, explain bool) (float32, []interdict.TokenMatch) {
	short, long, swap := q.Short, l, false
	if short == "" || l.Short != "" {
		short, long, swap = l.Short, q, true
		if short == "" || q.Short != "" {
			return 0, nil
		}
	}
	if !slices.Contains(long.Acronyms, short) {
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
