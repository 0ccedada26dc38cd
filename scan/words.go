package scan

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strings"
	"sync"
)

// english is the lower-case vocabulary of a small English dictionary
// (lexicon/COPYING says which and under what licence): a word in it that
// happens to be a listed organisation or vessel ("argument", "graceful",
// "ocean", "star") is not enough to alert on its own. Measured on
// ../shared/data: 940 of the 7,943 single-word names of listed
// organisations and vessels are such words.
//
//go:embed lexicon/english.txt.gz
var englishGz []byte

var english = sync.OnceValue(func() map[string]struct{} {
	m := make(map[string]struct{}, 41000)
	zr, err := gzip.NewReader(bytes.NewReader(englishGz))
	if err != nil {
		panic("scan: embedded lexicon: " + err.Error()) // a build defect, not input
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		m[sc.Text()] = struct{}{}
	}
	if err := sc.Err(); err != nil {
		panic("scan: embedded lexicon: " + err.Error())
	}
	return m
})

// isEnglishWord reports whether the folded word is in the English lexicon.
func isEnglishWord(w string) bool {
	_, ok := english()[w]
	return ok
}

// wordSet builds a set from space-separated words.
func wordSet(lists ...string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lists {
		for _, w := range strings.Fields(l) {
			m[w] = true
		}
	}
	return m
}

// functionWords never begin or end a name span, and never alert alone:
// articles, prepositions, pronouns, auxiliaries and the verbs of
// reporting, in the languages of the test texts and their neighbours.
// Inside a span they stay ("Bank of Moscow").
var functionWords = wordSet(
	// English
	`a an the of and or nor in on at to for from by with as is are was were be been being has have had do does did
	he she it they we i you his her its their our my your him them us me this that these those but not no so if than
	then there here who whom whose which what when where why how all any some each both more most other such only also
	very just after before during while since until about against between into through over under again once said says
	say told tells according meanwhile however although though yet still will would could should may might must can
	shall per via amid among despite including like near off out up down upon within without new last next first
	second third mr mrs ms dr prof sir madam mister lord lady monday tuesday wednesday thursday friday saturday sunday
	january february march april may june july august september october november december today yesterday tomorrow
	week month year`,
	// Russian (with the common case forms)
	`и в во на с со к ко по за из от до о об обо у при для про без над под перед через между а но или что чтобы как
	это этот эта эти этого этой этом тот та те того той не ни же ли бы уже ещё еще также тоже его её ее их он она они
	оно мы вы я ты ему ей им ним ней них который которая которое которые которого которой которых где когда после до
	заявил заявила заявили сказал сказала сообщил сообщила отметил отметила подчеркнул по словам глава господин
	года году год января февраля марта апреля мая июня июля августа сентября октября ноября декабря`,
	// Russian sentence openers
	`затем также ранее однако кроме между тем позже впоследствии вчера сегодня завтра`,
	// Ukrainian, German, French, Spanish, Italian: the common words that
	// are no part of a name (le, la, el, y, der… are particles)
	`та що як це від для під
	die das dem ein eine einer und oder mit im am auf für bei nach über
	les et ou avec pour dans sur par au aux
	los las con para por en una uno gli per`,
	// Arabic and Persian
	`في من على إلى الى عن مع هذا هذه ذلك تلك التي الذي الذين أن إن ان قال وقال قالت كان كانت و أو او ثم
	قد لقد بعد قبل حيث عند كما وزير رئيس
	الروسي الروسية التركي التركية الإيراني الإيرانية الايراني الأمريكي الأمريكية الامريكي السوري السورية
	العراقي اللبناني الصيني الفرنسي البريطاني الألماني الأوكراني الإسرائيلي
	از به با در که این آن را و است بود شد های برای`,
)

// particles begin a name or join its parts ("al", "bin", "van der"); a
// span may start with one but not end with one.
var particles = wordSet(`al el ul ad ud ar ur as us at an ash bin ibn ben bint binti abu abou umm ould
	van von der den de del della di da das do dos du la le zu ten ter y`)

// abbreviations are words a full stop follows without ending a sentence.
var abbreviations = wordSet(`mr mrs ms dr prof sr jr st gen lt col maj capt cpt adm cmdr sgt rev hon gov sen rep pres
	inc ltd co corp llc plc bros no nos vs etc approx dept est fig jan feb mar apr jun jul aug sep sept oct nov dec
	mt mv ft
	г гг т д ул им см др пр тыс млн млрд руб коп стр рис напр ок тов проф акад ген полк
	av ave bd`)

// abbreviation reports whether a word ending in a full stop is a known
// abbreviation.
func abbreviation(w string) bool {
	if len(w) > 8 {
		return false
	}
	return abbreviations[strings.ToLower(w)]
}

// vesselCues name a vessel: a single-word vessel name ("Graceful") counts
// only after one of them.
var vesselCues = wordSet(`vessel vessels ship ships tanker tankers yacht yachts superyacht freighter carrier
	boat trawler barge tug mv m/v mt m/t ss imo ferry cargo bulker
	судно судна судну танкер танкера танкеру яхта яхты яхте яхту теплоход сухогруз`)

// orgCues name an organisation before its name ("the company Argument").
var orgCues = wordSet(`company firm group bank corporation concern holding plant factory enterprise agency
	компания компании компанией фирма фирмы банк банка концерн концерна холдинг холдинга завод завода
	предприятие предприятия группа группы корпорация корпорации агентство`)

// commonAcronyms are abbreviations news text uses every day that are
// also, by chance, a listed organisation's short name (МИД, the Russian
// foreign ministry, is North Korea's Munitions Industry Department, MID,
// to the lists): never a mention alone.
var commonAcronyms = wordSet(`un us usa uk eu nato iaea opec who wto imf ceo cfo coo gdp tv bbc cnn ap afp ussr
	mid mfa mod ngo pm mp fbi cia nsa dod gmt utc am pm hq ltd inc llc jsc ojsc ooo pjsc
	мид оон сша рф ес нато магатэ опек сми снг одкб воз вто мвф ссср гмт мск ооо оао зао пао ао`)

// titles stand before a name and are no part of it: a span never starts
// with one, and a surname repeated after one ("President Putin",
// "Президент Путин") still refers to the person named before.
var titles = wordSet(`president premier prime minister chancellor chairman chairwoman chair chief director general colonel
	lieutenant major captain admiral commander secretary spokesman spokeswoman spokesperson ambassador envoy
	governor mayor senator deputy speaker patriarch ayatollah sheikh king queen prince emir sultan judge
	mr mrs ms dr prof sir gen col lt maj capt adm
	президент премьер министр глава председатель генерал полковник подполковник майор адмирал директор
	губернатор мэр посол постпред депутат сенатор спикер замминистра замглавы вице-премьер господин г-н канцлер
	патриарх аятолла шейх король принц эмир`)
