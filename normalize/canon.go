package normalize

import "strings"

// Canon returns the canonical member of the given-name equivalence class
// of a folded token, or the token itself when it belongs to none. The
// classes join spellings that Key cannot join because they differ in a
// consonant or in the opening or closing vowel: national forms of one name
// (Ukrainian Oleksandr, Mykola, Serhiy; Belarusian Aliaksandr), Russian
// renderings of Arabic names (Magomed, Ibragim, Gusein), abbreviations
// (Mohd, Muhd) and a few Korean surname spellings (Rhee/Lee, Pak/Park).
//
// The table is written from general knowledge of name spelling; it holds
// transliteration and national variants only, not translations (Ivan is
// not John) nor nicknames. Analyze applies it before Key for person names.
func Canon(token string) string {
	if c, ok := canonMap[token]; ok {
		return c
	}
	return token
}

// canonClasses: canonical form first, then its variants.
var canonClasses = []string{
	// Slavic
	"aleksandr alexander oleksandr oleksander aliaksandr alyaksandr aliaksandar alexandr alexandros aleksandar aleksander alexandre",
	"aleksey alexei alexey aleksei oleksiy oleksii oleksij aliaksei alyaksei",
	"sergey sergei serhiy serhii serhij siarhei siarhey",
	"nikolay nikolai mykola mikalai nikolaj",
	"mikhail mykhailo mykhaylo mikhailo mikhas mikhaylo",
	"pyotr petr piotr petro pyatro",
	"pavel pavlo paval",
	"vladimir volodymyr uladzimir wladimir",
	"vasily vasiliy vasilii vasyl vasil vasilij",
	"yevgeny evgeny evgeniy yevgeniy yevhen yevheniy ievgenii evgenii ievhen jewgeni",
	"igor ihor ihar",
	"oleg oleh aleh",
	"olga olha volha",
	"gennady gennadiy hennadiy hennadii genadiy henadz",
	"grigory grigoriy hryhoriy hryhorii ryhor",
	"georgy georgiy heorhiy heorhii",
	"bogdan bohdan",
	"yelena elena olena",
	"yekaterina ekaterina kateryna katsiaryna",
	"galina halyna",
	"anatoly anatoliy anatolii anatol",
	"leonid leanid",
	"fyodor fedor fedir fiodar",
	"yakov iakov yakiv",
	"ilya illia illya",
	"mikhailovich mykhailovych",
	"vitaly vitaliy vitalii vitali",
	"vyacheslav viacheslav",
	"volodymyrovych vladimirovich",
	// Arabic names in Russian and Central Asian spelling, abbreviations
	"muhammad mohd muhd mhd magomed mukhammad mukhammed",
	"ibrahim ibragim",
	"husayn gusein guseyn huseyn",
	"hasan gasan",
	"hajji gadzhi haji hadzhi",
	"yusuf yusup",
	"uthman osman usman othman ousmane usmon",
	"abdulla abdullo",
	"jamal gamal djamel",
	"jamil gamil",
	"najib nagib naguib",
	"rajab ragab",
	"yahya yehia yehya",
	"kazem kadhim kazim",
	"reza rida ridha",
	"allah ullah ollah",
	// Korean surnames
	"lee rhee yi ri rhie",
	"park pak bak",
	"choi choe chwe",
	"jung chung cheong",
	"lim rim",
	"shin sin",
	"shim sim",
	"ahn an",
	"sohn son",
	"baek paek paik baik",
	"heo hur huh",
	"noh roh",
	"bae pae",
	"bang pang",
	"byun byeon pyon",
	"uhm eom um",
}

var canonMap = func() map[string]string {
	m := map[string]string{}
	for _, c := range canonClasses {
		f := strings.Fields(c)
		for _, v := range f[1:] {
			m[v] = f[0]
		}
	}
	return m
}()
