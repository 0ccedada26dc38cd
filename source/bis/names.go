package bis

import (
	"strings"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/country"
)

// SplitName splits one Denied Persons List name cell into the names it
// holds. BIS types aliases into the name itself, in a few shapes:
//
//   - "FUYI SUN A/K/A FRANK SUN", "SIBERIAN AIRLINES D/B/A S7 AIRLINES":
//     a marker (A.K.A., A/K/A, AKA, D/B/A, DBA, N/K/A, T/A, ALSO KNOWN AS,
//     DOING BUSINESS AS → a.k.a.; F/K/A, FKA, FORMERLY, FORMERLY KNOWN AS →
//     f.k.a.) starts each further name;
//   - "PEARL (A.K.A. NEI-CHIEN CHU) LI": a marker inside parentheses names
//     a whole alias, and the name read around it is the primary;
//   - "APPLIED SYSTEMS METHODS AND TECHNOLOGY (ASMAT)", "SOCCER ZONE (MNC
//     GROUP INTERNATIONAL, INC.)": a trailing parenthesis is an alias
//     (an acronym, or the company behind a trade name), unless it names a
//     country;
//   - "SAMMY (IHSAN MEDHAT) ELASHI", `IHSAN MEDHAT "SAMMY" ELASHI`: a
//     parenthesis or quoted nickname inside a personal name is an
//     alternative for the words before it, giving "SAMMY ELASHI" and
//     "IHSAN MEDHAT ELASHI".
//
// Double quotes are read like parentheses throughout.
// "AND" is never a separator: in this list it joins the words of one
// name ("ADT ANALOG AND DIGITAL TECHNIK"). Any other parenthesis is kept
// as part of the name. The first name returned is the primary; runs of
// spaces are collapsed and stray commas trimmed; repeats are dropped.
func SplitName(s string) []interdict.Name {
	s = cleanName(s)
	if s == "" {
		return nil
	}
	var out []interdict.Name
	add := func(full string, t interdict.NameType) {
		full = cleanName(full)
		if full == "" {
			return
		}
		for _, n := range out {
			if strings.EqualFold(n.Full, full) {
				return
			}
		}
		if len(out) == 0 {
			t = interdict.NamePrimary
		}
		out = append(out, interdict.Name{Full: full, Type: t})
	}
	for i, seg := range splitMarkers(s) {
		t := seg.typ
		if i == 0 {
			t = interdict.NamePrimary
		}
		main, extras := splitParens(seg.text)
		add(main, t)
		for _, x := range extras {
			add(x.Full, x.Type)
		}
	}
	return out
}

// segment is one name between alias markers, with the type its marker
// gives.
type segment struct {
	text string
	typ  interdict.NameType
}

// markerFolder makes "A.K.A.", "A/K/A" and "AKA" one marker.
var markerFolder = strings.NewReplacer(".", "", "/", "")

// markerAt reports whether words[i:] starts with an alias marker, and
// returns the name type it introduces and how many words it spans.
func markerAt(words []string, i int) (interdict.NameType, int, bool) {
	norm := func(w string) string { return strings.ToUpper(strings.Trim(w, ",;:()")) }
	w := norm(words[i])
	flat := markerFolder.Replace(w)
	switch {
	case flat == "AKA" || flat == "DBA" || flat == "NKA":
		return interdict.NameAKA, 1, true
	case w == "T/A":
		return interdict.NameAKA, 1, true
	case flat == "FKA":
		return interdict.NameFKA, 1, true
	}
	phrase := func(ws ...string) bool {
		if i+len(ws) > len(words) {
			return false
		}
		for j, x := range ws {
			if norm(words[i+j]) != x {
				return false
			}
		}
		return true
	}
	switch {
	case phrase("ALSO", "KNOWN", "AS"), phrase("DOING", "BUSINESS", "AS"), phrase("NOW", "KNOWN", "AS"):
		return interdict.NameAKA, 3, true
	case phrase("FORMERLY", "KNOWN", "AS"):
		return interdict.NameFKA, 3, true
	case w == "FORMERLY":
		return interdict.NameFKA, 1, true
	}
	return "", 0, false
}

// splitMarkers splits s at alias markers outside parentheses.
func splitMarkers(s string) []segment {
	words := strings.Fields(s)
	segs := []segment{{typ: interdict.NamePrimary}}
	var cur []string
	depth := 0
	for i := 0; i < len(words); i++ {
		if depth == 0 && !strings.HasPrefix(words[i], "(") {
			if t, n, ok := markerAt(words, i); ok {
				segs[len(segs)-1].text = strings.Join(cur, " ")
				cur = nil
				segs = append(segs, segment{typ: t})
				i += n - 1
				continue
			}
		}
		depth += strings.Count(words[i], "(") - strings.Count(words[i], ")")
		depth = max(depth, 0)
		cur = append(cur, words[i])
	}
	segs[len(segs)-1].text = strings.Join(cur, " ")
	return segs
}

// splitParens takes the parentheses and quotes out of one name, left to right, as
// SplitName describes, and returns what remains and the aliases found.
func splitParens(s string) (string, []interdict.Name) {
	var extras []interdict.Name
	for range 8 { // a name with more groups than this keeps the rest
		open, end := nextGroup(s)
		if end < 0 {
			break
		}
		before := strings.TrimSpace(s[:open])
		inner := strings.TrimSpace(s[open+1 : end])
		after := strings.TrimSpace(s[end+1:])
		words := strings.Fields(inner)
		if len(words) > 0 {
			if mt, n, ok := markerAt(words, 0); ok {
				for i, seg := range splitMarkers(strings.Join(words[n:], " ")) {
					t := seg.typ
					if i == 0 {
						t = mt
					}
					extras = append(extras, interdict.Name{Full: seg.text, Type: t})
				}
				s = joinWords(before, after)
				continue
			}
		}
		switch {
		case inner == "":
			s = joinWords(before, after)
			continue
		case before != "" && after == "" && !isCountry(inner):
			extras = append(extras, interdict.Name{Full: inner, Type: interdict.NameAKA})
			s = before
			continue
		case before != "" && after != "" && middleAlternative(before, inner, after):
			extras = append(extras, interdict.Name{Full: joinWords(inner, after), Type: interdict.NameAKA})
			s = joinWords(before, after)
			continue
		}
		break
	}
	return s, extras
}

// middleAlternative reports whether "BEFORE (INNER) AFTER" reads as a
// personal name with alternative given names in the parenthesis.
func middleAlternative(before, inner, after string) bool {
	whole := joinWords(before, inner, after)
	if orgSignal(whole) || !looksPersonal(joinWords(before, after)) {
		return false
	}
	words := strings.Fields(inner)
	if len(words) > 3 {
		return false
	}
	for _, w := range words {
		if !personalWord(w) {
			return false
		}
	}
	return true
}

func isCountry(s string) bool {
	_, ok := country.Code(s)
	return ok
}

// nextGroup finds the first parenthesised or double-quoted part of s and
// returns the indexes of its delimiters, or -1, -1.
func nextGroup(s string) (open, end int) {
	open = strings.IndexAny(s, "(\"")
	if open < 0 {
		return -1, -1
	}
	if s[open] == '"' {
		if i := strings.IndexByte(s[open+1:], '"'); i >= 0 {
			return open, open + 1 + i
		}
		return -1, -1
	}
	if end = matchParen(s, open); end < 0 {
		return -1, -1
	}
	return open, end
}

// matchParen returns the index of the parenthesis closing the one at
// open, or -1.
func matchParen(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func joinWords(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(p)
	}
	return b.String()
}

// cleanName collapses whitespace, closes up " ," and trims stray
// separators from both ends.
func cleanName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, " ,", ",")
	return strings.Trim(s, " ,;:")
}
