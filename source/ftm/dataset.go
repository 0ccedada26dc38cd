package ftm

import "strings"

// MixedSource is the source of a targets.simple.csv whose rows do not
// share one dataset (an OpenSanctions collection such as "sanctions").
const MixedSource = "opensanctions"

// datasetSources maps OpenSanctions dataset titles (and dataset names),
// compared by foldKey, to Interdict source names. Only datasets that have
// no official file of their own belong here: an OpenSanctions copy of an
// official list (OFAC SDN, say) must not share the official parser's
// source name, so it gets an "os-" name instead.
var datasetSources = map[string]string{
	foldKey("Ukraine War and Sanctions"): "ua-war",
	foldKey("ua_war_sanctions"):          "ua-war",
}

// SourceForDataset returns the source name for an OpenSanctions dataset
// title: the known short name ("Ukraine War and Sanctions" → "ua-war"),
// else "os-" and a slug of the title ("US OFAC Specially Designated
// Nationals (SDN) List" → "os-us-ofac-specially-designated-nationals-sdn-list"),
// or MixedSource for an empty title.
func SourceForDataset(title string) string {
	if s, ok := datasetSources[foldKey(title)]; ok {
		return s
	}
	if slug := slugify(title); slug != "" {
		return "os-" + slug
	}
	return MixedSource
}

// slugify lowercases the ASCII letters and digits of s and joins their
// runs with single hyphens, capped at 60 bytes so ids stay readable.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	out := b.String()
	if len(out) > 60 {
		out = strings.TrimRight(out[:60], "-")
	}
	return out
}
