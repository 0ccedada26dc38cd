package normalize

import (
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

// Chinese characters are read in Mandarin pinyin (go-pinyin's dictionary,
// first reading, tones dropped, ü written u) with surname readings taken
// from a table for characters whose surname reading differs (单 Shan,
// 曾 Zeng, 解 Xie...) and two-character surnames recognised (欧阳, 司马...).
//
// A word of 2 to 4 characters with nothing between them is read as a
// personal name, surname first: it gives "xi jinping" (given name joined)
// and "xi jin ping" (all syllables). Longer words (organisation names)
// give one syllable per token. Words separated by spaces or a middle dot
// are kept apart; a multi-character word among several is joined.
//
// When a three-character name starts with a common Korean surname and every
// character has a Sino-Korean reading in the hanja table, the Korean
// reading is added through the Hangul romaniser (金正恩 → kim jong un).
// Japanese kanji readings are out of scope: kanji get pinyin.

func isHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF ||
		r >= 0xF900 && r <= 0xFAFF || r >= 0x20000 && r <= 0x3134F ||
		r == 0x3005 || r == 0x3007
}

// surnameReading overrides the pinyin of characters read differently as
// surnames.
var surnameReading = map[rune]string{
	'单': "shan", '單': "shan", '曾': "zeng", '解': "xie", '区': "ou", '區': "ou",
	'仇': "qiu", '朴': "piao", '查': "zha", '覃': "qin", '翟': "zhai", '盖': "ge",
	'蓋': "ge", '乐': "yue", '樂': "yue", '缪': "miao", '繆': "miao", '种': "chong",
	'秘': "bi", '召': "shao", '员': "yun", '員': "yun", '那': "na", '句': "gou",
	'长': "chang", '長': "chang", '重': "chong", '沈': "shen", '藏': "zang",
	'折': "she", '尉': "wei", '宁': "ning", '寧': "ning", '柏': "bai", '薄': "bo",
	'石': "shi", '华': "hua", '華': "hua", '贲': "ben", '卜': "bu", '相': "xiang",
	'万': "wan", '萬': "wan", '谌': "chen", '諶': "chen", '冼': "xian", '阚': "kan",
}

// compoundSurnames are read as one surname.
var compoundSurnames = map[string]string{
	"欧阳": "ouyang", "歐陽": "ouyang", "司马": "sima", "司馬": "sima", "诸葛": "zhuge",
	"諸葛": "zhuge", "上官": "shangguan", "东方": "dongfang", "東方": "dongfang",
	"皇甫": "huangfu", "尉迟": "yuchi", "尉遲": "yuchi", "公孙": "gongsun", "公孫": "gongsun",
	"慕容": "murong", "长孙": "zhangsun", "長孫": "zhangsun", "宇文": "yuwen",
	"司徒": "situ", "夏侯": "xiahou", "轩辕": "xuanyuan", "軒轅": "xuanyuan",
	"令狐": "linghu", "端木": "duanmu", "百里": "baili", "南宫": "nangong",
	"南宮": "nangong", "西门": "ximen", "西門": "ximen", "独孤": "dugu", "獨孤": "dugu",
	"呼延": "huyan", "申屠": "shentu", "东郭": "dongguo", "東郭": "dongguo",
	"钟离": "zhongli", "鍾離": "zhongli", "司空": "sikong", "闻人": "wenren",
	"聞人": "wenren", "赫连": "helian", "赫連": "helian", "澹台": "tantai",
	"公冶": "gongye", "宗政": "zongzheng", "濮阳": "puyang", "濮陽": "puyang",
	"太叔": "taishu", "万俟": "moqi", "拓跋": "tuoba", "单于": "chanyu", "單于": "chanyu",
}

// appendPinyin appends the toneless pinyin of r (first reading) or, for a
// character go-pinyin does not know, its go-unidecode reading.
func appendPinyin(dst []byte, r rune) []byte {
	if r == 0x3005 { // 々 repeats: caller handles; treat as nothing
		return dst
	}
	p, ok := pinyin.PinyinDict[int(r)]
	if !ok {
		return append(dst, strings.ToLower(strings.TrimSpace(unidecodeRune(r)))...)
	}
	if i := strings.IndexByte(p, ','); i >= 0 {
		p = p[:i]
	}
	return appendFold(dst, p)
}

func hanSyllables(rs []rune, surname bool) []string {
	out := make([]string, 0, len(rs))
	i := 0
	if surname {
		if len(rs) >= 3 {
			if c, ok := compoundSurnames[string(rs[:2])]; ok {
				out = append(out, c)
				i = 2
			}
		}
		if i == 0 {
			if s, ok := surnameReading[rs[0]]; ok {
				out = append(out, s)
				i = 1
			}
		}
	}
	var buf []byte
	for ; i < len(rs); i++ {
		r := rs[i]
		if r == 0x3005 { // 々: repeat the previous syllable
			if len(out) > 0 {
				out = append(out, out[len(out)-1])
			}
			continue
		}
		buf = appendPinyin(buf[:0], r)
		if len(buf) > 0 {
			out = append(out, string(buf))
		}
	}
	return out
}

// hanLatin reads a run of text whose letters are Han characters.
func hanLatin(s string, org bool) []string {
	words := splitRuns(s, isHan)
	nHan := 0
	for _, w := range words {
		if w.in {
			nHan++
		}
	}
	var split, joined strings.Builder
	var korean []string
	for _, w := range words {
		if !w.in {
			split.WriteString(w.text)
			joined.WriteString(w.text)
			continue
		}
		rs := []rune(w.text)
		personal := !org && len(rs) >= 2 && len(rs) <= 4 && nHan == 1
		syl := hanSyllables(rs, personal || !org && nHan > 1 && len(rs) == 1)
		for i, sy := range syl {
			if i > 0 {
				split.WriteByte(' ')
			}
			split.WriteString(sy)
		}
		switch {
		case len(syl) == 0:
		case personal:
			// surname (one string even when compound), then the given
			// name joined
			joined.WriteString(syl[0])
			if len(syl) > 1 {
				joined.WriteByte(' ')
				joined.WriteString(strings.Join(syl[1:], ""))
			}
			if len(rs) == 3 || len(rs) == 4 {
				if k := hanjaHangul(rs); k != "" {
					korean = hangulLatin(k)
				}
			}
		case org || len(rs) > 4:
			for i, sy := range syl {
				if i > 0 {
					joined.WriteByte(' ')
				}
				joined.WriteString(sy)
			}
		default:
			joined.WriteString(strings.Join(syl, ""))
		}
	}
	out := []string{joined.String(), split.String()}
	if len(korean) > 2 {
		korean = korean[:2]
	}
	return append(out, korean...)
}

// hanjaHangul gives the Sino-Korean reading of a Han personal name in
// Hangul when it looks Korean: a known Korean surname (one character, or
// two for the compound ones) followed by given-name characters that all
// have a reading in the table. It returns "" otherwise.
func hanjaHangul(rs []rune) string {
	var b strings.Builder
	i := 1
	if len(rs) == 4 {
		k, ok := hanjaCompoundSurnames[string(rs[:2])]
		if !ok {
			return ""
		}
		b.WriteString(k)
		i = 2
	} else {
		k, ok := hanjaSurnames[rs[0]]
		if !ok {
			return ""
		}
		b.WriteRune(k)
	}
	for _, r := range rs[i:] {
		k, ok := hanjaGiven[r]
		if !ok {
			if k, ok = hanjaSurnames[r]; !ok {
				return ""
			}
		}
		b.WriteRune(k)
	}
	return b.String()
}

func unidecodeRune(r rune) string {
	if !unicode.IsPrint(r) {
		return ""
	}
	return strings.ToLower(strings.TrimSpace(unidecodeString(string(r))))
}
