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

var subCost [128][128]float32

func init() {
	for a := range 128 {
		for b := range 128 {
			if a != b {
				subCost[a][b] = 1
			}
		}
	}
	set := func(c float32, groups ...string) {
		for _, g := range groups {
			for i := 0; i < len(g); i++ {
				for j := 0; j < len(g); j++ {
					if i != j && subCost[g[i]][g[j]] > c {
						subCost[g[i]][g[j]] = c
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
	case 'a', 'e', 'i', 'o', 'u', 'y', 'j':
		return 0.5
	}
	return 1
}

// maxEditLen bounds the tokens compared by weightedSim; longer ones (rare:
// glued names) are compared on their first maxEditLen bytes.
const maxEditLen = 32

// weightedSim returns 1 - weighted edit cost / longer length, or 0 when
// the cost cannot be under (1 - floor) × longer length. Tokens shorter
// than ShortToken need ShortFloor: one full edit in four letters (Jong/
// Song, Ali/Mali) is another name.
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
	budget := (1 - floor) * float32(longer)
	if float32(la-min(la, lb)+lb-min(la, lb))*0.2 > budget {
		return 0
	}
	// three rows for the transposition (optimal string alignment)
	w := lb + 1
	if cap(s.rows) < 3*w {
		s.rows = make([]float32, 3*w)
	}
	rows := s.rows[:3*w]
	pp, prev, cur := rows[:w], rows[w:2*w], rows[2*w:]
	prev[0] = 0
	for j := 1; j <= lb; j++ {
		prev[j] = prev[j-1] + indelCost(b, j-1)
	}
	for i := 1; i <= la; i++ {
		ca := a[i-1]
		cur[0] = prev[0] + indelCost(a, i-1)
		rowMin := cur[0]
		da := indelCost(a, i-1)
		for j := 1; j <= lb; j++ {
			cb := b[j-1]
			var sub float32
			if ca != cb {
				if ca < 128 && cb < 128 {
					sub = subCost[ca][cb]
				} else {
					sub = 1
				}
			}
			v := min(prev[j-1]+sub, prev[j]+da, cur[j-1]+indelCost(b, j-1))
			if i > 1 && j > 1 && ca == b[j-2] && a[i-2] == cb && ca != cb {
				v = min(v, pp[j-2]+0.8)
			}
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
	return 1 - cost/float32(longer)
}

// Spelling is the weighted edit similarity of two folded tokens, 0 when
// under FuzzyFloor: what tokenSim gives two tokens whose keys differ.
func (s *Scratch) Spelling(a, b string) float32 { return s.weightedSim(a, b, FuzzyFloor) }

// PrefixSim is the similarity of a token and a longer token it begins
// (Nazari, Nazarikolehjoub).
const PrefixSim float32 = simPrefix
