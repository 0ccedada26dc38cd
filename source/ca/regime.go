package ca

import "strings"

// thematicRegimes are the regulations in the Country field that are not a
// country's. They are programs only; sending them to country.Code would
// report them as unknown countries.
var thematicRegimes = []string{
	"justice for victims of corrupt foreign officials",
	"hamas terrorist attacks",
	"extremist settler violence",
}

func isThematic(english string) bool {
	l := strings.ToLower(english)
	for _, t := range thematicRegimes {
		if strings.HasPrefix(l, t) {
			return true
		}
	}
	return false
}
