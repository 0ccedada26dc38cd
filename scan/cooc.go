package scan

import (
	"runtime"
	"sync"
	"weak"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/index"
	"github.com/interdict/interdict/screen"
)

// cooc tells which listed entities hold a token, so that a span whose
// words no listed name holds together is not screened: every word of a
// span must meet a word of one listed name (see whole), so the entities
// of its words must meet. This is what keeps a scan at about a
// millisecond a kilobyte: most runs of capitalised words ("French
// President Emmanuel Macron") hold words that no one listed name holds
// together. Tokens are filed under their phonetic key and skeleton, the
// keys the index finds spelling variants by; a word the index does not
// know constrains nothing (it may still meet a listed word by spelling).
type cooc struct {
	// ents maps a key to the entities holding it, ascending.
	ents map[string][]int32
	// single holds the keys of the organisation, vessel and aircraft
	// names of one identifying word (with a legal form or generic word
	// at most): one word of a text alone can only be one of those (or
	// an acronym).
	single map[string]bool
}

// skelMark prefixes skeleton keys.
const skelMark = "\x01"

func buildCooc(ix *index.Index) *cooc {
	c := &cooc{ents: make(map[string][]int32, len(ix.Entries)), single: map[string]bool{}}
	add := func(key string, e int32) {
		l := c.ents[key]
		if n := len(l); n == 0 || l[n-1] != e {
			c.ents[key] = append(l, e)
		}
	}
	for i := range ix.Entries {
		en := &ix.Entries[i]
		strong, last := 0, -1
		for k, t := range en.Tokens.Tokens {
			if !t.Strong() {
				continue
			}
			strong, last = strong+1, k
			add(t.Key, en.Entity)
			if t.Skel != t.Key {
				add(skelMark+t.Skel, en.Entity)
			}
		}
		if strong == 1 && ix.Entities[en.Entity].Kind != interdict.KindPerson {
			t := &en.Tokens.Tokens[last]
			c.single[t.Key] = true
			c.single[skelMark+t.Skel] = true
		}
	}
	return c
}

// singleName reports whether a rendering of w is, by key or skeleton, the
// one identifying word of a listed organisation, vessel or aircraft name.
func (s *Scanner) singleName(w string) bool {
	qn, _ := s.sc.Index.Prepare(w, interdict.KindUnknown)
	for i := range qn {
		for _, t := range qn[i].Tokens {
			if t.Strong() && (s.co.single[t.Key] || s.co.single[skelMark+t.Skel]) {
				return true
			}
		}
	}
	return false
}

// wordEntities is the union of the entities holding a token of any
// rendering of w; wild is set when w has no identifying token (a legal
// form, a particle) and so constrains nothing.
func (s *Scanner) wordEntities(w string) (ents []int32, wild bool) {
	qn, _ := s.sc.Index.Prepare(w, interdict.KindUnknown)
	var lists [][]int32
	strong := false
	for i := range qn {
		for _, t := range qn[i].Tokens {
			if !t.Strong() {
				continue
			}
			strong = true
			if l := s.co.ents[t.Key]; len(l) > 0 {
				lists = append(lists, l)
			}
			if l := s.co.ents[skelMark+t.Skel]; len(l) > 0 && t.Skel != t.Key {
				lists = append(lists, l)
			}
		}
	}
	if !strong {
		return nil, true
	}
	return union(lists), false
}

// union merges ascending lists into one, without repeats.
func union(lists [][]int32) []int32 {
	var out []int32
	for _, l := range lists {
		if len(out) == 0 {
			out = l
			continue
		}
		out = merge(out, l)
	}
	return out
}

// merge merges two ascending lists without repeats into a new one.
func merge(a, b []int32) []int32 {
	out := make([]int32, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			out = append(out, a[i])
			i++
		case a[i] > b[j]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// intersect returns the ascending entities in both a and b, into dst.
func intersect(dst, a, b []int32) []int32 {
	dst = dst[:0]
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			dst = append(dst, a[i])
			i++
			j++
		}
	}
	return dst
}

// coocs caches the co-occurrence table of each screener (it takes about
// a tenth of a second to build over every list) for as long as the
// screener lives: a snapshot's scans share one.
var coocs = struct {
	sync.Mutex
	m map[weak.Pointer[screen.Screener]]*coocEntry
}{m: map[weak.Pointer[screen.Screener]]*coocEntry{}}

type coocEntry struct {
	once sync.Once
	c    *cooc
}

func coocFor(s *screen.Screener) *cooc {
	wp := weak.Make(s)
	coocs.Lock()
	e := coocs.m[wp]
	if e == nil {
		e = &coocEntry{}
		coocs.m[wp] = e
		runtime.AddCleanup(s, func(wp weak.Pointer[screen.Screener]) {
			coocs.Lock()
			delete(coocs.m, wp)
			coocs.Unlock()
		}, wp)
	}
	coocs.Unlock()
	e.once.Do(func() { e.c = buildCooc(s.Index) })
	return e.c
}
