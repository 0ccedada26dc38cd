package shipment

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"weak"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/dataset"
)

// The listed-address rule compares a party's address, one free-text
// line, with the structured addresses of the listed entities. A listed
// address is met when every word of its street line is in the party's
// address (so the party may add a district, a postal code or the
// country), one word of its city is there too (or the countries agree),
// and the countries, where both are known, are the same. Words are folded
// and the usual abbreviations made one (street/str/st, building/bldg, …).
// Listed addresses whose street line is too slight to identify a place
// (fewer than two words, or two words without a number) are not used:
// "Tehran" or "Main Street" would meet thousands of innocent addresses.

// addrIndex holds the usable listed addresses of one snapshot, each filed
// under the rarest word of its street line.
type addrIndex struct {
	addrs  []listedAddr
	byWord map[string][]int32
}

type listedAddr struct {
	entity  *interdict.Entity
	address interdict.Address
	street  []string
	city    []string
}

// AddressMatch is a listed party whose address a shipment party's address
// is.
type AddressMatch struct {
	EntityID string `json:"entity_id"`
	Name     string `json:"name"`
	Source   string `json:"source"`
	Address  string `json:"address"`
}

// addrWords folds an address to its words, with abbreviations made one.
func addrWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if c, ok := addrCanon[w]; ok {
			w = c
		}
		if w == "" || addrStop[w] {
			continue
		}
		out = append(out, w)
	}
	return out
}

var addrCanon = map[string]string{
	"street": "st", "str": "st", "strasse": "st", "straße": "st", "ulitsa": "st", "ul": "st", "cad": "st", "caddesi": "st",
	"avenue": "ave", "av": "ave", "avenida": "ave", "road": "rd", "boulevard": "blvd", "bulvar": "blvd", "building": "bldg",
	"bld": "bldg", "square": "sq", "sqr": "sq", "floor": "fl", "suite": "ste", "apartment": "apt", "office": "off",
	"number": "", "no": "", "nr": "", "po": "", "pobox": "box", "korpus": "korp", "district": "dist", "freeway": "fwy", "highway": "hwy", "lane": "ln",
	"drive": "dr", "kilometer": "km", "kilometre": "km", "sreet": "st", "center": "ctr", "centre": "ctr", "tower": "twr",
	"industrial": "ind", "zone": "zn",
}

var addrStop = map[string]bool{"the": true, "of": true, "and": true, "or": true, "a": true, "in": true, "at": true, "p": true,
	"o": true, "c": true}

// usable says whether a street line identifies a place well enough.
func usable(street []string) bool {
	if len(street) < 2 {
		return false
	}
	if len(street) >= 3 {
		return true
	}
	return slices.ContainsFunc(street, func(w string) bool { return strings.ContainsAny(w, "0123456789") })
}

func buildAddrIndex(ents []*interdict.Entity) *addrIndex {
	ix := &addrIndex{byWord: map[string][]int32{}}
	df := map[string]int{}
	for _, e := range ents {
		for _, a := range e.Addresses {
			st := uniq(addrWords(a.Street))
			if !usable(st) {
				continue
			}
			city := uniq(addrWords(a.City + " " + a.Region))
			ix.addrs = append(ix.addrs, listedAddr{entity: e, address: a, street: st, city: city})
			for _, w := range st {
				df[w]++
			}
		}
	}
	for i, a := range ix.addrs {
		rare := a.street[0]
		for _, w := range a.street[1:] {
			if df[w] < df[rare] {
				rare = w
			}
		}
		ix.byWord[rare] = append(ix.byWord[rare], int32(i))
	}
	return ix
}

func uniq(ws []string) []string {
	out := ws[:0]
	for _, w := range ws {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// match returns the listed addresses met by a party's address.
func (ix *addrIndex) match(address, cc string) []AddressMatch {
	words := uniq(addrWords(address))
	if len(words) < 2 {
		return nil
	}
	have := make(map[string]bool, len(words))
	for _, w := range words {
		have[w] = true
	}
	var out []AddressMatch
	var seen []int32
	for _, w := range words {
		for _, i := range ix.byWord[w] {
			if slices.Contains(seen, i) {
				continue
			}
			seen = append(seen, i)
			a := &ix.addrs[i]
			if cc != "" && a.address.Country != "" && cc != a.address.Country {
				continue
			}
			if !allIn(a.street, have) {
				continue
			}
			if len(a.city) > 0 && !slices.ContainsFunc(a.city, func(w string) bool { return have[w] }) &&
				(cc == "" || cc != a.address.Country) {
				continue
			}
			m := AddressMatch{EntityID: a.entity.ID, Name: a.entity.PrimaryName(), Source: a.entity.Source, Address: a.address.String()}
			if !slices.Contains(out, m) {
				out = append(out, m)
			}
		}
	}
	return out
}

func allIn(ws []string, have map[string]bool) bool {
	for _, w := range ws {
		if !have[w] {
			return false
		}
	}
	return true
}

// The address index of each snapshot is built on first use and kept
// while the snapshot lives: the cache holds it by a weak pointer, and a
// cleanup drops the entry when the snapshot is collected after a swap.
var addrCache struct {
	sync.Mutex
	m map[weak.Pointer[dataset.Snapshot]]*addrIndex
}

// Warm builds the address index of a snapshot ahead of the first
// shipment screened against it (a server may call it after a swap). It
// takes a few tens of milliseconds for every list of ../shared/data.
func Warm(snap *dataset.Snapshot) { addressIndex(snap) }

func addressIndex(snap *dataset.Snapshot) *addrIndex {
	if snap == nil || snap.Index == nil {
		return &addrIndex{}
	}
	k := weak.Make(snap)
	addrCache.Lock()
	defer addrCache.Unlock()
	if addrCache.m == nil {
		addrCache.m = map[weak.Pointer[dataset.Snapshot]]*addrIndex{}
	}
	if ix, ok := addrCache.m[k]; ok {
		return ix
	}
	ix := buildAddrIndex(snap.Index.Entities)
	addrCache.m[k] = ix
	runtime.AddCleanup(snap, func(k weak.Pointer[dataset.Snapshot]) {
		addrCache.Lock()
		delete(addrCache.m, k)
		addrCache.Unlock()
	}, k)
	return ix
}
