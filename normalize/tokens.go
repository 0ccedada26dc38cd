package normalize

import (
	"strings"
)

// Tokens splits folded text into name tokens (s is folded first if it is
// not already) and joins the Arabic compounds that are written either as
// one word or as several:
//
//   - abd + optional article + name → one token "abdul"+name: "abd al
//     rahman", "abdel rahman", "abdul rahman", "abd-ar-rahman",
//     "abdulrahman", "abderrahmane" all give "abdulrahman" (and "abd allah",
//     "abdallah" give "abdullah");
//   - name + article + din, or name + uddin/eddine/... → name+"uddin"
//     ("salah al din", "salah ud din", "salaheddine" → "salahuddin");
//   - name + allah/ullah/ollah → name+"ullah" ("nasr allah", "nasrallah" →
//     "nasrullah").
//
// Other particles (al, bin, abu, van, de ...) stay separate tokens;
// Analyze flags them Particle so a scorer can give them little weight,
// which makes "al-Baghdadi" and "Baghdadi" compare well, and gives each
// the key of its glued spelling (Token.Joined: Key("albaghdadi")) for
// "Albaghdadi". A glued spelling is never split: in real lists most words
// starting with al+consonant are not Arabic (Alvarez, Alliance, Albert).
func Tokens(s string) []string {
	if !isFolded(s) {
		s = Fold(s)
	}
	if s == "" {
		return nil
	}
	return glue(strings.Fields(s), nil)
}

// wordBits classifies the words the tokeniser and Analyze treat specially;
// one map lookup per token gives all of them.
type wordBits uint16

const (
	wAbdHead      wordBits = 1 << iota // abd, abdul, abdel...: joined to the next name
	wArticle                           // al, el, ul, ar, as, ad...: the Arabic article
	wDin                               // din, deen: joined to the name before (after an article)
	wDinSuffix                         // uddin, eddine...: joined to the name before
	wAllah                             // allah, ullah: joined to the name before
	wParticle                          // name particles: al, bin, abu, van, de...
	wSunArticle                        // ad, ar, as...: a particle only before the same consonant
	wOrgStop                           // function words of organisation names
	wPersonSuffix                      // jr, sr, ii, iii...
	wNotFirst                          // a particle only when not the first token (ben)
)

var wordClass = func() map[string]wordBits {
	m := map[string]wordBits{}
	add := func(bits wordBits, words string) {
		for _, w := range strings.Fields(words) {
			m[w] |= bits
		}
	}
	add(wAbdHead, "abd abdul abdel abdal abdil abdol abdoul abdur abdus abder abdes abdar abdas abdoel")
	add(wArticle, "al el ul il ol ar ur er as us es ad ud ed az uz ez at ut an un ash ush esh ath adh")
	add(wDin, "din deen dine ddin ddine")
	add(wDinSuffix, strings.Join(dinSuffixes, " "))
	add(wAllah, "allah ullah ollah")
	add(wParticle, "al el ul il bin ibn ben bn bint binti bte ould abu abou abo umm "+
		"van von de der den del della dei di da das do dos du des la le lo las los zu ten ter")
	add(wNotFirst, "ben")
	add(wSunArticle, "ad ar as at az an ash ath adh ud ur us ut uz un ed er es et ez en esh")
	for w, ok := range orgStopWords {
		if ok {
			m[w] |= wOrgStop
		}
	}
	add(wPersonSuffix, "jr jnr sr snr ii iii iv junior senior")
	return m
}()

// particleKeys gives the shared key of particle spellings.
var particleKeys = map[string]string{
	"al": "al", "el": "al", "ul": "al", "il": "al",
	"bin": "bn", "ibn": "bn", "ben": "bn", "bn": "bn",
	"bint": "bnt", "binti": "bnt", "bte": "bnt",
	"abu": "abu", "abou": "abu", "abo": "abu", "umm": "um",
}

// dinSuffixes are the written-together forms of "al-din".
var dinSuffixes = []string{"uddeen", "eddeen", "uddine", "eddine", "addine", "uddin", "eddin", "addin", "iddin", "oddin", "aldin", "aldeen", "eldin", "uldin"}

var allahSuffixes = []string{"ullah", "ollah", "allah", "ulla"}

// glue joins the compounds described at Tokens into dst (reused from
// its start). New strings are allocated only for tokens actually joined
// or rewritten.
func glue(in []string, dst []string) []string {
	out := dst[:0]
	prevBits := wordBits(0)
	for i := 0; i < len(in); i++ {
		t := in[i]
		bits := wordClass[t]
		// abd + [article] + name
		if bits&wAbdHead != 0 && i+1 < len(in) {
			j := i + 1
			if wordClass[in[j]]&wArticle != 0 && j+1 < len(in) {
				j++
			}
			name := in[j]
			if wordClass[name]&(wParticle|wAbdHead|wArticle) == 0 && len(name) >= 2 && isLowerAlpha(name) {
				stem := name
				if len(stem) > 2 && (stem[:2] == "al" || stem[:2] == "el" || stem[:2] == "ul") &&
					(len(stem) >= 6 || wordClass[stem]&wAllah != 0 || stem == "alla" || stem == "ulla") {
					stem = stem[2:]
				}
				out = append(out, "abdul"+stem)
				prevBits = 0
				i = j
				continue
			}
		}
		if len(out) > 0 && bits&(wDin|wDinSuffix|wAllah) != 0 {
			prev := out[len(out)-1]
			// name + article + din
			if bits&wDin != 0 && len(out) >= 2 && prevBits&wArticle != 0 && isGlueable(out[len(out)-2]) {
				out = out[:len(out)-1]
				out[len(out)-1] += "uddin"
				prevBits = 0
				continue
			}
			if prevBits&(wParticle|wArticle) == 0 && len(prev) >= 2 && isLowerAlpha(prev) {
				if bits&wDinSuffix != 0 {
					out[len(out)-1] = prev + "uddin"
					prevBits = 0
					continue
				}
				if bits&wAllah != 0 {
					out[len(out)-1] = prev + "ullah"
					prevBits = 0
					continue
				}
			}
		}
		out = append(out, t)
		prevBits = bits
	}
	// rewrite one-word compounds to their canonical form
	var tmp [96]byte
	for i, t := range out {
		if c, ok := appendCompound(tmp[:0], t); ok {
			out[i] = string(c)
		}
	}
	return out
}

// isGlueable: a token a -uddin or -ullah compound may attach to.
func isGlueable(t string) bool {
	return len(t) >= 2 && isLowerAlpha(t) && wordClass[t]&(wParticle|wArticle) == 0
}

// appendCompound appends the canonical form of a one-word compound
// (abdelrahman → abdulrahman, salaheddine → salahuddin, nasrallah →
// nasrullah) and reports whether t is one and differs from it.
func appendCompound(dst []byte, t string) ([]byte, bool) {
	n, start := len(t), len(dst)
	if n >= 6 && t[0] == 'a' && t[1] == 'b' && t[2] == 'd' {
		rest := t[3:]
		j := 0
		switch {
		case len(rest) >= 2 && rest[0] == 'o' && rest[1] == 'u':
			j = 2
		case isPlainVowel(rest[0]):
			j = 1
		}
		if j < len(rest) {
			switch {
			case rest[j] == 'l':
				j++
			case j > 0 && j+1 < len(rest) && rest[j] == rest[j+1] && !isPlainVowel(rest[j]):
				j++ // assimilated article: abderrahmane, abdussalam
			}
		}
		stem := rest[j:]
		if j > 0 && len(stem) >= 2 {
			dst = append(dst, "abdul"...)
			dst = append(dst, stem...)
			return dst, string(dst[start:]) != t
		}
		return dst, false
	}
	if n < 7 {
		return dst, false
	}
	switch t[n-1] {
	case 'n', 'e':
	case 'h', 'a':
		for _, suf := range allahSuffixes {
			if strings.HasSuffix(t, suf) && n-len(suf) >= 3 && suf != "ullah" {
				dst = append(dst, t[:n-len(suf)]...)
				dst = append(dst, "ullah"...)
				return dst, true
			}
		}
		return dst, false
	default:
		return dst, false
	}
	for _, suf := range dinSuffixes {
		if strings.HasSuffix(t, suf) && n-len(suf) >= 3 && suf != "uddin" {
			dst = append(dst, t[:n-len(suf)]...)
			dst = append(dst, "uddin"...)
			return dst, true
		}
	}
	return dst, false
}

func isPlainVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}

// SplitComma splits a person's name written "SURNAME, Given names" (the
// order of OFAC and other lists) into its two parts. ok is false when s
// has no comma, more than one, or an empty side. Organisation names often
// contain commas ("ACME CO., LTD."): use it for persons only. A caller
// that wants the natural order analyses given + " " + surname; a scorer
// that aligns tokens regardless of order does not need it.
func SplitComma(s string) (surname, given string, ok bool) {
	i := strings.IndexByte(s, ',')
	if i < 0 || strings.IndexByte(s[i+1:], ',') >= 0 {
		return "", "", false
	}
	surname, given = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
	if surname == "" || given == "" {
		return "", "", false
	}
	return surname, given, true
}
