package un

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/interdict/interdict"
)

// The UN remarks name other listed parties by their permanent reference
// number: "Member of Al-Qaida (QDe.004)", "Brother of Gun Gun Rusman
// Gunawan (QDi.218)". A reference is a clear, checkable other party, so
// links are read from references only, never from names alone
// ("associated with Al-Qaida-related groups in the United Kingdom" names
// nobody in particular). A reference becomes a link only when it names a
// record of the same file: that gives the other party's id and name, and
// filters out the references to the record itself ("was also listed under
// number TAi.048") and to parties since removed from the list, which
// appear in a load note instead.
//
// The link type comes from the words before the reference, within the
// sentence, and must fit the two parties' kinds:
//
//   - family: "brother of", "son of", "his wife" …, between two individuals;
//   - directs: "leader of", "head of", "founder of" …, an individual about
//     an entity, when the words after "of" begin with one of the entity's
//     names ("Leader of Al-Qaida (QDe.004)", not "Leader of local
//     affiliates of …, listed as Al-Qaida in Iraq (QDe.115)") and the role
//     is not a deputy's or of a part ("Deputy head of the media committee
//     of Al-Qaida");
//   - director: "headed by", "led by", "founded by", "leadership
//     included", an entity about an individual;
//   - associate: "associated with", "affiliated with";
//   - linked-to: anything else ("Member of", "Linked to", "financier of").
//
// A reference whose words only continue a list of names ("Head of A
// (QDe.139), B (QDe.140) and C (QDe.141)") takes the type of the one
// before it.
var refRE = regexp.MustCompile(`\b([A-Za-z]{2})([ie])\.\s?(\d{3})\b`)

// ref is a reference number found in a remark, with its link type decided
// and the publisher's words kept for the note.
type ref struct {
	key   string // normalised reference, "QDe.004"
	typ   interdict.LinkType
	words string
	// object, for a directs link, is the text naming what is directed,
	// checked against the other party's names when the link is resolved.
	object string
}

// normRef writes a reference the way REFERENCE_NUMBER does: upper-case
// regime letters, lower-case kind letter ("Qde.014" is a typo of QDe.014).
func normRef(prefix, kind, num string) string {
	return strings.ToUpper(prefix) + strings.ToLower(kind) + "." + num
}

var (
	familyRE    = regexp.MustCompile(`(?i)\b(?:(?:brother|sister|son|daughter|father|mother|wife|husband|spouse|cousin|nephew|niece|uncle|aunt|grandson|grandfather)(?:-in-law)?\s+of|(?:his|her)\s+(?:brother|sister|son|daughter|father|mother|wife|husband|spouse|cousin|nephew|niece|uncle|aunt)(?:-in-law)?)\b`)
	leadsRE     = regexp.MustCompile(`(?i)\b(?:leader|head|founder|emir|amir|commander|director|chairman|president)\s+of\b`)
	partRoleRE  = regexp.MustCompile(`(?i)\b(?:deputy|vice|assistant|second in command|regional|border|wing|committee|branch|unit|cell|council|faction|section|division)\b`)
	ledByRE     = regexp.MustCompile(`(?i)\b(?:headed|led|founded|directed|commanded)\s+by\b|\bleadership included\b`)
	associateRE = regexp.MustCompile(`(?i)\b(?:associated|affiliated)\s+with\b`)
	// listStartRE matches how the next item of a list of names starts,
	// after the previous reference: "), and ", ", ", " and ".
	listStartRE = regexp.MustCompile(`^[\s)\]}]*(?:,\s*(?:(?:and|or)\b)?|(?:and|or|as well as)\b)\s*`)
)

// remarkRefs finds the references in a remark of the record self (its own
// reference and kind), in order, one per other party.
func remarkRefs(remark, self string, selfIndividual bool) []ref {
	if !mayHaveRef(remark) {
		return nil
	}
	var out []ref
	prevEnd, prevSentence, prevStart := -1, -1, 0
	var prev ref
	for _, m := range refRE.FindAllStringSubmatchIndex(remark, -1) {
		key := normRef(remark[m[2]:m[3]], remark[m[4]:m[5]], remark[m[6]:m[7]])
		otherIndividual := remark[m[4]:m[5]] == "i" || remark[m[4]:m[5]] == "I"
		sentence := sentenceStart(remark, m[0])
		start := sentence
		if prevEnd > start {
			start = prevEnd
		}
		raw := strings.TrimRight(remark[start:m[0]], "( ")
		seg := strings.TrimSpace(strings.TrimLeft(raw, ")]}.;, "))
		r := ref{key: key, typ: linkType(seg, selfIndividual, otherIndividual)}
		wordsFrom := start
		switch {
		case r.typ == interdict.LinkDirects:
			loc := leadsRE.FindAllStringIndex(seg, -1)
			r.object = seg[loc[len(loc)-1][1]:]
		case r.typ == "" && prevSentence == sentence && prev.typ != "" && continuesList(raw):
			r.typ = fitType(prev.typ, otherIndividual)
			r.object = listStartRE.ReplaceAllString(raw, "")
			// The note shows the list from its start, where its
			// words are: "Head of A (QDe.139), B (QDe.140)".
			wordsFrom = prevStart
		case r.typ == "":
			r.typ = interdict.LinkLinkedTo
		}
		prevEnd, prevSentence, prevStart, prev = m[1], sentence, wordsFrom, r
		if key == self {
			continue
		}
		end := m[1]
		if end < len(remark) && remark[end] == ')' {
			end++
		}
		r.words = strings.TrimSpace(strings.TrimLeft(remark[wordsFrom:end], ")]}.;, "))
		out = mergeRef(out, r)
	}
	return out
}

// mayHaveRef is a cheap first look for "i.0" or "e. 0", the middle of a
// reference number, sparing most remarks the regular expression.
func mayHaveRef(s string) bool {
	for i := 1; i+2 < len(s); i++ {
		if s[i] != '.' {
			continue
		}
		if c := s[i-1] | 0x20; c != 'i' && c != 'e' {
			continue
		}
		if d := s[i+1]; d >= '0' && d <= '9' || d == ' ' && i+2 < len(s) && s[i+2] >= '0' && s[i+2] <= '9' {
			return true
		}
	}
	return false
}

// linkType returns the type the words seg give a reference, or "" when
// they give none.
func linkType(seg string, selfIndividual, otherIndividual bool) interdict.LinkType {
	switch {
	case selfIndividual && otherIndividual && familyRE.MatchString(seg):
		return interdict.LinkFamily
	case selfIndividual && !otherIndividual && leadsRE.MatchString(seg) && !partRoleRE.MatchString(seg):
		return interdict.LinkDirects
	case !selfIndividual && otherIndividual && ledByRE.MatchString(seg):
		return interdict.LinkDirector
	case associateRE.MatchString(seg):
		return interdict.LinkAssociate
	}
	return ""
}

// continuesList reports whether raw, the text between a reference and
// the one before, is only the next item of a list of names: it starts
// with "," or "and", and its words, outside parentheses, are capitalised
// or name particles ("and the Jemaah Islamiyah", ", Al Moulathamoun";
// not "and linked to the Abu Sayyaf Group").
func continuesList(raw string) bool {
	loc := listStartRE.FindStringIndex(raw)
	if loc == nil || len(raw) > 100 {
		return false
	}
	rest := parenRE.ReplaceAllString(raw[loc[1]:], "")
	for _, w := range strings.Fields(rest) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if w == "" || nameParticles[strings.ToLower(w)] || strings.HasPrefix(w, "al-") || strings.HasPrefix(w, "el-") {
			continue
		}
		if r := []rune(w)[0]; !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

var (
	parenRE       = regexp.MustCompile(`\([^()]*\)`)
	nameParticles = map[string]bool{"the": true, "of": true, "and": true, "or": true, "in": true, "for": true, "al": true,
		"el": true, "bin": true, "ibn": true, "wa": true, "de": true, "du": true, "la": true, "le": true, "des": true, "listed": true, "as": true}
)

// namesObject reports whether text, the words after "leader of", begins
// with one of e's names, compared on letters and digits only.
func namesObject(text string, e *interdict.Entity) bool {
	t := fold(strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(text), "the "), "The "))
	for _, n := range e.Names {
		if f := fold(n.Full); f != "" && (t == f || strings.HasPrefix(t, f+" ")) {
			return true
		}
	}
	return false
}

// fold lower-cases s and reduces everything but letters and digits to
// single spaces, so that "Al-Mourabitoun" and "AL MOURABITOUN" agree.
func fold(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// fitType keeps an inherited type only where it fits the other party's
// kind: a list of relatives can run on into an organisation.
func fitType(t interdict.LinkType, otherIndividual bool) interdict.LinkType {
	switch t {
	case interdict.LinkFamily, interdict.LinkDirector:
		if !otherIndividual {
			return interdict.LinkLinkedTo
		}
	case interdict.LinkDirects:
		if otherIndividual {
			return interdict.LinkLinkedTo
		}
	}
	return t
}

// mergeRef adds r unless its party is already there; a later, more
// precise mention replaces a plain linked-to.
func mergeRef(refs []ref, r ref) []ref {
	for i := range refs {
		if refs[i].key == r.key {
			if refs[i].typ == interdict.LinkLinkedTo && r.typ != interdict.LinkLinkedTo {
				refs[i] = r
			}
			return refs
		}
	}
	return append(refs, r)
}

// sentenceStart returns where the sentence holding position i begins: after
// the last ". " or "; " followed by a capital, ignoring the abbreviations
// the UN writes ("Dr.", "No.", "Nov.").
func sentenceStart(s string, i int) int {
	for j := i - 1; j > 0; j-- {
		if s[j] != ' ' || j+1 >= len(s) || s[j+1] < 'A' || s[j+1] > 'Z' {
			continue
		}
		before := strings.TrimRight(s[:j], `"”’'`)
		switch {
		case strings.HasSuffix(before, ";"):
			return j + 1
		case strings.HasSuffix(before, ".") && !isAbbrev(before[:len(before)-1]):
			return j + 1
		}
	}
	return 0
}

var abbrevs = map[string]bool{"dr": true, "mr": true, "mrs": true, "no": true, "st": true, "jan": true, "feb": true, "mar": true,
	"apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true}

// isAbbrev reports whether s ends with a word the UN abbreviates.
func isAbbrev(s string) bool {
	k := strings.LastIndexAny(s, " (")
	return abbrevs[strings.ToLower(s[k+1:])]
}
