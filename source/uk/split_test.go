package uk

import (
	"reflect"
	"testing"
)

func TestSplitNumbered(t *testing.T) {
	tests := []struct {
		in   string
		want []item
	}{
		{"", nil},
		{"Pakistan", []item{{0, 0, "Pakistan"}}},
		{"(1) Iraq (2) Iraq", []item{{1, 1, "Iraq"}, {2, 2, "Iraq"}}},
		{"(1) Uganda (2) Uganda (3)Uganda", []item{{1, 1, "Uganda"}, {2, 2, "Uganda"}, {3, 3, "Uganda"}}},
		{"(1) Saudi Arabia. (2) Pakistan", []item{{1, 1, "Saudi Arabia"}, {2, 2, "Pakistan"}}},
		{"(1) to (6) Algeria (7) Morocco", []item{{1, 6, "Algeria"}, {7, 7, "Morocco"}}},
		{"(1) - (2) Expiry: 26 Aug 2007 (3) Expiry: 24 Apr 2007", []item{{1, 2, "Expiry: 26 Aug 2007"}, {3, 3, "Expiry: 24 Apr 2007"}}},
		{"(1) - (2) Occupied Palestinian Territories", []item{{1, 2, "Occupied Palestinian Territories"}}},
		// Out-of-sequence numbers are text, not markers.
		{"(1) Review of resolution 1822 (2008) done (2) Other", []item{{1, 1, "Review of resolution 1822 (2008) done"}, {2, 2, "Other"}}},
		{"Review of resolution 1822 (2008)", []item{{0, 0, "Review of resolution 1822 (2008)"}}},
		// A number repeated by mistake stays inside the item.
		{"(1) Chief (2) First Lady (2) Vice President", []item{{1, 1, "Chief"}, {2, 2, "First Lady (2) Vice President"}}},
		{"(1) ", nil},
		{"(1)", nil},
		{"(", []item{{0, 0, "("}}},
		{"(1", []item{{0, 0, "(1"}}},
	}
	for _, tt := range tests {
		if got := splitNumbered(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitNumbered(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestSplitRanges(t *testing.T) {
	tests := []struct {
		in   string
		want []item
	}{
		{"(1-3) Libya (4) Morocco", []item{{1, 3, "Libya"}, {4, 4, "Morocco"}}},
		{"(1) Kuwaiti (2) Kuwaiti-born", []item{{1, 1, "Kuwaiti"}, {2, 2, "Kuwaiti-born"}}},
		{"Al-Hasaka", []item{{0, 0, "Al-Hasaka"}}},
	}
	for _, tt := range tests {
		if got := splitRanges(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitRanges(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestItemFor(t *testing.T) {
	items := splitRanges("(1-2) Libya (3) Morocco")
	tests := []struct {
		n    int
		want string
	}{{1, "Libya"}, {2, "Libya"}, {3, "Morocco"}, {4, ""}, {0, ""}}
	for _, tt := range tests {
		if got := itemFor(items, tt.n); got != tt.want {
			t.Errorf("itemFor(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
	if got := itemFor(splitRanges("Libya"), 3); got != "Libya" {
		t.Errorf("unnumbered itemFor = %q, want Libya", got)
	}
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Ansar Bank. Mehr Bank", []string{"Ansar Bank", "Mehr Bank"}},
		{"AIS Iran Co. Electronic Component Industries (ECI). Iran Electronics", []string{"AIS Iran Co. Electronic Component Industries (ECI)", "Iran Electronics"}},
		{"Ningbo Haitian Precision Machinery Co. Ltd\n ", []string{"Ningbo Haitian Precision Machinery Co. Ltd"}},
		{"Kolmar Prodazhi I Logistika LLC \nKolmar-Tour LLC ", []string{"Kolmar Prodazhi I Logistika LLC", "Kolmar-Tour LLC"}},
		{"SALYUT-27; ZAKRYTOE KRONA\n ", []string{"SALYUT-27", "ZAKRYTOE KRONA"}},
		{"imeni M.T. Kalashnikova", []string{"imeni M.T. Kalashnikova"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := splitSentences(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitSentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
