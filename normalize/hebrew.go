package normalize

import (
	"strings"
	"unicode"
)

// Hebrew transliteration. Unpointed Hebrew does not write most vowels, so
// a word is read like Arabic (see arabic.go): a table of common Hebrew
// given names and surnames written from general knowledge (משה moshe,
// דוד david, כהן cohen...) gives their usual spelling; any other word is
// read letter by letter with ו and י as vowels between consonants, a final
// ה as a vowel, and "a" inserted where consonants would cluster. Points
// (niqqud) are ignored. Renderings: 0 reads ב כ פ as b k p and an inner ו
// as o; 1 reads them as v kh f and ו as v (David, Avraham, Yaakov
// spellings); 2 is rendering 0 with "e" as the inserted vowel.

var hebrewNames = func() map[string][2]string {
	m := map[string][2]string{}
	for _, e := range []string{
		"משה moshe", "דוד david", "אברהם avraham|abraham", "יצחק yitzhak|itzhak",
		"יעקב yaakov|yakov", "יוסף yosef|yossef", "שרה sara|sarah", "רבקה rivka",
		"רחל rachel|rahel", "לאה lea|leah", "בנימין binyamin|benjamin", "שמעון shimon",
		"לוי levi", "יהודה yehuda", "דניאל daniel", "מיכאל michael|mikhael",
		"אליהו eliyahu", "שלמה shlomo", "אהרון aharon|aaron", "אהרן aharon|aaron",
		"יונתן yonatan|jonathan", "יהונתן yehonatan", "נתן natan|nathan", "חיים chaim|haim",
		"מרדכי mordechai", "אסתר ester|esther", "מרים miriam", "אריה arye|arie",
		"צבי tzvi|zvi", "עמוס amos", "אליעזר eliezer", "גדעון gideon", "יוסי yossi",
		"אבי avi", "אורי uri", "עומר omer", "נועם noam", "איתן eitan|etan", "יואב yoav",
		"רון ron", "גיא guy", "עידו ido", "תמר tamar", "נועה noa", "שירה shira",
		"מיכל michal", "יעל yael", "רות rut|ruth", "נעמי naomi", "חנה hana|hannah",
		"דבורה dvora|deborah", "אורה ora", "שושנה shoshana", "אילנה ilana", "רונית ronit",
		"כהן cohen|kohen", "מזרחי mizrahi", "פרץ peretz", "ביטון biton", "דהן dahan",
		"פרידמן fridman|friedman", "שפירא shapira", "גולדברג goldberg", "כץ katz",
		"אזולאי azulay", "אוחיון ohayon", "גבאי gabay", "עמר amar", "ישראל yisrael|israel",
		"שמואל shmuel|samuel", "יהושע yehoshua", "אלכסנדר aleksandr|alexander",
		"בן ben", "בת bat", "בר bar", "יגאל yigal", "עמי ami", "אילן ilan", "גלעד gilad",
		"אסף asaf", "אלון alon", "ברק barak", "עוזי uzi", "אהוד ehud", "בנימן binyamin|benjamin",
		"אביגדור avigdor", "יאיר yair", "רפאל refael|raphael", "אליהו eliyahu",
	} {
		sp := strings.IndexByte(e, ' ')
		f := strings.Split(e[sp+1:], "|")
		if len(f) == 1 {
			f = append(f, f[0])
		}
		m[e[:sp]] = [2]string{f[0], f[1]}
	}
	return m
}()

func isHebrewLetter(r rune) bool { return r >= 0x5D0 && r <= 0x5F2 }

func hebrewLatin(s string) []string {
	isWord := func(r rune) bool {
		return isHebrewLetter(r) || r >= 0x591 && r <= 0x5C7 || r == 0x5F3 || r == 0x5F4
	}
	words := splitRuns(s, isWord)
	out := make([]string, 3)
	for v := range out {
		var b strings.Builder
		for _, w := range words {
			if !w.in {
				b.WriteString(w.text)
				continue
			}
			hebrewWord(&b, w.text, v)
		}
		out[v] = b.String()
	}
	return out
}

func hebrewWord(b *strings.Builder, w string, sys int) {
	var rs []rune
	geresh := map[int]bool{}
	for _, r := range w {
		switch {
		case r == 0x5F3 || r == '\'':
			if len(rs) > 0 {
				geresh[len(rs)-1] = true
			}
		case isHebrewLetter(r):
			rs = append(rs, r)
		}
	}
	if f, ok := hebrewNames[string(rs)]; ok {
		b.WriteString(f[min(sys, 1)])
		return
	}
	isCons := func(i int) bool {
		if i < 0 || i >= len(rs) {
			return false
		}
		switch rs[i] {
		case 'א', 'ע', 'ו', 'י':
			return false
		}
		return true
	}
	units := make([]arUnit, 0, len(rs)+2)
	add := func(t string, vowel bool) { units = append(units, arUnit{text: t, vowel: vowel, long: vowel}) }
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		first, last := i == 0, i == len(rs)-1
		var next rune
		if !last {
			next = rs[i+1]
		}
		switch r {
		case 'א':
			if first {
				if next != 'ו' && next != 'י' {
					add("a", true)
				}
			} else if !last || isCons(i-1) {
				add("", false) // glottal stop between vowels
			}
		case 'ע':
			if first {
				if next != 'ו' && next != 'י' {
					add("a", true)
				}
			} else {
				add("", false)
			}
		case 'ב':
			add(pick(sys, first, "b", "v"), false)
		case 'ג':
			add(ifs(geresh[i], "j", "g"), false)
		case 'ד':
			add("d", false)
		case 'ה':
			if last && !first {
				add(ifs(sys == 1, "e", "a"), true)
			} else {
				add("h", false)
			}
		case 'ו':
			switch {
			case next == 'ו':
				add("v", false)
				i++
			case first:
				add("v", false)
			case sys == 1 && !last:
				add("v", false)
			default:
				add("o", true)
			}
		case 'ז':
			add(ifs(geresh[i], "zh", "z"), false)
		case 'ח':
			add(pick(sys, false, "kh", "ch"), false)
		case 'ט', 'ת':
			add("t", false)
		case 'י':
			switch {
			case next == 'י':
				add("y", false)
				i++
			case first:
				add("y", false)
			case isCons(i-1) && (isCons(i+1) || last):
				add("i", true)
			default:
				add("y", false)
			}
		case 'כ':
			add(pick(sys, first, "k", "kh"), false)
		case 'ך':
			add("kh", false)
		case 'ל':
			add("l", false)
		case 'מ', 'ם':
			add("m", false)
		case 'נ', 'ן':
			add("n", false)
		case 'ס':
			add("s", false)
		case 'פ':
			add(pick(sys, first, "p", "f"), false)
		case 'ף':
			add("f", false)
		case 'צ', 'ץ':
			add(ifs(geresh[i], "ch", "tz"), false)
		case 'ק':
			add("k", false)
		case 'ר':
			add("r", false)
		case 'ש':
			add("sh", false)
		case 'װ':
			add("v", false)
		case 'ױ':
			add("oy", true)
		case 'ײ':
			add("ey", true)
		default:
			if unicode.IsLetter(r) {
				add(unidecodeRune(r), true)
			}
		}
	}
	short := "a"
	if sys == 2 {
		short = "e"
	}
	insertVowels(b, units, short, false)
}

// pick chooses the hard (b k p) or soft (v kh f) reading: system 1 uses
// the soft one except at the start of a word.
func pick(sys int, first bool, hard, soft string) string {
	if sys == 1 && !first {
		return soft
	}
	return hard
}

func ifs(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}
