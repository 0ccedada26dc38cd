package text

import (
	"slices"
	"testing"
)

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"":                       "",
		"ALREADY CLEAN":          "ALREADY CLEAN",
		"  wrapped\n\t  value ":  "wrapped value",
		"double  space":          "double space",
		"no\u00a0break\u3000gap": "no break gap",
		"trailing ":              "trailing",
	} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJoinAddOnce(t *testing.T) {
	if got := JoinNonEmpty(", ", "", "a", "", "b"); got != "a, b" {
		t.Errorf("JoinNonEmpty = %q", got)
	}
	l := AddOnce(AddOnce(AddOnce(nil, "a"), ""), "a")
	if l = AddOnce(l, "b"); !slices.Equal(l, []string{"a", "b"}) {
		t.Errorf("AddOnce = %q", l)
	}
}

func TestTrailingGroup(t *testing.T) {
	for in, want := range map[string]int{
		"A (B (C))": 2,
		"A (B) C":   -1,
		"A B C)":    -1,
		"(all)":     0,
		"":          -1,
	} {
		if got := TrailingGroup(in); got != want {
			t.Errorf("TrailingGroup(%q) = %d, want %d", in, got, want)
		}
	}
}
