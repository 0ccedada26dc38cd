package web

import (
	"net/url"
	"strings"
	"testing"

	"github.com/interdict/interdict/screen"
)

// FuzzSearchForm fuzzes the search form's body as the search handler
// reads it. Whatever is posted, the form is either refused field by field
// in fixed wording, or becomes a query the screener accepts and screens
// without error: the reader never sees "cannot be screened" for a form
// that passed the checks, and nothing panics.
func FuzzSearchForm(f *testing.F) {
	snap := hostileSnapshot(f)
	f.Fuzz(func(t *testing.T, body string) {
		v, err := url.ParseQuery(body)
		if err != nil {
			return // ParseForm fails first: the handler answers 400
		}
		form := searchForm{
			Name:    strings.TrimSpace(v.Get("name")),
			Kind:    strings.TrimSpace(v.Get("kind")),
			DOB:     strings.TrimSpace(v.Get("dob")),
			Country: strings.TrimSpace(v.Get("country")),
		}
		q, filters := parseQuery(&form)
		if len(form.Errors) > 0 {
			for _, e := range form.Errors {
				switch e.Field {
				case "name", "kind", "dob", "country":
				default:
					t.Fatalf("error for unknown field %q", e.Field)
				}
				if e.Message == "" {
					t.Fatalf("no message for %s", e.Field)
				}
			}
			return
		}
		if len(q.Names) != 1 || q.Names[0] != form.Name {
			t.Fatalf("names %q from %q", q.Names, form.Name)
		}
		if err := screen.Validate(q); err != nil {
			t.Fatalf("the form passed but the screener refuses it: %v", err)
		}
		for _, fl := range filters {
			if fl == "" {
				t.Fatal("an empty filter label")
			}
		}
		if _, err := snap.Screener.Screen(q, true); err != nil {
			t.Fatalf("screening a valid form: %v", err)
		}
	})
}
