package eu

import (
	"regexp"
	"strings"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/country"
	"github.com/interdict/interdict/source/internal/text"
)

// associatedRE finds the lists the FSF puts in Iranian entities' remarks:
// "Associated entities: A; B; … Associated individuals: C (role); …".
var associatedRE = regexp.MustCompile(`(?i)associated (entities|individuals|persons)\s*:`)

// remarkLinks reads the "Associated entities:" and "Associated
// individuals:" lists of a remark as associate links. These lists are the
// only links the FSF states with a clear other party; they name no EU
// record, so the links carry a name and no id. Items are separated by ";"
// or line breaks. What follows the name stays in the note only: trailing
// parentheses ("Davoud Damghani (Iran’s Defence Attaché in Beijing)",
// "The Parchin Military Complex (PMC)") and a closing " in <country>"
// ("Zhejiang Qingji Ind. Co., Ltd in China"). An item that reads like a
// sentence (a colon, or over 150 characters) ends the list.
func remarkLinks(remark string) []interdict.Link {
	locs := associatedRE.FindAllStringIndex(remark, -1)
	var out []interdict.Link
	for i, loc := range locs {
		end := len(remark)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		header := text.Clean(remark[loc[0] : loc[1]-1])
		for _, item := range strings.FieldsFunc(remark[loc[1]:end], func(r rune) bool { return r == ';' || r == '\n' }) {
			item = strings.TrimRight(text.Clean(item), ".,")
			if item == "" {
				continue
			}
			if len(item) > 150 || strings.Contains(item, ":") {
				break
			}
			name := partyName(item)
			if name == "" {
				continue
			}
			out = append(out, interdict.Link{Type: interdict.LinkAssociate, OtherName: name, Note: header + ": " + item})
		}
	}
	return out
}

// partyName strips from a list item what describes the party rather
// than names it: trailing parentheses and a closing " in <country>".
func partyName(item string) string {
	name := item
	for {
		if i := strings.LastIndex(name, " in "); i > 0 {
			if _, ok := country.Code(name[i+4:]); ok {
				name = strings.TrimSpace(name[:i])
				continue
			}
		}
		if open := text.TrailingGroup(name); open > 0 {
			name = strings.TrimSpace(name[:open])
			continue
		}
		return name
	}
}
