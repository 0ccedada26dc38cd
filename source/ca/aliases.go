package ca

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/interdict/interdict"
)

// splitAliases cuts Canada's free-text Aliases field into names. Canada
// separates names with semicolons, slashes, commas, " or " and " and ",
// and labels native-script forms with a language ("Belarusian: …, Russian:
// …"). None of these is reliable on its own, so:
//
//   - ";" and "/" always separate, as do language labels (which also set
//     the name's language) and " or ";
//   - "," separates, except inside brackets, before a bare legal form
//     ("Банк Зенит, ПАО", "Fast Bunkering Holding, Ltd."), after one ("ОАО,
//     БЭТО"), before a lower-case continuation in an organization's name
//     ("Министерство образования, науки и молодежи …") and in a person's
//     inverted Russian name ("Баранов, Олег Анатольевич");
//   - " and " (and French " et ") separate every name of a person, but in
//     an organization's only where the words around them show a list: a
//     legal form or a closing quote before, a legal form or a company
//     opener ("Joint", "Public", "Open") after, a word in another script on
//     either side, or a repeat of the fragment's first word after
//     ("Zadna Company and Zadna International Investments"), so that
//     "Laser Devices and Technologies" stays whole.
//
// A single-word alias of a person ("Alexei", "Hemedti") is a weak a.k.a.:
// Canada uses them for spelling variants of one name part, and alone they
// would match every namesake. Everything else is an a.k.a.
func splitAliases(s string, person bool) []interdict.Name {
	s = clean(s)
	if s == "" {
		return nil
	}
	var names []interdict.Name
	for _, part := range splitTop(s, ";") {
		for _, lf := range splitLabels(part) {
			for _, slashed := range splitTop(lf.text, "/") {
				for _, ored := range splitOr(slashed) {
					for _, comma := range splitCommas(ored, person) {
						for _, anded := range splitAnd(comma, person) {
							t := tidy(anded)
							if !hasLetter(t) {
								continue
							}
							typ := interdict.NameAKA
							if person && !strings.ContainsRune(t, ' ') {
								typ = interdict.NameWeakAKA
							}
							names = append(names, interdict.Name{Full: t, Type: typ, Lang: lf.lang})
						}
					}
				}
			}
		}
	}
	return names
}

// entityNames reads an EntityOrShip field: the primary name, and the names
// Canada folds into it, "X (also known as Y and Z)" and, for organizations,
// the English/French pair "Iranian Army/Armée iranienne".
func entityNames(s string, org bool) []interdict.Name {
	s = clean(s)
	var names []interdict.Name
	primary := func(t string) {
		if t = tidy(t); hasLetter(t) {
			names = append(names, interdict.Name{Full: t, Type: interdict.NamePrimary})
		}
	}
	aka := func(t string) {
		if t = tidy(t); hasLetter(t) {
			names = append(names, interdict.Name{Full: t, Type: interdict.NameAKA})
		}
	}
	if i := indexFold(s, "(also known as"); i >= 0 {
		primary(s[:i])
		rest := strings.TrimSpace(s[i+len("(also known as"):])
		if j := strings.LastIndexByte(rest, ')'); j >= 0 && strings.TrimSpace(rest[j+1:]) == "" {
			rest = rest[:j]
		}
		for _, c := range splitCommas(rest, false) {
			for _, a := range splitAnd(c, false) {
				aka(a)
			}
		}
		return names
	}
	if !org {
		primary(s)
		return names
	}
	parts := splitTop(s, "/")
	if len(parts) == 1 || !allMultiWord(parts) {
		primary(s)
		return names
	}
	primary(parts[0])
	for _, p := range parts[1:] {
		aka(p)
	}
	return names
}

func allMultiWord(parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(strings.TrimSpace(p), " ") {
			return false
		}
	}
	return true
}

// labelled is a piece of an alias field and the language its label gave.
type labelled struct {
	text, lang string
}

// languageLabels maps the labels Canada puts before native-script names to
// BCP 47 tags.
var languageLabels = map[string]string{
	"russian":      "ru",
	"belarusian":   "be",
	"belarussian":  "be",
	"byelorussian": "be",
	"ukrainian":    "uk",
	"arabic":       "ar",
	"persian":      "fa",
	"farsi":        "fa",
	"chinese":      "zh",
	"hebrew":       "he",
	"armenian":     "hy",
}

// splitLabels cuts s before every "Language:" label, giving the text after
// each label that label's language.
func splitLabels(s string) []labelled {
	var out []labelled
	lang := ""
	start := 0
	for i := 0; i < len(s); {
		colon := strings.IndexByte(s[i:], ':')
		if colon < 0 {
			break
		}
		colon += i
		// The word before the colon, skipping spaces.
		end := colon
		for end > 0 && s[end-1] == ' ' {
			end--
		}
		begin := end
		for begin > 0 {
			r, size := utf8.DecodeLastRuneInString(s[:begin])
			if !unicode.IsLetter(r) {
				break
			}
			begin -= size
		}
		tag, ok := languageLabels[strings.ToLower(s[begin:end])]
		if !ok || begin < start {
			i = colon + 1
			continue
		}
		out = append(out, labelled{text: s[start:begin], lang: lang})
		lang = tag
		start = colon + 1
		i = start
	}
	return append(out, labelled{text: s[start:], lang: lang})
}

// splitOr cuts s on " or " and " OR ".
func splitOr(s string) []string {
	var out []string
	for _, a := range splitTop(s, " or ") {
		out = append(out, splitTop(a, " OR ")...)
	}
	return out
}

// splitCommas cuts s on commas outside brackets and glues back the pieces
// that belong together (see splitAliases).
func splitCommas(s string, person bool) []string {
	parts := splitTop(s, ",")
	out := parts[:0:0]
	for _, p := range parts {
		t := strings.TrimSpace(p)
		if t == "" {
			continue
		}
		stripped, joined := stripJoiner(t)
		n := len(out)
		switch {
		case n == 0 || joined:
			out = append(out, stripped)
		case isLegalForm(t) || isLegalForm(out[n-1]):
			out[n-1] += ", " + t
		case !person && isContinuation(t):
			out[n-1] += ", " + t
		case person && isInvertedName(out[n-1], t):
			out[n-1] += ", " + t
		default:
			out = append(out, t)
		}
	}
	return out
}

// stripJoiner removes a leading "and " or "or " left by a list like
// "A, B, and C", reporting whether there was one: what follows is a new
// name, whatever its case.
func stripJoiner(t string) (string, bool) {
	for _, j := range []string{"and ", "or ", "AND ", "OR "} {
		if strings.HasPrefix(t, j) {
			return strings.TrimSpace(t[len(j):]), true
		}
	}
	return t, false
}

// isContinuation reports whether t goes on from the text before a comma:
// it starts with a lower-case letter and is not an article-led name ("the
// Basij", "l'Armée des Gardiens …").
func isContinuation(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	if !unicode.IsLower(r) {
		return false
	}
	l := strings.ToLower(t)
	for _, p := range []string{"the ", "l'", "l’", "d'", "d’", "al-", "el-"} {
		if strings.HasPrefix(l, p) {
			return false
		}
	}
	return true
}

// isInvertedName reports whether "family, given patronymic" was written as
// two comma pieces: a single word, then two words ending in a patronymic.
func isInvertedName(prev, t string) bool {
	if strings.Contains(prev, " ") {
		return false
	}
	words := strings.Fields(t)
	if len(words) != 2 {
		return false
	}
	last := strings.ToLower(words[1])
	for _, suf := range []string{"ович", "евич", "ьич", "овна", "евна", "ична", "ovich", "evich", "ovna", "evna"} {
		if strings.HasSuffix(last, suf) {
			return true
		}
	}
	return false
}

// legalForms are company-form designators that Canada sets off with a
// comma ("Радиоавтоматика, ООО") and that are never a name on their own.
var legalForms = map[string]bool{
	"llc": true, "jsc": true, "ojsc": true, "pjsc": true, "cjsc": true, "fsue": true,
	"ao": true, "oao": true, "zao": true, "pao": true, "ooo": true, "sc": true,
	"ltd": true, "limited": true, "inc": true, "corp": true, "co": true, "plc": true,
	"gmbh": true, "tov": true, "pvt": true, "pte": true, "co. ltd": true, "stock company": true,
	"ао": true, "оао": true, "зао": true, "пао": true, "ооо": true, "сао": true,
	"фгуп": true, "мк": true, "нп": true, "некоммерческое партнерство": true,
}

func isLegalForm(t string) bool {
	t = strings.ToLower(strings.Trim(t, " ."))
	return legalForms[t]
}

// companyOpeners begin an organization's name; after " and " they show
// that a new name starts.
var companyOpeners = map[string]bool{
	"joint": true, "public": true, "open": true, "closed": true, "limited": true,
}

// splitAnd cuts s on " and " (and " et ") where the words around show a
// list of names (see splitAliases).
func splitAnd(s string, person bool) []string {
	words := strings.Split(s, " ")
	if len(words) < 3 {
		return []string{s}
	}
	first := strings.ToLower(words[0])
	var out []string
	start := 0
	depth := 0
	for i, w := range words {
		depth += strings.Count(w, "(") - strings.Count(w, ")")
		if depth > 0 || i == 0 || i == len(words)-1 || i-start < 1 {
			continue
		}
		lw := strings.ToLower(w)
		if lw != "and" && !(lw == "et" && !person) {
			continue
		}
		prev, next := words[i-1], words[i+1]
		if !person && !listAnd(prev, next, first) {
			continue
		}
		out = append(out, strings.Join(words[start:i], " "))
		start = i + 1
	}
	return append(out, strings.Join(words[start:], " "))
}

// listAnd reports whether "prev and next" joins two names of an
// organization rather than two words of one name.
func listAnd(prev, next, first string) bool {
	switch {
	case notLatin(prev) || notLatin(next):
		return true
	case isLegalForm(prev) || isLegalForm(next):
		return true
	case companyOpeners[strings.ToLower(next)]:
		return true
	case strings.ToLower(next) == first:
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(prev)
	return strings.ContainsRune("”’»\"", r) && utf8.RuneCountInString(prev) > 1
}

// notLatin reports whether w has a letter outside the Latin script.
func notLatin(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

// tidy trims what splitting leaves around a name: spaces, list
// punctuation, a leading joiner and brackets that lost their partner.
func tidy(t string) string {
	t = strings.TrimSpace(t)
	for {
		s, joined := stripJoiner(t)
		if !joined {
			break
		}
		t = s
	}
	for _, j := range []string{"and", "or", "AND", "OR"} {
		if t == j {
			return ""
		}
		t = strings.TrimSuffix(t, " "+j)
	}
	t = dropUnmatchedParens(t)
	t = strings.Trim(t, " ,;:")
	// A quote left alone before a space is the end of a quotation that a
	// comma inside it cut off ("…По Релейной Технике," СКТБ РТ).
	t = strings.TrimPrefix(t, "\" ")
	return clean(t)
}

// dropUnmatchedParens removes brackets with no partner, such as the "(" of
// "(Юрий Николаевич ГОВТВИН / …" once the slash has been cut.
func dropUnmatchedParens(t string) string {
	if !strings.ContainsAny(t, "()") {
		return t
	}
	drop := map[int]bool{}
	var stack []int
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '(':
			stack = append(stack, i)
		case ')':
			if len(stack) == 0 {
				drop[i] = true
				continue
			}
			stack = stack[:len(stack)-1]
		}
	}
	for _, i := range stack {
		drop[i] = true
	}
	if len(drop) == 0 {
		return t
	}
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		if !drop[i] {
			b.WriteByte(t[i])
		}
	}
	return b.String()
}

// splitTop cuts s on sep wherever sep is not inside a matched pair of
// brackets.
func splitTop(s, sep string) []string {
	if !strings.Contains(s, sep) {
		return []string{s}
	}
	inside := bracketed(s)
	var out []string
	start := 0
	for i := 0; i+len(sep) <= len(s); {
		j := strings.Index(s[i:], sep)
		if j < 0 {
			break
		}
		j += i
		if inside != nil && inside[j] {
			i = j + 1
			continue
		}
		out = append(out, s[start:j])
		start = j + len(sep)
		i = start
	}
	return append(out, s[start:])
}

// bracketed marks the bytes of s that lie inside a matched pair of round
// brackets; it returns nil when there are none. It runs in linear time
// however deep the nesting.
func bracketed(s string) []bool {
	if !strings.Contains(s, ")") {
		return nil
	}
	// depth[k] counts the matched pairs that open before k and close
	// after it, built as a difference array.
	var depth []int
	var stack []int
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			stack = append(stack, i)
		case ')':
			if len(stack) == 0 {
				continue
			}
			open := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if depth == nil {
				depth = make([]int, len(s)+1)
			}
			depth[open+1]++
			depth[i]--
		}
	}
	if depth == nil {
		return nil
	}
	inside := make([]bool, len(s))
	n := 0
	for k := range inside {
		n += depth[k]
		inside[k] = n > 0
	}
	return inside
}

// indexFold is strings.Index ignoring ASCII case.
func indexFold(s, sub string) int {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		if strings.EqualFold(s[i:i+n], sub) {
			return i
		}
	}
	return -1
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
