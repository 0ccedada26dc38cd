package meti

import (
	"strings"

	"github.com/interdict/interdict"
)

// nameCell reads a Company or Organization cell: the name, then any
// native-script forms METI gives with it. The first name returned is the
// primary one (the caller sets its type); readings counts dropped kana
// readings.
func nameCell(cell string) (names []interdict.Name, readings int) {
	for _, seg := range segments(strings.Split(cell, "\n"), nil) {
		main, extra, r := nameParts(seg)
		readings += r
		if main != "" {
			names = append(names, interdict.Name{Full: main, Type: interdict.NameAKA})
		}
		for _, x := range extra {
			names = append(names, interdict.Name{Full: x, Type: interdict.NameAKA})
		}
	}
	return names, readings
}

// akaCell reads an Also Known As cell: "・"-bulleted names, each possibly
// with a native-script form.
func akaCell(cell string) (names []interdict.Name, readings int) {
	var items []string
	for _, line := range strings.Split(cell, "\n") {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		if rest, ok := cutBullet(t); ok {
			items = append(items, rest)
			continue
		}
		if len(items) == 0 {
			items = append(items, t)
			continue
		}
		items[len(items)-1] += "\n" + t
	}
	for _, item := range items {
		for _, seg := range segments(strings.Split(item, "\n"), nil) {
			main, extra, r := nameParts(seg)
			readings += r
			for _, n := range append([]string{main}, extra...) {
				if n != "" {
					names = append(names, interdict.Name{Full: n, Type: interdict.NameAKA})
				}
			}
		}
	}
	return names, readings
}

// cutBullet removes a leading list bullet.
func cutBullet(t string) (string, bool) {
	for _, b := range []string{"・", "•", "·"} {
		if strings.HasPrefix(t, b) {
			return strings.TrimSpace(t[len(b):]), true
		}
	}
	return t, false
}

// segments joins wrapped lines into names: a line continues the text
// before it, except a line wholly in another script (and not bracketed)
// after Latin text, which starts a name of its own ("China Aerospace …
// 23rd Research Institute\n中国航天…研究所").
func segments(lines []string, out []string) []string {
	for _, line := range lines {
		t := clean(line)
		if t == "" {
			continue
		}
		n := len(out)
		switch {
		case n == 0:
			out = append(out, t)
		case !strings.HasPrefix(t, "(") && hasLetter(t) && !hasLatin(t) && hasLatin(out[n-1]):
			out = append(out, t)
		default:
			out[n-1] += " " + t
		}
	}
	return out
}

// nameParts splits one name text into the name itself and the
// native-script names bracketed in it, dropping kana readings (see the
// package doc). Bracketed Latin text stays in the name.
func nameParts(s string) (main string, extra []string, readings int) {
	var b strings.Builder
	rest := s
	for {
		open, close := topGroup(rest)
		if open < 0 {
			b.WriteString(rest)
			break
		}
		inner := strings.TrimSpace(rest[open+1 : close])
		if !hasNonLatinLetter(inner) {
			b.WriteString(rest[:close+1])
			rest = rest[close+1:]
			continue
		}
		b.WriteString(rest[:open])
		before := b.String()
		switch {
		case isKana(inner) && hasLetter(before):
			readings++
		default:
			extra = append(extra, tidyName(inner))
		}
		rest = rest[close+1:]
	}
	main = tidyName(b.String())
	// An unbracketed kana word after a Latin name is its reading.
	if words := strings.Fields(main); len(words) > 1 {
		last := words[len(words)-1]
		head := strings.Join(words[:len(words)-1], " ")
		if isKana(last) && hasLatin(head) && !hasNonLatinLetter(head) {
			main = head
			readings++
		}
	}
	out := extra[:0]
	for _, x := range extra {
		if x != "" {
			out = append(out, x)
		}
	}
	return main, out, readings
}

// topGroup finds the first top-level bracketed group of s, returning the
// byte offsets of its brackets, or -1 when there is no complete group.
func topGroup(s string) (open, close int) {
	depth := 0
	open = -1
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			if depth == 0 {
				open = i
			}
			depth++
		case ')':
			if depth == 0 {
				continue
			}
			depth--
			if depth == 0 {
				return open, i
			}
		}
	}
	return -1, -1
}

// tidyName trims the separators METI leaves at the ends of names ("Novator
// Design Bureau; and").
func tidyName(s string) string {
	s = clean(s)
	for {
		t := strings.TrimSpace(strings.TrimRight(s, ";,"))
		t = strings.TrimSuffix(t, " and")
		t = strings.TrimSpace(strings.TrimRight(t, ";,"))
		if t == "and" || t == "or" {
			t = ""
		}
		if t == s {
			return t
		}
		s = t
	}
}
