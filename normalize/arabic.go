package normalize

import (
	"strings"
)

// Arabic-script transliteration (Arabic, Persian, Urdu letters).
//
// Short vowels are not written in ordinary Arabic text, so a word is read
// in three steps:
//
//  1. a table of common name words (محمد, حسين, عبد, ابو, بن ...) written
//     from general knowledge gives their usual spellings;
//  2. the article ال is split off ("al"), and a joined عبد (عبدالله) too;
//  3. any other word is read letter by letter: و and ي are vowels between
//     consonants and consonants elsewhere, ا آ ى ة are long a, and a short
//     "a" is inserted where two consonants would otherwise start or end a
//     word or make a cluster of three ("i" after a long a before a final
//     consonant, the فاعل pattern: خالد → khalid). Vocalised text (with
//     harakat) is read from its marks instead.
//
// Renderings: 0 scholarly (muhammad, husayn, khalid, dh for ذ/ظ, w, i, u),
// 1 popular (mohamed, hussein, khaled, z for ذ/ظ, ou, ee); Persian text
// (containing پ چ ژ گ ی ک) gets a Persian rendering first (mohammad,
// hossein, v for و, z for ذ ض ظ, s for ث ص, gh for ق).

const (
	arScholarly = iota
	arPopular
	arPersian
)

// arabicNames maps the normalised spelling of common Arabic-script name
// words to scholarly|popular|Persian spellings (missing ones repeat the
// previous). General knowledge of Arabic and Persian onomastics.
var arabicNames = func() map[string][3]string {
	m := map[string][3]string{}
	for _, e := range []string{
		"محمد muhammad|mohamed|mohammad", "احمد ahmad|ahmed|ahmad", "محمود mahmud|mahmoud",
		"علي ali", "حسن hasan|hassan|hasan", "حسين husayn|hussein|hossein",
		"عبد abd", "الله allah", "خالد khalid|khaled", "عمر umar|omar",
		"عثمان uthman|othman|osman", "يوسف yusuf|youssef|yousef", "ابراهيم ibrahim|ibrahim|ebrahim",
		"اسماعيل ismail|ismail|esmail", "اسحاق ishaq|ishak|eshagh", "يعقوب yaqub|yacoub|yaghoub",
		"موسي musa|moussa|musa", "عيسي isa|issa|isa", "يحيي yahya|yehia|yahya",
		"زكريا zakariya|zakaria", "سليمان sulayman|suleiman|soleiman", "داود dawud|daoud|davood",
		"ادم adam", "نوح nuh|nouh", "صالح salih|saleh", "سعيد said|saeed|saeed",
		"سعد sad|saad", "مصطفي mustafa|mostafa", "مرتضي murtada|mortada|morteza",
		"رضا rida|reda|reza", "مهدي mahdi|mahdi|mehdi", "جعفر jafar|jaafar|jafar",
		"كاظم kazim|kadhim|kazem", "جواد jawad|jawad|javad", "باقر baqir|bakir|bagher",
		"هادي hadi", "حمزه hamza", "طارق tariq|tarek|tarigh", "زياد ziyad|ziad",
		"فيصل faysal|faisal", "فهد fahd", "سلمان salman", "منصور mansur|mansour",
		"ناصر nasir|nasser|naser", "نصر nasr", "جمال jamal", "كمال kamal",
		"عادل adil|adel", "عامر amir|amer", "امير amir|ameer|amir", "عمرو amr",
		"عمار ammar", "عباس abbas", "عزيز aziz", "عبيد ubayd|obaid|obeid",
		"اسامه usama|osama", "انس anas", "بكر bakr", "ابو abu|abou|abu",
		"ابن ibn", "بن bin|ben|bin", "بنت bint", "ام umm|om", "ال al",
		"فاطمه fatima|fatma|fatemeh", "عايشه aisha|aicha|aisheh", "خديجه khadija|khadija|khadijeh",
		"زينب zaynab|zeinab", "مريم maryam|mariam|maryam", "نور nur|nour", "هدي huda|hoda",
		"ليلي layla|leila", "سلمي salma", "امينه amina|amina|amineh", "رحمن rahman",
		"رحيم rahim|raheem|rahim", "كريم karim|kareem|karim", "قادر qadir|kader|ghader",
		"حميد hamid", "حامد hamid|hamed", "مجيد majid|majeed|majid", "رشيد rashid|rachid|rashid",
		"سعود saud|saoud", "خليل khalil", "جميل jamil", "نبيل nabil", "وليد walid|walid|valid",
		"شريف sharif|cherif|sharif", "لطيف latif", "مالك malik|malek", "ماهر mahir|maher",
		"محسن muhsin|mohsen", "حسني husni|hosni", "قاسم qasim|kassem|ghasem",
		"هاشم hashim|hashem", "هشام hisham|hesham|hesham", "عصام isam|issam|esam",
		"وسام wisam|wissam|vesam", "بشار bashshar|bashar", "بشير bashir|bachir|bashir",
		"نزار nizar", "غسان ghassan", "رامي rami", "سامي sami", "فادي fadi", "مروان marwan",
		"عدنان adnan", "عماد imad|emad", "رياض riyad|riad|riyaz", "فريد farid",
		"فواد fuad|fouad", "مراد murad|mourad|morad", "حبيب habib", "صلاح salah",
		"الدين al din|al din|al din", "دين din", "شمس shams", "بدر badr", "زيد zayd|zaid",
		"اسد asad|assad", "حافظ hafiz|hafez", "انور anwar|anouar|anvar", "ادريس idris|idriss|edris",
		"الياس ilyas|elias|elyas", "اسلام islam|islam|eslam", "اياد iyad|eyad", "ايمن ayman",
		"امين amin", "ايوب ayyub|ayoub|ayoub", "عرفان irfan|erfan", "عزت izzat|ezzat|ezzat",
		"امام imam|imam|emam", "عبدالله abd allah", "عبدالرحمن abd al rahman",
		"حاج hajj|haj|haj", "حاجي haji", "شيخ shaykh|sheikh|sheikh", "سيد sayyid|sayed|seyed",
		"رقيه ruqayya|roukaya|roghayeh", "زهرا zahra", "زهراء zahra",
		"معصومه masuma|massouma|masoumeh", "طاهره tahira|tahera|tahereh", "امید umid|omid|omid",
		"اكبر akbar", "اصغر asghar", "علیرضا alireza", "عليرضا alireza", "محمدرضا muhammadreza|mohammadreza|mohammadreza",
		"غلام ghulam|gholam", "مجتبي mujtaba|mojtaba", "مسعود masud|masoud|masoud", "رسول rasul|rasoul|rasoul",
		"نادر nadir|nader", "مينا mina", "نيما nima", "ارش arash", "فرهاد farhad",
		"بهرام bahram", "داريوش daryush|dariush", "كوروش kurush|kourosh", "سياوش siyavush|siavash",
		"عبدالعزيز abd al aziz", "عبدالكريم abd al karim", "عبدالقادر abd al qadir",
		"عبدالرحيم abd al rahim", "عبدالحميد abd al hamid", "عبدالمجيد abd al majid",
		"عبدالملك abd al malik", "عبدالسلام abd al salam", "عبدالناصر abd al nasir",
		"ابوبكر abu bakr", "يونس yunus|younes|yunes",
		"ابوالفضل abu al fadl|abou al fadl|abolfazl", "عيد eid", "عوض awad", "عواد awwad",
		"عون awn|aoun", "عرب arab", "عراقي iraqi", "عطا ata", "عطيه atiyya|attia",
		"عقيل aqil|akil|aghil", "علاء ala|alaa", "عفيف afif", "عاطف atif|atef",
		"عاصم asim|assem|asem", "عارف arif|aref", "عبير abir", "عفاف afaf", "عاليه aliya|alia",
		"عليا ulya|olia", "ياسر yasir|yasser|yaser", "ياسين yasin|yassine|yasin",
		"يزيد yazid", "وائل wail|wael|vael", "وايل wail|wael|vael", "ولد walad|ould",
		"معمر muammar|moammar", "سراج siraj", "سيف sayf|saif|seif", "جلال jalal", "ضياء diya|dia|zia",
		"فخر fakhr", "قمر qamar|kamar|ghamar", "عز izz|ezz|ezz", "تقي taqi|taki|taghi", "محيي muhyi|mohyi",
		"نجيب najib|naguib", "منير munir|mounir|monir", "مختار mukhtar|mokhtar", "بلال bilal|belal",
		"جبريل jibril|gibril|jebreil", "سفيان sufyan|soufiane|sofyan", "زبير zubayr|zoubeir|zobeir",
		"سهيل suhayl|souheil|soheil", "حذيفه hudhayfa|houdaifa|hozeyfeh", "شعيب shuayb|chouaib|shoaib",
		"قطب qutb|koutb|ghotb", "ربيع rabi|rabie", "لؤي luayy|louai", "مؤمن mumin|moumen|momen",
		"صبري sabri", "فتحي fathi|fathy", "رفعت rifat|refaat|rafat", "مدحت midhat|medhat",
		"شوقي shawqi|chawki", "مجدي majdi|magdy", "حمدي hamdi|hamdy", "عمرو amr",
		"الناز elnaz", "الهام ilham|elham|elham", "الهه elaheh", "الميرا elmira", "الماس almas",
	} {
		sp := strings.IndexByte(e, ' ')
		forms := strings.Split(e[sp+1:], "|")
		var f [3]string
		for i := range f {
			if i < len(forms) {
				f[i] = forms[i]
			} else {
				f[i] = f[i-1]
			}
		}
		m[arabicKey(e[:sp])] = f
	}
	return m
}()

func isArabicLetter(r rune) bool {
	return r >= 0x620 && r <= 0x64A || r >= 0x66E && r <= 0x6D3 || r == 0x6D5 ||
		r >= 0x6EE && r <= 0x6EF || r >= 0x6FA && r <= 0x6FC || r >= 0x750 && r <= 0x77F ||
		r >= 0x8A0 && r <= 0x8C9 || r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFC
}

// isArabicMark: harakat, Quranic marks and tatweel, read or ignored
// inside a word.
func isArabicMark(r rune) bool {
	return r >= 0x610 && r <= 0x61A || r >= 0x64B && r <= 0x65F || r == 0x670 ||
		r >= 0x6D6 && r <= 0x6ED || r == 0x640
}

// arabicKey normalises an Arabic word for the name table: no marks or
// tatweel, one alef, ى ی ئ → ي, ک → ك, ة ۀ → ه, ؤ → و.
func arabicKey(w string) string {
	var b strings.Builder
	for _, r := range w {
		switch r {
		case 'أ', 'إ', 'آ', 'ٱ':
			r = 'ا'
		case 'ى', 'ی', 'ئ', 'ې', 'ۍ':
			r = 'ي'
		case 'ک':
			r = 'ك'
		case 'ة', 'ۀ', 'ە', 'ہ', 'ھ':
			r = 'ه'
		case 'ؤ':
			r = 'و'
		}
		if isArabicMark(r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isPersianText(s string) bool {
	for _, r := range s {
		switch r {
		case 'پ', 'چ', 'ژ', 'گ', 'ی', 'ک', 'ۀ':
			return true
		}
	}
	return false
}

// arabicLatin transliterates a run of Arabic-script text.
func arabicLatin(s string) []string {
	systems := []int{arScholarly, arPopular}
	if isPersianText(s) {
		systems = []int{arPersian, arScholarly, arPopular}
	}
	isWord := func(r rune) bool { return isArabicLetter(r) || isArabicMark(r) }
	words := splitRuns(s, isWord)
	out := make([]string, len(systems))
	for i, sys := range systems {
		var b strings.Builder
		for k := 0; k < len(words); k++ {
			w := words[k]
			if !w.in {
				b.WriteString(arabicDigits(w.text))
				continue
			}
			if k+2 < len(words) && isSuffixI(words[k+1].text, words[k+2].text) {
				// the Persian suffix -i (خامنه‌ای, Khamenei): a final ه
				// before it is the vowel e, not a consonant
				var wb strings.Builder
				arabicWord(&wb, w.text, sys)
				stem := wb.String()
				if strings.HasSuffix(arabicKey(w.text), "ه") {
					stem = strings.TrimSuffix(stem, "h")
				}
				b.WriteString(stem)
				b.WriteByte('i')
				k += 2
				continue
			}
			arabicWord(&b, w.text, sys)
		}
		out[i] = b.String()
	}
	return out
}

// isSuffixI reports whether w, after the separator sep, is the Persian
// suffix -i: ای or ی after a zero-width non-joiner, or ای written apart
// (خامنه ای), as it often is where the non-joiner is hard to type.
func isSuffixI(sep, w string) bool {
	k := arabicKey(w)
	return sep == "\u200c" && (k == "اي" || k == "ي") || sep == " " && k == "اي"
}

func arabicDigits(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool {
		return r >= 0x660 && r <= 0x669 || r >= 0x6F0 && r <= 0x6F9 || r == 0x60C || r == 0x61B || r == 0x61F
	}) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0x660 && r <= 0x669:
			b.WriteByte(byte('0' + r - 0x660))
		case r >= 0x6F0 && r <= 0x6F9:
			b.WriteByte(byte('0' + r - 0x6F0))
		case r == 0x60C || r == 0x61B || r == 0x61F: // Arabic comma, semicolon, question mark
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func arabicWord(b *strings.Builder, w string, sys int) {
	key := arabicKey(w)
	if f, ok := arabicNames[key]; ok {
		b.WriteString(f[sys])
		return
	}
	rs := []rune(key)
	// two known names written together (Persian): امیرمحمد → amirmohammad
	for k := 2; k+2 <= len(rs); k++ {
		f1, ok1 := arabicNames[string(rs[:k])]
		if !ok1 || string(rs[:k]) == "ال" {
			continue
		}
		if f2, ok2 := arabicNames[string(rs[k:])]; ok2 && f1[0] != "abd" && wordClass[f1[0]]&(wParticle|wArticle) == 0 {
			b.WriteString(f1[sys])
			b.WriteString(f2[sys])
			return
		}
	}
	// joined عبد + ال...: عبدالرحمن → abd al rahman
	if len(rs) > 5 && string(rs[:3]) == "عبد" && string(rs[3:5]) == "ال" {
		b.WriteString("abd ")
		arabicWord(b, string(rs[3:]), sys)
		return
	}
	// the article
	if len(rs) > 3 && rs[0] == 'ا' && rs[1] == 'ل' {
		b.WriteString("al ")
		arabicWord(b, string(rs[2:]), sys)
		return
	}
	// ابو joined to a name: ابوبكر
	if len(rs) > 4 && string(rs[:3]) == "ابو" {
		if f, ok := arabicNames[string(rs[3:])]; ok {
			b.WriteString(arabicNames["ابو"][sys])
			b.WriteByte(' ')
			b.WriteString(f[sys])
			return
		}
	}
	if hasHarakat(w) {
		arabicVocalised(b, w, sys)
		return
	}
	arabicConsonantal(b, w, sys)
}

func hasHarakat(w string) bool {
	for _, r := range w {
		if r == 0x64E || r == 0x64F || r == 0x650 {
			return true
		}
	}
	return false
}

// arabicConsonant gives the Latin of a consonant letter in system sys, or
// "" and false for letters that are not plain consonants.
func arabicConsonant(r rune, sys int) (string, bool) {
	persian := sys == arPersian
	switch r {
	case 'ب':
		return "b", true
	case 'ت', 'ط', 'ٹ':
		return "t", true
	case 'ث':
		if persian {
			return "s", true
		}
		return "th", true
	case 'ج':
		return "j", true
	case 'ح':
		return "h", true
	case 'خ':
		return "kh", true
	case 'د', 'ڈ':
		return "d", true
	case 'ذ':
		if sys == arScholarly {
			return "dh", true
		}
		return "z", true
	case 'ر', 'ڑ':
		return "r", true
	case 'ز':
		return "z", true
	case 'س':
		return "s", true
	case 'ش':
		return "sh", true
	case 'ص':
		return "s", true
	case 'ض':
		if persian {
			return "z", true
		}
		return "d", true
	case 'ظ':
		if sys == arScholarly {
			return "dh", true
		}
		return "z", true
	case 'غ':
		return "gh", true
	case 'ف', 'ڤ':
		if r == 'ڤ' {
			return "v", true
		}
		return "f", true
	case 'ق':
		if persian {
			return "gh", true
		}
		return "q", true
	case 'ك', 'ک':
		return "k", true
	case 'ل':
		return "l", true
	case 'م':
		return "m", true
	case 'ن', 'ں':
		return "n", true
	case 'ه', 'ھ', 'ہ':
		return "h", true
	case 'پ':
		return "p", true
	case 'چ':
		return "ch", true
	case 'ژ':
		return "zh", true
	case 'گ', 'ڨ':
		return "g", true
	}
	return "", false
}

type arUnit struct {
	text  string
	vowel bool
	long  bool // a long vowel written with a letter inside the word
	longA bool // ... and it is alef
}

// arabicConsonantal reads an unvocalised word (see the file comment).
func arabicConsonantal(b *strings.Builder, w string, sys int) {
	var rs []rune
	for _, r := range w {
		if !isArabicMark(r) {
			rs = append(rs, r)
		}
	}
	persian := sys == arPersian
	// isCons: a letter that is always a consonant
	isCons := func(i int) bool {
		if i < 0 || i >= len(rs) {
			return false
		}
		_, ok := arabicConsonant(rs[i], sys)
		return ok || rs[i] == 'ع' && i > 0
	}
	isYa := func(i int) bool { return i < len(rs) && (rs[i] == 'ي' || rs[i] == 'ی' || rs[i] == 'ې') }
	units := make([]arUnit, 0, len(rs)+2)
	prevCons := func() bool { return len(units) > 0 && !units[len(units)-1].vowel }
	for i, r := range rs {
		first, last := i == 0, i == len(rs)-1
		switch r {
		case 'ا', 'ٱ':
			if first && (i+1 < len(rs) && rs[i+1] == 'و' || isYa(i+1)) && isCons(i+2) {
				continue // ا + long vowel: the vowel letter carries it
			}
			units = append(units, arUnit{text: "a", vowel: true, long: !first, longA: !first})
		case 'آ':
			units = append(units, arUnit{text: "a", vowel: true, long: !first, longA: !first})
		case 'أ':
			units = append(units, arUnit{text: "a", vowel: true})
		case 'إ':
			units = append(units, arUnit{text: "i", vowel: true})
		case 'ء':
		case 'ؤ':
			units = append(units, arUnit{text: "u", vowel: true})
		case 'ئ':
			units = append(units, arUnit{text: "i", vowel: true})
		case 'ع':
			switch {
			case first && i+1 < len(rs) && (rs[i+1] == 'ا' || rs[i+1] == 'و' || isYa(i+1)):
				// the following letter carries the vowel
			case first:
				units = append(units, arUnit{text: "a", vowel: true})
			default:
				units = append(units, arUnit{text: ""}) // a consonant without letters
			}
		case 'ة', 'ۀ':
			units = append(units, arUnit{text: ifs(persian, "eh", "a"), vowel: true})
		case 'ى':
			units = append(units, arUnit{text: "a", vowel: true})
		case 'و':
			switch {
			case first:
				units = append(units, arUnit{text: waw(persian)})
			case i+1 < len(rs) && rs[i+1] == 'و':
				units = append(units, arUnit{text: waw(persian)})
			case isYa(i+1) && isCons(i+2):
				units = append(units, arUnit{text: waw(persian)}) // وي + consonant: the ي is the vowel (parviz)
			case prevCons() && (isCons(i+1) || last):
				u := "u"
				switch {
				case persian:
					u = "o"
				case sys == arPopular:
					u = "ou"
				}
				units = append(units, arUnit{text: u, vowel: true, long: true})
			case i == 1 && rs[0] == 'ا':
				units = append(units, arUnit{text: "u", vowel: true}) // initial او
			default:
				units = append(units, arUnit{text: waw(persian)})
			}
		case 'ي', 'ی', 'ې':
			switch {
			case first:
				units = append(units, arUnit{text: "y"})
			case isYa(i + 1):
				units = append(units, arUnit{text: "y"})
			case last:
				if prevCons() {
					units = append(units, arUnit{text: "i", vowel: true})
				} else {
					units = append(units, arUnit{text: "y"})
				}
			case prevCons() && isCons(i+1):
				units = append(units, arUnit{text: ifs(sys == arPopular, "ee", "i"), vowel: true, long: true})
			case i == 1 && rs[0] == 'ا':
				units = append(units, arUnit{text: "i", vowel: true}) // initial اي
			default:
				units = append(units, arUnit{text: "y"})
			}
		case 'ه', 'ھ', 'ہ':
			if last && !first && prevCons() {
				units = append(units, arUnit{text: ifs(persian, "eh", "a"), vowel: true})
				continue
			}
			units = append(units, arUnit{text: "h"})
		case 'ے', 'ۓ':
			units = append(units, arUnit{text: "e", vowel: true})
		default:
			if c, ok := arabicConsonant(r, sys); ok {
				units = append(units, arUnit{text: c})
			} else {
				units = append(units, arUnit{text: unidecodeRune(r), vowel: true})
			}
		}
	}
	insertVowels(b, units, ifs(persian, "e", "a"), true)
}

// insertVowels writes units, inserting the short vowel where two
// consonants would otherwise start a word, end it, follow a long vowel or
// make a cluster of three. faIl writes "i" instead after a long a before
// a final consonant (Arabic فاعل: khalid, hamid).
func insertVowels(b *strings.Builder, units []arUnit, short string, faIl bool) {
	closed := false // the previous consonant was left without a vowel
	for i, u := range units {
		b.WriteString(u.text)
		if u.vowel {
			closed = false
			continue
		}
		if i+1 >= len(units) || units[i+1].vowel {
			closed = false
			continue
		}
		// consonant followed by a consonant
		switch {
		case i == 0, closed:
			b.WriteString(short) // no initial cluster, no three consonants
			closed = false
		case faIl && units[i-1].longA && i+2 == len(units):
			b.WriteString("i") // فاعل: khalid, hamid, nasir
		case units[i-1].long, i+2 == len(units):
			b.WriteString(short) // no closed syllable after a long vowel, no final cluster
		default:
			closed = true
		}
	}
}

// arabicVocalised reads a word with harakat.
func arabicVocalised(b *strings.Builder, w string, sys int) {
	var last string // last consonant written, for shadda
	var lastVowel rune
	rs := []rune(w)
	for i, r := range rs {
		switch r {
		case 0x64E: // fatha
			b.WriteByte('a')
			lastVowel = 'a'
			continue
		case 0x650: // kasra
			b.WriteByte('i')
			lastVowel = 'i'
			continue
		case 0x64F: // damma
			b.WriteByte('u')
			lastVowel = 'u'
			continue
		case 0x651: // shadda
			b.WriteString(last)
			continue
		case 0x670: // dagger alef
			b.WriteByte('a')
			continue
		}
		if isArabicMark(r) {
			continue
		}
		switch r {
		case 'ا', 'ى':
			if lastVowel != 'a' {
				b.WriteByte('a')
			}
			lastVowel = 0
			continue
		case 'أ', 'آ', 'ٱ':
			if i == 0 {
				if r == 'آ' {
					b.WriteByte('a')
				}
			}
			lastVowel = 0
			continue
		case 'إ':
			if i == 0 {
				b.WriteByte('i')
			}
			lastVowel = 0
			continue
		case 'و':
			if lastVowel == 'u' {
				lastVowel = 0
				continue
			}
			last = "w"
		case 'ي', 'ی':
			if lastVowel == 'i' {
				lastVowel = 0
				continue
			}
			last = "y"
		case 'ة':
			if lastVowel != 'a' {
				b.WriteByte('a')
			}
			continue
		case 'ع', 'ء', 'ؤ', 'ئ':
			last = ""
			lastVowel = 0
			continue
		default:
			c, ok := arabicConsonant(r, sys)
			if !ok {
				c = unidecodeRune(r)
			}
			last = c
		}
		b.WriteString(last)
		lastVowel = 0
	}
}

func waw(persian bool) string {
	if persian {
		return "v"
	}
	return "w"
}
