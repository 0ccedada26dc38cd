// Package scan finds the listed parties a free text names: people,
// organisations and vessels, in any script the engine reads, with each
// mention's place in the text, the listed entity it matched and its
// score, and the sentence it stands in.
//
// A text is cut into words (tokenize.go: byte and rune offsets, the
// punctuation between words, sentences that survive initials and
// abbreviations such as "V. Putin", "Gen.", "В.В. Путин"). Within a
// sentence, runs of words that may be a name are found: capitalised words
// in scripts with case (a lowercase "argument" is a word, not a name),
// with the particles and function words that join names ("Bank of
// Moscow", "Bashar al Assad"); in scripts without case, words the index
// knows; in Chinese, which has no spaces, every ideograph. Each span of
// 1 to MaxSpanWords words of a run whose first and last words could end
// a name is screened as a party name (package screen), Cyrillic spans
// also with their words put back in the nominative (russian.go); spans
// are cached by text, so a name repeated costs one screening.
//
// A span's matches are then held to what a name in running text needs:
// a person needs two words of the name (a lone surname is too weak: the
// same surname belongs to many); a single word alerts only for an
// organisation or a vessel, only when it is written as a name
// (capitalised, not the first word of a sentence unless the text also
// writes it capitalised elsewhere, never written in lower case in the
// same text), only when it is not an English dictionary word (lexicon) or
// a cue ("the tanker", "company") stands before it, and a vessel's single
// word only after a vessel cue. A span whose first word is a title
// ("President", "Mr") is left to the span without it. Overlapping spans
// are resolved best score first, then most words: "Bank Melli Iran"
// beats "Bank Melli", and "Sergei Viktorovich Lavrov" is one mention.
// Finally a surname of a person found earlier in the text, repeated alone
// ("Lavrov said", "Лаврова"), is a mention of that person, marked with the
// mention it repeats.
//
// Offsets are byte offsets into the text scanned (for a document, the
// text extracted from it), End exclusive; rune offsets are given too.
package scan

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/normalize"
	"github.com/interdict/interdict/screen"
)

// Limits.
const (
	// MaxTextBytes bounds one text: at a few milliseconds a kilobyte a
	// larger one would take minutes, and the caller should split it.
	MaxTextBytes = 32 << 20
	// MaxSpanWords is the most words a name span holds (the longest
	// listed names that are written in running text, such as "Islamic
	// Revolutionary Guard Corps Aerospace Force", have six to eight).
	MaxSpanWords = 8
	// maxHanSpan is the most ideographs of a Chinese span: Chinese and
	// Korean names in Han are two or three characters (a four-character name
	// with a double surname is rare enough to leave). A span across a
	// middle dot (a foreign name, 谢尔盖·拉夫罗夫) may be longer.
	maxHanSpan = 3
	// DefaultMaxMentions caps the mentions of one text.
	DefaultMaxMentions = 10000
	// maxSentenceBytes: a longer sentence (a document without
	// punctuation) is shown clipped around the mention.
	maxSentenceBytes = 600
	sentenceContext  = 240
	// maxMatches is the most matches kept per span.
	maxMatches = 10
)

// ErrBadOptions is returned (wrapped) for options that cannot be used.
var ErrBadOptions = errors.New("bad scan options")

// ErrTooLarge is returned (wrapped) for a text over MaxTextBytes.
var ErrTooLarge = errors.New("text too large")

// Options are the caller's choices for one scan.
type Options struct {
	// MinScore: mentions scoring below it are not reported (0: the
	// screener's alert threshold, so that only alerts are reported).
	MinScore float64
	// Sources restricts the lists searched (empty: all).
	Sources []string
	// Explain attaches the explanation of each mention's best match.
	Explain bool
	// NoRepeats turns off linking a repeated surname to the person
	// named in full earlier.
	NoRepeats bool
	// MaxMentions caps the mentions reported (0: DefaultMaxMentions).
	MaxMentions int
}

// Mention is one place the text names a listed party.
type Mention struct {
	// Start and End are byte offsets into the text, End exclusive.
	Start int `json:"start"`
	End   int `json:"end"`
	// RuneStart and RuneEnd are the same in Unicode code points.
	RuneStart int `json:"rune_start"`
	RuneEnd   int `json:"rune_end"`
	// Text is the mention as written.
	Text  string  `json:"text"`
	Score float64 `json:"score"`
	Alert bool    `json:"alert"`
	// Match is the best listed entity for the mention; Also are the
	// others that scored at least the minimum (the same party on other
	// lists, or namesakes), best first.
	Match interdict.Match   `json:"match"`
	Also  []interdict.Match `json:"also,omitempty"`
	// Sentence is the sentence the mention stands in.
	Sentence Sentence `json:"sentence"`
	// Repeats is set on a surname repeated alone: the index (in
	// Result.Mentions) of the mention naming the person in full.
	Repeats *int `json:"repeats,omitempty"`
}

// Sentence is a sentence of the text, by byte offsets; a sentence longer
// than a few hundred bytes is clipped around the mention (Clipped).
type Sentence struct {
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Text    string `json:"text"`
	Clipped bool   `json:"clipped,omitempty"`
}

// Result is what a scan found, with what it read.
type Result struct {
	Mentions []Mention `json:"mentions"`
	// Alerts counts the mentions at or above the alert threshold.
	Alerts int `json:"alerts"`
	// Bytes, Runes, Words and Sentences measure the text read; Spans is
	// the number of distinct name spans screened.
	Bytes     int `json:"bytes"`
	Runes     int `json:"runes"`
	Words     int `json:"words"`
	Sentences int `json:"sentences"`
	Spans     int `json:"spans"`
	// Truncated is set when more mentions were found than MaxMentions.
	Truncated bool `json:"truncated,omitempty"`
	// Threshold is the alert threshold the scores were judged against.
	Threshold float64 `json:"threshold"`
}

// Scanner finds listed parties in text against one screener. It is safe
// for concurrent use.
type Scanner struct {
	sc *screen.Screener
	co *cooc
}

// New makes a scanner over a screener (a snapshot's). The table it needs
// is built once per screener and shared, so New is cheap after the first
// call for a screener.
func New(s *screen.Screener) *Scanner {
	return &Scanner{sc: s, co: coocFor(s)}
}

// wordInfo is what the scan knows of one word form (folded to lower
// case) in one text.
type wordInfo struct {
	lower    int // times written in lower case (in a script with case)
	capsMid  int // times capitalised not at the start of a sentence
	function bool
	particle bool
	english  bool
	nom      string // Russian nominative (ruNominative), or ""
	// ents are the listed entities holding a token of the word or of its
	// nominative (cooc); wild: it has no identifying token.
	ents                []int32
	wild, keyed, looked bool
}

// span is a screened candidate: words i..j (inclusive) of the text.
type span struct {
	i, j    int
	score   float64
	matches []interdict.Match
}

// spanResult is the screening of one span text, cached per scan.
type spanResult struct {
	matches []interdict.Match
	// strong, initials: identifying tokens and initials of the span;
	// title: its first token is a title ("President").
	strong, initials int
	title            bool
}

// run is the state of one scan.
type run struct {
	s     *Scanner
	ctx   context.Context
	opt   Options
	floor float64
	text  string
	tk    tokenized
	words map[string]*wordInfo
	// fold[k] is the lower-case form of token k.
	fold  []string
	cache map[string]*spanResult
	// capsSent[s]: sentence s is written mostly in capitals (a
	// headline), where capitals say nothing.
	capsSent []bool
	spans    int
	cur, tmp []int32 // entities of the span being enumerated
}

// Scan finds the listed parties named in text.
func (s *Scanner) Scan(ctx context.Context, text string, opt Options) (*Result, error) {
	if len(text) > MaxTextBytes {
		return nil, fmt.Errorf("%w: %d bytes, at most %d (split the text)", ErrTooLarge, len(text), MaxTextBytes)
	}
	if !(opt.MinScore >= 0 && opt.MinScore <= 1) {
		return nil, fmt.Errorf("%w: min_score %g, want 0..1", ErrBadOptions, opt.MinScore)
	}
	for _, src := range opt.Sources {
		if !s.sc.HasSource(src) {
			return nil, fmt.Errorf("%w: source %q is not loaded", ErrBadOptions, src)
		}
	}
	if opt.MaxMentions < 0 {
		return nil, fmt.Errorf("%w: max mentions %d", ErrBadOptions, opt.MaxMentions)
	}
	if opt.MaxMentions == 0 {
		opt.MaxMentions = DefaultMaxMentions
	}
	r := &run{s: s, ctx: ctx, opt: opt, text: text, words: map[string]*wordInfo{}, cache: map[string]*spanResult{}}
	r.floor = opt.MinScore
	if r.floor == 0 {
		r.floor = s.sc.Threshold
	}
	r.tk = tokenize(text)
	res := &Result{Bytes: len(text), Runes: r.tk.runes, Words: len(r.tk.toks), Sentences: len(r.tk.sents), Threshold: s.sc.Threshold}
	r.survey()
	found, err := r.find()
	if err != nil {
		return nil, err
	}
	chosen := r.choose(found)
	mentions := r.mentions(chosen)
	if !opt.NoRepeats {
		mentions = r.repeats(mentions)
	}
	if len(mentions) > opt.MaxMentions {
		mentions = mentions[:opt.MaxMentions]
		res.Truncated = true
	}
	if opt.Explain {
		if err := r.explain(mentions); err != nil {
			return nil, err
		}
	}
	for _, m := range mentions {
		if m.Alert {
			res.Alerts++
		}
	}
	if mentions == nil {
		mentions = []Mention{}
	}
	res.Mentions = mentions
	res.Spans = r.spans
	return res, nil
}

// survey folds every word and counts how the text writes each: a word
// the text also writes in lower case is a common word, not a name.
func (r *run) survey() {
	toks := r.tk.toks
	r.fold = make([]string, len(toks))
	r.capsSent = make([]bool, len(r.tk.sents))
	upper, cased := make([]int, len(r.tk.sents)), make([]int, len(r.tk.sents))
	for k := range toks {
		t := &toks[k]
		w := r.text[t.start:t.end]
		f := strings.ToLower(w)
		r.fold[k] = f
		wi := r.words[f]
		if wi == nil {
			wi = &wordInfo{function: functionWords[f], particle: particles[f]}
			if t.shape == shapeLower || t.shape == shapeTitle || t.shape == shapeUpper {
				wi.english = isEnglishWord(f)
			}
			if isCyrillicWord(w) {
				if n, ok := ruNominative(w); ok {
					wi.nom = n
				}
			}
			r.words[f] = wi
		}
		switch t.shape {
		case shapeLower:
			wi.lower++
			cased[t.sent]++
		case shapeTitle, shapeUpper:
			cased[t.sent]++
			if t.shape == shapeUpper {
				upper[t.sent]++
			}
			if !r.sentenceInitial(k) {
				wi.capsMid++
			}
		}
	}
	for s := range r.capsSent {
		r.capsSent[s] = cased[s] >= 3 && upper[s]*10 >= cased[s]*6
	}
}

// sentenceInitial reports whether token k opens its sentence.
func (r *run) sentenceInitial(k int) bool {
	return k == 0 || r.tk.toks[k-1].sent != r.tk.toks[k].sent
}

// look fills the word's entities (once).
func (r *run) look(k int) *wordInfo {
	wi := r.words[r.fold[k]]
	if !wi.looked {
		wi.looked = true
		t := &r.tk.toks[k]
		var wild bool
		wi.ents, wild = r.s.wordEntities(r.text[t.start:t.end])
		if wi.nom != "" {
			more, nomWild := r.s.wordEntities(wi.nom)
			wi.ents = union([][]int32{wi.ents, more})
			wild = wild && nomWild
		}
		wi.wild, wi.keyed = wild, len(wi.ents) > 0
	}
	return wi
}

// known reports whether a listed name holds a token of the word (or of
// its Russian nominative) by its key, or the word is a legal form or
// particle.
func (r *run) known(k int) bool {
	wi := r.look(k)
	return wi.wild || wi.keyed
}

// cased reports whether token k is written in a script with case.
func (t *token) cased() bool {
	return t.shape == shapeLower || t.shape == shapeTitle || t.shape == shapeUpper
}

// nameWord reports whether token k may be part of a name: capitalised
// in a script with case, known to the index in one without.
func (r *run) nameWord(k int) bool {
	t := &r.tk.toks[k]
	switch t.shape {
	case shapeTitle, shapeUpper:
		return true
	case shapeUncased:
		wi := r.words[r.fold[k]]
		return !wi.function && r.known(k)
	}
	return false
}

// joiner reports whether lower-case token k may stand inside a name
// ("of", "al", "bin", "de").
func (r *run) joiner(k int) bool {
	t := &r.tk.toks[k]
	if t.shape != shapeLower {
		return false
	}
	wi := r.words[r.fold[k]]
	return wi.particle || r.fold[k] == "of" || r.fold[k] == "and" || r.fold[k] == "the" || r.fold[k] == "for" || r.fold[k] == "и"
}

// edge reports whether token k may begin (first) or end a name span.
func (r *run) edge(k int, first bool) bool {
	t := &r.tk.toks[k]
	wi := r.words[r.fold[k]]
	if t.initial {
		// (before the function words: В. is an initial, в a preposition)
		return first && t.shape == shapeUpper
	}
	if wi.particle {
		return first
	}
	if wi.function || !r.nameWord(k) || first && titles[r.fold[k]] {
		return false
	}
	if t.han {
		return true
	}
	return r.known(k) || t.cased() && t.rend-t.rstart >= 4
}

// find enumerates the name spans of every sentence, screens each
// distinct span text once (on several goroutines), and judges them.
func (r *run) find() ([]span, error) {
	var cands [][2]int
	toks := r.tk.toks
	for k := 0; k < len(toks); {
		// a run of name words (and joiners between them)
		if !r.nameWord(k) && !(r.words[r.fold[k]].particle && k+1 < len(toks) && toks[k+1].brk < brkHard && toks[k+1].sent == toks[k].sent && r.nameWord(k+1)) {
			k++
			continue
		}
		end := k + 1
		for end < len(toks) && toks[end].sent == toks[k].sent && toks[end].brk < brkHard {
			if r.nameWord(end) {
				end++
				continue
			}
			if r.joiner(end) && end+1 < len(toks) && toks[end+1].sent == toks[k].sent && toks[end+1].brk < brkHard && r.nameWord(end+1) {
				end++
				continue
			}
			break
		}
		cands = r.spansOf(k, end, cands)
		k = end
	}
	// Spans of several words first: a single word within a name found
	// ("Dmitry" of Dmitry Peskov) would lose to it anyway (choose), so
	// it is not screened.
	var multi, single [][2]int
	for _, c := range cands {
		if c[0] == c[1] {
			single = append(single, c)
		} else {
			multi = append(multi, c)
		}
	}
	found, err := r.screenJudge(multi, nil)
	if err != nil {
		return nil, err
	}
	covered := make([]bool, len(toks))
	for _, sp := range found {
		for k := sp.i; k <= sp.j; k++ {
			covered[k] = true
		}
	}
	single = slices.DeleteFunc(single, func(c [2]int) bool { return covered[c[0]] })
	return r.screenJudge(single, found)
}

// screenJudge screens each distinct text of cands once and appends the
// spans judged to name a listed party.
func (r *run) screenJudge(cands [][2]int, found []span) ([]span, error) {
	var todo []string
	for _, c := range cands {
		text := r.spanText(c[0], c[1])
		if _, ok := r.cache[text]; !ok {
			r.cache[text] = nil
			todo = append(todo, text)
		}
	}
	if err := r.screenAll(todo); err != nil {
		return nil, err
	}
	for _, c := range cands {
		if sp, ok := r.judge(c[0], c[1], r.cache[r.spanText(c[0], c[1])]); ok {
			found = append(found, sp)
		}
	}
	return found, nil
}

func (r *run) spanText(i, j int) string {
	return r.text[r.tk.toks[i].start:r.tk.toks[j].end]
}

// spansOf appends the spans of the run of tokens [from, to) worth
// screening. Every word of a span must meet a word of one listed name
// (see whole), so the entities holding its words' keys (cooc) must have
// one in common; but a word may meet a listed word by spelling alone
// ("Bachar" al-Assad, "Owji" for Oji), so one word outside the common
// entities, or unknown to the lists, is allowed in a span of up to
// maxMisfitSpan words. (Looking up each word's spelling variants instead
// measured slower: a candidate search per word costs more than the few
// spans it saves.)
func (r *run) spansOf(from, to int, cands [][2]int) [][2]int {
	toks := r.tk.toks
	for i := from; i < to; i++ {
		if !r.edge(i, true) {
			continue
		}
		misfits := 0
		constrained := false
		for j := i; j < to && j-i < MaxSpanWords; j++ {
			if toks[i].han && j-i >= maxHanSpan && !r.dotted(i, j) {
				break
			}
			wi := r.look(j)
			switch {
			case toks[j].han || wi.wild || wi.particle || toks[j].initial:
				// (Han syllables are indexed joined: 正恩 as jongun)
			case len(wi.ents) == 0:
				misfits++
			case !constrained:
				r.cur = append(r.cur[:0], wi.ents...)
				constrained = true
			default:
				if r.tmp = intersect(r.tmp, r.cur, wi.ents); len(r.tmp) == 0 {
					misfits++
				} else {
					r.cur, r.tmp = r.tmp, r.cur
				}
			}
			if misfits > 1 || misfits == 1 && j-i+1 > maxMisfitSpan {
				break
			}
			if !r.edge(j, false) {
				continue
			}
			if j == i && (toks[i].han || !r.single(i)) {
				continue
			}
			cands = append(cands, [2]int{i, j})
		}
	}
	return cands
}

// maxMisfitSpan is the most words of a span holding a word that meets
// the others in no listed name by its keys.
const maxMisfitSpan = 3

// screenAll screens span texts, on up to GOMAXPROCS goroutines, into the
// cache.
func (r *run) screenAll(texts []string) error {
	results := make([]*spanResult, len(texts))
	workers := min(runtime.GOMAXPROCS(0), maxWorkers, (len(texts)+7)/8)
	var next atomic.Int64
	var firstErr error
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := int(next.Add(1) - 1)
				if k >= len(texts) {
					return
				}
				if k%32 == 0 {
					if err := r.ctx.Err(); err != nil {
						mu.Lock()
						firstErr = cmp.Or(firstErr, err)
						mu.Unlock()
						return
					}
				}
				res, err := r.screenText(texts[k])
				if err != nil {
					mu.Lock()
					firstErr = cmp.Or(firstErr, err)
					mu.Unlock()
					return
				}
				results[k] = res
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	for k, t := range texts {
		r.cache[t] = results[k]
	}
	r.spans += len(texts)
	return nil
}

// maxWorkers caps the goroutines of one scan.
const maxWorkers = 8

// dotted reports whether a middle dot stands between Han tokens i..j.
func (r *run) dotted(i, j int) bool {
	for k := i + 1; k <= j; k++ {
		gap := r.text[r.tk.toks[k-1].end:r.tk.toks[k].start]
		if strings.ContainsAny(gap, "·・‧") {
			return true
		}
	}
	return false
}

// single reports whether one word alone may be a name: an organisation
// or vessel name written as one (see the package comment).
func (r *run) single(k int) bool {
	t := &r.tk.toks[k]
	wi := r.words[r.fold[k]]
	if wi.function || wi.particle || t.initial {
		return false
	}
	switch t.shape {
	case shapeUncased:
		return t.rend-t.rstart >= 3
	case shapeTitle, shapeUpper:
	default:
		return false
	}
	if t.shape == shapeUpper && t.rend-t.rstart <= 2 || commonAcronyms[r.fold[k]] || titles[r.fold[k]] {
		return false
	}
	// Only a word that is a listed organisation's or vessel's whole
	// name can score as one (an acronym aside: IRGC, NITC).
	if t.shape != shapeUpper && !r.s.singleName(r.text[t.start:t.end]) && (wi.nom == "" || !r.s.singleName(wi.nom)) {
		return false
	}
	cued := r.cue(k, vesselCues) || r.cue(k, orgCues) || r.legalBeside(k)
	if cued || r.quoted(k) {
		// "the yacht Graceful", "концерн «Калашников»": named as a name
		return true
	}
	if wi.english {
		// (singleMatch would want a cue)
		return false
	}
	if wi.lower > 0 || r.capsSent[t.sent] {
		return false
	}
	// The first word of a sentence is capitalised whatever it is: it
	// counts when the text capitalises it elsewhere too, or (in Latin
	// script, where the lexicon tells common words) when it is no English
	// word ("Rosneft said…").
	if r.sentenceInitial(k) && wi.capsMid == 0 && (wi.english || !isLatinWord(r.text[t.start:t.end])) {
		return false
	}
	return true
}

// isLatinWord reports whether a word is written in Latin script.
func isLatinWord(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return unicode.Is(unicode.Latin, r)
		}
	}
	return false
}

// cue reports whether a word of cues stands in the three words before
// token k in its sentence.
func (r *run) cue(k int, cues map[string]bool) bool {
	for b := k - 1; b >= 0 && b >= k-3; b-- {
		if r.tk.toks[b].sent != r.tk.toks[k].sent {
			return false
		}
		if cues[r.fold[b]] {
			return true
		}
		if r.tk.toks[b+1].brk >= brkHard {
			return false
		}
	}
	return false
}

// quoted reports whether token k is preceded by a quotation mark.
func (r *run) quoted(k int) bool {
	return r.tk.toks[k].brk == brkQuote || k == 0 && r.tk.toks[k].start > 0 && strings.ContainsAny(r.text[:r.tk.toks[k].start], "\"«“„'")
}

// screenText screens one span text (with its Russian nominative).
func (r *run) screenText(text string) (*spanResult, error) {
	names := []string{text}
	if nom := r.nominativeOf(text); nom != "" && nom != text {
		names = append(names, nom)
	}
	q := interdict.Query{Names: names, Sources: r.opt.Sources, Limit: maxMatches, MinScore: r.floor}
	// (explained: judge reads which words met; only the few spans with
	// a match above the floor pay for it)
	ms, err := r.s.sc.Screen(&q, true)
	if err != nil {
		if !errors.Is(err, screen.ErrBadQuery) {
			return nil, err
		}
		ms = nil // a span over the screener's limits is no name
	}
	res := &spanResult{matches: ms}
	if len(ms) > 0 {
		a := normalize.Analyze(text, interdict.KindUnknown)
		if len(a.Variants) > 0 {
			vt := a.Variants[0].Tokens
			res.title = len(vt) > 1 && vt[0].Flags&normalize.Stop != 0
			for _, t := range vt {
				switch {
				case t.Flags&normalize.Initial != 0:
					res.initials++
				case t.Flags&(normalize.Legal|normalize.Symbol|normalize.Stop|normalize.Particle) == 0:
					res.strong++
				}
			}
		}
	}
	return res, nil
}

// nominativeOf is a span text with each Cyrillic word put back in the
// nominative (ruNominative), or "" when none changes. It reads only the
// word table, which is complete before screening starts.
func (r *run) nominativeOf(text string) string {
	var b strings.Builder
	changed := false
	pos := 0
	for pos < len(text) {
		k := pos
		for k < len(text) {
			c, size := utf8.DecodeRuneInString(text[k:])
			if isWordRune(c) || isJoinerInside(c) && k > pos {
				break
			}
			k += size
		}
		b.WriteString(text[pos:k])
		e := k
		for e < len(text) {
			c, size := utf8.DecodeRuneInString(text[e:])
			if !isWordRune(c) && !(isJoinerInside(c) && e > k) {
				break
			}
			e += size
		}
		if e == k {
			break
		}
		w := text[k:e]
		if wi := r.words[strings.ToLower(w)]; wi != nil && wi.nom != "" {
			b.WriteString(recase(w, strings.ToLower(wi.nom)))
			changed = true
		} else {
			b.WriteString(w)
		}
		pos = e
	}
	if !changed {
		return ""
	}
	return b.String()
}

// judge keeps the matches a span may stand for (see the package
// comment) and reports whether any is left.
func (r *run) judge(i, j int, res *spanResult) (span, bool) {
	if len(res.matches) == 0 || res.title {
		return span{}, false
	}
	words := j - i + 1
	var keep []interdict.Match
	for _, m := range res.matches {
		if m.Score < r.floor {
			continue
		}
		person := m.Kind == interdict.KindPerson
		if person {
			if words < 2 || res.strong < 2 && !(res.strong >= 1 && res.initials >= 1) {
				continue
			}
		} else if words == 1 && !r.singleMatch(i, m) {
			continue
		}
		if !whole(m, person) {
			continue
		}
		m.Explanation = nil
		keep = append(keep, m)
	}
	if len(keep) == 0 {
		return span{}, false
	}
	return span{i: i, j: j, score: keep[0].Score, matches: keep}, true
}

// singleMin is the least score of a one-word mention, and of a span
// whose identifying words are not as many as the listed name's: one word
// spelled somewhat like a listed name ("Macron" for Mikron, "Viktor" for
// Vektor, 0.91) is no evidence.
const singleMin = 0.95

// whole reports whether a span is the whole of m's name, by the
// explanation of its score. Every word of the span must have met a word
// of the listed name (a particle excepted): "Pat Ryder" is not
// the vessel Rider (0.88), and the span without the extra word is
// screened too. The words of an organisation's or vessel's name the span
// lacks ("Red Sea" for Red Sea Trading Corporation, 0.88) may weigh at
// most listedMissing of it unless the score is near exact; a person's
// listed patronymic or middle name is seldom written in running text.
func whole(m interdict.Match, person bool) bool {
	if m.Explanation == nil {
		return true
	}
	missing := 0.0
	for _, t := range m.Explanation.Tokens {
		if t.How == "initial" && !person && utf8.RuneCountInString(t.Query) > 1 {
			// a word of the text met only the initial of a listed
			// organisation ("Finance Minister" for M-Finance)
			return false
		}
		if t.How != "unmatched" {
			continue
		}
		if t.Query != "" && !particles[t.Query] {
			return false
		}
		if t.Listed != "" {
			missing += t.Weight
		}
	}
	return person || missing <= listedMissing || m.Score >= singleMin
}

// listedMissing is the share of an organisation's listed name a span
// may lack at an ordinary score (a legal form, a generic word).
const listedMissing = 0.15

// singleMatch reports whether one word k may stand for m, a listed
// organisation, vessel or aircraft: it scores at least singleMin; it is
// the whole of the listed name (with a legal form at most: "Argument"
// for JSC ARGUMENT, not "Moscow" for Bank of Moscow) or written in
// capitals and abbreviating it (IRGC); when the word (or the listed
// word, for a word in another script: МИД, MID) is an English word, a
// cue stands before it; and a vessel's or aircraft's always.
func (r *run) singleMatch(k int, m interdict.Match) bool {
	if m.Score < singleMin {
		return false
	}
	vessel := m.Kind == interdict.KindVessel || m.Kind == interdict.KindAircraft
	if vessel && !r.cue(k, vesselCues) {
		return false
	}
	a := normalize.Analyze(m.MatchedName, m.Kind)
	if len(a.Variants) == 0 {
		return false
	}
	words, english := 0, r.words[r.fold[k]].english
	for _, t := range a.Variants[0].Tokens {
		if t.Flags&normalize.Legal == 0 {
			words++
			english = english || isEnglishWord(t.Text)
		}
	}
	if words > 1 && r.tk.toks[k].shape != shapeUpper {
		return false
	}
	return !english || vessel || r.cue(k, orgCues) || r.legalBeside(k)
}

// legalBeside reports whether a legal form stands right before or after
// token k ("АО «Аргумент»", "Argument JSC").
func (r *run) legalBeside(k int) bool {
	for _, b := range []int{k - 1, k + 1} {
		if b < 0 || b >= len(r.tk.toks) || r.tk.toks[b].sent != r.tk.toks[k].sent {
			continue
		}
		if max(r.tk.toks[b].brk, r.tk.toks[max(b, k)].brk) >= brkHard {
			continue
		}
		t := &r.tk.toks[b]
		a := normalize.Analyze(r.text[t.start:t.end], interdict.KindOrganization)
		if len(a.Variants) == 1 && len(a.Variants[0].Tokens) == 1 && a.Variants[0].Tokens[0].Flags&normalize.Legal != 0 {
			return true
		}
	}
	return false
}

// choose resolves overlapping spans: spans of several words before
// single words (a single word is the weakest evidence: "Novak" is
// NOVAK OOO at 0.93 but "Александр Новак" the minister at 0.85), then
// the best score, then the most words, then the earliest.
func (r *run) choose(found []span) []span {
	slices.SortStableFunc(found, func(a, b span) int {
		if c := cmp.Compare(min(b.j-b.i, 1), min(a.j-a.i, 1)); c != 0 {
			return c
		}
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		if c := cmp.Compare(b.j-b.i, a.j-a.i); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	taken := map[int]bool{}
	var out []span
next:
	for _, sp := range found {
		for k := sp.i; k <= sp.j; k++ {
			if taken[k] {
				continue next
			}
		}
		for k := sp.i; k <= sp.j; k++ {
			taken[k] = true
		}
		out = append(out, sp)
	}
	slices.SortFunc(out, func(a, b span) int { return cmp.Compare(a.i, b.i) })
	return out
}

// mentions turns chosen spans into mentions.
func (r *run) mentions(chosen []span) []Mention {
	out := make([]Mention, 0, len(chosen))
	for _, sp := range chosen {
		out = append(out, r.mention(sp.i, sp.j, sp.matches))
	}
	return out
}

func (r *run) mention(i, j int, ms []interdict.Match) Mention {
	// initials right before a person's name are part of it, whatever they
	// scored ("В.В. Путин")
	for ms[0].Kind == interdict.KindPerson && i > 0 && r.tk.toks[i-1].initial && r.tk.toks[i-1].shape == shapeUpper &&
		r.tk.toks[i-1].sent == r.tk.toks[i].sent && initialGap(r.text[r.tk.toks[i-1].end:r.tk.toks[i].start]) {
		i--
	}
	a, b := &r.tk.toks[i], &r.tk.toks[j]
	end, rend := b.end, b.rend
	// a quotation the mention opens, it closes: АО «Аргумент»
	if q := r.closingQuote(a.start, end); q > 0 {
		end += q
		rend++
	}
	m := Mention{Start: a.start, End: end, RuneStart: a.rstart, RuneEnd: rend, Text: r.text[a.start:end],
		Score: ms[0].Score, Alert: ms[0].Alert, Match: ms[0]}
	if len(ms) > 1 {
		m.Also = ms[1:]
	}
	m.Sentence = r.sentence(a.sent, m.Start, m.End)
	return m
}

// initialGap reports whether the text between an initial and the next
// word is its full stop (and a space): "В.В.", "V. Putin".
func initialGap(g string) bool {
	return g == "." || g == ". " || g == ".\u00a0"
}

// closingQuote returns the byte length of the quotation mark right after
// end that closes one opened in [start, end), or 0.
func (r *run) closingQuote(start, end int) int {
	if end >= len(r.text) {
		return 0
	}
	q, size := utf8.DecodeRuneInString(r.text[end:])
	open := map[rune]rune{'»': '«', '”': '“', '“': '„', '’': '‘', '"': '"', '›': '‹', '」': '「'}[q]
	if open == 0 {
		return 0
	}
	in := r.text[start:end]
	if open == q {
		if strings.Count(in, string(q))%2 == 1 {
			return size
		}
		return 0
	}
	if strings.Count(in, string(open)) > strings.Count(in, string(q)) {
		return size
	}
	return 0
}

// sentence is sentence s, clipped around [start, end) when long.
func (r *run) sentence(s, start, end int) Sentence {
	sn := r.tk.sents[s]
	out := Sentence{Start: sn.start, End: sn.end}
	if sn.end-sn.start > maxSentenceBytes {
		out.Start = runeStart(r.text, max(sn.start, start-sentenceContext))
		out.End = runeStart(r.text, min(sn.end, end+sentenceContext))
		if out.End < end {
			out.End = end
		}
		out.Clipped = true
	}
	out.Text = sameLengthValid(r.text[out.Start:out.End])
	return out
}

// sameLengthValid replaces each byte of invalid UTF-8 with '?', so that
// offsets into the text still hold in the sentence.
func sameLengthValid(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	b := []byte(s)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			b[i] = '?'
			i++
			continue
		}
		i += size
	}
	return string(b)
}

// runeStart moves i back to the start of the rune it falls in.
func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// repeats adds the surnames repeated alone after a person was named in
// full: "Sergei Lavrov … Lavrov said" (also in another case, "Лаврова").
func (r *run) repeats(ms []Mention) []Mention {
	type surname struct {
		mention int
		start   int
	}
	names := map[string][]surname{}
	for mi, m := range ms {
		if m.Match.Kind != interdict.KindPerson {
			continue
		}
		if k := r.surnameOf(m); k >= 0 {
			key := r.surnameKey(k)
			names[key] = append(names[key], surname{mi, m.Start})
		}
	}
	if len(names) == 0 {
		return ms
	}
	covered := func(k int) bool {
		t := &r.tk.toks[k]
		i, found := slices.BinarySearchFunc(ms, t.start, func(m Mention, x int) int { return cmp.Compare(m.Start, x) })
		if found {
			return true
		}
		return i > 0 && ms[i-1].End > t.start
	}
	var add []Mention
	for k := range r.tk.toks {
		t := &r.tk.toks[k]
		if t.shape != shapeTitle && t.shape != shapeUpper || r.capsSent[t.sent] || r.words[r.fold[k]].lower > 0 || r.words[r.fold[k]].function {
			continue
		}
		cands := names[r.surnameKey(k)]
		if len(cands) == 0 || covered(k) || r.inName(k) {
			continue
		}
		// the latest full mention before it
		ante := -1
		for _, c := range cands {
			if c.start < t.start {
				ante = c.mention
			}
		}
		if ante < 0 {
			continue
		}
		m := ms[ante]
		rep := r.mention(k, k, append([]interdict.Match{m.Match}, m.Also...))
		rep.Score, rep.Alert = m.Score, m.Alert
		idx := ante
		rep.Repeats = &idx
		add = append(add, rep)
	}
	if len(add) == 0 {
		return ms
	}
	// merge, keeping Repeats pointing at the right index
	all := append(ms, add...)
	order := make([]int, len(all))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(all[a].Start, all[b].Start) })
	pos := make([]int, len(all))
	for newIdx, old := range order {
		pos[old] = newIdx
	}
	out := make([]Mention, len(all))
	for newIdx, old := range order {
		m := all[old]
		if m.Repeats != nil {
			p := pos[*m.Repeats]
			m.Repeats = &p
		}
		out[newIdx] = m
	}
	return out
}

// surnameOf is the token of a person mention that holds the surname:
// the last word in the order of news text ("Sergei Lavrov"), the first
// when a patronymic ends the mention ("Лавров Сергей Викторович"); -1
// when it is not a word to repeat (an initial, Han, under three letters).
func (r *run) surnameOf(m Mention) int {
	first, last := r.tokenAt(m.Start), r.tokenAt(m.End-1)
	if first < 0 || last < 0 {
		return -1
	}
	k := last
	if last-first >= 2 && patronymic(r.fold[last]) {
		k = first
	}
	// the listed name may say which word is the surname: before the
	// comma (OFAC's "KIM, Jong Un") or in capitals (the UK's "Sergei
	// LAVROV"); a word of the mention that sounds like it is the surname
	if keys := surnameKeys(m.Match.MatchedName, m.Match.Name); len(keys) > 0 {
		for j := first; j <= last; j++ {
			if r.soundsLike(j, keys) {
				k = j
				break
			}
		}
	}
	t := &r.tk.toks[k]
	if t.han || t.initial || t.rend-t.rstart < 3 || !t.cased() {
		return -1
	}
	return k
}

// surnameKeys are the phonetic keys of the surname words of listed names:
// those before a comma, or else those in capitals in a name that has
// lower case too.
func surnameKeys(names ...string) map[string]bool {
	keys := map[string]bool{}
	for _, n := range names {
		var words []string
		if sur, _, ok := strings.Cut(n, ","); ok {
			words = strings.Fields(sur)
		} else if strings.ToUpper(n) != n {
			for _, w := range strings.Fields(n) {
				if len(w) > 1 && strings.ToUpper(w) == w && strings.ToLower(w) != w {
					words = append(words, w)
				}
			}
		}
		for _, w := range words {
			for _, v := range normalize.Analyze(w, interdict.KindPerson).Variants {
				for _, t := range v.Tokens {
					keys[t.Key] = true
				}
			}
		}
	}
	return keys
}

// soundsLike reports whether token k (or its nominative) has a phonetic
// key among keys.
func (r *run) soundsLike(k int, keys map[string]bool) bool {
	t := &r.tk.toks[k]
	texts := []string{r.text[t.start:t.end]}
	if n := r.words[r.fold[k]].nom; n != "" {
		texts = append(texts, n)
	}
	for _, s := range texts {
		for _, v := range normalize.Analyze(s, interdict.KindPerson).Variants {
			for _, tok := range v.Tokens {
				if keys[tok.Key] {
					return true
				}
			}
		}
	}
	return false
}

// patronymic reports whether a folded word is a Russian patronymic.
func patronymic(w string) bool {
	for _, suf := range []string{"ович", "евич", "ич", "овна", "евна", "ична", "инична", "ovich", "evich", "ovna", "evna", "ichna"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// inName reports whether token k stands beside another name word
// (Сергей in "Сергей Рябков" is not Lavrov's first name repeated), a
// title before it excepted ("President Putin").
func (r *run) inName(k int) bool {
	toks := r.tk.toks
	if n := k + 1; n < len(toks) && toks[n].sent == toks[k].sent && toks[n].brk < brkHard && r.nameWord(n) && !r.words[r.fold[n]].function && r.known(n) {
		return true
	}
	p := k - 1
	if p < 0 || toks[p].sent != toks[k].sent || toks[k].brk >= brkHard || !r.nameWord(p) || r.words[r.fold[p]].function || titles[r.fold[p]] ||
		r.sentenceInitial(p) && !r.known(p) {
		return false
	}
	a := normalize.Analyze(r.text[toks[p].start:toks[k].end], interdict.KindPerson)
	return len(a.Variants) == 0 || len(a.Variants[0].Tokens) < 2 || a.Variants[0].Tokens[0].Flags&normalize.Stop == 0
}

// surnameKey is the folded nominative of token k.
func (r *run) surnameKey(k int) string {
	wi := r.words[r.fold[k]]
	if wi.nom != "" {
		return strings.ToLower(wi.nom)
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, r.fold[k])
}

// explain screens each mention's text again with explanations and
// attaches the one of its best match.
func (r *run) explain(ms []Mention) error {
	for i := range ms {
		m := &ms[i]
		if m.Repeats != nil {
			continue
		}
		names := []string{strings.ToValidUTF8(m.Text, " ")}
		q := interdict.Query{Names: names, Sources: r.opt.Sources, Limit: screen.MaxLimit, MinScore: m.Score - 0.001}
		if nom := r.nominativeOf(m.Text); nom != "" {
			q.Names = append(q.Names, nom)
		}
		got, err := r.s.sc.Screen(&q, true)
		if err != nil {
			return err
		}
		for _, g := range got {
			if g.ID == m.Match.ID {
				m.Match.Explanation = g.Explanation
				break
			}
		}
	}
	// a repeated surname is explained by the full mention it repeats
	for i := range ms {
		if m := &ms[i]; m.Repeats != nil {
			m.Match.Explanation = ms[*m.Repeats].Match.Explanation
		}
	}
	return nil
}

// tokenAt is the index of the token holding byte offset off, or -1.
func (r *run) tokenAt(off int) int {
	toks := r.tk.toks
	i, _ := slices.BinarySearchFunc(toks, off, func(t token, x int) int {
		if t.end <= x {
			return -1
		}
		if t.start > x {
			return 1
		}
		return 0
	})
	if i < len(toks) && toks[i].start <= off && off < toks[i].end {
		return i
	}
	return -1
}
