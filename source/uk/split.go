package uk

import "strings"

// item is one value of a numbered multi-value cell: "(2) X" gives
// {from: 2, to: 2, text: "X"}, "(1) to (3) X" and "(1-3) X" give
// {1, 3, "X"}. Text before the first number has from = to = 0.
type item struct {
	from, to int
	text     string
}

// covers reports whether the item's number range includes n.
func (it item) covers(n int) bool { return it.from <= n && n <= it.to }

// splitNumbered splits OFSI's numbered multi-value cells, "(1) A (2) B".
// Only a cell that starts with "(1)" is numbered, and only markers that
// follow in sequence count, so that "resolution 1822 (2008)" in running
// text stays text. A cell that is not numbered is one item numbered 0.
func splitNumbered(s string) []item {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	from, to, end, ok := marker(s, 0)
	if !ok || from != 1 {
		return []item{{text: s}}
	}
	var out []item
	cur := item{from: from, to: to}
	start := end
	next := to + 1
	for i := end; i < len(s); i++ {
		if s[i] != '(' {
			continue
		}
		f, t, e, ok := marker(s, i)
		if !ok || f != next {
			continue
		}
		cur.text = cleanItem(s[start:i])
		if cur.text != "" {
			out = append(out, cur)
		}
		cur = item{from: f, to: t}
		start, next, i = e, t+1, e-1
	}
	cur.text = cleanItem(s[start:])
	if cur.text != "" {
		out = append(out, cur)
	}
	return out
}

// marker reads a number marker at s[i]: "(n)", "(n-m)", "(n) to (m)" or
// "(n) - (m)". It returns the range and the index just past the marker.
func marker(s string, i int) (from, to, end int, ok bool) {
	from, end, ok = paren(s, i)
	if !ok {
		return 0, 0, 0, false
	}
	to = from
	// Ranges written across two markers.
	j := end
	for j < len(s) && s[j] == ' ' {
		j++
	}
	k := j
	for _, sep := range []string{"to ", "- ", "– "} {
		if strings.HasPrefix(s[j:], sep) {
			k = j + len(sep)
			break
		}
	}
	if k == j {
		return from, to, end, true
	}
	for k < len(s) && s[k] == ' ' {
		k++
	}
	if m, e, ok := paren(s, k); ok && m > from {
		return from, m, e, true
	}
	return from, to, end, true
}

// paren reads "(n)" at s[i] and returns n and the index past the ")".
func paren(s string, i int) (n, end int, ok bool) {
	if i >= len(s) || s[i] != '(' {
		return 0, 0, false
	}
	j := i + 1
	n, j = digits(s, j)
	if n <= 0 || j >= len(s) {
		return 0, 0, false
	}
	if s[j] == ')' {
		return n, j + 1, true
	}
	return 0, 0, false
}

// digits reads up to 3 decimal digits at s[j].
func digits(s string, j int) (n, end int) {
	start := j
	for j < len(s) && j-start < 3 && s[j] >= '0' && s[j] <= '9' {
		n = n*10 + int(s[j]-'0')
		j++
	}
	if j == start || (j < len(s) && s[j] >= '0' && s[j] <= '9') {
		return -1, j
	}
	return n, j
}

// cleanItem trims spaces and the separators OFSI leaves between items.
func cleanItem(s string) string {
	return strings.Trim(s, " \t\r\n\u00a0\u202f.,;")
}

// splitRanges handles "(1-3) Libya (4) Morocco", the other way OFSI writes
// a range, by rewriting it to "(1) to (3)" before splitNumbered.
func splitRanges(s string) []item {
	if !strings.Contains(s, "-") || !strings.HasPrefix(strings.TrimSpace(s), "(") {
		return splitNumbered(s)
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '(' {
			a, j := digits(s, i+1)
			if a > 0 && j < len(s) && s[j] == '-' {
				c, k := digits(s, j+1)
				if c > a && k < len(s) && s[k] == ')' {
					b.WriteString("(")
					b.WriteString(s[i+1 : j])
					b.WriteString(") to (")
					b.WriteString(s[j+1 : k])
					b.WriteString(")")
					i = k
					continue
				}
			}
		}
		b.WriteByte(s[i])
	}
	return splitNumbered(b.String())
}

// values splits a numbered cell into its texts.
func values(s string) []string {
	items := splitRanges(s)
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, it.text)
	}
	return out
}

// itemFor returns the text of the item numbered n, or, when the cell is
// not numbered, its only text.
func itemFor(items []item, n int) string {
	if len(items) == 1 && items[0].from == 0 {
		return items[0].text
	}
	for _, it := range items {
		if it.covers(n) {
			return it.text
		}
	}
	return ""
}

// splitAny splits s at any of the separators and returns the cleaned,
// non-empty parts.
func splitAny(s string, seps ...string) []string {
	parts := []string{s}
	for _, sep := range seps {
		var next []string
		for _, p := range parts {
			next = append(next, strings.Split(p, sep)...)
		}
		parts = next
	}
	out := parts[:0]
	for _, p := range parts {
		if p = cleanItem(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// abbreviations end a word with a full stop without ending a name, so
// splitSentences does not split after them ("AIS Iran Co. Electronic ...").
var abbreviations = map[string]bool{
	"co": true, "ltd": true, "inc": true, "corp": true, "no": true, "st": true,
	"jr": true, "sr": true, "dr": true, "mr": true, "mrs": true, "bros": true,
	"int": true, "intl": true, "dept": true, "m.t": true, "p.o": true, "llc": true,
	"jsc": true, "pjsc": true, "ojsc": true, "cjsc": true, "plc": true, "s.a": true,
}

// splitSentences splits a list written as sentences, "Ansar Bank. Mehr
// Bank", at ". " when the next word starts with a capital letter or digit
// and the word before is not a known abbreviation. It also splits at
// newlines and "; ".
func splitSentences(s string) []string {
	var out []string
	for _, part := range splitAny(s, "\n", "; ") {
		start := 0
		for i := 0; i+2 < len(part); i++ {
			if part[i] != '.' || part[i+1] != ' ' {
				continue
			}
			c := part[i+2]
			if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				continue
			}
			w := part[start:i]
			if k := strings.LastIndexAny(w, " ("); k >= 0 {
				w = w[k+1:]
			}
			if abbreviations[strings.ToLower(w)] || len(w) <= 1 {
				continue
			}
			if p := cleanItem(part[start:i]); p != "" {
				out = append(out, p)
			}
			start = i + 2
		}
		if p := cleanItem(part[start:]); p != "" {
			out = append(out, p)
		}
	}
	return out
}
