// Package index finds the listed names a query name may be, fast. It is
// built once per snapshot from every live entity and is read-only after:
// any number of goroutines may search it at once without locks.
//
// Every name of every entity is analysed (normalize.Analyze) into one or
// more Latin renderings, and a name with a parenthesis also without it;
// each rendering is an entry, and entries keep the order of entities.
// Entries are filed in an inverted index under each token's phonetic key,
// its consonant skeleton, a coarser skeleton that merges voiced and
// voiceless consonants (Arabic renderings of Lavrov: lafruf), the key of
// each pair of adjacent tokens written as one ("aero caribbean" also
// under "aerocaribbean"), and, for organisations, their acronyms, their
// only short word and the keys of their word-start acronyms.
//
// Candidates for a query are the entries that share keys with it, or with
// the indexed tokens spelled like its tokens (one edit away, or with
// skeletons one edit away, through deletion neighbourhoods of the
// vocabulary; or a longer or shorter form: fuzzy.go), ranked by the weight of what they share divided by the
// entry's own weight (search.go); only the best are scored in full by
// package match.
package index

import (
	"math"
	"runtime"
	"strings"
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
	// Type is the name's type (primary, aka, weak aka...), kept here so
	// that scoring need not reach into the entity.
	Type   interdict.NameType
	Tokens match.Name
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
	// blendPrefix files organisation names for word-start acronyms
	// (see match.BlendKeys).
	blendPrefix = "\x05"
	// coarsePrefix files a token under its coarse skeleton (coarseKey).
	coarsePrefix = "\x06"
)

// coarseKey folds a consonant skeleton further, merging the voiced and
// voiceless consonants that scripts without one of them write alike:
// Arabic has no v or p (Lavrov is لافروف, lafruf; Putin بوتين, butin).
// It appends to dst and returns it unchanged when nothing is merged.
func coarseKey(dst []byte, skel string) []byte {
	for i := 0; i < len(skel); i++ {
		c := skel[i]
		switch c {
		case 'v', 'w':
			c = 'f'
		case 'p':
			c = 'b'
		case 't':
			c = 'd'
		case 'z':
			c = 's'
		}
		dst = append(dst, c)
	}
	return dst
}

// Index is the immutable search structure over one snapshot's entities.
type Index struct {
	Entities []*interdict.Entity
	Entries  []Entry
	// keys maps a posting key to its list in lists: the entries holding
	// the key, ascending.
	keys  map[string]int32
	lists [][]int32
	// df counts the entries holding each token Key, for weights.
	df map[string]int32
	// fz finds tokens spelled like a query token.
	fz *fuzzy
	// twin[i] is the first entry whose tokens are those of entry i (the
	// same name on several lists), so that a query scores it once.
	twin []int32
	// norms[i] is Entries[i].Tokens.Total^ListedExp, dividing an entry's
	// candidate bound so that entries whose matched part is most of them
	// rank first (apart from Entries: the search reads it for every
	// entry it touches).
	norms []float32
	// total is the number the document frequencies count in (entities).
	total int
}

// Build analyses and indexes every name of every entity. It uses every
// core for the analysis.
func Build(ents []*interdict.Entity) *Index {
	ix := &Index{Entities: ents, keys: map[string]int32{}, df: map[string]int32{}}

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
			names := 0
			for e := lo; e < hi; e++ {
				names += len(ents[e].Names)
			}
			// (about 1.2 renderings a name: sized so as not to grow)
			out := make([]Entry, 0, names+names/4+16)
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
	vocab := map[string]vocabWord{}
	var buf []byte
	lastEnt := map[string]int32{}
	for id := range ix.Entries {
		e := &ix.Entries[id]
		toks := e.Tokens.Tokens
		for i := range toks {
			t := &toks[i]
			t.Text, t.Key, t.Skel = intern(t.Text), intern(t.Key), intern(t.Skel)
			ix.file(append(buf[:0], t.Key...), int32(id))
			if t.Skel != t.Key {
				buf = append(append(buf[:0], skelPrefix...), t.Skel...)
				ix.file(buf, int32(id))
			}
			if t.Strong() && len(t.Skel) >= 3 {
				if buf = coarseKey(append(buf[:0], coarsePrefix...), t.Skel); string(buf[1:]) != t.Skel {
					ix.file(buf, int32(id))
				}
			}
			if len(t.Text) >= minFuzzyLen && t.Strong() {
				vocab[t.Text] = vocabWord{t.Key, t.Skel}
			}
			if last, ok := lastEnt[t.Key]; !ok || last != e.Entity {
				lastEnt[t.Key] = e.Entity
				ix.df[t.Key]++
			}
		}
		for i := 0; i+1 < len(toks); i++ {
			if toks[i].Flags&normalize.Legal != 0 || toks[i+1].Flags&normalize.Legal != 0 {
				continue
			}
			buf = append(append(buf[:0], joinedPrefix...), normalize.Key(toks[i].Text+toks[i+1].Text)...)
			ix.file(buf, int32(id))
		}
	}
	var keys []string
	for id := range ix.Entries {
		n := &ix.Entries[id].Tokens
		if ix.Entities[ix.Entries[id].Entity].Kind != interdict.KindPerson {
			keys = match.BlendKeys(n, keys[:0])
			for _, k := range keys {
				ix.file(append(append(buf[:0], blendPrefix...), k...), int32(id))
			}
		}
		if sh := n.Short(); sh != "" {
			ix.file(append(append(buf[:0], shortPrefix...), sh...), int32(id))
		}
		for _, a := range n.Acronyms() {
			ix.file(append(append(buf[:0], acronymPrefix...), a...), int32(id))
		}
	}
	ix.fz = buildFuzzy(vocab)
	ix.compact()
	ix.findTwins()
	total := len(ix.Entities)
	ix.total = total
	ix.norms = make([]float32, len(ix.Entries))
	for id := range ix.Entries {
		e := &ix.Entries[id]
		for i := range e.Tokens.Tokens {
			t := &e.Tokens.Tokens[i]
			match.Weigh(t, int(ix.df[t.Key]), total)
		}
		e.Tokens.Sum()
		ix.norms[id] = float32(math.Pow(float64(max(e.Tokens.Total, 0.01)), match.ListedExp))
	}
	return ix
}

// file adds entry id to the list of key (once: ids come in increasing
// order, so a repeat is the list's last id). The key's string is made
// only when the key is new.
func (ix *Index) file(key []byte, id int32) {
	if len(key) == 0 || len(key) == 1 && key[0] < ' ' {
		return
	}
	k, ok := ix.keys[string(key)]
	if !ok {
		k = int32(len(ix.lists))
		ix.keys[string(key)] = k
		ix.lists = append(ix.lists, nil)
	}
	if l := ix.lists[k]; len(l) == 0 || l[len(l)-1] != id {
		ix.lists[k] = append(l, id)
	}
}

// list is the posting list of key.
func (ix *Index) list(key string) []int32 {
	if k, ok := ix.keys[key]; ok {
		return ix.lists[k]
	}
	return nil
}

// listOf is list for a key in bytes, without making its string.
func (ix *Index) listOf(key []byte) []int32 {
	if k, ok := ix.keys[string(key)]; ok {
		return ix.lists[k]
	}
	return nil
}

// findTwins fills twin: entries with the same token texts, keys, flags,
// order and acronyms score alike against any query.
func (ix *Index) findTwins() {
	ix.twin = make([]int32, len(ix.Entries))
	first := make(map[string]int32, len(ix.Entries))
	var key []byte
	for i := range ix.Entries {
		n := &ix.Entries[i].Tokens
		key = key[:0]
		if n.Ordered {
			key = append(key, 1)
		}
		for _, t := range n.Tokens {
			key = append(key, t.Text...)
			key = append(key, 0)
			key = append(key, t.Key...)
			key = append(key, 0, byte(t.Flags), 0)
		}
		if a := n.Abbr; a != nil {
			key = append(key, 2)
			key = append(key, a.Short...)
			key = append(key, 0)
			key = append(key, a.Word...)
			for _, x := range a.Acronyms {
				key = append(key, 0)
				key = append(key, x...)
			}
		}
		if j, ok := first[string(key)]; ok {
			ix.twin[i] = j
			continue
		}
		first[string(key)] = int32(i)
		ix.twin[i] = int32(i)
	}
}

// Twin is the first entry whose name is entry i's (the same words on
// several lists); scoring it scores them all.
func (ix *Index) Twin(i int32) int32 { return ix.twin[i] }

// compact moves every posting list into one array, exactly sized: the
// lists grew by appending, with up to half their capacity unused.
func (ix *Index) compact() {
	n := 0
	for _, p := range ix.lists {
		n += len(p)
	}
	arena := make([]int32, 0, n)
	for k, p := range ix.lists {
		off := len(arena)
		arena = append(arena, p...)
		ix.lists[k] = arena[off:len(arena):len(arena)]
	}
}

// appendEntries analyses the names of one entity.
func appendEntries(out []Entry, eid int32, e *interdict.Entity) []Entry {
	kind := e.Kind
	for ni, n := range e.Names {
		if ni > 1<<15-1 {
			break
		}
		vi := 0
		for _, raw := range readings(n.Full) {
			a := normalize.Analyze(raw, kind)
			for _, v := range a.Variants {
				if len(v.Tokens) == 0 || vi > 127 {
					continue
				}
				m := match.FromVariant(v)
				m.Ordered = syllabic(&a)
				if m.Ordered {
					unflagSyllables(&m)
				}
				if kind != interdict.KindPerson {
					m.SetAcronyms()
					m.SetWord()
				}
				out = append(out, Entry{Entity: eid, Name: int16(ni), Variant: int8(vi), Type: n.Type, Tokens: m})
				vi++
			}
		}
	}
	return out
}

// readings are the texts a listed name is read as: itself and, when it
// holds a parenthesis, the name without it ("AERO CONTINENTE (USA)
// INC.", "NAFTIRAN INTERTRADE COMPANY (NICO)"), since a query seldom
// carries the qualifier. (Reading the parenthesis alone as a name, or
// stripping it from queries, measured no better on ../shared/bench.)
func readings(name string) []string {
	if strings.IndexByte(name, '(') < 0 {
		return []string{name}
	}
	var outside strings.Builder
	depth := 0
	for _, r := range name {
		switch {
		case r == '(':
			depth++
			outside.WriteByte(' ')
		case r == ')':
			if depth > 0 {
				depth--
			}
			outside.WriteByte(' ')
		case depth == 0:
			outside.WriteRune(r)
		}
	}
	if o := strings.Join(strings.Fields(outside.String()), " "); o != "" && o != name {
		return []string{name, o}
	}
	return []string{name}
}

// Len is the number of indexed entries (name renderings).
func (ix *Index) Len() int { return len(ix.Entries) }

// Weigh sets the weights of a query name's tokens from the index's
// document frequencies.
func (ix *Index) Weigh(n *match.Name) {
	for i := range n.Tokens {
		t := &n.Tokens[i]
		match.Weigh(t, int(ix.df[t.Key]), ix.total)
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
		if n.Ordered {
			unflagSyllables(&n)
		}
		if kind != interdict.KindPerson {
			n.SetAcronyms()
			n.SetWord()
		}
		ix.Weigh(&n)
		out = append(out, n)
	}
	return out, a.Truncated
}

// unflagSyllables clears the particle flag of the tokens of a name
// written in syllables: Korean Il and Chinese An are syllables of a
// given name, not the Arabic article.
func unflagSyllables(n *match.Name) {
	for i := range n.Tokens {
		n.Tokens[i].Flags &^= normalize.Particle
	}
}

// syllabic reports whether a name was written in a script whose Latin
// renderings are syllables (Chinese characters, Korean Hangul), so that
// the order of adjacent syllables tells two given names apart.
func syllabic(a *normalize.Name) bool {
	return a.Kind != interdict.KindOrganization && (a.Script == interdict.ScriptHan || a.Script == interdict.ScriptHangul)
}
