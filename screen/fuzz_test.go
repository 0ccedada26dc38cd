package screen

import (
	"errors"
	"math"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/index"
)

// fuzzEntities is a small list of varied names (scripts, legal forms,
// acronyms, particles, initials, numbers) for the fuzz targets: big
// enough to reach every path of the search and the scorer, small enough
// to build in a millisecond in every fuzz worker.
func fuzzEntities() []*interdict.Entity {
	mk := func(id string, kind interdict.Kind, names ...string) *interdict.Entity {
		e := &interdict.Entity{ID: "fuzz:" + id, Source: "fuzz", Kind: kind}
		for i, n := range names {
			t := interdict.NameAKA
			if i == 0 {
				t = interdict.NamePrimary
			}
			e.Names = append(e.Names, interdict.Name{Full: n, Type: t})
		}
		return e
	}
	return []*interdict.Entity{
		mk("1", interdict.KindPerson, "PUTIN, Vladimir Vladimirovich", "Владимир Путин"),
		mk("2", interdict.KindPerson, "AL-BAGHDADI, Abu Bakr", "Abd al-Rahman bin Abdullah"),
		mk("3", interdict.KindPerson, "KIM, Jong Un", "김정은", "金正恩"),
		mk("4", interdict.KindOrganization, "QODS AVIATION INDUSTRIES", "GHODS AVIATION INDUSTRIES"),
		mk("5", interdict.KindOrganization, "FUERZAS ARMADAS REVOLUCIONARIAS DE COLOMBIA", "FARC"),
		mk("6", interdict.KindOrganization, "CONSTRUCCIONES PROGRESO DEL PUERTO S.A.", "NAFTIRAN INTERTRADE COMPANY (NICO)"),
		mk("7", interdict.KindOrganization, "ООО «Ромашка»", "L.X.C. Aviation", "3 Percenters"),
		mk("8", interdict.KindVessel, "MV HELLENIC SPIRIT"),
		mk("9", interdict.KindUnknown, "محمد علي", "משה כהן", "Αλέξανδρος", "สมชาย"),
	}
}

var fuzzScreener = sync.OnceValue(func() *Screener { return New(index.Build(fuzzEntities())) })

var fuzzSeeds = []string{
	"", " ", "Vladimir Putin", "PUTIN, Vladimir", "Владимир Путин", "김정은", "金正恩", "محمد علي",
	"FARC", "CONPUERTO", "N.I.C.O.", "LXC Aviation", "Three Percenters", "Abdullah bin Omar",
	"...", "---", "'''", "((()))", "\x00\x01\x02", "\xff\xfe", "a\u0301\u0301", "ๆๆๆ", "\u200d\u200c",
	strings.Repeat("a", 5000), strings.Repeat("Mohammed ", 300), strings.Repeat("ab cd ", 400),
	strings.Repeat("x", 1024), strings.Repeat("é", 600),
}

// FuzzCompare compares any two byte strings: no panic, a score in [0, 1]
// with an explanation, or ErrBadQuery for overlong or invalid input.
// Seed corpus: testdata/fuzz/FuzzCompare.
func FuzzCompare(f *testing.F) {
	for i, a := range fuzzSeeds {
		f.Add(a, fuzzSeeds[(i*7+3)%len(fuzzSeeds)], uint8(i))
	}
	s := fuzzScreener()
	kinds := []interdict.Kind{interdict.KindPerson, interdict.KindOrganization, interdict.KindVessel, interdict.KindUnknown, ""}
	f.Fuzz(func(t *testing.T, a, b string, k uint8) {
		score, ex, err := s.Compare(a, b, kinds[int(k)%len(kinds)])
		valid := len(a) <= MaxNameBytes && len(b) <= MaxNameBytes && utf8.ValidString(a) && utf8.ValidString(b)
		switch {
		case err != nil && !errors.Is(err, ErrBadQuery):
			t.Fatalf("Compare(%q, %q): %v, not ErrBadQuery", a, b, err)
		case err != nil && valid:
			t.Fatalf("Compare(%q, %q) refused valid input: %v", a, b, err)
		case err == nil && !valid:
			t.Fatalf("Compare(%q, %q) accepted invalid input", a, b)
		case err != nil:
			return
		}
		if math.IsNaN(score) || score < 0 || score > 1 || ex == nil {
			t.Fatalf("Compare(%q, %q) = %v, %v", a, b, score, ex)
		}
		for _, tm := range ex.Tokens {
			if tm.Similarity < 0 || tm.Similarity > 1 || math.IsNaN(tm.Weight) {
				t.Fatalf("Compare(%q, %q): token %+v", a, b, tm)
			}
		}
		if a == b && strings.TrimSpace(a) != "" && score < 0.99 && hasLetters(a) {
			t.Logf("Compare(%q, itself) = %.3f", a, score)
		}
	})
}

// FuzzScreen screens any names: no panic, matches sorted by score in
// [0, 1] with explanations, or ErrBadQuery.
// Seed corpus: testdata/fuzz/FuzzScreen.
func FuzzScreen(f *testing.F) {
	for i, a := range fuzzSeeds {
		f.Add(a, fuzzSeeds[(i*5+1)%len(fuzzSeeds)], uint8(i))
	}
	s := fuzzScreener()
	kinds := []interdict.Kind{interdict.KindPerson, interdict.KindOrganization, interdict.KindVessel, interdict.KindAircraft, interdict.KindUnknown, ""}
	f.Fuzz(func(t *testing.T, a, b string, k uint8) {
		q := &interdict.Query{Names: []string{a}, Kind: kinds[int(k)%len(kinds)], Limit: int(k%20) + 1}
		if k&0x80 != 0 {
			q.Names = append(q.Names, b)
			q.Identifiers = []interdict.Identifier{{Value: b}}
		}
		ms, err := s.Screen(q, k&1 == 0)
		if err != nil {
			if !errors.Is(err, ErrBadQuery) {
				t.Fatalf("Screen(%q): %v, not ErrBadQuery", q.Names, err)
			}
			return
		}
		if len(ms) > q.Limit {
			t.Fatalf("Screen(%q): %d matches, limit %d", q.Names, len(ms), q.Limit)
		}
		for i, m := range ms {
			if math.IsNaN(m.Score) || m.Score < DefaultFloor || m.Score > 1 {
				t.Fatalf("Screen(%q): score %v", q.Names, m.Score)
			}
			if i > 0 && m.Score > ms[i-1].Score {
				t.Fatalf("Screen(%q): not sorted: %v", q.Names, ms)
			}
			if k&1 == 0 && m.Explanation == nil {
				t.Fatalf("Screen(%q): no explanation", q.Names)
			}
		}
	})
}

func hasLetters(s string) bool {
	for _, r := range s {
		if r > 0x40 && (r < 0x5b || r > 0x60 && r < 0x7b || r > 0xbf) {
			return true
		}
	}
	return false
}
