package normalize

import (
	"strings"
	"testing"
)

// keyFamilies: spellings that must share Key(Canon(token)).
var keyFamilies = [][]string{
	{"mohammad", "muhammad", "mohamed", "mohammed", "muhammed", "mohamad", "mouhamed", "mohd", "magomed"},
	{"yuri", "yuriy", "iouri", "jurij", "yury", "yurii", "iurii", "youri"},
	{"alexander", "aleksandr", "alexandr", "oleksandr", "aliaksandr", "alexandros"},
	{"aleksey", "alexei", "alexey", "aleksei", "oleksiy"},
	{"qaddafi", "gaddafi", "kadhafi", "gadhafi", "qadhafi", "kaddafi", "qadhdhafi", "gadafi"},
	{"hussein", "husayn", "hossein", "hussain", "husain", "husein", "huseyin", "houssein"},
	{"sergei", "sergey", "sergej", "serguei", "serhiy"},
	{"dmitry", "dmitriy", "dmitri", "dmitrij", "dimitri", "dmytro"},
	{"yevgeny", "evgeny", "evgeniy", "jewgenij", "ievgenii", "yevhen"},
	{"mikhail", "michail", "mihail", "mykhailo"},
	{"khaled", "khalid", "haled", "chaled"},
	{"osama", "usama", "oussama"},
	{"omar", "umar", "oumar"},
	{"yusuf", "youssef", "yousef", "yusif", "yosef", "iosif", "yusup"},
	{"ibrahim", "ebrahim", "ibragim"},
	{"mustafa", "mostafa", "moustapha", "mustapha"},
	{"abdulrahman", "abdelrahman", "abderrahmane", "abdurrahman", "abdourahmane"},
	{"abdullah", "abdallah", "abdulla", "abdalla"},
	{"nasrullah", "nasrallah", "nasrollah"},
	{"salahuddin", "salaheddine", "salaheddin"},
	{"vladimir", "volodymyr", "wladimir", "uladzimir"},
	{"nikolai", "nikolay", "mykola", "mikalai", "nicolai"},
	{"philip", "filip", "phillip"},
	{"walid", "valid", "waleed"},
	{"sheikh", "shaykh", "shaikh"},
	{"zaynab", "zeinab", "zainab"},
	{"said", "saeed", "sayed", "sayyid", "seyed"},
	{"tsvetkov", "tzvetkov"}, {"ivanov", "iwanow", "ivanow"}, {"gonzalez", "gonzales"}, {"khodorkovsky", "chodorkowski"},
	{"khrushchev", "chruschtschow", "khrushchyov"},
	{"aleksandra", "alexandra", "aleksandra"},
	{"kim", "gim"},
	{"lee", "yi", "rhee", "ri", "li"},
	{"park", "pak", "bak"},
	{"choi", "choe"},
	{"jong", "jeong", "jung", "chung"},
	{"un", "eun"},
	{"sung", "seong", "song"},
	{"hyun", "hyeon", "hyon"},
	{"othmane", "othman", "uthman", "osman", "usman"},
	{"yassine", "yasin", "yaseen"},
	{"jamal", "djamel", "gamal"},
	{"fatima", "fatimah", "fatema"},
	{"hasan", "hassan", "khasan", "gasan"},
	{"zakharov", "zakharow"},
}

func TestKeyFamilies(t *testing.T) {
	for _, fam := range keyFamilies {
		want := Key(Canon(fam[0]))
		for _, w := range fam[1:] {
			if got := Key(Canon(w)); got != want {
				t.Errorf("Key(Canon(%q)) = %q, want %q (as %q)", w, got, want, fam[0])
			}
			if Skeleton(Canon(w)) != Skeleton(Canon(fam[0])) {
				t.Errorf("Skeleton(%q) != Skeleton(%q)", w, fam[0])
			}
		}
	}
}

// distinctNames: pairs of unrelated names whose keys must differ.
var distinctNames = [][2]string{
	{"yuri", "ira"}, {"yuri", "uri"}, {"aleksandr", "aleksandra"}, {"mohammad", "mohammadi"},
	{"mohammad", "mahdi"}, {"hussein", "husseini"}, {"ali", "eli"}, {"ali", "ola"},
	{"omar", "amir"}, {"karim", "karima"}, {"hassan", "hussein"}, {"jamal", "kamal"},
	{"samir", "shamir"}, {"ivan", "ivana"}, {"ivanov", "ivanova"}, {"petrov", "petrova"},
	{"nasser", "nizar"}, {"said", "sadiq"}, {"sergei", "sergeyev"}, {"kim", "kam"},
	{"park", "perk"}, {"lee", "lai"}, {"zhang", "zheng"}, {"wang", "wong"},
	{"chen", "chan"}, {"smith", "schmidt"}, {"john", "jan"}, {"maria", "marta"},
	{"ahmad", "ahmadi"}, {"rashid", "rashida"}, {"david", "daud"},
	{"vera", "fera"}, {"zayed", "said"}, {"farid", "ward"}, {"viktor", "vitor"}, {"olga", "helga"},
}

func TestKeyDistinct(t *testing.T) {
	for _, p := range distinctNames {
		if Key(Canon(p[0])) == Key(Canon(p[1])) {
			t.Errorf("Key(%q) == Key(%q) == %q", p[0], p[1], Key(Canon(p[0])))
		}
	}
}

func TestKeyProperties(t *testing.T) {
	for _, w := range []string{"", "a", "x", "xi", "h", "ah", "hh", "a320", "2024", "müller", "sh", "yy", "abd", "abdul", "eddine", "ullah"} {
		k, s := Key(w), Skeleton(w)
		if (w == "") != (k == "") || (w == "") != (s == "") {
			t.Errorf("Key(%q) = %q, Skeleton = %q", w, k, s)
		}
		if strings.ToLower(k) != k {
			t.Errorf("Key(%q) = %q not lower-case", w, k)
		}
	}
	// Key equality implies Skeleton equality over all family members
	var all []string
	for _, f := range keyFamilies {
		all = append(all, f...)
	}
	for _, a := range all {
		for _, b := range all {
			if Key(a) == Key(b) && Skeleton(a) != Skeleton(b) {
				t.Errorf("Key(%q) == Key(%q) but skeletons %q, %q", a, b, Skeleton(a), Skeleton(b))
			}
		}
	}
}

func TestCanon(t *testing.T) {
	for in, want := range map[string]string{
		"oleksandr": "aleksandr", "mykola": "nikolay", "rhee": "lee", "pak": "park",
		"magomed": "muhammad", "ibragim": "ibrahim", "ivan": "ivan", "john": "john",
	} {
		if got := Canon(in); got != want {
			t.Errorf("Canon(%q) = %q, want %q", in, got, want)
		}
	}
	// every class member maps to its head, and heads are not members of
	// another class
	for _, c := range canonClasses {
		f := strings.Fields(c)
		if _, ok := canonMap[f[0]]; ok {
			t.Errorf("class head %q is also a member", f[0])
		}
	}
}
