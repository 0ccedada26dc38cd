package ca

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds arbitrary bytes to Parse. It must never panic, and a
// load it returns must be coherent: every record counted once, ids unique
// and in the source's namespace, every entity named.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`<data-set><record><Country>Russia / Russie</Country><LastName>A</LastName><Item>1</Item></record></data-set>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Parse(bytes.NewReader(data), "fuzz.xml")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "ca: fuzz.xml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if l.Records != len(l.Entities)+len(l.Rejects) {
			t.Fatalf("records %d != entities %d + rejects %d", l.Records, len(l.Entities), len(l.Rejects))
		}
		seen := map[string]bool{}
		for _, e := range l.Entities {
			if !strings.HasPrefix(e.ID, "ca:") || seen[e.ID] {
				t.Fatalf("bad or repeated id %q", e.ID)
			}
			seen[e.ID] = true
			if e.PrimaryName() == "" {
				t.Fatalf("%s has no name", e.ID)
			}
		}
	})
}

// FuzzSplitAliases checks that alias splitting never panics and yields
// clean, non-empty names.
func FuzzSplitAliases(f *testing.F) {
	for _, s := range []string{
		"Sergei, Serhii SHERBAKOV",
		"Belarusian: Юры Іванавіч, Russian: Юрий Иванович",
		"Банк Зенит, ПАО; РЕСО-Гарантия, САО or Страховое Общество",
		"((( ))) and or , ; / :",
		"Zadna Company and Zadna International (also known as X)",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, person bool) {
		for _, n := range splitAliases(s, person) {
			if n.Full == "" || n.Full != strings.TrimSpace(n.Full) || strings.Contains(n.Full, "  ") {
				t.Fatalf("splitAliases(%q) gave untidy name %q", s, n.Full)
			}
			if utf8.ValidString(s) && !utf8.ValidString(n.Full) {
				t.Fatalf("splitAliases(%q) broke UTF-8: %q", s, n.Full)
			}
		}
		for _, n := range entityNames(s, !person) {
			if n.Full == "" {
				t.Fatalf("entityNames(%q) gave an empty name", s)
			}
		}
		parseDates(s)
	})
}
