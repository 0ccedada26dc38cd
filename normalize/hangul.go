package normalize

import (
	"strings"
)

// Korean Hangul romanisation by algorithm: each syllable is split into its
// initial, medial and final jamo and written syllable by syllable (names
// are romanised without sound-change rules in practice).
//
// Renderings:
//
//	popular: the spelling most Korean names carry in passports and lists:
//	  surname from the surname table (Kim, Lee, Park, Choi, Jung...),
//	  Revised Romanization consonants, ㅓ→o, ㅡ→u (Kim Jong Un, Park Ji Sung)
//	RR:      Revised Romanization (Gim Jeong Eun → with the surname table
//	  "kim jeong eun")
//	MR:      McCune-Reischauer without diacritics and apostrophes (Kim
//	  Chong Un, Pak Chi Song)
//
// Given names are emitted both as separate syllables ("kim jong un") and
// joined ("kim jongun").

var (
	rrInitial = [19]string{"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"}
	mrInitial = [19]string{"k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch", "k", "t", "p", "h"}
	rrMedial  = [21]string{"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"}
	mrMedial  = [21]string{"a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i"}
	popMedial = [21]string{"a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i"}
	rrFinal   = [28]string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}
)

// koreanSurnames maps a Hangul surname to its common spellings, the most
// usual first. General knowledge of Korean name romanisation.
var koreanSurnames = map[string][]string{
	"김": {"kim", "gim"}, "이": {"lee", "yi", "rhee", "ri"}, "리": {"ri", "lee"},
	"박": {"park", "pak", "bak"}, "최": {"choi", "choe"}, "정": {"jung", "jeong", "chung", "chong"},
	"강": {"kang", "gang"}, "조": {"cho", "jo"}, "윤": {"yoon", "yun"}, "장": {"jang", "chang"},
	"임": {"lim", "im", "rim"}, "림": {"rim", "lim"}, "한": {"han"}, "오": {"oh", "o"},
	"서": {"seo", "suh", "so"}, "신": {"shin", "sin"}, "권": {"kwon", "gwon"}, "황": {"hwang"},
	"안": {"ahn", "an"}, "송": {"song"}, "류": {"ryu", "yoo"}, "유": {"yoo", "yu"},
	"전": {"jeon", "jun", "chon"}, "홍": {"hong"}, "고": {"ko", "go"}, "문": {"moon", "mun"},
	"양": {"yang"}, "손": {"son", "sohn"}, "배": {"bae", "pae"}, "백": {"baek", "paek", "paik"},
	"허": {"heo", "hur", "ho"}, "남": {"nam"}, "심": {"shim", "sim"}, "노": {"noh", "roh", "no"},
	"로": {"ro", "noh"}, "하": {"ha"}, "곽": {"kwak", "gwak"}, "성": {"sung", "seong", "song"},
	"차": {"cha"}, "주": {"joo", "ju", "chu"}, "우": {"woo", "u"}, "구": {"koo", "gu", "ku"},
	"민": {"min"}, "진": {"jin", "chin"}, "나": {"na", "ra"}, "라": {"ra", "na"},
	"지": {"ji", "chi"}, "엄": {"eom", "um"}, "채": {"chae"}, "원": {"won"}, "천": {"cheon", "chun"},
	"방": {"bang", "pang"}, "공": {"kong", "gong"}, "현": {"hyun", "hyeon"}, "함": {"ham"},
	"변": {"byun", "byeon", "pyon"}, "염": {"yeom", "yum"}, "여": {"yeo", "yo"}, "추": {"choo", "chu"},
	"도": {"do", "to"}, "소": {"so"}, "석": {"seok", "suk"}, "선": {"sun", "seon"},
	"설": {"seol", "sol"}, "마": {"ma"}, "길": {"gil", "kil"}, "연": {"yeon", "yon"},
	"위": {"wi", "wee"}, "표": {"pyo"}, "명": {"myung", "myeong"}, "기": {"ki", "gi"},
	"반": {"ban", "pan"}, "왕": {"wang"}, "금": {"keum", "geum", "kum"}, "옥": {"ok"},
	"육": {"yook", "yuk"}, "인": {"in"}, "맹": {"maeng"}, "제": {"je", "jae"}, "모": {"mo"},
	"탁": {"tak"}, "국": {"kook", "guk", "kuk"}, "어": {"eo", "o"}, "은": {"eun", "un"},
	"편": {"pyun", "pyeon"}, "용": {"yong"}, "예": {"ye"}, "경": {"kyung", "gyeong"},
	"봉": {"bong"}, "사": {"sa"}, "부": {"boo", "bu", "pu"}, "가": {"ka", "ga"},
	"복": {"bok", "pok"}, "태": {"tae"}, "목": {"mok"}, "형": {"hyung", "hyeong"},
	"계": {"kye", "gye"}, "피": {"pi"}, "두": {"doo", "du"}, "감": {"kam", "gam"},
	"동": {"dong", "tong"}, "호": {"ho"}, "범": {"beom", "bum"}, "승": {"seung", "sung"},
	"상": {"sang"}, "시": {"si", "shi"}, "단": {"dan", "tan"}, "화": {"hwa"}, "창": {"chang"},
	"옹": {"ong"}, "순": {"soon", "sun"},
	"남궁": {"namgung", "namkung"}, "황보": {"hwangbo"}, "제갈": {"jegal", "chegal"},
	"사공": {"sagong"}, "선우": {"sunwoo", "seonu"}, "서문": {"seomun"}, "독고": {"dokgo"},
	"동방": {"dongbang"},
}

func isHangulSyllable(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }

// romanizeSyllable writes one Hangul syllable in system sys (0 popular,
// 1 RR, 2 MR).
func romanizeSyllable(b *strings.Builder, r rune, sys int) {
	idx := int(r - 0xAC00)
	ini, med, fin := idx/588, (idx%588)/28, idx%28
	switch sys {
	case 1:
		b.WriteString(rrInitial[ini])
		b.WriteString(rrMedial[med])
	case 2:
		in := mrInitial[ini]
		if ini == 9 && (med == 20 || med == 16) { // ㅅ before i/wi: sh
			in = "sh"
		}
		b.WriteString(in)
		b.WriteString(mrMedial[med])
	default:
		in := rrInitial[ini]
		if ini == 9 && (med == 20 || med == 16) {
			in = "sh"
		}
		b.WriteString(in)
		b.WriteString(popMedial[med])
	}
	b.WriteString(rrFinal[fin])
}

// hangulLatin romanises a run of Hangul text. Words are separated by
// non-Hangul characters; in a single unspaced word of 2 to 4 syllables
// the first syllable (or a two-syllable compound surname) is read as the
// surname; a one- or two-syllable word that is a known surname is also
// rendered by the surname table (names written "given surname").
func hangulLatin(s string) []string {
	words := splitRuns(s, isHangulSyllable)
	nHan := 0
	for _, w := range words {
		if w.in {
			nHan++
		}
	}
	// system, surname spelling index, joined given name
	type plan struct {
		sys, sn int
		join    bool
	}
	plans := []plan{{0, 0, false}, {0, 0, true}, {1, 0, false}, {2, 0, false}, {0, 1, false}, {0, 2, false}, {0, 3, false}}
	var out []string
	for _, p := range plans {
		var b strings.Builder
		usedAlt := false
		for _, w := range words {
			if !w.in {
				b.WriteString(w.text)
				continue
			}
			rs := []rune(w.text)
			sn, rest := splitKoreanSurname(rs, nHan == 1)
			if sn != "" {
				forms := koreanSurnames[sn]
				i := p.sn
				if i >= len(forms) {
					i = len(forms) - 1
				} else if i > 0 {
					usedAlt = true
				}
				b.WriteString(forms[i])
				if len(rest) > 0 {
					b.WriteByte(' ')
				}
			}
			for j, r := range rest {
				if j > 0 && !p.join {
					b.WriteByte(' ')
				}
				romanizeSyllable(&b, r, p.sys)
			}
		}
		if p.sn > 0 && !usedAlt {
			continue
		}
		out = append(out, b.String())
	}
	return out
}

// splitKoreanSurname returns the surname at the start of a Hangul word
// and the remaining syllables. A word of 2-4 syllables starts with its
// surname when alone in the name (Korean order, unspaced); a word of one
// syllable (or a two-syllable compound surname) is itself a surname.
func splitKoreanSurname(rs []rune, alone bool) (string, []rune) {
	if len(rs) == 1 {
		if _, ok := koreanSurnames[string(rs)]; ok {
			return string(rs), nil
		}
		return "", rs
	}
	if len(rs) == 2 {
		if _, ok := koreanSurnames[string(rs)]; ok && !alone {
			return string(rs), nil
		}
	}
	if !alone || len(rs) < 2 || len(rs) > 4 {
		return "", rs
	}
	if len(rs) >= 3 {
		if _, ok := koreanSurnames[string(rs[:2])]; ok && len(rs) == 4 {
			return string(rs[:2]), rs[2:]
		}
	}
	if _, ok := koreanSurnames[string(rs[:1])]; ok {
		return string(rs[:1]), rs[1:]
	}
	return "", rs
}

// run is a piece of a string: a maximal run of runes that satisfy a
// predicate (in) or of runes that do not.
type run struct {
	text string
	in   bool
}

// splitRuns cuts s into alternating runs of runes for which f is true and
// false.
func splitRuns(s string, f func(rune) bool) []run {
	var out []run
	start, cur := 0, false
	for i, r := range s {
		in := f(r)
		if i == 0 {
			cur = in
			continue
		}
		if in != cur {
			out = append(out, run{s[start:i], cur})
			start, cur = i, in
		}
	}
	if start < len(s) {
		out = append(out, run{s[start:], cur})
	}
	return out
}
