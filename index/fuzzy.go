package index

import (
	"slices"
	"sort"
	"strings"
)

// fuzzy finds the indexed tokens spelled like a query token: those one
// edit away (a letter substituted, inserted, deleted or two swapped:
// jathran/jadhran, khanfuran/khanfurah, trover/trober) through a deletion
// neighbourhood of the vocabulary, and those that start with it or that
// it starts with (nazari/nazarikolehjoub) through the sorted vocabulary.
// Each hit's spelling similarity is checked by the caller before its
// postings are opened.
type fuzzy struct {
	// words are the distinct texts of identifying tokens of at least
	// minFuzzyLen letters, sorted; keys are their phonetic keys, the
	// posting lists they stand for.
	words, keys []string
	// hashes are the sorted hashes of every word and of every word with
	// one letter deleted; ids[i] is the word hashes[i] came from.
	hashes []uint64
	ids    []int32
	// bucket[h>>bucketShift] is the first index of hashes with those top
	// bits: a lookup searches only its bucket (a few entries).
	bucket []int32
}

const (
	bucketBits  = 16
	bucketShift = 64 - bucketBits
)

// minFuzzyLen: shorter tokens have too many neighbours one edit away
// (li, lee, le, lo...) for a spelling variant to mean anything; a query
// token needs one more letter (Nura finds Nur, Nur finds nothing).
const (
	minFuzzyLen      = 3
	minQueryFuzzyLen = 4
)

// maxPrefixHits caps the words returned as longer forms of a query token.
const maxPrefixHits = 16

func buildFuzzy(words map[string]string) *fuzzy {
	f := &fuzzy{words: make([]string, 0, len(words))}
	for w := range words {
		f.words = append(f.words, w)
	}
	slices.Sort(f.words)
	f.keys = make([]string, len(f.words))
	type hid struct {
		h  uint64
		id int32
	}
	n := 0
	for _, w := range f.words {
		n += len(w) + 1
	}
	all := make([]hid, 0, n)
	var hs []uint64
	for i, w := range f.words {
		f.keys[i] = words[w]
		hs = deletionHashes(w, hs[:0])
		slices.Sort(hs)
		hs = slices.Compact(hs)
		for _, h := range hs {
			all = append(all, hid{h, int32(i)})
		}
	}
	slices.SortFunc(all, func(a, b hid) int {
		switch {
		case a.h < b.h:
			return -1
		case a.h > b.h:
			return 1
		}
		return int(a.id - b.id)
	})
	f.hashes = make([]uint64, len(all))
	f.ids = make([]int32, len(all))
	for i, x := range all {
		f.hashes[i], f.ids[i] = x.h, x.id
	}
	f.bucket = make([]int32, 1<<bucketBits+1)
	k := 0
	for b := range 1 << bucketBits {
		for k < len(f.hashes) && f.hashes[k]>>bucketShift < uint64(b) {
			k++
		}
		f.bucket[b] = int32(k)
	}
	f.bucket[1<<bucketBits] = int32(len(f.hashes))
	return f
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// deletionHashes appends the hash of w and of w without each one letter.
func deletionHashes(w string, dst []uint64) []uint64 {
	dst = append(dst, hashSkip(w, -1))
	for i := range len(w) {
		dst = append(dst, hashSkip(w, i))
	}
	return dst
}

// hashSkip is FNV-1a of w without the byte at skip (none when -1).
func hashSkip(w string, skip int) uint64 {
	h := uint64(fnvOffset)
	for i := range len(w) {
		if i == skip {
			continue
		}
		h ^= uint64(w[i])
		h *= fnvPrime
	}
	return h
}

// near calls fn with the id of every word one edit from t (t itself
// excluded), then of every word t is a prefix of or that is a prefix of
// t; seen is scratch for deduplication and is returned grown.
func (f *fuzzy) near(t string, seen []int32, fn func(id int32, prefix bool)) []int32 {
	if f == nil || len(t) < minQueryFuzzyLen {
		return seen
	}
	seen = seen[:0]
	visit := func(h uint64) {
		lo, hi := int(f.bucket[h>>bucketShift]), int(f.bucket[h>>bucketShift+1])
		i := lo + sort.Search(hi-lo, func(i int) bool { return f.hashes[lo+i] >= h })
		for ; i < hi && f.hashes[i] == h; i++ {
			id := f.ids[i]
			if slices.Contains(seen, id) || f.words[id] == t {
				continue
			}
			seen = append(seen, id)
			fn(id, false)
		}
	}
	visit(hashSkip(t, -1))
	for i := range len(t) {
		visit(hashSkip(t, i))
	}
	// longer forms: words that start with t (t at most two thirds of them)
	if len(t) >= 5 {
		i := sort.SearchStrings(f.words, t)
		for n := 0; i < len(f.words) && n < maxPrefixHits && strings.HasPrefix(f.words[i], t); i++ {
			w := f.words[i]
			if 3*len(t) > 2*len(w) || slices.Contains(seen, int32(i)) {
				continue
			}
			seen = append(seen, int32(i))
			fn(int32(i), true)
			n++
		}
	}
	// shorter forms: words that t starts with
	for l := 5; 3*l <= 2*len(t); l++ {
		p := t[:l]
		i := sort.SearchStrings(f.words, p)
		if i < len(f.words) && f.words[i] == p && !slices.Contains(seen, int32(i)) {
			seen = append(seen, int32(i))
			fn(int32(i), true)
		}
	}
	return seen
}
