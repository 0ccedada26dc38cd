// Package match scores how alike a query name and a listed name are, and
// adjusts that score by birth date, country, gender, kind and identifiers.
// Every score comes with the explanation of every point of it.
//
// Names are compared as bags of tokens (normalize.Analyze), so order does
// not matter ("PUTIN, Vladimir" = "Vladimir Putin"). Each token carries a
// weight: rare tokens weigh more than common ones (the index supplies an
// inverse document frequency), legal forms, generic words, titles and
// particles weigh little. Tokens are paired greedily by similarity, each
// token used once; two tokens written as one ("SiemensAG", "Aero
// Caribbean" / "AEROCARIBBEAN") pair as a joined pair.
//
// The name score is covQ^QueryExp × covL^ListedExp, where covQ is the
// weighted share of the query that found a partner and covL the same for
// the listed name. QueryExp > ListedExp: a listed name with a middle name
// or patronymic the query lacks loses less than a query with a word the
// listed name lacks.
package match

import (
	"math"

	"github.com/interdict/interdict/normalize"
)

// Token is a name token prepared for scoring. Strings are interned by the
// index, so equal tokens usually share memory.
type Token struct {
	Text, Key, Skel string
	Flags           normalize.Flags
	// Lead is the first letter of the word the token was read from (see
	// normalize.Token.Lead), for acronyms.
	Lead byte
	// Weight is the token's identifying weight (see Weigh).
	Weight float32
}

// Name is one Latin rendering of a name, ready for scoring.
type Name struct {
	Tokens []Token
	// Total is the sum of the token weights.
	Total float32
	// Ordered is set for names written in syllables (Chinese, Korean
	// scripts), whose adjacent given-name syllables must keep their order.
	Ordered bool
	// Short and Acronyms: see SetAcronyms.
	Short    string
	Acronyms []string
}

// Similarity of token pairs, by how they were found alike. Exact beats
// phonetic beats skeleton; fuzzy pairs scale with edit similarity.
const (
	simExact    = 1.0
	simJoined   = 0.95
	simInitial  = 0.55
	simPrefix   = 0.7
	simSyllable = 0.9
)

// Token similarity floors and thresholds (see tokenSim), tuned on
// ../shared/bench; variables so that the tuning tests can sweep them.
var (
	KeyFloor   float32 = 0.86
	SkelFloor  float32 = 0.78
	FuzzyFloor float32 = 0.75
	// StrongSim is the similarity a pair of identifying tokens needs for
	// the name to count as matched at all (see Score).
	StrongSim float32 = 0.8
	// ShortToken is the length under which key and skeleton equality
	// count for nothing.
	ShortToken float32 = 5
	// ShortFloor is the spelling similarity short tokens need.
	ShortFloor float32 = 0.75
)

// Exponents of the query and listed coverage (see the package comment),
// tuned on ../shared/bench (alias holdout and labelled pairs). They are
// variables only so that the tuning tests can sweep them.
var (
	QueryExp  = 0.6
	ListedExp = 0.4
	// IDFExp sharpens the inverse document frequency: above 1, rare tokens
	// outweigh common ones more than plain IDF says.
	IDFExp = 1.0
)

const initialFlag = normalize.Initial

// weakFactor is how much of its inverse document frequency a weak token
// keeps.
func weakFactor(f normalize.Flags) float32 {
	switch {
	case f&normalize.Stop != 0:
		return 0.1
	case f&(normalize.Legal|normalize.Symbol) != 0:
		return 0.15
	case f&normalize.Particle != 0:
		return 0.25
	case f&normalize.Initial != 0:
		return 0.35
	}
	return 1
}

// Weigh turns a token's document frequency among n indexed names into its
// weight: ln(1 + n/(df+1)), reduced for weak tokens. A token unknown to the
// index (df 0) weighs the most.
func Weigh(t *Token, df, n int) {
	w := float32(math.Pow(math.Log1p(float64(n)/float64(df+1)), IDFExp))
	if w < 0.1 {
		w = 0.1
	}
	t.Weight = w * weakFactor(t.Flags)
}

// Strong reports whether a token identifies (is not a legal form, generic
// word, stop word, particle or initial).
func (t *Token) Strong() bool {
	return t.Flags&(normalize.Legal|normalize.Symbol|normalize.Stop|normalize.Particle|normalize.Initial) == 0
}

// FromVariant converts an analysed variant into a Name without weights;
// the caller weighs its tokens.
func FromVariant(v normalize.Variant) Name {
	n := Name{Tokens: make([]Token, len(v.Tokens))}
	for i, t := range v.Tokens {
		n.Tokens[i] = Token{Text: t.Text, Key: t.Key, Skel: t.Skeleton, Flags: t.Flags, Lead: t.Lead}
	}
	return n
}

// Sum recomputes Total from the token weights.
func (n *Name) Sum() {
	n.Total = 0
	for _, t := range n.Tokens {
		n.Total += t.Weight
	}
}
