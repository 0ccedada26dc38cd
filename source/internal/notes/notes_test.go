package notes

import (
	"fmt"
	"strings"
	"testing"
)

func TestLines(t *testing.T) {
	var l Lines
	if l.Note("x", "xs") != "" || l.Len() != 0 || l.Rows() != 0 {
		t.Error("zero Lines is not empty")
	}
	l.Add("PRC", 287)
	if got := l.Note("country string not recognised", "country strings not recognised"); got != `1 country string not recognised: "PRC" (line 287)` {
		t.Errorf("one: %s", got)
	}
	for _, n := range []int{449, 500, 501, 502, 503} {
		l.Add("PRC", n)
	}
	l.Add("ATLANTIS", 17)
	want := `2 country strings not recognised: "PRC" (6 rows: lines 287, 449, 500, 501, 502, …), "ATLANTIS" (line 17)`
	if got := l.Note("country string not recognised", "country strings not recognised"); got != want || l.Rows() != 7 {
		t.Errorf("got %s (%d rows)\nwant %s", got, l.Rows(), want)
	}
	var many Lines
	for i := range 22 {
		many.Add(fmt.Sprint(i), i)
	}
	if got := many.List(); !strings.HasSuffix(got, `"19" (line 19), … and 2 more`) {
		t.Errorf("long list ends %q", got)
	}
}

func TestCounts(t *testing.T) {
	var c Counts
	if c.Note("x") != "" {
		t.Error("zero Counts is not empty")
	}
	for _, s := range []string{"B", "A", "C", "C"} {
		c.Add(s)
	}
	if got, want := c.Note("country strings not recognised"), `3 country strings not recognised: "C" (2), "A" (1), "B" (1)`; got != want || c.Len() != 3 {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestAddPlural(t *testing.T) {
	if got := Add(Add(nil, ""), "a"); len(got) != 1 || got[0] != "a" {
		t.Errorf("Add: %q", got)
	}
	if Plural(1, "row", "rows") != "1 row" || Plural(0, "row", "rows") != "0 rows" || Plural(3, "row", "rows") != "3 rows" {
		t.Error("Plural")
	}
}
