package eu

import (
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/source/internal/text"
)

// nameText cleans a name: white space collapsed (the FSF has doubled
// spaces, "Tionscail  Ceimiceán Parchin") and the Arabic tatweel (U+0640,
// a stretching stroke with no phonetic value) removed.
func nameText(s string) string {
	return text.Clean(strings.ReplaceAll(s, "\u0640", ""))
}

// aliasName reads one nameAlias as a name, its type still to be settled
// between a.k.a. and primary. ok is false when it has no name at all.
func aliasName(a nameAlias) (n interdict.Name, ok bool) {
	n = interdict.Name{
		Full:   nameText(a.WholeName),
		Type:   interdict.NameAKA,
		Given:  nameText(a.FirstName),
		Middle: nameText(a.MiddleName),
		Family: nameText(a.LastName),
		Lang:   languageTag(a.Language),
	}
	if n.Full == "" {
		n.Full = text.JoinNonEmpty(" ", n.Given, n.Middle, n.Family)
	}
	if isWeak(a) {
		n.Type = interdict.NameWeakAKA
	}
	return n, n.Full != ""
}

var lowQualityRE = regexp.MustCompile(`(?i)\blow? quality`)

// isWeak reports whether an alias is a weak one: strong="false", or a
// remark saying "low quality alias" (which the FSF also writes on aliases
// it marks strong, and misspells "low quality aliias", "lo quality").
func isWeak(a nameAlias) bool {
	if strings.EqualFold(strings.TrimSpace(a.Strong), "false") {
		return true
	}
	for _, r := range a.Remarks {
		if lowQualityRE.MatchString(r) {
			return true
		}
	}
	return false
}

var qualityRE = regexp.MustCompile(`(?i)^(?:good|high|low?|god)\s+quality\s+ali+as\.?$`)

// isQualityRemark reports whether a remark only grades the alias.
func isQualityRemark(r string) bool { return qualityRE.MatchString(text.Clean(r)) }

// languageTag turns nameLanguage ("FA", "EN") into a BCP 47 tag, or ""
// when it is missing or not a language.
func languageTag(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return ""
	}
	tag, err := language.Parse(s)
	if err != nil {
		return ""
	}
	return tag.String()
}

// primaryAlias picks the alias that is the entity's primary name. The FSF
// flags none, but its logicalIds grow with time, so the strong alias with
// the lowest logicalId is the name the party was first listed under
// ("Khalid Sheikh MOHAMMED", not the later "Bin Khalid Fahd Bin Adballah").
// A Latin-script one is preferred, as the other lists' primary names are
// Latin; failing a strong alias, the first one is taken. It returns -1 when
// names is empty.
func primaryAlias(aliases []nameAlias, names []interdict.Name) int {
	best, bestRank, bestID := -1, 3, 0
	for i, n := range names {
		rank := 2
		if n.Type != interdict.NameWeakAKA {
			rank = 1
			if n.Script == interdict.ScriptLatin || interdict.DetectScript(n.Full) == interdict.ScriptLatin {
				rank = 0
			}
		}
		id, err := strconv.Atoi(strings.TrimSpace(aliases[i].LogicalID))
		if err != nil {
			id = int(^uint(0) >> 1)
		}
		if rank < bestRank || rank == bestRank && id < bestID && rank < 2 {
			best, bestRank, bestID = i, rank, id
		}
	}
	return best
}

var letterSplitRE = regexp.MustCompile(`\s*\([a-h]\)\s*`)

// splitLettered splits the FSF's lettered lists, "(a) Mullah (b)
// Maulavi", into their items.
func splitLettered(s string) []string {
	var out []string
	for _, p := range letterSplitRE.Split(text.Clean(s), -1) {
		if p = strings.Trim(p, ",; "); p != "" {
			out = append(out, p)
		}
	}
	return out
}
