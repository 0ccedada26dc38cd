package normalize

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/interdict/interdict"
)

// Limits on the work Analyze does for one name.
const (
	// MaxRunes: Analyze reads at most this many runes of a name and sets
	// Name.Truncated when it cut. Real names are far shorter (the longest
	// Russian organisation names run to about 300 characters).
	MaxRunes = 512
	// MaxTokens: tokens kept per variant (after phrase merging).
	MaxTokens = 64
)

// Flags describe a token's role. Legal, Symbol, Stop and Particle tokens
// carry little identifying weight.
type Flags uint8

const (
	// Legal: a legal-form designator of an organisation (LLC, ООО, GmbH,
	// 有限公司, S.A. de C.V.), merged into one token whose Text is the
	// rigour compare form ("llc", "ooo", "gmbh", "sadecv") and whose Key
	// is the upper-case generic class ("LLC", "JSC", "LP"...), so that
	// "ООО Ромашка" and "Romashka LLC" share the key "LLC".
	Legal Flags = 1 << iota
	// Symbol: a generic organisation word (company, corporation, компания,
	// شركة, 公司...), Text and Key the rigour symbol ("co" / "CO").
	Symbol
	// Stop: a title or honorific before a person's name (Mr, Dr, General,
	// His Excellency), a suffix after it (Jr, III), or a function word of
	// an organisation name (of, the, de, and).
	Stop
	// Particle: a name particle (al, el, bin, ibn, bint, abu, umm, van,
	// von, de, da, dos, del, la, le...) followed by a name; the Arabic
	// article spellings share the key "al", bin/ibn/ben share "bn".
	Particle
	// Initial: a single letter; its Key is the letter itself.
	Initial
)

// Has reports whether all of g are set in f.
func (f Flags) Has(g Flags) bool { return f&g == g }

// Token is one comparable unit of a name.
type Token struct {
	// Text is the folded Latin form (compound-joined, e.g. "abdulrahman";
	// for legal forms and symbols their canonical form).
	Text string
	// Key is the phonetic key: Key(Canon(Text)) for persons and unknown
	// kinds, Key(Text) otherwise; see Flags for legal forms, symbols,
	// particles and initials.
	Key string
	// Skeleton is the coarser Skeleton(Canon(Text)) (Skeleton(Text)),
	// equal to Key for legal forms, symbols, particles and initials.
	Skeleton string
	// Joined, set on a Particle token only, is the Key of the particle
	// written together with the next token: for "al baghdadi" the al token
	// carries Key("albaghdadi"), the key of the glued spelling Albaghdadi.
	// An index that also files an entry under its Joined keys finds
	// "Albaghdadi" from "al-Baghdadi" and back; "Baghdadi" alone matches
	// through the baghdadi token, the particle being weak.
	Joined string
	Flags  Flags
	// Lead is the first letter of the word the token was read from (of
	// the first word, for a phrase): the "n" of "national", whose Text
	// as an organisation symbol is another word. Acronyms are made of it.
	Lead byte
}

// Weak reports whether the token carries little identifying weight
// (legal form, symbol, stop word or particle).
func (t Token) Weak() bool { return t.Flags&(Legal|Symbol|Stop|Particle) != 0 }

// Variant is one Latin rendering of a name.
type Variant struct {
	Text   string // the tokens' Text joined by single spaces
	Tokens []Token
}

// Name is the analysis of one raw name.
type Name struct {
	Raw       string // the input, untouched
	Script    interdict.Script
	Kind      interdict.Kind
	Truncated bool // the input was longer than MaxRunes runes
	// Variants are the Latin renderings, best first, with distinct Text;
	// at most MaxVariants. Latin-script input has exactly one. A name with
	// no letters or digits has none.
	Variants []Variant
}

type scratch struct {
	words   []string
	glued   []string
	keyRefs []keyRef
	spans   [][2]int32
}

type keyRef struct {
	tok        int32
	off, end   int32 // Key
	soff, send int32 // Skeleton
	joined     bool  // the key is Token.Joined (off:end)
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// truncate returns the first max runes of s.
func truncate(s string, max int) (string, bool) {
	if len(s) <= max {
		return s, false
	}
	n := 0
	for i := range s {
		if n == max {
			return s[:i], true
		}
		n++
	}
	return s, false
}

// Analyze turns a raw name into its comparable form: script detection,
// Latin renderings (Latin), tokens (Tokens), compound joining, legal forms
// and organisation symbols (organisations and unknown kinds), title and
// particle flags, and keys (Key, with Canon for persons). It is safe for
// concurrent use; input of any size and any bytes is accepted (invalid
// UTF-8 counts as a separator; see MaxRunes and MaxTokens for the caps).
func Analyze(raw string, kind interdict.Kind) Name {
	name := Name{Raw: raw, Kind: kind}
	s, trunc := truncate(raw, MaxRunes)
	name.Truncated = trunc
	set := scriptSet(s)
	name.Script = scriptFromSet(set)

	org := kind == interdict.KindOrganization
	person := kind == interdict.KindPerson
	unknown := kind != interdict.KindPerson && kind != interdict.KindOrganization &&
		kind != interdict.KindVessel && kind != interdict.KindAircraft
	var one [1]string
	var texts []string
	if set&^(1<<sLatin) == 0 {
		one[0] = Fold(s)
		texts = one[:]
	} else {
		texts = latinRenderings(s, org)
	}

	var tabs *phraseTables
	if org || person || unknown {
		tabs = tables()
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)

	ntok, nbytes := 0, 0
	for _, t := range texts {
		if t != "" {
			ntok += strings.Count(t, " ") + 1
			nbytes += len(t)
		}
	}
	if ntok == 0 {
		return name
	}
	if max := MaxTokens * len(texts); ntok > max {
		ntok = max
	}
	toks := make([]Token, 0, ntok)
	vars := make([]Variant, 0, len(texts))
	arena := make([]byte, 0, 2*nbytes+ntok+8)
	sc.keyRefs = sc.keyRefs[:0]
	sc.spans = sc.spans[:0]

	for _, text := range texts {
		if text == "" {
			continue
		}
		words := splitSpaces(text, sc.words[:0])
		sc.words = words
		if len(words) > MaxTokens*2 {
			words = words[:MaxTokens*2]
		}
		glued := glue(words, sc.glued[:0])
		sc.glued = glued
		changed := len(glued) != len(words)
		start := len(toks)
		for i := 0; i < len(glued) && len(toks)-start < MaxTokens; {
			if tabs != nil && !person {
				if p := tabs.org.match(glued, i); p != nil {
					f := Legal
					if p.kind == phraseSymbol {
						f = Symbol
					}
					toks = append(toks, Token{Text: p.text, Key: p.key, Flags: f, Lead: glued[i][0]})
					changed = changed || len(p.words) != 1 || p.text != glued[i]
					i += len(p.words)
					continue
				}
			}
			if !changed && glued[i] != words[i] {
				changed = true
			}
			toks = append(toks, Token{Text: glued[i], Lead: glued[i][0]})
			i++
		}
		vt := toks[start:]
		if len(vt) == 0 {
			continue
		}
		flagTokens(vt, tabs, org, person || unknown)
		vtext := text
		if changed || len(vt) < len(words) {
			vtext = joinTexts(vt)
		}
		dup := false
		for _, v := range vars {
			if v.Text == vtext {
				dup = true
				break
			}
		}
		if dup {
			toks = toks[:start]
			continue
		}
		for k := range vt {
			t := &vt[k]
			if t.Key != "" {
				t.Skeleton = t.Key
				continue
			}
			switch {
			case t.Flags&Initial != 0:
				t.Key, t.Skeleton = t.Text, t.Text
				continue
			case t.Flags&Particle != 0:
				if k+1 < len(vt) {
					off := len(arena)
					arena = appendJoinedKey(arena, t.Text, vt[k+1].Text)
					sc.keyRefs = append(sc.keyRefs, keyRef{tok: int32(start + k), off: int32(off), end: int32(len(arena)), joined: true})
				}
				if pk := particleKeys[t.Text]; pk != "" {
					t.Key, t.Skeleton = pk, pk
					continue
				}
			}
			text := t.Text
			if person || unknown {
				text = Canon(text)
			}
			var ks, ke, ss, se int
			arena, ks, ke, ss, se = appendKeys(arena, text)
			sc.keyRefs = append(sc.keyRefs, keyRef{tok: int32(start + k), off: int32(ks), end: int32(ke), soff: int32(ss), send: int32(se)})
		}
		vars = append(vars, Variant{Text: vtext})
		sc.spans = append(sc.spans, [2]int32{int32(start), int32(len(toks))})
	}
	for i := range vars {
		sp := sc.spans[i]
		vars[i].Tokens = toks[sp[0]:sp[1]:sp[1]]
	}
	if len(arena) > 0 {
		keys := unsafe.String(unsafe.SliceData(arena), len(arena))
		for _, r := range sc.keyRefs {
			if r.joined {
				toks[r.tok].Joined = keys[r.off:r.end]
				continue
			}
			toks[r.tok].Key = keys[r.off:r.end]
			toks[r.tok].Skeleton = keys[r.soff:r.send]
		}
	}
	name.Variants = vars
	clear(sc.words) // do not keep the caller's strings alive in the pool
	clear(sc.glued)
	return name
}

// appendJoinedKey appends Key(a+b).
func appendJoinedKey(dst []byte, a, b string) []byte {
	var tmp [128]byte
	j := append(append(tmp[:0], a...), b...)
	for _, c := range j {
		if c < 'a' || c > 'z' {
			return append(dst, j...)
		}
	}
	return keyCore(dst, j, true)
}

// flagTokens sets Initial, Particle and Stop flags of one variant's tokens.
func flagTokens(vt []Token, tabs *phraseTables, org, personLike bool) {
	last := len(vt) - 1
	for i := range vt {
		t := &vt[i]
		if t.Flags&(Legal|Symbol) != 0 {
			continue
		}
		if len(t.Text) == 1 || len(t.Text) <= 4 && utf8.RuneCountInString(t.Text) == 1 {
			if r, _ := utf8.DecodeRuneInString(t.Text); unicode.IsLetter(r) {
				t.Flags |= Initial
			}
		}
		bits := wordClass[t.Text]
		if bits == 0 {
			continue
		}
		if i < last && vt[i+1].Flags&(Legal|Symbol) == 0 {
			switch {
			case bits&wParticle != 0 && (bits&wNotFirst == 0 || i > 0):
				t.Flags |= Particle
			case bits&wSunArticle != 0 && sameSound(t.Text, vt[i+1].Text):
				t.Flags |= Particle
			}
		}
		if org && bits&wOrgStop != 0 {
			t.Flags |= Stop
		}
		if personLike && i == last && i > 0 && bits&wPersonSuffix != 0 {
			t.Flags |= Stop
		}
	}
	if tabs == nil {
		return
	}
	// leading titles (persons) or prefixes (organisations)
	tab := tabs.person
	if org {
		tab = tabs.orgPre
	} else if !personLike {
		return
	}
	words := make([]string, 0, 8)
	for i := 0; i < len(vt) && i < 8; i++ {
		words = append(words, vt[i].Text)
	}
	i := 0
	for i < len(words)-1 {
		p := tab.match(words, i)
		if p == nil || i+len(p.words) > last {
			break
		}
		for k := i; k < i+len(p.words); k++ {
			vt[k].Flags |= Stop
		}
		i += len(p.words)
	}
}

// sameSound reports whether the assimilated article a (ad, ar, ash...)
// is followed by a word starting with its consonant (ar-Rahman).
func sameSound(a, next string) bool {
	c := a[1:]
	return len(next) > len(c) && strings.HasPrefix(next, c)
}

// splitSpaces splits folded text at single spaces without allocating
// beyond dst's growth.
func splitSpaces(s string, dst []string) []string {
	for len(s) > 0 {
		i := strings.IndexByte(s, ' ')
		if i < 0 {
			dst = append(dst, s)
			break
		}
		if i > 0 {
			dst = append(dst, s[:i])
		}
		s = s[i+1:]
	}
	return dst
}

func joinTexts(vt []Token) string {
	n := len(vt) - 1
	for _, t := range vt {
		n += len(t.Text)
	}
	var b strings.Builder
	b.Grow(n)
	for i, t := range vt {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}
