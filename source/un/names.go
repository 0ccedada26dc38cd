package un

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/source/internal/text"
)

// personName builds an individual's primary name from FIRST_NAME …
// FOURTH_NAME. The UN does not say which part is which, so the parts are
// mapped by convention and only when there are at least two: the first is
// the given name and the last the family name, with anything between as
// middle names (or the patronymic, when it is a single Slavic or Turkic
// patronymic such as "MAGOMEDOVICH"). DPRK listings write the family name
// first ("RI SONG HYOK"), so there the first part is the family name.
func personName(r *record) interdict.Name {
	var parts []string
	for _, p := range []string{r.FirstName, r.SecondName, r.ThirdName, r.FourthName} {
		if p = value(p); p != "" {
			parts = append(parts, p)
		}
	}
	n := interdict.Name{Full: strings.Join(parts, " "), Type: interdict.NamePrimary}
	if len(parts) < 2 {
		return n
	}
	if isDPRK(r) {
		n.Family = parts[0]
		n.Given = strings.Join(parts[1:], " ")
		return n
	}
	n.Given = parts[0]
	n.Family = parts[len(parts)-1]
	middle := parts[1 : len(parts)-1]
	if len(middle) == 1 && patronymicRE.MatchString(middle[0]) {
		n.Patronymic = middle[0]
	} else {
		n.Middle = strings.Join(middle, " ")
	}
	return n
}

var patronymicRE = regexp.MustCompile(`(?i)^\p{L}+(ovich|evich|ovna|evna|ogly|oglu|kyzy)$`)

func isDPRK(r *record) bool {
	return strings.EqualFold(text.Clean(r.ListType), "DPRK") || strings.HasPrefix(text.Clean(r.Reference), "KP")
}

// aliasType maps an alias QUALITY to a name type. Individuals use
// "Good"/"Low", entities "a.k.a."/"f.k.a."; an alias with no quality is
// taken at face value as an a.k.a. The second result is false for a
// quality this package does not know (also treated as an a.k.a.).
func aliasType(quality string) (interdict.NameType, bool) {
	switch strings.ToLower(text.Clean(quality)) {
	case "good", "a.k.a.", "aka", "":
		return interdict.NameAKA, true
	case "low":
		return interdict.NameWeakAKA, true
	case "f.k.a.", "fka":
		return interdict.NameFKA, true
	}
	return interdict.NameAKA, false
}

// aliasNames returns the names one alias gives: its ALIAS_NAME, split when
// it holds the same name in several scripts ("Haji Gulab Gul (حاجی گلاب
// گل)") or several variants ("Azim Adhajani; Azim Agha-Jani"), plus
// spellings its NOTE adds (see noteNames).
func aliasNames(a alias, typ interdict.NameType) []interdict.Name {
	full := nameText(a.Name)
	if full == "" {
		return nil
	}
	var out []interdict.Name
	for _, s := range splitScripts(full) {
		for _, v := range splitVariants(s) {
			out = append(out, interdict.Name{Full: v, Type: typ})
		}
	}
	for _, s := range noteNames(full, text.Clean(a.Note)) {
		out = append(out, interdict.Name{Full: s, Type: typ})
	}
	return out
}

// nameText cleans a name: white space collapsed, trailing list
// punctuation dropped, and the Arabic tatweel (U+0640, a stretching stroke
// with no phonetic value, "شعبـان") removed, since it only hinders matching
// and is not classed as an Arabic letter.
func nameText(s string) string {
	return strings.TrimRight(text.Clean(strings.ReplaceAll(s, "\u0640", "")), ",; ")
}

// splitScripts splits a name written in several scripts into its
// spellings, when the split is clear:
//
//   - a trailing parenthesis in another script, possibly a ";"-list and
//     possibly marked "original script" or "sub-unit name":
//     "جبهة النصرة (the Victory Front; Jabhat al-Nusrah)";
//   - a run of words in one script followed by a run in another:
//     "Agha Jan Alizai اغا جان عالیزی".
//
// Each spelling must be in a single script; otherwise the name is kept
// whole.
func splitScripts(s string) []string {
	if interdict.DetectScript(s) != interdict.ScriptMixed {
		return []string{s}
	}
	if open := text.TrailingGroup(s); open > 0 {
		out := []string{nameText(s[:open])}
		for _, item := range strings.Split(s[open+1:len(s)-1], ";") {
			item = scriptMarkRE.ReplaceAllString(text.Clean(item), "")
			out = append(out, nameText(item))
		}
		for _, x := range out {
			if !pure(x) {
				return []string{s}
			}
		}
		return out
	}
	words := strings.Fields(s)
	for i := 1; i < len(words); i++ {
		a, b := strings.Join(words[:i], " "), strings.Join(words[i:], " ")
		if pure(a) && pure(b) && interdict.DetectScript(a) != interdict.DetectScript(b) {
			return []string{a, b}
		}
	}
	return []string{s}
}

// splitVariants splits an alias that lists several spellings: separated
// by ";" outside parentheses, or lettered "a) … b) …". Each variant must be
// in a single script; otherwise the alias is kept whole.
func splitVariants(s string) []string {
	var parts []string
	depth, from := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 { // "b)" list letters close nothing
				depth--
			}
		case ';':
			if depth == 0 {
				parts = append(parts, s[from:i])
				from = i + 1
			}
		}
	}
	parts = append(parts, s[from:])
	var out []string
	for _, p := range parts {
		for _, v := range letterRE.Split(" "+p, -1) {
			if v = nameText(v); v != "" {
				out = append(out, v)
			}
		}
	}
	if len(out) < 2 {
		return []string{s}
	}
	for _, v := range out {
		if !pure(v) {
			return []string{s}
		}
	}
	return out
}

var letterRE = regexp.MustCompile(`\s[a-h]\)\s+`)

// scriptMarkRE matches the markers the UN puts beside a spelling:
// "original script: Амир Хазмат", "هيئة تحرير الشام (original script)",
// "Ansar al-Mujahideen Network - sub-unit name".
var scriptMarkRE = regexp.MustCompile(`(?i)^(?:original script|in arabic(?: script)?)\s*:\s*|\s*\(original script\)$|\s+-\s+sub-unit name$`)

// pure reports whether s is non-empty and has letters of exactly one
// script.
func pure(s string) bool {
	switch interdict.DetectScript(s) {
	case interdict.ScriptMixed, interdict.ScriptUnknown, interdict.ScriptOther:
		return false
	}
	return true
}

var scriptNoteRE = regexp.MustCompile(`(?i)(?:original script|in arabic(?: script)?)\s*:\s*(.+)$`)

// noteNames reads the spellings an alias NOTE adds. Two forms are clear
// enough to take: "original script: Абу Банат" or "In Arabic: سيف العدل"
// (the alias in its own script), and, for an alias in a non-Latin script,
// a note that is nothing but a ";"-separated list of Latin
// transliterations ("Yunis al-Mauritani; Younis al-Mauritani").
func noteNames(name, note string) []string {
	if note == "" {
		return nil
	}
	if m := scriptNoteRE.FindStringSubmatch(note); m != nil {
		s := strings.TrimRight(nameText(m[1]), ".")
		if pure(s) && interdict.DetectScript(s) != interdict.ScriptLatin {
			return []string{s}
		}
		return nil
	}
	if !strings.Contains(note, ";") || interdict.DetectScript(name) == interdict.ScriptLatin {
		return nil
	}
	var out []string
	for _, p := range strings.Split(note, ";") {
		p = text.Clean(p)
		if p == "" || len(strings.Fields(p)) > 6 || strings.ContainsAny(p, ":()") ||
			strings.IndexFunc(p, unicode.IsDigit) >= 0 || interdict.DetectScript(p) != interdict.ScriptLatin {
			return nil
		}
		out = append(out, p)
	}
	return out
}
