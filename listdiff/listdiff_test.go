package listdiff

import (
	"slices"
	"testing"

	interdict "github.com/interdict/interdict"
)

func TestCompare(t *testing.T) {
	a := &interdict.Entity{ID: "x:2", Kind: interdict.KindPerson, Names: []interdict.Name{{Full: "A", Type: interdict.NamePrimary}},
		Links: []interdict.Link{{Type: interdict.LinkLinkedTo, OtherName: "B", OtherID: "x:1"}}, Programs: []string{"P1"}}
	b := &interdict.Entity{ID: "x:2", Kind: interdict.KindPerson, Names: []interdict.Name{{Full: "A", Type: interdict.NamePrimary}, {Full: "AA", Type: interdict.NameAKA}},
		Links:     []interdict.Link{{Type: interdict.LinkLinkedTo, OtherName: "B"}}, // resolved differently: no change
		Programs:  []string{"P2"},
		Addresses: []interdict.Address{{Full: "1 Main St, Town"}}}
	old := &interdict.ListLoad{Source: "x", Entities: []*interdict.Entity{{ID: "x:1"}, a, {ID: "x:10"}}}
	new := &interdict.ListLoad{Source: "x", Entities: []*interdict.Entity{b, {ID: "x:9"}, {ID: "x:100"}, {ID: "x:10"}}}
	s := Compare(old, new)
	var added []string
	for _, e := range s.Added {
		added = append(added, e.ID)
	}
	if !slices.Equal(added, []string{"x:9", "x:100"}) || len(s.Removed) != 1 || s.Removed[0].ID != "x:1" || s.Unchanged != 1 {
		t.Errorf("added %v removed %v unchanged %d", added, s.Removed, s.Unchanged)
	}
	if len(s.Changed) != 1 {
		t.Fatalf("changed %+v", s.Changed)
	}
	got := map[string]FieldChange{}
	for _, c := range s.Changed[0].Changes {
		got[c.Field] = c
	}
	if c := got["names"]; !slices.Equal(c.Added, []string{"aka: AA"}) {
		t.Errorf("names %+v", c)
	}
	if c := got["programs"]; !slices.Equal(c.Added, []string{"P2"}) || !slices.Equal(c.Removed, []string{"P1"}) {
		t.Errorf("programs %+v", c)
	}
	if _, ok := got["links"]; ok {
		t.Error("a link resolved differently counted as changed")
	}
	if c := got["addresses"]; !slices.Equal(c.Added, []string{"1 Main St, Town"}) {
		t.Errorf("addresses %+v", c)
	}
}
