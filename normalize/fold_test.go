package normalize

import (
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"Vladimir PUTIN", "vladimir putin"},
		{"O'Brien", "obrien"},
		{"O’Brien-Smith", "obrien smith"},
		{"al-'Ali", "al ali"},
		{"ʿAbd al-Raḥmān", "abd al rahman"},
		{"Straße", "strasse"},
		{"Ærøskøbing", "aeroskobing"},
		{"Łódź", "lodz"},
		{"Đorđe Đukić", "dorde dukic"},
		{"Iıİi", "iiii"},
		{"Þór", "thor"},
		{"Œuvre", "oeuvre"},
		{"Müller-Lüdenscheidt", "muller ludenscheidt"},
		{"Nguyễn Tấn Dũng", "nguyen tan dung"},
		{"José  María   AZNAR", "jose maria aznar"},
		{"S.A. de C.V.", "s a de c v"},
		{"BANCO (CUBA), S.A.", "banco cuba s a"},
		{"Ｔｏｋｙｏ　１２３", "tokyo 123"}, // full-width and ideographic space
		{"ﬁnance", "finance"},
		{"Al\u00adBaghdadi", "albaghdadi"}, // soft hyphen
		{"Zoë\u0308", "zoe"},               // stray combining mark
		{"A\x00B\tC\nD", "a b c d"},
		{"x²", "x2"},
		{"Владимир", "владимир"}, // other scripts pass through, lower-cased
		{"Ёлка й", "ёлка й"},     // ... without losing their own diacritics
	}
	for _, c := range cases {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFoldIdempotentAndValid(t *testing.T) {
	for _, s := range []string{"Müller, Hans-Jörg", "\xff\xfeab\xc3", "O'Neil  ", "ΑΛΈΞΑΝΔΡΟΣ", "محمد", "김정은"} {
		f := Fold(s)
		if !utf8.ValidString(f) {
			t.Errorf("Fold(%q) = %q: invalid UTF-8", s, f)
		}
		if g := Fold(f); g != f {
			t.Errorf("Fold not idempotent: %q → %q → %q", s, f, g)
		}
	}
}

func TestFoldAllocs(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { Fold("already folded") }); n != 0 {
		t.Errorf("Fold of folded text allocates %v times", n)
	}
	if n := testing.AllocsPerRun(100, func() { Fold("Müller-Lüdenscheidt") }); n > 1 {
		t.Errorf("Fold allocates %v times", n)
	}
}

// TestFoldIdempotentAllRunes folds every code point of the BMP and the
// first supplementary planes, alone and between letters.
func TestFoldIdempotentAllRunes(t *testing.T) {
	bad := 0
	for r := rune(0); r < 0x30000; r++ {
		if r >= 0xD800 && r < 0xE000 {
			continue
		}
		for _, s := range []string{string(r), "a" + string(r) + "b"} {
			f := Fold(s)
			if g := Fold(f); g != f || !utf8.ValidString(f) {
				if bad++; bad < 20 {
					t.Errorf("U+%04X: Fold(%q) = %q, Fold again = %q", r, s, f, g)
				}
			}
		}
	}
}
