package match

import (
	"testing"

	interdict "github.com/interdict/interdict"
)

func TestNormalizeID(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"AB 123-456", "AB123456"},
		{"ab123456", "AB123456"},
		{"IMO 9253325", "9253325"},
		{"imo9253325", "9253325"},
		{"MMSI 273 456 789", "273456789"},
		{"IMO", "IMO"},
		{"IMOX12", "IMOX12"},
		{"№ 4509 123456", "4509123456"},
		{"Рег. 77-12", "Рег7712"},
		{"", ""},
	} {
		if got := NormalizeID(c.in); got != c.want {
			t.Errorf("NormalizeID(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSameIdentifier(t *testing.T) {
	e := &interdict.Entity{Identifiers: []interdict.Identifier{
		{Type: "imo", Value: "IMO 9253325"},
		{Type: "passport", Value: "AB-123456"},
	}}
	for _, c := range []struct {
		q    []interdict.Identifier
		want bool
	}{
		{[]interdict.Identifier{{Value: "9253325"}}, true},
		{[]interdict.Identifier{{Type: "imo", Value: "imo 9253325"}}, true},
		{[]interdict.Identifier{{Type: "passport", Value: "9253325"}}, false}, // another type
		{[]interdict.Identifier{{Value: "ab 123456"}}, true},
		{[]interdict.Identifier{{Value: "AB12"}}, false}, // too short to decide
		{[]interdict.Identifier{{Value: "X"}, {Value: "AB123456"}}, true},
		{nil, false},
	} {
		if _, got := SameIdentifier(c.q, e); got != c.want {
			t.Errorf("SameIdentifier(%v) = %v, want %v", c.q, got, c.want)
		}
	}
}

func BenchmarkAdjust(b *testing.B) {
	e := &interdict.Entity{
		Kind: interdict.KindPerson, Nationalities: []string{"RU"}, Countries: []string{"RU", "CY"},
		Addresses:   []interdict.Address{{Country: "AE"}},
		Identifiers: []interdict.Identifier{{Type: "passport", Value: "AB-123456"}, {Type: "tax", Value: "7701 234 567"}},
	}
	q := &interdict.Query{Kind: interdict.KindPerson, Countries: []string{"DE"}, Identifiers: []interdict.Identifier{{Value: "X 998877"}}}
	b.ReportAllocs()
	for b.Loop() {
		Adjust(q, e, interdict.NamePrimary, 0.8, false)
	}
}
