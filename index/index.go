// Package index finds the listed names a query name may be, fast. It is
// built once per snapshot from every live entity and is read-only after:
// any number of goroutines may search it at once without locks.
//
// Every name of every entity is analysed (normalize.Analyze) into one or
// more Latin renderings; each rendering is an entry. Entries are filed in
// an inverted index under each token's phonetic key, its consonant
// skeleton, and the key of each pair of adjacent tokens written as one
// ("aero caribbean" is also filed under the key of "aerocaribbean").
// Candidates for a query are the entries that share keys with it, ranked
// by the summed weight of what they share; only the best are scored in
// full by package match.
package index

import (
	"math"
	"runtime"
	"sync"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/match"
	"github.com/interdict/interdict/normalize"
)

// Entry is one Latin rendering of one name of one entity.
type Entry struct {
	Entity  int32 // index into Index.Entities
	Name    int16 // index into the entity's Names
	Variant int8
	Tokens  match.Name
	// norm is Tokens.Total^ListedExp, dividing an entry's candidate bound
	// so that entries whose matched part is most of them rank first.
	norm float32
}

// Posting key prefixes: a token's Key is filed as is; its skeleton and
// the key of a glued adjacent pair get a prefix byte so the spaces do not
// mix.
const (
	skelPrefix   = "\x01"
	joinedPrefix = "\x02"
	// acronymPrefix files a name under its acronyms, shortPrefix under
	// its only word when that could be an acronym (see match.SetAcronyms).
	acronymPrefix = "\x03"
	shortPrefix   = "\x04"
)

// Index is the immutable search structure over one snapshot's entities.
type Index struct {
	Entities []*interdict.Entity
	Entries  []Entry
	// postings maps a key to the entries holding it, ascending.
	postings map[string][]int32
	// df counts the entries holding each token Key, for weights.
	df map[string]int32
	// fz finds tokens spelled like a query token.
	fz *fuzzy
}

// Build analyses and indexes every name of every entity. It uses every
// core for the analysis.
func Build(ents []*interdict.Entity) *Index {
	ix := &Index{Entities: ents, postings: map[string][]int32{}, df: map[string]int32{}}

	// Analyse in parallel: each worker takes a contiguous run of entities
	// so that entries stay in entity order.
	workers := runtime.GOMAXPROCS(0)
	parts := make([][]Entry, workers)
	var wg sync.WaitGroup
	chunk := (len(ents) + workers - 1) / workers
	for w := range workers {
		lo, hi := w*chunk, min((w+1)*chunk, len(ents))
		if lo >= hi {
			continue
		}
		wg.Add(1)
		go func(w, lo, hi int) {
			defer wg.Done()
			var out []Entry
			for e := lo; e < hi; e++ {
				out = appendEntries(out, int32(e), ents[e])
			}
			parts[w] = out
		}(w, lo, hi)
	}
	wg.Wait()
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	ix.Entries = make([]Entry, 0, n)
	for _, p := range parts {
		ix.Entries = append(ix.Entries, p...)
	}

	// Intern strings, count document frequencies, file postings.
	in := map[string]string{}
	intern := func(s string) string {
		if v, ok := in[s]; ok {
			return v
		}
		in[s] = s
		return s
	}
	seen := map[string]bool{}
	vocab := map[string]string{}
	for id := range ix.Entries {
		e := &ix.Entries[id]
		clear(seen)
		toks := e.Tokens.Tokens
		for i := range toks {
			t := &toks[i]
			t.Text, t.Key, t.Skel = intern(t.Text), intern(t.Key), intern(t.Skel)
			ix.file(t.Key, int32(id), seen)
			if t.Skel != t.Key {
				ix.file(skelPrefix+t.Skel, int32(id), seen)
			}
			if len(t.Text) >= minFuzzyLen && t.Strong() {
				vocab[t.Text] = t.Key
			}
			if !seen["df\x00"+t.Key] {
				seen["df\x00"+t.Key] = true
				ix.df[t.Key]++
			}
		}
		for i := 0; i+1 < len(toks); i++ {
			if toks[i].Flags&normalize.Legal != 0 || toks[i+1].Flags&normalize.Legal != 0 {
				continue
			}
			ix.file(joinedPrefix+normalize.Key(toks[i].Text+toks[i+1].Text), int32(id), seen)
		}
	}
	for id := range ix.Entries {
		n := &ix.Entries[id].Tokens
		if n.Short != "" {
			ix.file(shortPrefix+n.Short, int32(id), nil)
		}
		for _, a := range n.Acronyms {
			ix.file(acronymPrefix+a, int32(id), nil)
		}
	}
	ix.fz = buildFuzzy(vocab)
	total := len(ix.Entries)
	for id := range ix.Entries {
		e := &ix.Entries[id]
		for i := range e.Tokens.Tokens {
			t := &e.Tokens.Tokens[i]
			match.Weigh(t, int(ix.df[t.Key]), total)
		}
		e.Tokens.Sum()
		e.norm = float32(math.Pow(float64(max(e.Tokens.Total, 0.01)), match.ListedExp))
	}
	return ix
}

func (ix *Index) file(key string, id int32, seen map[string]bool) {
	if key == "" || key == skelPrefix || seen[key] {
		return
	}
	if seen != nil {
		seen[key] = true
	}
	ix.postings[key] = append(ix.postings[key], id)
}

// appendEntries analyses the names of one entity.
func appendEntries(out []Entry, eid int32, e *interdict.Entity) []Entry {
	kind := e.Kind
	for ni, n := range e.Names {
		if ni > 1<<15-1 {
			break
		}
		a := normalize.Analyze(n.Full, kind)
		for vi, v := range a.Variants {
			if len(v.Tokens) == 0 {
				continue
			}
			m := match.FromVariant(v)
			m.Ordered = syllabic(&a)
			if kind != interdict.KindPerson {
				m.SetAcronyms()
			}
			out = append(out, Entry{Entity: eid, Name: int16(ni), Variant: int8(vi), Tokens: m})
		}
	}
	return out
}

// Len is the number of indexed entries (name renderings).
func (ix *Index) Len() int { return len(ix.Entries) }

// Weigh sets the weights of a query name's tokens from the index's
// document frequencies.
func (ix *Index) Weigh(n *match.Name) {
	for i := range n.Tokens {
		t := &n.Tokens[i]
		match.Weigh(t, int(ix.df[t.Key]), len(ix.Entries))
	}
	n.Sum()
}

// Prepare analyses a query name into its weighted Latin renderings.
func (ix *Index) Prepare(raw string, kind interdict.Kind) ([]match.Name, bool) {
	a := normalize.Analyze(raw, kind)
	out := make([]match.Name, 0, len(a.Variants))
	for _, v := range a.Variants {
		if len(v.Tokens) == 0 {
			continue
		}
		n := match.FromVariant(v)
		n.Ordered = syllabic(&a)
		if kind != interdict.KindPerson {
			n.SetAcronyms()
		}
		ix.Weigh(&n)
		out = append(out, n)
	}
	return out, a.Truncated
}

// syllabic reports whether a name was written in a script whose Latin
// renderings are syllables (Chinese characters, Korean Hangul), so that
// the order of adjacent syllables tells two given names apart.
func syllabic(a *normalize.Name) bool {
	return a.Kind != interdict.KindOrganization && (a.Script == interdict.ScriptHan || a.Script == interdict.ScriptHangul)
}
