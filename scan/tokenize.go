package scan

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// shape is how a word is written, the capitalisation signal of scripts
// with case.
type shape uint8

const (
	shapeLower   shape = iota // "argument"
	shapeTitle                // "Lavrov", "al-Assad", "McDonald"
	shapeUpper                // "LAVROV", "IRGC", "V" (an initial)
	shapeUncased              // Arabic, Hebrew, Han, Hangul, Thai… letters
	shapeDigits               // "2024", "1260H" starts with a digit
)

// brk is what separates a token from the one before it.
type brk uint8

const (
	brkNone     brk = iota // spaces, a single line break, a middle dot
	brkQuote               // a quotation mark: a name may still run across it («Роснефть»)
	brkHard                // a comma, colon, bracket, dash…: no name runs across it
	brkSentence            // the end of a sentence (also a hard break)
)

// token is one word of the text, with its place in it.
type token struct {
	start, end   int // byte offsets into the text
	rstart, rend int // rune offsets
	shape        shape
	han          bool // one Han ideograph (Chinese text has no spaces: each is a token)
	initial      bool // a single letter followed by a full stop ("V. Putin")
	brk          brk  // what stands between this token and the previous one
	sent         int  // index of its sentence
}

// sentence is a byte range of the text.
type sentence struct{ start, end int }

// tokenized is a text cut into words and sentences.
type tokenized struct {
	toks  []token
	sents []sentence
	runes int
}

// Pieces of text between words.
func isQuote(r rune) bool {
	switch r {
	case '"', '\'', '«', '»', '“', '”', '„', '‟', '‘', '’', '‚', '‹', '›', '`', '「', '」', '『', '』', '〝', '〞', '＂':
		return true
	}
	return false
}

func isTerminal(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '。', '！', '？', '؟', '।', '۔', '｡':
		return true
	}
	return false
}

// isJoinerInside: characters that belong to a word when letters stand on
// both sides of them: apostrophes (O'Brien, Qal'a) and hyphens
// (Amir-Abdollahian, al-Assad).
func isJoinerInside(r rune) bool {
	switch r {
	case '\'', '’', 'ʼ', 'ʻ', '-', '‐', '‑', '\u200c', '\u200d':
		// (the zero-width non-joiner is inside Persian words: خامنه‌ای)
		return true
	}
	return false
}

// isSpaceLike: separators that keep a name together: spaces, the middle
// dots Chinese and Japanese put between the parts of a foreign name
// (谢尔盖·拉夫罗夫), an ampersand (A & B Ltd).
func isSpaceLike(r rune) bool {
	switch r {
	case '·', '・', '‧', '&', '\u200c', '\u200d', '\u00ad', '\ufeff':
		return true
	}
	return unicode.IsSpace(r)
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// tokenize cuts text into words, tracking byte and rune offsets, the
// breaks between words and the sentences. Invalid UTF-8 is a hard break.
// It never fails; the work is linear in the text.
func tokenize(text string) tokenized {
	var t tokenized
	t.toks = make([]token, 0, len(text)/6+1)
	runeIdx := 0
	i := 0
	gapStart := 0
	sentStart := -1
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && size <= 1 || !isWordRune(r) {
			i += max(size, 1)
			runeIdx++
			continue
		}
		// a word starts at i
		start, rstart := i, runeIdx
		if isHan(r) {
			i += size
			runeIdx++
		} else {
			for i < len(text) {
				r, size = utf8.DecodeRuneInString(text[i:])
				if r == utf8.RuneError && size <= 1 {
					break
				}
				if isWordRune(r) && !isHan(r) {
					i += size
					runeIdx++
					continue
				}
				if isJoinerInside(r) && i+size < len(text) {
					if n, _ := utf8.DecodeRuneInString(text[i+size:]); unicode.IsLetter(n) && !isHan(n) {
						i += size
						runeIdx++
						continue
					}
				}
				break
			}
		}
		tok := token{start: start, end: i, rstart: rstart, rend: runeIdx, han: isHan(r)}
		// an English possessive is not part of the name: Putin's
		if n := possessive(text[start:i]); n > 0 {
			tok.end -= n
			tok.rend -= 2
		}
		tok.shape = wordShape(text[start:i])
		// the gap before this token
		var prev *token
		if len(t.toks) > 0 {
			prev = &t.toks[len(t.toks)-1]
		}
		b, endAt := gapBreak(text, gapStart, start, prev, &tok)
		tok.brk = b
		if prev == nil {
			sentStart = start
		} else if b == brkSentence {
			t.sents = append(t.sents, sentence{sentStart, endAt})
			sentStart = start
		}
		tok.sent = len(t.sents)
		t.toks = append(t.toks, tok)
		gapStart = i
	}
	t.runes = runeIdx
	if len(t.toks) > 0 {
		last := t.toks[len(t.toks)-1]
		end := last.end
		// the closing punctuation and quotes of the last sentence
		for j := end; j < len(text); {
			r, size := utf8.DecodeRuneInString(text[j:])
			if !(isTerminal(r) || isQuote(r) || r == ')' || r == ']') {
				break
			}
			j += size
			end = j
		}
		t.sents = append(t.sents, sentence{sentStart, end})
	}
	// mark initials: a single cased letter right before a full stop
	for k := range t.toks {
		tk := &t.toks[k]
		if tk.rend-tk.rstart == 1 && tk.end < len(text) && text[tk.end] == '.' && (tk.shape == shapeUpper || tk.shape == shapeLower) {
			tk.initial = true
		}
	}
	return t
}

// wordShape classifies a word's capitalisation.
func wordShape(w string) shape {
	upper, lower, uncased := 0, 0, 0
	capital := false // a part (after a hyphen or apostrophe) starts with a capital
	partStart := true
	first := true
	for _, r := range w {
		if first && unicode.IsDigit(r) {
			return shapeDigits
		}
		first = false
		switch {
		case isJoinerInside(r):
			partStart = true
			continue
		case unicode.IsUpper(r) || unicode.IsTitle(r):
			upper++
			if partStart {
				capital = true
			}
		case unicode.IsLower(r):
			lower++
		case unicode.IsLetter(r):
			uncased++
		}
		partStart = false
	}
	switch {
	case upper == 0 && lower == 0 && uncased > 0:
		return shapeUncased
	case upper > 0 && lower == 0:
		return shapeUpper
	case capital:
		return shapeTitle
	case upper == 0 && lower == 0:
		return shapeDigits
	}
	return shapeLower
}

// gapBreak reads the text between two words and says what separates
// them; for a sentence break, endAt is where the first sentence ends
// (after its closing punctuation and quotes).
func gapBreak(text string, from, to int, prev, next *token) (brk, int) {
	if prev == nil {
		return brkNone, from
	}
	b := brkNone
	terminal := false
	onlyDot := true
	newlines := 0
	endAt := from
	for j := from; j < to; {
		r, size := utf8.DecodeRuneInString(text[j:])
		j += size
		switch {
		case r == utf8.RuneError && size <= 1:
			b = max(b, brkHard)
		case r == '\n' || r == '\u2029' || r == '\u2028':
			newlines++
		case r == '\f' || r == '\v':
			newlines += 2
		case isTerminal(r):
			terminal = true
			if r != '.' {
				onlyDot = false
			}
			endAt = j
		case isQuote(r):
			b = max(b, brkQuote)
			if terminal && endAt == j-size {
				endAt = j
			}
		case r == ')' || r == ']':
			b = max(b, brkHard)
			if terminal && endAt == j-size {
				endAt = j
			}
		case isSpaceLike(r):
		default:
			b = max(b, brkHard)
		}
	}
	if newlines >= 2 {
		if !terminal {
			endAt = prev.end
		}
		return brkSentence, endAt
	}
	if !terminal {
		return b, endAt
	}
	// A full stop after an initial ("V. Putin", "В.В. Путин", "U.S.")
	// or a known abbreviation ("Gen.", "Mr.", "ул.") ends nothing.
	if onlyDot && (prev.rend-prev.rstart == 1 || abbreviation(text[prev.start:prev.end])) && to-from <= 3 {
		return b, endAt
	}
	// "etc. and", "i.e. the": a sentence goes on in lower case.
	if onlyDot && next.shape == shapeLower {
		return brkHard, endAt
	}
	return brkSentence, endAt
}

// possessive returns the byte length of a trailing "'s" (or "’s") after
// a word of at least two letters, or 0.
func possessive(w string) int {
	for _, ap := range []string{"'s", "’s", "'S", "’S"} {
		if strings.HasSuffix(w, ap) && utf8.RuneCountInString(w) > len([]rune(ap))+2 {
			return len(ap)
		}
	}
	return 0
}
