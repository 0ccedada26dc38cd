// Package country turns the country strings found in sanctions and export
// control lists ("Russian Federation", "Iran (Islamic Republic of)",
// "Korea, North", "Russie / Russia", "ru") into ISO 3166-1 alpha-2 codes.
//
// All lookups go through one map, built once at start-up, from a folded key
// (lower case, accents removed, punctuation collapsed) to a code. A clean
// value costs one fold into a stack buffer and one map lookup. Values that
// miss go through a slower path that understands the shapes publishers
// write: parenthesised qualifiers, bilingual "X / Y", numbered and lettered
// lists, "City, Region, Country", "(now X)". Nothing here panics, and the
// package is safe for concurrent use.
package country

import (
	"strings"

	"github.com/biter777/countries"
)

// Code returns the ISO 3166-1 alpha-2 code for s, and whether s was
// recognised. It accepts codes (alpha-2, alpha-3, in any case; ISO 3166-2
// subdivision codes such as "UA-43" or "ge-ab" give their country), English
// names, official and inverted forms ("Korea, North"), demonyms
// ("Iranian"), French and Japanese names, and the variants publishers use.
// Historical states give their former ISO code (SU, YU, CS, DD, AN) and
// Kosovo gives XK; the table source documents every such decision.
//
// A value naming several countries ("(1) Russia (2) Ukraine", "Iraq;
// Lebanon", "Russia / Russie") gives the first; use Codes to get them all.
// In a comma-separated place ("Tehran, Iran", "Gaza City, Gaza, PS") the
// country is taken from the end. A value that names a union and a successor
// ("USSR (now Russian Federation)", "USSR (Uzbekistan)") gives the
// successor.
//
// Code is deliberately lenient, for country fields: it also reads a
// country at the end of a place ("Moscow 117342 Russia", "Jalisco Mexico")
// or at the start of, or after "in" in, a remark ("Afghanistan Listed on:
// 11 Jan. 2002", "Located in Yemen since Nov. 2008"). Use Exact to ask
// whether a string is a country and nothing else.
//
// Known non-countries ("Unknown", "00", "None Identified", lower-case "na")
// and strings that name no country give "", false.
func Code(s string) (string, bool) {
	s = clip(strings.TrimSpace(s))
	if s == "" || s == "na" {
		return "", false
	}
	var buf [keyBuf]byte
	k := fold(buf[:0], s, false)
	if e, ok := table[string(k)]; ok {
		return e.code, e.kind != kindNot
	}
	return resolveList(s, 0)
}

// Exact is Code without the fallbacks: it recognises s only when the whole
// string, folded, is a code, a name or a listed variant ("Korea, North",
// "Iran (Islamic Republic of)", "ru", "UA-43"). It does not split lists,
// drop qualifiers or look for a country inside a longer text, so it suits
// deciding whether a bracketed part of a name is a country ("ACME
// (RUSSIA)") where Code would also read "Bank of China" as China.
func Exact(s string) (string, bool) {
	s = clip(strings.TrimSpace(s))
	if s == "" || s == "na" {
		return "", false
	}
	var buf [keyBuf]byte
	if e, ok := table[string(fold(buf[:0], s, false))]; ok {
		return e.code, e.kind != kindNot
	}
	return subdivision(s)
}

// Codes returns every country named in s, in order and without repeats:
// Codes("(1) Russia (2) Ukraine") is [RU UA], Codes("lr;pa;sg") is
// [LR PA SG], Codes("Afghanistan, Pakistan") is [AF PK]. It is meant for
// list-valued fields; for a single place or country it gives what Code
// gives. It returns nil when s names no country.
func Codes(s string) []string {
	s = clip(strings.TrimSpace(s))
	if s == "" || s == "na" {
		return nil
	}
	var buf [keyBuf]byte
	k := fold(buf[:0], s, false)
	if e, ok := table[string(k)]; ok {
		if e.kind == kindNot {
			return nil
		}
		return []string{e.code}
	}
	if c, ok := subdivision(s); ok {
		return []string{c}
	}
	var out []string
	var items [maxItems]string
	n, allCodes := splitItems(s, &items)
	for i, it := range items[:n] {
		out = collectItem(out, it, allCodes, i == n-1)
	}
	return out
}

// Name returns the English display name for an alpha-2 code as Code
// returns them (upper or lower case), or "" for a code it does not know.
func Name(code string) string {
	if len(code) != 2 {
		return ""
	}
	b := [2]byte{upper(code[0]), upper(code[1])}
	return displayNames[string(b[:])]
}

const (
	keyBuf   = 128  // stack buffer for folded keys; longer keys spill to the heap
	maxInput = 4096 // longer values are cut: no country string comes near
	maxItems = 24   // list items considered in one value
	maxParts = 16   // comma-separated parts considered in one item
	maxSpan  = 4    // parts joined to match one name ("Congo, Democratic Republic of the")
	maxWords = 32   // words of an item searched for a country name inside it

	maxSpanWords = 8 // longest name in words ("United Kingdom of Great Britain and Northern Ireland")
)

type kind uint8

const (
	kindName kind = iota // a name, matched anywhere
	kindCode             // a code, matched only as a whole value or last part
	kindNot              // a known non-country
)

type entry struct {
	code string
	kind kind
}

var (
	table        map[string]entry
	displayNames map[string]string
)

func init() {
	table = make(map[string]entry, 4096)
	displayNames = make(map[string]string, 300)
	put := func(s, code string, k kind) {
		key := string(fold(nil, s, false))
		if key == "" {
			return
		}
		table[key] = entry{code, k}
	}
	for _, c := range countries.All() {
		a2 := c.Alpha2()
		name := c.String()
		displayNames[a2] = name
		put(name, a2, kindName)
		if p := string(fold(nil, name, true)); p != "" {
			table[p] = entry{a2, kindName}
		}
	}
	// Codes after names, so that a code always means the code.
	for _, c := range countries.All() {
		put(c.Alpha2(), c.Alpha2(), kindCode)
		put(c.Alpha3(), c.Alpha2(), kindCode)
	}
	for s, code := range codes {
		put(s, code, kindCode)
	}
	// The publishers' variants override the library's names.
	for s, code := range aliases {
		put(s, code, kindName)
	}
	for _, s := range notCountries {
		put(s, "", kindNot)
	}
	for code, name := range names {
		displayNames[code] = name
	}
}

// lookup returns the entry for a folded key. Codes count only when
// allowCodes is set; a known non-country is returned as such.
func lookup(k []byte, allowCodes bool) (entry, bool) {
	if len(k) == 0 {
		return entry{}, false
	}
	e, ok := table[string(k)]
	if !ok || (e.kind == kindCode && !allowCodes) {
		return entry{}, false
	}
	return e, true
}

// resolveList resolves a value that may hold several items and returns the
// first country found.
func resolveList(s string, depth int) (string, bool) {
	if c, ok := subdivision(s); ok {
		return c, true
	}
	var items [maxItems]string
	n, allCodes := splitItems(s, &items)
	for i, it := range items[:n] {
		if c, ok := resolveItem(it, allCodes, i == n-1, depth); ok {
			return c, true
		}
	}
	return "", false
}

// resolveNames is resolveList for text inside parentheses, where a bare
// code is more often something else ("Gold Tower (AU)", "(VA)" for Varese).
func resolveNames(s string, depth int) (string, bool) {
	var items [maxItems]string
	n, _ := splitItems(s, &items)
	for i, it := range items[:n] {
		if c, ok := resolveItem(it, false, i == n-1, depth); ok {
			return c, true
		}
	}
	return "", false
}

// resolveItem resolves one list item, trying in order: the whole item;
// what follows "now" or "currently"; the item without its parenthesised
// parts; the text before the first parenthesis; its comma-separated parts;
// its trailing words; the contents of its parentheses; a country named at
// its start or after "in". last reports that the item ends the value, the
// only place where an upper-case code may end a comma-separated place.
func resolveItem(it string, allowCodes, last bool, depth int) (string, bool) {
	it = strings.TrimSpace(it)
	if it == "" {
		return "", false
	}
	var b1, b2 [keyBuf]byte
	k := fold(b1[:0], it, false)
	if e, ok := lookup(k, allowCodes); ok {
		return e.code, e.kind != kindNot
	}
	// "USSR (now Russian Federation)", "Former USSR Currently Belarus"
	for _, w := range [...]string{"now", "currently"} {
		if rest, ok := after(k, w); ok {
			if c, ok := suffixLookup(rest, true); ok {
				return c, true
			}
		}
	}
	hasParen := strings.IndexByte(it, '(') >= 0
	if hasParen {
		k2 := fold(b2[:0], it, true)
		if e, ok := lookup(k2, allowCodes); ok {
			if e.kind == kindNot {
				return "", false
			}
			if historical(e.code) {
				// "USSR (Uzbekistan)": the successor is more specific.
				if c, ok := parenCountry(it, depth); ok && !historical(c) {
					return c, true
				}
			}
			return e.code, true
		}
		if p := strings.IndexByte(it, '('); p > 0 {
			if e, ok := lookup(fold(b2[:0], it[:p], false), false); ok && e.kind == kindName {
				return e.code, true
			}
		}
	}
	if strings.IndexByte(it, ',') >= 0 {
		if c, ok, stop := commaParts(it, last); ok || stop {
			return c, ok
		}
	}
	if c, ok := suffixLookup(fold(b2[:0], lastPart(it), true), false); ok {
		return c, true
	}
	if hasParen {
		if c, ok := parenCountry(it, depth); ok {
			return c, true
		}
	}
	// Last resort: a country named inside a remark ("Afghanistan Listed
	// on", "Located in Yemen since Nov. 2008").
	return innerLookup(fold(b2[:0], it, true), strings.IndexByte(it, ',') < 0)
}

// innerLookup finds the first, longest run of words in the folded key k
// that names a country (names of four letters or more, never codes) and
// starts the key (when atStart is set) or follows "in" ("in Yemen", "in
// Southern Somalia"). A known non-country run ("new mexico") is skipped as
// a whole. Street names ("Pakistan Street, ...") are not matched: they sit
// in comma-separated addresses, where atStart is off.
func innerLookup(k []byte, atStart bool) (string, bool) {
	var starts [maxWords]int
	var ends [maxWords]int
	n := 0
	for i := 0; i < len(k) && n < maxWords; {
		for i < len(k) && k[i] == ' ' {
			i++
		}
		if i == len(k) {
			break
		}
		j := i
		for j < len(k) && k[j] != ' ' {
			j++
		}
		starts[n], ends[n] = i, j
		n++
		i = j
	}
	isIn := func(w int) bool { return w >= 0 && string(k[starts[w]:ends[w]]) == "in" }
	for a := 0; a < n; a++ {
		if !(a == 0 && atStart) && !isIn(a-1) && !isIn(a-2) {
			continue
		}
	spans:
		for b := min(n, a+maxSpanWords); b > a; b-- {
			w := k[starts[a]:ends[b-1]]
			if len(w) < 4 {
				continue
			}
			e, ok := table[string(w)]
			switch {
			case !ok || e.kind == kindCode:
				continue
			case e.kind == kindNot:
				a = b - 1
				break spans
			default:
				return e.code, true
			}
		}
	}
	return "", false
}

// parenCountry resolves the contents of the top-level parentheses of s,
// first hit wins.
func parenCountry(s string, depth int) (string, bool) {
	if depth >= 2 || !balanced(s) {
		return "", false
	}
	d, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			if d == 0 {
				start = i + 1
			}
			d++
		case ')':
			d--
			if d == 0 {
				if c, ok := resolveNames(s[start:i], depth+1); ok {
					return c, true
				}
			}
		}
	}
	return "", false
}

// span is a trimmed comma-separated part it[a:b] of an item.
type span struct{ a, b int }

// commaParts resolves "City, Region, Country" from the end, or a list of
// countries ("Afghanistan, Pakistan") from the start. Runs of up to maxSpan
// parts are joined so that inverted names ("Korea, North") match. A code
// counts only as the upper-case last part of the last item ("Gaza City,
// Gaza, PS"). stop reports that the item is a known non-country.
func commaParts(it string, last bool) (code string, ok, stop bool) {
	var parts [maxParts]span
	n := splitParts(it, &parts)
	if n < 2 {
		return "", false, false
	}
	// A list when every part is a country: the first one.
	first, all := "", true
	for i := 0; i < n; {
		c, j := matchRun(it, parts[:n], i, last)
		if j == i {
			all = false
			break
		}
		if first == "" {
			first = c
		}
		i = j
	}
	if all {
		return first, true, false
	}
	// A place: the last country named.
	var buf [keyBuf]byte
	for end := n; end > 0; end-- {
		for start := max(0, end-maxSpan); start < end; start++ {
			k := fold(buf[:0], it[parts[start].a:parts[end-1].b], true)
			e, hit := lookup(k, last && end == n && start == end-1 && upperCode(it[parts[start].a:parts[start].b]))
			if !hit {
				continue
			}
			if e.kind == kindNot {
				if start == 0 && end == n {
					return "", false, true
				}
				break // this end is a known non-country; try an earlier one
			}
			return e.code, true, false
		}
	}
	return "", false, false
}

// matchRun finds the longest run of parts starting at i that names a
// country and returns its code and the index after it; j == i when none
// does. Codes count only for a single upper-case last part of the last
// item.
func matchRun(it string, parts []span, i int, last bool) (code string, j int) {
	var buf [keyBuf]byte
	for end := min(len(parts), i+maxSpan); end > i; end-- {
		k := fold(buf[:0], it[parts[i].a:parts[end-1].b], true)
		code := last && end == len(parts) && end == i+1 && upperCode(it[parts[i].a:parts[i].b])
		if e, ok := lookup(k, code); ok && e.kind != kindNot {
			return e.code, end
		}
	}
	return "", i
}

// splitParts splits it at commas outside parentheses into trimmed,
// non-empty parts.
func splitParts(it string, parts *[maxParts]span) int {
	n, d, start := 0, 0, 0
	bal := balanced(it)
	emit := func(a, b int) {
		for a < b && isSpace(it[a]) {
			a++
		}
		for b > a && isSpace(it[b-1]) {
			b--
		}
		switch {
		case a >= b:
		case n < maxParts:
			parts[n] = span{a, b}
			n++
		default: // keep the first parts and the last one
			parts[maxParts-1] = span{a, b}
		}
	}
	for i := 0; i < len(it); i++ {
		switch it[i] {
		case '(':
			if bal {
				d++
			}
		case ')':
			if bal {
				d--
			}
		case ',':
			if d == 0 {
				emit(start, i)
				start = i + 1
			}
		}
	}
	emit(start, len(it))
	return n
}

// lastPart returns the last comma-separated part of it (outside
// parentheses).
func lastPart(it string) string {
	var parts [maxParts]span
	n := splitParts(it, &parts)
	if n == 0 {
		return it
	}
	return it[parts[n-1].a:parts[n-1].b]
}

// suffixLookup looks up a folded key and then its trailing words, longest
// first, after dropping trailing words that hold digits (postal codes):
// "moscow 117342 russia" → RU, "russia 105318" → RU, "jalisco mexico" →
// MX. Only names match a trailing run of words, never codes; a known
// non-country ("new mexico") stops the search. With allowCodes a code
// matches the whole key.
func suffixLookup(k []byte, allowCodes bool) (string, bool) {
	if e, ok := lookup(k, allowCodes); ok {
		return e.code, e.kind != kindNot
	}
	// Drop trailing words with digits.
	for len(k) > 0 {
		sp := lastSpace(k)
		w := k[sp+1:]
		if !hasDigit(w) {
			break
		}
		if sp < 0 {
			k = k[:0]
		} else {
			k = k[:sp]
		}
	}
	if len(k) == 0 {
		return "", false
	}
	if e, ok := lookup(k, false); ok {
		return e.code, e.kind != kindNot
	}
	for i := 0; i < len(k); i++ {
		if k[i] != ' ' {
			continue
		}
		if e, ok := lookup(k[i+1:], false); ok {
			return e.code, e.kind != kindNot
		}
	}
	return "", false
}

// after returns what follows the word w in the folded key k.
func after(k []byte, w string) ([]byte, bool) {
	for i := 0; i+len(w) <= len(k); i++ {
		if (i == 0 || k[i-1] == ' ') && string(k[i:i+len(w)]) == w && i+len(w) < len(k) && k[i+len(w)] == ' ' {
			return k[i+len(w)+1:], true
		}
	}
	return nil, false
}

// splitItems splits a value into list items at ";", "/", "|", ":", line
// breaks, " or ", a full stop ending a word of four letters or more, and
// list markers "(1)", "(1-3)", "(a)", "1)", "a)"; separators inside
// parentheses do not count. allCodes reports that every item is a bare
// code ("lr;pa;sg"), which is when codes count inside a list.
func splitItems(s string, items *[maxItems]string) (n int, allCodes bool) {
	bal := balanced(s)
	d, start := 0, 0
	allCodes = true
	emit := func(end, next int) {
		p := strings.TrimSpace(s[start:end])
		start = next
		if p == "" || n >= maxItems {
			return
		}
		items[n] = p
		n++
		if !codeLike(p) {
			allCodes = false
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if d > 0 {
			switch c {
			case '(':
				d++
			case ')':
				d--
			}
			continue
		}
		switch c {
		case '(':
			if m := markerLen(s, i); m > 0 {
				emit(i, i+m)
				i += m - 1
				continue
			}
			if bal {
				d++
			}
		case ';', '/', '|', ':', '\n', '\r':
			emit(i, i+1)
		case '.':
			if i+1 < len(s) && s[i+1] == ' ' && wordLenBefore(s, i) >= 4 {
				emit(i, i+1)
			}
		case ' ':
			if i+3 < len(s) && (s[i+1] == 'o' || s[i+1] == 'O') && (s[i+2] == 'r' || s[i+2] == 'R') && s[i+3] == ' ' {
				emit(i, i+3)
				i += 2
			}
		default:
			// "a) Iraq b) Syria", "1) Iraq 2) Syria"
			if i+1 < len(s) && s[i+1] == ')' && isAlnum(c) && (i == 0 || isSpace(s[i-1])) &&
				(i+2 == len(s) || isSpace(s[i+2])) {
				emit(i, i+2)
				i++
			}
		}
	}
	emit(len(s), len(s))
	return n, allCodes && n > 0
}

// markerLen returns the length of a list marker "(1)", "(12)", "(1-3)" or
// "(a)" at s[i], or 0.
func markerLen(s string, i int) int {
	j := i + 1
	if j < len(s) && s[j] >= 'a' && s[j] <= 'z' && j+1 < len(s) && s[j+1] == ')' {
		return 3
	}
	digits := 0
	for j < len(s) && (isDigit(s[j]) || (s[j] == '-' && digits > 0)) && digits < 6 {
		digits++
		j++
	}
	if digits > 0 && j < len(s) && s[j] == ')' && isDigit(s[j-1]) {
		return j - i + 1
	}
	return 0
}

// collectItem appends the countries named in one list item to out.
func collectItem(out []string, it string, allowCodes, last bool) []string {
	var buf [keyBuf]byte
	k := fold(buf[:0], it, false)
	if e, ok := lookup(k, allowCodes); ok {
		if e.kind == kindNot {
			return out
		}
		return appendOnce(out, e.code)
	}
	_, now := after(k, "now")
	_, currently := after(k, "currently")
	if !now && !currently && strings.IndexByte(it, ',') >= 0 {
		var parts [maxParts]span
		n := splitParts(it, &parts)
		found := false
		for i := 0; i < n; {
			c, j := matchRun(it, parts[:n], i, last)
			if j == i {
				i++
				continue
			}
			out = appendOnce(out, c)
			found = true
			i = j
		}
		if found {
			return out
		}
	}
	if c, ok := resolveItem(it, allowCodes, last, 0); ok {
		out = appendOnce(out, c)
	}
	return out
}

func appendOnce(out []string, c string) []string {
	for _, o := range out {
		if o == c {
			return out
		}
	}
	return append(out, c)
}

// subdivision maps an ISO 3166-2 code ("UA-43", "GB-ENG", FtM "ge-ab")
// to its country.
func subdivision(s string) (string, bool) {
	if len(s) < 4 || len(s) > 6 || s[2] != '-' || !isLetter(s[0]) || !isLetter(s[1]) {
		return "", false
	}
	for i := 3; i < len(s); i++ {
		if !isAlnum(s[i]) {
			return "", false
		}
	}
	b := [2]byte{lower(s[0]), lower(s[1])}
	e, ok := table[string(b[:])]
	if !ok || e.kind != kindCode || len(e.code) != 2 {
		return "", false
	}
	return e.code, true
}

// historical reports whether code is a former state with several
// successors.
func historical(code string) bool {
	switch code {
	case "SU", "YU", "CS", "DD", "AN":
		return true
	}
	return false
}

// upperCode reports whether p is 2 or 3 upper-case ASCII letters.
func upperCode(p string) bool {
	if len(p) < 2 || len(p) > 3 {
		return false
	}
	for i := 0; i < len(p); i++ {
		if p[i] < 'A' || p[i] > 'Z' {
			return false
		}
	}
	return true
}

// codeLike reports whether p looks like a bare code: 2 to 4 ASCII letters.
func codeLike(p string) bool {
	if len(p) < 2 || len(p) > 4 {
		return false
	}
	for i := 0; i < len(p); i++ {
		if !isLetter(p[i]) {
			return false
		}
	}
	return true
}

// clip cuts s to maxInput bytes.
func clip(s string) string {
	if len(s) > maxInput {
		return s[:maxInput]
	}
	return s
}

func wordLenBefore(s string, i int) int {
	n := 0
	for j := i - 1; j >= 0 && isLetter(s[j]); j-- {
		n++
	}
	return n
}

func lastSpace(k []byte) int {
	for i := len(k) - 1; i >= 0; i-- {
		if k[i] == ' ' {
			return i
		}
	}
	return -1
}

func hasDigit(w []byte) bool {
	for _, c := range w {
		if isDigit(c) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') }
func isAlnum(c byte) bool  { return isDigit(c) || isLetter(c) }
func isSpace(c byte) bool  { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func upper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}
