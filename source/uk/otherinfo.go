package uk

import "strings"

// ConList's "Other Information" cell packs structured fields into text as
// "(Tag):value", one after another. These are the tags the package reads;
// any other bracketed text is running prose.
const (
	tagRef          = "UK Sanctions List Ref"
	tagReasons      = "UK Statement of Reasons"
	tagUNRef        = "UN Ref"
	tagGender       = "Gender"
	tagPhone        = "Phone number"
	tagEmail        = "Email address"
	tagWebsite      = "Website"
	tagEntityType   = "Type of entity"
	tagRegNo        = "Business Reg No"
	tagParent       = "Parent company"
	tagSubsidiaries = "Subsidiaries"
	tagIMO          = "IMO number"
	tagFlag         = "Flag of ship"
	tagPrevFlags    = "Previous flags"
	tagShipType     = "Type of ship"
	tagTonnage      = "Tonnage of ship"
	tagLength       = "Length of ship"
	tagYearBuilt    = "Year built"
	tagOwners       = "Current owners"
)

var infoTags = []string{
	tagRef, tagReasons, tagUNRef, tagGender, tagPhone, tagEmail, tagWebsite,
	tagEntityType, tagRegNo, tagParent, tagSubsidiaries, tagIMO, tagFlag,
	tagPrevFlags, tagShipType, tagTonnage, tagLength, tagYearBuilt, tagOwners,
}

// tagged is one "(Tag):value" field; value runs to the next known tag.
type tagged struct {
	tag, value string
}

// parseOtherInfo splits an Other Information cell into its tagged fields,
// in order. Text before the first tag is not returned (it stays in the
// entity's Remarks with the rest of the cell).
func parseOtherInfo(s string) []tagged {
	var out []tagged
	cur := -1 // index in out of the field being read
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '(' {
			continue
		}
		tag, end := infoTag(s, i)
		if tag == "" {
			continue
		}
		if cur >= 0 {
			out[cur].value = strings.TrimSpace(s[start:i])
		}
		out = append(out, tagged{tag: tag})
		cur = len(out) - 1
		start = end
		i = end - 1
	}
	if cur >= 0 {
		out[cur].value = strings.TrimSpace(s[start:])
	}
	return out
}

// infoTag reads a known "(Tag):" at s[i] and returns the tag and the index
// past the colon, or "" when there is none.
func infoTag(s string, i int) (string, int) {
	rest := s[i+1:]
	for _, t := range infoTags {
		if len(rest) > len(t)+1 && rest[len(t)] == ')' && rest[len(t)+1] == ':' && strings.EqualFold(rest[:len(t)], t) {
			return t, i + len(t) + 3
		}
	}
	return "", 0
}

// firstToken returns the reference at the start of a value such as
// "RUS1807. Financial sanctions imposed ..." or "SDi.005.": the text up to
// the first space, without trailing punctuation.
func firstToken(v string) string {
	v = strings.TrimSpace(v)
	if i := strings.IndexAny(v, " \t\r\n"); i >= 0 {
		v = v[:i]
	}
	return strings.TrimRight(v, ".,;:")
}
