package normalize

import (
	"sort"
	"strings"
	"sync"
)

// Phrase tables built once, at first use, from the generated rigour data
// (legalforms_gen.go): every alias is folded and transliterated with the
// same code Analyze applies to names (all its renderings), tokenised, and
// indexed by its first token.

type phraseKind uint8

const (
	phraseLegal phraseKind = iota + 1
	phraseSymbol
	phrasePrefix
)

type phrase struct {
	words []string
	text  string // replacement token text (legal forms and symbols)
	key   string // upper-case key: generic legal class or symbol name
	kind  phraseKind
}

// phraseTable maps a first token to the phrases starting with it, longest
// first.
type phraseTable map[string][]*phrase

type phraseTables struct {
	org    phraseTable // legal forms and organisation symbols
	person phraseTable // title prefixes of person names
	orgPre phraseTable // prefixes of organisation names ("the")
}

var tables = sync.OnceValue(buildTables)

// weakSingles are one-token aliases too ambiguous to treat as legal forms
// or symbols (particles, articles, single letters are excluded as well).
var weakSingles = map[string]bool{
	"the": true, "of": true, "and": true, "for": true, "in": true, "on": true,
	"et": true, "und": true, "y": true, "i": true, "e": true, "a": true, "o": true,
	"as": true, "an": true, "at": true, "is": true, "it": true, "to": true, "or": true,
	"ab": true, "ag": true, "ao": true, "sa": true,
}

func buildTables() *phraseTables {
	t := &phraseTables{org: phraseTable{}, person: phraseTable{}, orgPre: phraseTable{}}
	seen := map[*phraseTable]map[string]bool{&t.org: {}, &t.person: {}, &t.orgPre: {}}
	add := func(tab *phraseTable, alias string, p phrase, allowShort bool) {
		for _, r := range latinRenderings(alias, true) {
			words := glue(strings.Fields(r), nil)
			if len(words) == 0 {
				continue
			}
			if len(words) == 1 && !allowShort {
				w := words[0]
				if len(w) == 1 || wordClass[w]&(wParticle|wArticle|wOrgStop) != 0 {
					continue
				}
				if weakSingles[w] && p.kind != phraseLegal {
					continue
				}
			}
			id := strings.Join(words, " ")
			if seen[tab][id] {
				continue
			}
			seen[tab][id] = true
			q := p
			q.words = words
			(*tab)[words[0]] = append((*tab)[words[0]], &q)
		}
	}
	for _, lf := range legalFormData {
		cmp := strings.ReplaceAll(firstRendering(lf.compare), " ", "")
		key := lf.generic
		if key == "" {
			key = strings.ToUpper(cmp)
		}
		for _, a := range strings.Split(lf.aliases, "|") {
			add(&t.org, a, phrase{text: cmp, key: key, kind: phraseLegal}, false)
		}
	}
	for _, s := range orgSymbolData {
		for _, a := range strings.Split(s.aliases, "|") {
			add(&t.org, a, phrase{text: s.symbol, key: strings.ToUpper(s.symbol), kind: phraseSymbol}, false)
		}
	}
	for _, a := range strings.Split(personPrefixData, "|") {
		add(&t.person, a, phrase{kind: phrasePrefix}, true)
	}
	for _, a := range strings.Split(orgPrefixData, "|") {
		add(&t.orgPre, a, phrase{kind: phrasePrefix}, true)
	}
	for _, tab := range []phraseTable{t.org, t.person, t.orgPre} {
		for _, ps := range tab {
			sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].words) > len(ps[j].words) })
		}
	}
	return t
}

func firstRendering(s string) string {
	r := latinRenderings(s, true)
	if len(r) == 0 {
		return ""
	}
	return r[0]
}

// match returns the longest phrase of tab starting at words[i].
func (tab phraseTable) match(words []string, i int) *phrase {
	ps := tab[words[i]]
	for _, p := range ps {
		if len(p.words) > len(words)-i {
			continue
		}
		ok := true
		for k := 1; k < len(p.words); k++ {
			if words[i+k] != p.words[k] {
				ok = false
				break
			}
		}
		if ok {
			return p
		}
	}
	return nil
}

// orgStopWords are function words of organisation names, flagged Stop.
var orgStopWords = map[string]bool{
	"of": true, "the": true, "and": true, "for": true, "de": true, "del": true,
	"della": true, "delle": true, "dei": true, "des": true, "du": true, "la": true,
	"le": true, "les": true, "los": true, "las": true, "y": true,
	"et": true, "und": true, "da": true, "do": true, "dos": true, "das": true,
	"di": true, "der": true, "den": true, "het": true, "van": true, "von": true,
	"och": true, "og": true, "e": true, "in": true, "on": true, "at": true,
	"to": true, "a": true, "an": true, "by": true, "with": true,
}
