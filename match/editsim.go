package match

// Weighted edit similarity of folded Latin tokens: an edit distance whose
// costs follow how names change between transliterations and spellings,
// so that Mohammed/Muhammad or Qaddafi/Kadhafi stay close while Katarina/
// Katranji or Chen/Khin do not become equal just because a phonetic key
// says so.
//
// Costs (1 for any other edit):
//
//   - substitution of one vowel for another (a e i o u y): 0.35; y for i
//     0.2 (Yuriy/Iuriy);
//   - substitution within a consonant class: c k q 0.3; s z 0.3; c s 0.4;
//     v w 0.2; c j 0.4 (Korean and Wade-Giles ch for j: Chin/Jin);
//     g k, g q, f v, b p, b v, d t, j y, j i, j z 0.5;
//   - insertion or deletion of h (kh/k, sh/s, th/t, Abdullah/Abdulla): 0.3;
//     of a vowel (guessed or dropped short vowels): 0.5; of j or y (a
//     glide: Yuriy/Yuri): 0.5; of the second of two equal letters (a
//     doubled letter: Mohammed/Mohamed): 0.2;
//   - transposition of two adjacent letters (Donlad/Donald): 0.8.
//
// The similarity is 1 - cost / length of the longer token.

// subCost is indexed by letter class (letterIndex): a-z, and one index
// for every other byte; small enough to stay in the L1 cache.
var subCost [32][32]float32

// letterIndex maps a byte to its row of subCost: a-z to 0-25, others to
// 26 (never equal to a letter; two such bytes compare by value first).
var letterIndex [256]uint8

func init() {
	for c := range 256 {
		letterIndex[c] = 26
		if c >= 'a' && c <= 'z' {
			letterIndex[c] = uint8(c - 'a')
		}
	}
	for a := range 32 {
		for b := range 32 {
			if a != b {
				subCost[a][b] = 1
			}
		}
	}
	subCost[26][26] = 1 // two different non-letters
	set := func(c float32, groups ...string) {
		for _, g := range groups {
			for i := 0; i < len(g); i++ {
				for j := 0; j < len(g); j++ {
					x, y := letterIndex[g[i]], letterIndex[g[j]]
					if i != j && subCost[x][y] > c {
						subCost[x][y] = c
					}
				}
			}
		}
	}
	set(0.35, "aeiouy")
	set(0.2, "iy", "vw")
	set(0.3, "ckq", "sz")
	set(0.4, "cs")
	set(0.4, "cj") // Korean and Wade-Giles ch for j (Chin/Jin, Chong/Jong)
	set(0.5, "gk", "gq", "fv", "bp", "bv", "dt", "jy", "ji", "jz")
}

func indelCost(t string, i int) float32 {
	c := t[i]
	if i > 0 && t[i-1] == c {
		return 0.2
	}
	switch c {
	case 'h':
		return 0.3
	case 'a', 'e', 'i', 'o', 'u':
		if i == len(t)-1 && i >= 3 {
			// a final vowel often makes another name: Ebrahim and
			// Ebrahimi (the Persian nisba), Aleksandr and Aleksandra
			return FinalVowel
		}
		return 0.5
	case 'y', 'j':
		return 0.5
	}
	if i == 0 {
		return FirstIndel
	}
	return 1
}

// FirstIndel is the cost of adding or dropping a consonant before a name
// (Ghassan, Hassan; Mali, Ali).
var FirstIndel float32 = 1.25

// FirstLetter is the cost of a full edit of a token's first letter: names
// that differ there are seldom spellings of one name (Ghassan, Hassan;
// Mali, Ali), while transliterations vary in their first letter by
// cheap substitutions (Qaddafi, Gaddafi; Yuri, Iouri).
var FirstLetter float32 = 1.25

// FinalVowel is the cost of adding or dropping a final vowel.
var FinalVowel float32 = 0.9

// maxEditLen bounds the tokens compared by weightedSim; longer ones (rare:
// glued names) are compared on their first maxEditLen bytes.
const maxEditLen = 32

// weightedSim returns 1 - weighted edit cost / longer length, or 0 when
// the cost cannot be under (1 - floor) × longer length. Tokens shorter
// than ShortToken need ShortFloor: one full edit in four letters (Jong/
// Song, Ali/Mali) is another name. Costs are added in fixed point
// (costScale per unit): integer minima are cheaper than float ones.
func (s *Scratch) weightedSim(a, b string, floor float32) float32 {
	if float32(min(len(a), len(b))) < ShortToken {
		floor = max(floor, ShortFloor)
	}
	if len(a) > maxEditLen {
		a = a[:maxEditLen]
	}
	if len(b) > maxEditLen {
		b = b[:maxEditLen]
	}
	la, lb := len(a), len(b)
	longer := max(la, lb)
	if longer == 0 {
		return 0
	}
	budget := int32((1 - floor) * float32(longer) * costScale)
	if int32(la-min(la, lb)+lb-min(la, lb))*costScale/5 > budget {
		return 0
	}
	// three rows for the transposition (optimal string alignment), the
	// insertion cost and letter class of each letter of b
	w := lb + 1
	if cap(s.rows) < 4*w {
		s.rows = make([]int32, 4*w)
		s.idx = make([]uint8, w)
	}
	rows := s.rows[:4*w]
	pp, prev, cur, insB := rows[:w], rows[w:2*w], rows[2*w:3*w], rows[3*w:]
	bIdx := s.idx[:w]
	fv, fi := int32(FinalVowel*costScale+0.5), int32(FirstIndel*costScale+0.5)
	prev[0] = 0
	for j := 1; j <= lb; j++ {
		insB[j] = indelCosts(b, j-1, fv, fi)
		prev[j] = prev[j-1] + insB[j]
		bIdx[j] = letterIndex[b[j-1]]
	}
	first := int32(FirstLetter * costScale)
	for i := 1; i <= la; i++ {
		ca := a[i-1]
		row := &subCosts[letterIndex[ca]]
		da := indelCosts(a, i-1, fv, fi)
		cur[0] = prev[0] + da
		rowMin := cur[0]
		for j := 1; j <= lb; j++ {
			v := prev[j-1]
			if cb := b[j-1]; ca != cb {
				sub := row[bIdx[j]]
				if i == 1 && j == 1 && sub == costScale {
					sub = first
				}
				v += sub
				if i > 1 && j > 1 && ca == b[j-2] && a[i-2] == cb {
					v = min(v, pp[j-2]+transposeCost)
				}
			}
			v = min(v, prev[j]+da, cur[j-1]+insB[j])
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > budget {
			return 0
		}
		pp, prev, cur = prev, cur, pp
	}
	cost := prev[lb]
	if cost > budget {
		return 0
	}
	return 1 - float32(cost)/(costScale*float32(longer))
}

// Fixed-point costs: costScale per unit of cost.
const (
	costScale     = 100
	transposeCost = 80
)

// subCosts is subCost in fixed point.
var subCosts [32][32]int32

func init() {
	for a := range 32 {
		for b := range 32 {
			subCosts[a][b] = int32(subCost[a][b]*costScale + 0.5)
		}
	}
}

// indelCosts is indelCost in fixed point, for weightedSim's inner loops:
// a table look-up instead of a switch and no float conversion, with
// finalVowel and firstIndel (FinalVowel and FirstIndel in fixed point)
// passed in.
func indelCosts(t string, i int, finalVowel, firstIndel int32) int32 {
	c := t[i]
	if i > 0 && t[i-1] == c {
		return 20
	}
	switch indelClass[c] {
	case indelH:
		return 30
	case indelVowel:
		if i == len(t)-1 && i >= 3 {
			return finalVowel
		}
		return 50
	case indelGlide:
		return 50
	}
	if i == 0 {
		return firstIndel
	}
	return costScale
}

// The classes of indelCost's switch.
const (
	indelOther = iota
	indelH
	indelVowel
	indelGlide
)

var indelClass = func() (t [256]uint8) {
	t['h'] = indelH
	for _, c := range "aeiou" {
		t[c] = indelVowel
	}
	t['y'], t['j'] = indelGlide, indelGlide
	return t
}()

// Spelling is the weighted edit similarity of two folded tokens, 0 when
// under FuzzyFloor: what tokenSim gives two tokens whose keys differ.
func (s *Scratch) Spelling(a, b string) float32 { return s.weightedSim(a, b, FuzzyFloor) }

// PrefixSim is the similarity of a token and a longer token it begins
// (Nazari, Nazarikolehjoub).
const PrefixSim float32 = simPrefix
