// Package match scores how alike a query name and a listed name are, and
// adjusts that score by birth date, country, gender, kind and identifiers.
// Every score comes with the explanation of every point of it.
//
// Names are compared as bags of tokens (normalize.Analyze), so order does
// not matter ("PUTIN, Vladimir" = "Vladimir Putin"), except between the
// syllables of Chinese and Korean names and around bin/ibn. Each token
// carries a weight: rare tokens weigh more than common ones (the index
// supplies an inverse document frequency over entities), legal forms,
// generic words, titles and particles less (WeakLegal...).
//
// Two tokens are alike (tokenSim) by a weighted edit distance whose costs
// follow transliteration (weightedSim: a vowel for a vowel, k for q, a
// dropped h, a doubled letter cost little; editsim.go), raised to a floor
// when their phonetic keys agree, and never for short tokens on a key
// alone; syllables of Chinese and Korean names only when spelled alike.
// Inexact similarities are sharpened (raised to Sharpen) before they
// count. Tokens are paired greedily, each used once; runs of tokens pair
// with one token where they are written as one ("SiemensAG", "MAJEED,
// Abdul" / Abdulmajid, "L.X.C." / LXC).
//
// The name score is covQ^QueryExp × covL^ListedExp, where covQ is the
// weighted share of the query that found a partner (times its
// similarity) and covL the same for the listed name; QueryExp >
// ListedExp: a listed name with a middle name or patronymic the query
// lacks loses less than a query with a word the listed name lacks. It
// loses Conflict × the share left unpaired on both sides (words that
// contradict each other), and 70 % when no two identifying words agree.
// A name that is the acronym or word-start acronym of the other (FARC,
// CONPUERTO; acronym.go) scores at least the acronym similarity.
//
// The constants were tuned on ../shared/bench with the screen package's
// tests (TestTune); they are variables only so that those can sweep them.
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
	// Cons counts the token's consonant runs by class (see consonants):
	// two tokens whose counts differ much cannot be spellings of one
	// name, which is cheaper to tell than weightedSim.
	Cons uint32
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
	// Abbr is what the name may abbreviate or be abbreviated from (see
	// SetAcronyms and SetWord); nil for most names, to keep an index
	// small.
	Abbr *Abbrev
}

// Abbrev holds the forms of a name for acronym matching.
type Abbrev struct {
	// Short: the name's only word, when it could be an acronym.
	Short string
	// Acronyms: the initials of a name of three words or more.
	Acronyms []string
	// Word: the name's only identifying word, for word-start acronyms.
	Word string
}

// Short is n's Abbr.Short, or "".
func (n *Name) Short() string {
	if n.Abbr == nil {
		return ""
	}
	return n.Abbr.Short
}

// Acronyms is n's Abbr.Acronyms, or nil.
func (n *Name) Acronyms() []string {
	if n.Abbr == nil {
		return nil
	}
	return n.Abbr.Acronyms
}

// Word is n's Abbr.Word, or "".
func (n *Name) Word() string {
	if n.Abbr == nil {
		return ""
	}
	return n.Abbr.Word
}

func (n *Name) abbr() *Abbrev {
	if n.Abbr == nil {
		n.Abbr = new(Abbrev)
	}
	return n.Abbr
}

// Similarity of token pairs, by how they were found alike. Exact beats
// phonetic beats skeleton; fuzzy pairs scale with edit similarity.
const (
	simExact    = 1.0
	simJoined   = 0.95
	simInitial  = 0.55
	simPrefix   = 0.7
	simSyllable = 0.9
	simNumber   = 0.95
	// simCompound scales the similarity of an Arabic compound name's
	// second part with the part written alone (Abdelkader, Kader).
	simCompound = 0.8
	// simClass is the similarity of two legal forms of one class (OOO,
	// LLC) or two spellings of one generic word.
	simClass = 0.95
)

// Token similarity floors and thresholds (see tokenSim), tuned on
// ../shared/bench; variables so that the tuning tests can sweep them.
var (
	KeyFloor   float32 = 0.8
	SkelFloor  float32 = 0.78
	FuzzyFloor float32 = 0.75
	// StrongSim is the similarity a pair of identifying tokens needs for
	// the name to count as matched at all (see Score).
	StrongSim float32 = 0.8
	// ShortToken is the length under which key and skeleton equality
	// count for nothing.
	ShortToken float32 = 5
	// Conflict is the share of the score lost per share of both names
	// left unpaired (see Score).
	Conflict float32 = 0.3
	// ConflictMin is the number of identifying tokens both names need
	// for Conflict to apply.
	ConflictMin float32 = 3
	// Sharpen is the power the similarity of an inexact token pair is
	// raised to before it counts (see sharpen).
	Sharpen float32 = 1.5
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

// The share of its inverse document frequency a weak token keeps, by kind
// (see weakFactor).
var (
	WeakStop     float32 = 0.1
	WeakLegal    float32 = 0.4
	WeakSymbol   float32 = 0.7
	WeakParticle float32 = 0.25
	WeakInitial  float32 = 0.35
)

// weakFactor is how much of its inverse document frequency a weak token
// keeps.
func weakFactor(f normalize.Flags) float32 {
	switch {
	case f&normalize.Stop != 0:
		return WeakStop
	case f&normalize.Legal != 0:
		return WeakLegal
	case f&normalize.Symbol != 0:
		return WeakSymbol
	case f&normalize.Particle != 0:
		return WeakParticle
	case f&normalize.Initial != 0:
		return WeakInitial
	}
	return 1
}

// Weigh turns a token's document frequency among n indexed names into its
// weight: ln(1 + n/(df+1)), reduced for weak tokens. A token unknown to the
// index (df 0) weighs the most.
func Weigh(t *Token, df, n int) {
	if n == 0 {
		// No list to count in (comparing two names without lists):
		// every word weighs the same (measured on the labelled pairs:
		// better than a weight growing with the word's length).
		t.Weight = 0.1 * weakFactor(t.Flags)
		return
	}
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
		n.Tokens[i] = Token{Text: t.Text, Key: t.Key, Skel: t.Skeleton, Flags: t.Flags, Lead: t.Lead, Cons: consonants(t.Text)}
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

// consClass maps a letter to its consonant class (1-7) for consonants:
// letters one cheap substitution of weightedSim turns into another share a
// class (c k q g x s z j; b p f v w; d t), and l, m, n, r are alone.
// Vowels, h and y have none (0): their edits cost too little to count.
var consClass = func() (c [256]uint8) {
	for _, g := range []struct {
		letters string
		class   uint8
	}{{"ckqgxszj", 1}, {"bpfvw", 2}, {"dt", 3}, {"l", 4}, {"m", 5}, {"n", 6}, {"r", 7}} {
		for i := 0; i < len(g.letters); i++ {
			c[g.letters[i]] = g.class
		}
	}
	return c
}()

// consonants counts the runs of each consonant class in t (a run:
// adjacent letters of one class, h and y between them ignored), four bits
// a class, saturating at 15.
func consonants(t string) uint32 {
	var sig uint32
	prev := uint8(0)
	for i := 0; i < len(t); i++ {
		c := consClass[t[i]]
		if c == 0 {
			if t[i] != 'h' && t[i] != 'y' {
				prev = 0 // a vowel ends a run
			}
			continue
		}
		if c != prev {
			shift := 4 * (c - 1)
			if sig>>shift&15 < 15 {
				sig += 1 << shift
			}
		}
		prev = c
	}
	return sig
}

// consDistance is max(Da, Db) of two consonant signatures: a lower bound
// of weightedSim's edits that change a consonant class, each costing at
// least 0.4.
func consDistance(a, b uint32) int {
	da, db := 0, 0
	for shift := 0; shift < 28; shift += 4 {
		x, y := int(a>>shift&15), int(b>>shift&15)
		if x > y {
			da += x - y
		} else {
			db += y - x
		}
	}
	return max(da, db)
}
