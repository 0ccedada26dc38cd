package index

import (
	"slices"
	"sort"
	"strings"
)

// fuzzy finds the indexed tokens spelled like a query token: those one
// edit away (a letter substituted, inserted, deleted or two swapped:
// jathran/jadhran, khanfuran/khanfurah, trover/trober) through a deletion
// neighbourhood of the vocabulary; those whose consonant skeletons are one
// edit apart (saburinejad/saburinezhad: sbrnd/sbrnzd), through a deletion
// neighbourhood of the skeletons; and those that start with it or that it
// starts with (nazari/nazarikolehjoub) through the sorted vocabulary.
// Each hit's spelling similarity is checked by the caller before its
// postings are opened.
type fuzzy struct {
	// words are the distinct texts of identifying tokens of at least
	// minFuzzyLen letters, sorted; keys are their phonetic keys, the
	// posting lists they stand for.
	words, keys []string
	// texts finds words one edit from a text, skels words whose
	// skeleton is one edit from a skeleton (of minSkelLen or more).
	texts, skels deletions
}

// Word is what the vocabulary keeps of an indexed token.
type vocabWord struct{ key, skel string }

// deletions is a deletion neighbourhood: the sorted hashes of strings and
// of the strings with one byte deleted, each with the word it came from.
type deletions struct {
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
// minSkelLen: skeletons of four consonants or fewer have too many
// neighbours.
const (
	minFuzzyLen      = 3
	minQueryFuzzyLen = 4
	minSkelLen       = 5
)

// maxPrefixHits caps the words returned as longer forms of a query token,
// maxSkelHits those returned by skeleton.
const (
	maxPrefixHits = 16
	maxSkelHits   = 32
)

func buildFuzzy(words map[string]vocabWord) *fuzzy {
	f := &fuzzy{words: make([]string, 0, len(words))}
	for w := range words {
		f.words = append(f.words, w)
	}
	slices.Sort(f.words)
	f.keys = make([]string, len(f.words))
	skels := make([]string, len(f.words))
	for i, w := range f.words {
		f.keys[i], skels[i] = words[w].key, words[w].skel
		if len(skels[i]) < minSkelLen {
			skels[i] = ""
		}
	}
	f.texts = buildDeletions(f.words)
	f.skels = buildDeletions(skels)
	return f
}

// buildDeletions indexes strs (empty ones left out); ids are indexes in
// strs.
func buildDeletions(strs []string) deletions {
	type hid struct {
		h  uint64
		id int32
	}
	n := 0
	for _, w := range strs {
		if w != "" {
			n += len(w) + 1
		}
	}
	all := make([]hid, 0, n)
	var hs []uint64
	for i, w := range strs {
		if w == "" {
			continue
		}
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
	d := deletions{hashes: make([]uint64, len(all)), ids: make([]int32, len(all))}
	for i, x := range all {
		d.hashes[i], d.ids[i] = x.h, x.id
	}
	d.bucket = make([]int32, 1<<bucketBits+1)
	k := 0
	for b := range 1 << bucketBits {
		for k < len(d.hashes) && d.hashes[k]>>bucketShift < uint64(b) {
			k++
		}
		d.bucket[b] = int32(k)
	}
	d.bucket[1<<bucketBits] = int32(len(d.hashes))
	return d
}

// each calls fn with the id of every string one deletion from s, s, or
// with one deletion of its own equal to s (a string one edit from s, and
// a few two edits away); fn returns false to stop.
func (d *deletions) each(s string, fn func(id int32) bool) {
	visit := func(h uint64) bool {
		lo, hi := int(d.bucket[h>>bucketShift]), int(d.bucket[h>>bucketShift+1])
		i := lo + sort.Search(hi-lo, func(i int) bool { return d.hashes[lo+i] >= h })
		for ; i < hi && d.hashes[i] == h; i++ {
			if !fn(d.ids[i]) {
				return false
			}
		}
		return true
	}
	if !visit(hashSkip(s, -1)) {
		return
	}
	for i := range len(s) {
		if !visit(hashSkip(s, i)) {
			return
		}
	}
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
// excluded), of words whose skeleton is one edit from skel, then of every
// word t is a prefix of or that is a prefix of t; seen is scratch for
// deduplication and is returned grown.
func (f *fuzzy) near(t, skel string, seen []int32, fn func(id int32, prefix bool)) []int32 {
	if f == nil || len(t) < minQueryFuzzyLen {
		return seen
	}
	seen = seen[:0]
	f.texts.each(t, func(id int32) bool {
		if !slices.Contains(seen, id) && f.words[id] != t {
			seen = append(seen, id)
			fn(id, false)
		}
		return true
	})
	if len(skel) >= minSkelLen {
		hits := 0
		f.skels.each(skel, func(id int32) bool {
			if !slices.Contains(seen, id) && f.words[id] != t {
				seen = append(seen, id)
				fn(id, false)
				hits++
			}
			return hits < maxSkelHits
		})
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
