package scan

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Russian declines names: "Сергея Лаврова" (of Sergei Lavrov), "с
// Лавровым" (with Lavrov), "Путину" (to Putin). Lists write them in the
// nominative, and transliterated the oblique forms are other words
// (lavrova is Maria Lavrova's name). A span of Cyrillic words is
// therefore screened twice, as written and with each word put back in the
// nominative by the endings below; the better score counts. The rules
// are for personal names and the words of organisation names; a word
// they misread ("Шойгу", which does not decline) is still screened as
// written.

// ruEnding is one rewrite: a word ending in suffix (after at least min
// runes of stem) ends in repl instead.
type ruEnding struct {
	suffix, repl string
	min          int
}

// ruEndings are tried in order; the first that applies wins. Longer
// endings come first.
var ruEndings = []ruEnding{
	// patronymics: Викторовича, Викторовичу, Викторовичем, Викторовиче
	{"овичем", "ович", 2}, {"евичем", "евич", 2}, {"ичем", "ич", 3},
	{"овича", "ович", 2}, {"евича", "евич", 2}, {"ича", "ич", 3},
	{"овичу", "ович", 2}, {"евичу", "евич", 2}, {"ичу", "ич", 3},
	{"овиче", "ович", 2}, {"евиче", "евич", 2},
	{"овной", "овна", 2}, {"евной", "евна", 2}, {"овны", "овна", 2}, {"евны", "евна", 2},
	{"овне", "овна", 2}, {"евне", "евна", 2}, {"овну", "овна", 2}, {"евну", "евна", 2},
	// adjectival surnames: Троцкого, Вышинскому, Бельским; -ская keeps
	{"ская", "ская", 1}, {"цкая", "цкая", 1},
	{"ского", "ский", 1}, {"цкого", "цкий", 1}, {"скому", "ский", 1}, {"цкому", "цкий", 1},
	{"ским", "ский", 1}, {"цким", "цкий", 1}, {"ском", "ский", 1}, {"цком", "цкий", 1},
	{"ской", "ская", 1}, {"цкой", "цкая", 1}, {"скую", "ская", 1}, {"цкую", "цкая", 1},
	// -ов/-ев/-ин surnames: Лавровым, Путину, Медведева; feminine -овой
	{"овым", "ов", 2}, {"евым", "ев", 2}, {"ёвым", "ёв", 2}, {"иным", "ин", 2}, {"ыным", "ын", 2},
	{"овой", "ова", 2}, {"евой", "ева", 2}, {"иной", "ина", 2},
	{"ову", "ов", 2}, {"еву", "ев", 2}, {"ину", "ин", 2}, {"ыну", "ын", 2},
	{"ова", "ов", 2}, {"ева", "ев", 2}, {"ёва", "ёв", 2}, {"ина", "ин", 2}, {"ына", "ын", 2},
	{"ове", "ов", 2}, {"еве", "ев", 2}, {"ине", "ин", 2}, {"ыне", "ын", 2},
	// given names in -ей, -ий, -ай: Сергея, Алексею, Дмитрием, Николая
	{"еем", "ей", 2}, {"ея", "ей", 2}, {"ею", "ей", 2},
	{"ием", "ий", 2}, {"ия", "ий", 3}, {"ию", "ий", 2}, {"ии", "ий", 2},
	{"аем", "ай", 2}, {"ая", "ай", 3}, {"аю", "ай", 2},
	// feminine given names: Анны, Марины
	{"ны", "на", 2}, {"ры", "ра", 2}, {"ги", "га", 2},
	// feminine nouns in -ь: Роснефти
	{"ти", "ть", 3},
	// -ь names: Игорем, Игоря
	{"рем", "рь", 2}, {"ря", "рь", 2}, {"рю", "рь", 2},
	// consonant stems: Владимиром, Рамзана, Кадырову
	{"ом", "", 3}, {"ым", "", 3},
}

// ruNominative returns the nominative the endings give for a Cyrillic
// word, in the word's own capitalisation, and whether it differs.
func ruNominative(w string) (string, bool) {
	if utf8.RuneCountInString(w) < 4 {
		return w, false
	}
	low := strings.ToLower(w)
	out := ""
	found := false
	for _, e := range ruEndings {
		if strings.HasSuffix(low, e.suffix) && utf8.RuneCountInString(low)-utf8.RuneCountInString(e.suffix) >= e.min {
			out, found = strings.TrimSuffix(low, e.suffix)+e.repl, true
			break
		}
	}
	if !found {
		// a consonant stem with a case ending: Владимира, Путину, Кадырове
		r, size := utf8.DecodeLastRuneInString(low)
		if r == 'а' || r == 'у' || r == 'е' {
			stem := low[:len(low)-size]
			if p, _ := utf8.DecodeLastRuneInString(stem); isRuConsonant(p) && utf8.RuneCountInString(stem) >= 3 {
				out, found = stem, true
			}
		}
	}
	if !found || out == low {
		return w, false
	}
	return recase(w, out), true
}

func isRuConsonant(r rune) bool {
	return strings.ContainsRune("бвгджзклмнпрстфхцчшщ", r)
}

// recase gives out the capitalisation of w: all capitals, or a capital
// first letter.
func recase(w, out string) string {
	upper, lower := 0, 0
	for _, r := range w {
		if unicode.IsUpper(r) {
			upper++
		} else if unicode.IsLower(r) {
			lower++
		}
	}
	if lower == 0 && upper > 0 {
		return strings.ToUpper(out)
	}
	if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
		f, size := utf8.DecodeRuneInString(out)
		return string(unicode.ToUpper(f)) + out[size:]
	}
	return out
}

// isCyrillicWord reports whether a word is written in Cyrillic.
func isCyrillicWord(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return unicode.Is(unicode.Cyrillic, r)
		}
	}
	return false
}
