package meti

import "strings"

// wmdWords are METI's Japanese names for the concern types, used when a
// Type of WMD cell has no letter codes.
var wmdWords = []struct{ word, code string }{
	{"生物", "B"}, {"化学", "C"}, {"ミサイル", "M"}, {"核", "N"},
}

// wmdCodes reads a Type of WMD cell ("生物、化学、ミサイル、核\nB,C,M,N",
// "ミサイルM", "核\nＮ" after width folding) into the codes B, C, M and N,
// in that order. Other Latin letters are returned as unknown.
func wmdCodes(cell string) (codes []string, unknown string) {
	var seen [4]bool
	var other strings.Builder
	letters := false
	for _, r := range cell {
		if r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		if r < 'A' || r > 'Z' {
			continue
		}
		letters = true
		if i := strings.IndexRune("BCMN", r); i >= 0 {
			seen[i] = true
		} else {
			other.WriteRune(r)
		}
	}
	if !letters {
		for i, w := range wmdWords {
			if strings.Contains(cell, w.word) {
				seen[i] = true
			}
		}
	}
	for i, c := range []string{"B", "C", "M", "N"} {
		if seen[i] {
			codes = append(codes, c)
		}
	}
	return codes, other.String()
}
