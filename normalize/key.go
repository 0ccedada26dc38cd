package normalize

// Key returns the phonetic key of one folded token: a string equal for
// the usual spelling and transliteration variants of a name and rarely
// equal for unrelated names. It is Skeleton plus the class of the first
// vowel:
//
//   - consonants fall into classes: k = k q c(hard) ck g gh (qaddafi/
//     gaddafi/kadhafi); h = h kh ch tch tsch cz (mikhail/michail/mihail);
//     f = f ph; v = v w; s = s c(soft) ts tz; z = z zh (but a final z is
//     s: gonzalez/gonzales); x = sh sch sz; d = d dh; t = t th dt; x at
//     the start is s, elsewhere ks (alexander/aleksandr); initial dj/dzh
//     read as j; doubled letters
//     count once; h is silent after b and w (bhutto, whitney) and after a
//     final vowel (abdullah/abdulla, fatimah/fatima);
//   - a word starting with a vowel or glide keeps its class: a; e (e, i,
//     ie/ye/je/yi); o (o, u, eo, eu, ou); y (ya/ja/ia); u (yu/ju/iu/yo/jo/
//     io/yeo/you). So yuri/yuriy/iouri/jurij, yelena/elena and jeong/jong
//     agree but yuri and ira do not;
//   - a word starting with a consonant keeps the class of its first vowel
//     group, written after the first consonant: a (a, ai, ay, ae, ei, ey:
//     the Arabic and Persian ay, so sheikh/shaykh/shaikh and zeinab/zaynab
//     agree), e (e, i, y) or o (o, u, ou, eo, eu); glides before it are
//     skipped (lyudmila/ludmila, piotr/pyotr). mohammad/muhammad/mohamed/
//     mohammed, hussein/husayn/hossein, dmitry/dimitri agree; mohammad and
//     mahdi do not;
//   - other vowels (y and j included) are dropped;
//   - a final vowel adds the marker "a" (so aleksandr ≠ aleksandra,
//     mohammad ≠ mohammadi); the silent e of French -ane/-ine/-one
//     spellings does not count (othmane = othman, yassine = yasin);
//   - compounds abd-al-X, X-uddin and X-ullah are first rewritten to
//     abdulX, Xuddin and Xullah (abderrahmane, abdel rahman, abd al-rahman
//     → abdulrahman).
//
// Tokens with digits or letters outside a-z are returned unchanged. Keys
// are lower-case ASCII; Analyze uses upper-case keys for legal forms and
// organisation symbols, so the two never collide.
func Key(token string) string {
	if token == "" {
		return ""
	}
	var tmp [64]byte
	return string(appendKey(tmp[:0], token, true))
}

// Skeleton is Key without the first-vowel class of consonant-initial
// words and with the opening vowel classes reduced to a (vowel) and y
// (ya/yu glide): a coarser key for recall, robust also to renderings that
// guess or omit short vowels (unpointed Arabic and Hebrew, Maghrebi
// "Mhamed"). Key(a) == Key(b) implies Skeleton(a) == Skeleton(b).
func Skeleton(token string) string {
	if token == "" {
		return ""
	}
	var tmp [64]byte
	return string(appendKey(tmp[:0], token, false))
}

func isVowelByte(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'j':
		return true
	}
	return false
}

func isLowerAlpha(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// appendKey appends Key(t) (fine) or Skeleton(t) to dst.
func appendKey(dst []byte, t string, fine bool) []byte {
	if t == "" {
		return dst
	}
	if !isLowerAlpha(t) {
		return append(dst, t...)
	}
	var tmp [96]byte
	if c, ok := appendCompound(tmp[:0], t); ok {
		return keyCore(dst, c, fine)
	}
	return keyCore(dst, t, fine)
}

// appendKeys appends Key(t) then Skeleton(t) to dst and returns the end of
// the key; when the two are equal the skeleton is not appended and
// skelEnd == keyEnd (the caller then reuses the key).
func appendKeys(dst []byte, t string) (out []byte, keyStart, keyEnd, skelStart, skelEnd int) {
	keyStart = len(dst)
	var at int
	if t == "" {
		return dst, keyStart, keyStart, keyStart, keyStart
	}
	if !isLowerAlpha(t) {
		dst = append(dst, t...)
		return dst, keyStart, len(dst), keyStart, len(dst)
	}
	var tmp [96]byte
	if c, ok := appendCompound(tmp[:0], t); ok {
		dst, at = keyCoreAt(dst, c, true)
	} else {
		dst, at = keyCoreAt(dst, t, true)
	}
	keyEnd = len(dst)
	first := dst[keyStart]
	if at < 0 && first != 'e' && first != 'o' && first != 'u' {
		return dst, keyStart, keyEnd, keyStart, keyEnd
	}
	// the skeleton: without the inserted vowel class, and with the
	// opening class reduced (see Skeleton)
	skelStart = keyEnd
	if at < 0 {
		at = keyEnd
	}
	dst = append(dst, dst[keyStart:at]...)
	if at+1 < keyEnd {
		dst = append(dst, dst[at+1:keyEnd]...)
	}
	switch dst[skelStart] {
	case 'e', 'o':
		dst[skelStart] = 'a'
	case 'u':
		dst[skelStart] = 'y'
	}
	return dst, keyStart, keyEnd, skelStart, len(dst)
}

// glideClass classifies the vowels v1 v2 after an initial glide (y, j,
// i, dj).
func glideClass(v1, v2 byte) byte {
	switch v1 {
	case 'a':
		return 'y'
	case 'o', 'u':
		return 'u'
	case 'e':
		if v2 == 'o' || v2 == 'u' {
			return 'u'
		}
	}
	return 'e'
}

// vowelClass classifies the first vowel group of a word that starts with
// a consonant: 'a' (a, ai, ay, ae, ei, ey: Arabic and Persian ay), 'e'
// (e, i, y, ie) or 'o' (o, u, ou, eo, eu, oe). Leading glides are skipped
// (ya → a, yu → o, ie → e).
func vowelClass[T ~string | ~[]byte](t T, i int) byte {
	for i+1 < len(t) && (t[i] == 'y' || t[i] == 'i' || t[i] == 'j') && isVowelByte(t[i+1]) && t[i+1] != 'y' && t[i+1] != 'j' && t[i+1] != 'i' {
		i++
	}
	switch t[i] {
	case 'a':
		return 'a'
	case 'e':
		switch at(t, i+1) {
		case 'i', 'y':
			return 'a'
		case 'o', 'u':
			return 'o'
		}
		return 'e'
	case 'o', 'u':
		return 'o'
	}
	return 'e'
}

// keyCore computes the key of a lower-case ASCII word. fine adds the class
// of the first vowel group after the first consonant (see KeyFine).
func keyCore[T ~string | ~[]byte](dst []byte, t T, fine bool) []byte {
	dst, _ = keyCoreAt(dst, t, fine)
	return dst
}

// keyCoreAt is keyCore also returning the index in dst of the inserted
// first-vowel class, or -1: deleting that byte gives the Skeleton.
func keyCoreAt[T ~string | ~[]byte](dst []byte, t T, fine bool) ([]byte, int) {
	n := len(t)
	start := len(dst)
	i := 0
	// opening vowel or glide
	var class byte
	switch {
	case n >= 4 && t[0] == 'd' && t[1] == 'z' && t[2] == 'h' && isVowelByte(t[3]):
		class = glideClass(t[3], at(t, 4))
		i = 3
	case n >= 3 && t[0] == 'd' && t[1] == 'j' && isVowelByte(t[2]) && t[2] != 'j':
		class = glideClass(t[2], at(t, 3))
		i = 2
	case (t[0] == 'y' || t[0] == 'j' || t[0] == 'i') && n > 1 && isVowelByte(t[1]) && t[1] != 'y' && t[1] != 'j' && t[1] != 'i':
		class = glideClass(t[1], at(t, 2))
		i = 1
	case t[0] == 'y' || t[0] == 'j':
		class = 'e'
		i = 1
	case t[0] == 'a':
		class = 'a'
	case t[0] == 'e':
		class = 'e'
		if n > 1 && (t[1] == 'o' || t[1] == 'u') {
			class = 'o'
		}
	case t[0] == 'i':
		class = 'e'
	case t[0] == 'o', t[0] == 'u':
		class = 'o'
	}
	if class != 0 {
		if !fine {
			// Skeleton: only vowel (a) or glide (y) at the start
			switch class {
			case 'e', 'o':
				class = 'a'
			case 'u':
				class = 'y'
			}
		}
		dst = append(dst, class)
		for i < n && isVowelByte(t[i]) {
			i++
		}
	}
	// fine keys: where the first vowel class goes (after the first
	// consonant), and whether it is still to be placed
	vpos, vpending := -1, fine && class == 0
	inserted := -1
	consonants := 0
	var last byte // last consonant class written
	emit := func(c byte) {
		if c != last {
			dst = append(dst, c)
			consonants++
			if vpos < 0 {
				vpos = len(dst)
			}
		}
		last = c
	}
	for i < n {
		c := t[i]
		n1, n2, n3 := at(t, i+1), at(t, i+2), at(t, i+3)
		if isVowelByte(c) {
			if vpending && vpos >= 0 {
				v := vowelClass(t, i)
				dst = append(dst, 0)
				copy(dst[vpos+1:], dst[vpos:])
				dst[vpos] = v
				vpending = false
				inserted = vpos
			}
			last = 0
			i++
			continue
		}
		switch c {
		case 'b':
			emit('b')
			if n1 == 'h' {
				i++
			}
		case 'c':
			switch {
			case n1 == 'h':
				emit('h')
				i++
			case n1 == 'k' || n1 == 'q':
				emit('k')
				i++
			case n1 == 'z':
				emit('h')
				i++
			case n1 == 'e' || n1 == 'i' || n1 == 'y':
				emit('s')
			default:
				emit('k')
			}
		case 'd':
			switch {
			case n1 == 'h':
				emit('d')
				i++
			case n1 == 'z' && n2 == 'h':
				last = 0 // dzh: a glide, read as a vowel
				i += 2
			case n1 == 'j':
				last = 0
				i++
			case n1 == 't':
				emit('t')
				i++
			default:
				emit('d')
			}
		case 'f':
			emit('f')
		case 'g':
			emit('k')
			if n1 == 'h' {
				i++
			}
		case 'h':
			switch {
			case i == 0:
				emit('h')
			case t[i-1] == 'b' || t[i-1] == 'w' || t[i-1] == 'p' || t[i-1] == 't':
				// silent after these (bh, wh; ph and th are digraphs above)
			case i+1 == n:
				// silent at the end after a vowel
			default:
				emit('h')
			}
		case 'k':
			if n1 == 'h' {
				emit('h')
				i++
			} else {
				emit('k')
			}
		case 'p':
			if n1 == 'h' {
				emit('f')
				i++
			} else {
				emit('p')
			}
		case 'q':
			emit('k')
		case 's':
			switch {
			case n1 == 'c' && n2 == 'h':
				emit('x')
				i += 2
			case n1 == 'h' || n1 == 'z':
				emit('x')
				i++
			default:
				emit('s')
			}
		case 't':
			switch {
			case n1 == 's' && n2 == 'c' && n3 == 'h':
				emit('h')
				i += 3
			case n1 == 'c' && n2 == 'h':
				emit('h')
				i += 2
			case n1 == 'h':
				emit('t')
				i++
			case n1 == 's' && n2 != 'h' || n1 == 'z':
				emit('s') // ts, tz: Ц (tsvetkov, tzvetkov)
				i++
			default:
				emit('t')
			}
		case 'v', 'w':
			emit('v')
		case 'x':
			if i == 0 {
				emit('s')
			} else {
				emit('k')
				emit('s')
			}
		case 'z':
			if i+1 == n {
				emit('s') // final z is s: gonzalez/gonzales, diaz/dias
			} else {
				emit('z')
			}
			if n1 == 'h' {
				i++
			}
		default:
			emit(c)
		}
		i++
	}
	// final vowel marker
	end := n - 1
	if end > 0 && t[end] == 'h' && isVowelByte(t[end-1]) {
		end--
	}
	// French spelling writes a silent e after a final n (Othmane,
	// Abderrahmane, Yassine, Amine): the name ends in n.
	silentE := end >= 2 && t[end] == 'e' && t[end-1] == 'n' && isPlainVowel(t[end-2])
	if consonants > 0 && isVowelByte(t[end]) && !silentE {
		dst = append(dst, 'a')
	}
	if len(dst) == start {
		dst = append(dst, t[0])
	}
	return dst, inserted
}

func at[T ~string | ~[]byte](t T, i int) byte {
	if i < len(t) {
		return t[i]
	}
	return 0
}
