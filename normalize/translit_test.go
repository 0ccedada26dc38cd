package normalize

import (
	"slices"
	"strings"
	"testing"

	"github.com/interdict/interdict"
)

// TestLatinRenderings: Latin must contain the listed renderings.
func TestLatinRenderings(t *testing.T) {
	cases := []struct {
		script string
		in     string
		want   []string
	}{
		{"Latn", "Vladimir PUTIN", []string{"vladimir putin"}},
		{"Cyrl", "Владимир Путин", []string{"vladimir putin"}},
		{"Cyrl", "Юрий Щербаков", []string{"yuriy shcherbakov", "iurii shcherbakov", "jurij shcherbakov"}},
		{"Cyrl", "Дмитрий Медведев", []string{"dmitriy medvedev", "dmitrii medvedev"}},
		{"Cyrl", "Елена Ёлкина", []string{"yelena yolkina", "elena elkina", "jelena jolkina"}},
		{"Cyrl", "Никита Хрущёв", []string{"nikita khrushchyov", "nikita khrushchev"}},
		{"Cyrl", "Сергей Шойгу", []string{"sergey shoygu", "sergei shoigu", "sergej shojgu"}},
		{"Cyrl", "Владимир Зеленский", []string{"vladimir zelenskiy", "vladimir zelenskii", "vladimir zelenskij"}},
		{"Cyrl (uk)", "Олександр Мирошниченко Євгенович Григорій Їжак", []string{"oleksandr myroshnychenko yevhenovych hryhorii yizhak", "oleksandr myroshnychenko yevhenovych hryhoriy yizhak", "oleksandr miroshnichenko jevgenovich grigorij jizhak"}},
		{"Cyrl (be)", "Аляксандр Лукашэнка Ўладзімір", []string{"aliaksandr lukashenka uladzimir", "alyaksandr lukashenka wladzimir"}},
		{"Cyrl (sr)", "Слободан Милошевић", []string{"slobodan milosevic", "slobodan miloshevich"}},
		{"Cyrl (bg)", "Бойко Борисов България", []string{"boyko borisov balgariya"}},
		{"Grek", "Αλέξανδρος Τσίπρας", []string{"alexandros tsipras"}},
		{"Grek", "Ευάγγελος Βενιζέλος", []string{"evangelos venizelos"}},
		{"Grek", "Χρήστος Μπακογιάννης", []string{"christos bakogiannis", "hristos bakogiannis"}},
		{"Arab", "محمد علي", []string{"muhammad ali", "mohamed ali"}},
		{"Arab", "عبد الرحمن", []string{"abd al rahman"}},
		{"Arab", "عبدالله بن خالد", []string{"abd allah bin khalid"}},
		{"Arab", "أبو بكر البغدادي", []string{"abu bakr al baghdadi"}},
		{"Arab", "سراج الدين حقاني", []string{"siraj al din haqani"}},
		{"Arab (fa)", "حسین موسوی", []string{"hossein mosevi", "husayn musawi", "hussein mousawi"}},
		{"Arab (fa)", "پرویز چگینی ژاله گلشیری", []string{"perviz chegini zhaleh gelshiri", "parwiz chagini zhala galshiri"}},
		{"Arab (fa)", "علی خامنه\u200cای", []string{"ali khamenei"}},        // the suffix -i after a non-joiner
		{"Arab (fa)", "علی خامنه ای", []string{"ali khamenei"}},             // and written apart
		{"Arab (fa)", "هاشمی\u200cرفسنجانی", []string{"hashemirefsenjani"}}, // no suffix: the parts joined
		{"Arab", "مُحَمَّد", []string{"muhammad"}},                          // table
		{"Arab", "كَتَبَ", []string{"kataba"}},                              // vocalised
		{"Hebr", "משה כהן", []string{"moshe cohen"}},
		{"Hebr", "דוד", []string{"david"}},
		{"Hani", "习近平", []string{"xi jinping", "xi jin ping"}},
		{"Hani", "欧阳修", []string{"ouyang xiu"}},
		{"Hani", "曾庆红", []string{"zeng qinghong"}},
		{"Hani", "金正恩", []string{"kim jong un"}}, // Sino-Korean reading
		{"Hani", "桂荣 兰", []string{"guirong lan"}},
		{"Hang", "김정은", []string{"kim jong un", "kim jongun", "kim jeong eun", "kim chong un"}},
		{"Hang", "이민호", []string{"lee min ho", "yi min ho", "rhee min ho"}},
		{"Hang", "박지성", []string{"park ji song", "park ji seong", "pak ji song"}},
		{"Hang", "현준 김", []string{"hyon jun kim"}},
		{"Kana", "やまだ たろう", []string{"yamada tarou"}},
		{"Kana", "ジェームズ・ボンド", []string{"jemuzu bondo"}},
		{"Kana", "きょうこ まっちゃ", []string{"kyouko matcha"}},
		{"Kana", "ｻﾄｳ ﾀﾞｲｽｹ", []string{"satou daisuke"}},
		{"Thai", "สมชาย ใจดี", []string{"somchai chaidi"}},
		{"Thai", "ทักษิณ", []string{"thaksin"}},
		{"Armn", "Արամ", []string{"aram"}},
		{"Geor", "ნიკოლოზ", []string{"nikoloz"}},
		{"Deva", "मोहना", []string{"mohana"}},
		{"Mixed", "Ivan Иванов", []string{"ivan ivanov"}},
		{"Mixed", "ООО Ромашка Ltd", []string{"ooo romashka ltd"}},
	}
	for _, c := range cases {
		got := Latin(c.in)
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: Latin(%q) = %q, missing %q", c.script, c.in, got, w)
			}
		}
		if len(got) > MaxVariants {
			t.Errorf("Latin(%q): %d renderings", c.in, len(got))
		}
		for i, g := range got {
			if g != Fold(g) {
				t.Errorf("Latin(%q)[%d] = %q not folded", c.in, i, g)
			}
			for j := range i {
				if got[j] == g {
					t.Errorf("Latin(%q): duplicate %q", c.in, g)
				}
			}
		}
	}
}

// TestScriptKeys: a non-Latin name must have a variant whose token keys
// equal those of a usual Latin spelling.
func TestScriptKeys(t *testing.T) {
	cases := []struct{ in, latin string }{
		{"Юрий Гагарин", "Yuri Gagarin"},
		{"Юрий Гагарин", "Jurij Gagarin"},
		{"Михаил Ходорковский", "Mikhail Khodorkovsky"},
		{"Михаил Ходорковский", "Michail Chodorkowskij"},
		{"Евгений Пригожин", "Yevgeny Prigozhin"},
		{"Евгений Пригожин", "Evgeniy Prigozhin"},
		{"Алексей Навальный", "Alexei Navalny"},
		{"Олександр Усик", "Oleksandr Usyk"},
		{"Олександр Усик", "Aleksandr Usik"},
		{"Άγγελος Χαριστέας", "Angelos Charisteas"},
		{"Γιώργος Παπανδρέου", "Giorgos Papandreou"},
		{"محمد بن سلمان", "Mohammed bin Salman"},
		{"عبد الرحمن", "Abdulrahman"},
		{"عبد الرحمن", "Abdel Rahman"},
		{"عبدالرحمن", "Abd al-Rahman"},
		{"حسن نصر الله", "Hassan Nasrallah"},
		{"پرویز", "Parviz"},
		{"صلاح الدين", "Salah Eddine"},
		{"يوسف القرضاوي", "Yusuf al-Qaradawi"},
		{"معمر القذافي", "Muammar al-Qadhafi"},
		{"معمر القذافي", "Muammar al-Gaddafi"},
		{"حسین خامنه", "Hossein Khamene"},
		{"王毅", "Wang Yi"},
		{"李克强", "Li Keqiang"},
		{"김여정", "Kim Yo Jong"},
		{"최룡해", "Choe Ryong Hae"},
		{"리설주", "Ri Sol Ju"},
		{"アベ シンゾウ", "Abe Shinzo"},
		{"משה דיין", "Moshe Dayan"},
		{"สมชาย", "Somchai"},
	}
	for _, c := range cases {
		q := Analyze(c.in, interdict.KindPerson)
		e := Analyze(c.latin, interdict.KindPerson)
		want := keysOf(e.Variants[0])
		ok := false
		var got [][]string
		for _, v := range q.Variants {
			got = append(got, keysOf(v))
			if slices.Equal(keysOf(v), want) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q vs %q: want keys %v, got %v (%s)", c.in, c.latin, want, got, strings.Join(Latin(c.in), " | "))
		}
	}
}

// TestScriptSkeletons: where the short vowels of a name are not written
// (Arabic, Hebrew), the Latin spelling may guess another first vowel than
// the transliteration; Skeleton still agrees.
func TestScriptSkeletons(t *testing.T) {
	cases := []struct{ in, latin string }{
		{"خالد مشعل", "Khaled Meshal"},
		{"جبير", "Jubair"},
		{"حسن نصر الله", "Hasan Nasrallah"},
		{"محمد", "Mhamed"},
		{"בנימין נתניהו", "Binyamin Netanyahu"},
		{"גולדשטיין", "Goldshtein"},
	}
	for _, c := range cases {
		q := Analyze(c.in, interdict.KindPerson)
		e := Analyze(c.latin, interdict.KindPerson)
		want := skeletonsOf(e.Variants[0])
		ok := false
		var got [][]string
		for _, v := range q.Variants {
			got = append(got, skeletonsOf(v))
			if slices.Equal(skeletonsOf(v), want) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q vs %q: want skeletons %v, got %v (%s)", c.in, c.latin, want, got, strings.Join(Latin(c.in), " | "))
		}
	}
}

func skeletonsOf(v Variant) []string {
	ks := make([]string, len(v.Tokens))
	for i, tk := range v.Tokens {
		ks[i] = tk.Skeleton
	}
	return ks
}

func TestDetectScriptMatchesInterdict(t *testing.T) {
	for _, s := range []string{
		"", "123", "John", "Иван", "Ivan Иванов", "محمد", "Ελλάδα", "משה", "习近平", "김정은",
		"やまだ", "山田たろう", "Արամ", "ნიკო", "สมชาย", "मोहना", "Jürgen", "ǅemal", "\xff\xfe",
		"山田 김", "ʻOkina", "Ⅻ",
	} {
		if got, want := DetectScript(s), interdict.DetectScript(s); got != want {
			t.Errorf("DetectScript(%q) = %s, interdict says %s", s, got, want)
		}
	}
}
