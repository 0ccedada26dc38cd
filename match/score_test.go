package match

import (
	"testing"

	interdict "github.com/interdict/interdict"
)

func score(t *testing.T, a, b string, kind interdict.Kind) (float32, []interdict.TokenMatch) {
	t.Helper()
	q, l := prepared(a, kind), prepared(b, kind)
	var s Scratch
	return Score(&q, &l, &s, true)
}

// TestScore checks the rules of the name score on real-world cases: each
// score must lie in [min, max].
func TestScore(t *testing.T) {
	P, O := interdict.KindPerson, interdict.KindOrganization
	cases := []struct {
		a, b     string
		kind     interdict.Kind
		min, max float32
		why      string
	}{
		{"Vladimir Putin", "PUTIN, Vladimir", P, 0.99, 1, "order does not matter"},
		{"Mohammed Ali", "Muhammad Ali", P, 0.85, 1, "transliteration"},
		{"Vladimir Putin", "PUTIN, Vladimir Vladimirovich", P, 0.8, 0.97, "a missing patronymic costs a little"},
		{"Vladimir Vladimirovich Putin Ivanov", "PUTIN, Vladimir", P, 0.6, 0.9, "an extra query word costs more"},
		{"CORP", "ACME CORP", O, 0, 0.4, "a legal form alone never matches"},
		{"Al", "AL-BAGHDADI, Abu Bakr", P, 0, 0.4, "a particle alone never matches"},
		{"I JET GLOBAL DMCC", "I JET GLOBAL DMCC", O, 1, 1, "a listed name of generic words matches itself"},
		{"GLOBAL DMCC", "I JET GLOBAL DMCC", O, 0, 0.4, "but its generic words alone do not"},
		{"Abdullah bin Omar al-Muhammad", "Omar bin Abdullah al-Muhammad", P, 0, 0.7, "son and father swapped"},
		{"Shoigu Shoigu Sergey", "Sergey Shoigu", P, 0.9, 1, "a repeated word"},
		{"Martin Martin", "MARTIN", P, 0, 0.85, "a repeat needs two other words"},
		{"3 Percenters", "Three Percenters", O, 0.9, 1, "numbers and their words"},
		{"1st International Bank", "First International Bank", O, 0.9, 1, "ordinals"},
		{"Siemens AG", "SiemensAG", O, 0.85, 1, "two words written as one"},
		{"Fridrich Buchenberg", "FriedrichBuchenberg", P, 0.8, 1, "joined, spelled differently"},
		{"Abdul Majid", "MAJEED, Abdul", P, 0.8, 1, "a compound name inverted by the list"},
		{"Kader Es Sayed", "ES SAYED, Abdelkader", P, 0.6, 1, "a compound name shortened"},
		{"L.X.C Aviation", "LXC Aviation", O, 0.9, 1, "initials written apart"},
		{"FARC", "FUERZAS ARMADAS REVOLUCIONARIAS DE COLOMBIA", O, 0.79, 0.81, "an acronym"},
		{"NIOC", "NATIONAL IRANIAN OIL COMPANY", O, 0.79, 0.81, "an acronym of a generic word"},
		{"CONPUERTO", "CONSTRUCCIONES PROGRESO DEL PUERTO", O, BlendSim, BlendSim, "word starts"},
		{"Ghassan Belal", "HASAN, Bilal", P, 0, 0.82, "Ghassan is not Hasan"},
		{"Katarina Mohamed", "KATRANJI, Mohammed", P, 0, 0.85, "phonetic keys alone do not make one name"},
		{"Tariq Anwar el Sayed Mohamed", "TARIQ ANWAR EL SAYED AHMED", P, 0, 0.8, "words that contradict"},
		{"OAO Stroytransgaz", "STROYTRANSGAZ OJSC", O, 0.95, 1, "legal forms of one class"},
	}
	for _, c := range cases {
		got, ex := score(t, c.a, c.b, c.kind)
		if got < c.min || got > c.max {
			t.Errorf("%s / %s: %.3f, want %.2f..%.2f (%s); %+v", c.a, c.b, got, c.min, c.max, c.why, ex)
		}
	}
}

// TestScoreOrdered: syllables of Chinese and Korean names keep their
// order; the same syllables in another order are another given name.
func TestScoreOrdered(t *testing.T) {
	q, l := prepared("un jong kim", interdict.KindPerson), prepared("kim jong un", interdict.KindPerson)
	var s Scratch
	plain, _ := Score(&q, &l, &s, false)
	q.Ordered = true
	ordered, ex := Score(&q, &l, &s, true)
	if plain < 0.99 || ordered > 0.75 {
		t.Errorf("un jong kim / kim jong un: %.3f unordered, %.3f ordered; %+v", plain, ordered, ex)
	}
	q = prepared("jong un kim", interdict.KindPerson)
	q.Ordered = true
	if sc, ex := Score(&q, &l, &s, true); sc < 0.99 {
		t.Errorf("jong un kim / kim jong un: %.3f; %+v", sc, ex)
	}
}

// TestScoreExplains: the explanation names every token of both names.
func TestScoreExplains(t *testing.T) {
	_, ex := score(t, "Mohammed Ali Hassan Extra", "HASSAN, Muhammad Ali Other", interdict.KindPerson)
	seenQ, seenL := map[string]bool{}, map[string]bool{}
	for _, tm := range ex {
		for _, w := range splitWords(tm.Query) {
			seenQ[w] = true
		}
		for _, w := range splitWords(tm.Listed) {
			seenL[w] = true
		}
		if tm.Similarity < 0 || tm.Similarity > 1 || tm.How == "" {
			t.Errorf("bad token match %+v", tm)
		}
	}
	for _, w := range []string{"mohammed", "ali", "hassan", "extra"} {
		if !seenQ[w] {
			t.Errorf("query token %q not explained: %+v", w, ex)
		}
	}
	for _, w := range []string{"hassan", "muhammad", "ali", "other"} {
		if !seenL[w] {
			t.Errorf("listed token %q not explained: %+v", w, ex)
		}
	}
}

func splitWords(s string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' {
			if start >= 0 {
				out = append(out, s[start:i])
			}
			start = -1
		} else if start < 0 {
			start = i
		}
	}
	return out
}

// TestWeightedSim: spellings of one name are close, other names are not.
func TestWeightedSim(t *testing.T) {
	var s Scratch
	cases := []struct {
		a, b     string
		min, max float32
	}{
		{"mohammed", "muhammad", 0.9, 1},
		{"mohammad", "mohamed", 0.9, 1},
		{"qaddafi", "kadhafi", 0.85, 1},
		{"yuri", "iouri", 0.85, 1},
		{"saburinejad", "saburinezhad", 0.85, 1},
		{"jathran", "jadhran", 0.9, 1},
		{"chevron", "chevon", 0.8, 0.9},
		{"katarina", "katranji", 0, 0.8},
		{"ghassan", "hassan", 0, 0.85},
		{"ebrahim", "ebrahimi", 0, 0.9},
		{"daniel", "donald", 0, 0.7},
		{"lavrov", "putin", 0, 0.3},
	}
	for _, c := range cases {
		if got := s.weightedSim(c.a, c.b, 0); got < c.min || got > c.max {
			t.Errorf("weightedSim(%s, %s) = %.3f, want %.2f..%.2f", c.a, c.b, got, c.min, c.max)
		}
		if got, back := s.weightedSim(c.a, c.b, 0), s.weightedSim(c.b, c.a, 0); got != back {
			t.Errorf("weightedSim(%s, %s) = %.3f, but %.3f the other way", c.a, c.b, got, back)
		}
	}
}
