package country

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// value is one line of testdata/values.tsv.
type value struct {
	line    int
	s, code string
	sources string
}

func loadValues(tb testing.TB) []value {
	tb.Helper()
	f, err := os.Open("testdata/values.tsv")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var vs []value
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 3 {
			tb.Fatalf("testdata/values.tsv:%d: want 3 tab-separated fields, got %d", n, len(fields))
		}
		vs = append(vs, value{n, unescape(fields[0]), fields[1], fields[2]})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return vs
}

// unescape undoes the \t \n \r \\ escapes of values.tsv.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// TestValues is the acceptance test: every distinct country string found in
// the published lists under ../shared/data resolves to the reviewed code.
func TestValues(t *testing.T) {
	vs := loadValues(t)
	if len(vs) < 1000 {
		t.Fatalf("testdata/values.tsv has %d values, want the full extraction (1000+)", len(vs))
	}
	seen := map[string]int{}
	for _, v := range vs {
		if prev, ok := seen[v.s]; ok {
			t.Errorf("testdata/values.tsv:%d: %q repeats line %d", v.line, v.s, prev)
		}
		seen[v.s] = v.line
		got, ok := Code(v.s)
		want := v.code
		if want == "?" {
			t.Errorf("testdata/values.tsv:%d: %q (from %s) is not reviewed: write its code, or \"-\" if it is not a country (Code now gives %q, %v)", v.line, v.s, v.sources, got, ok)
			continue
		}
		if want == "-" {
			if ok || got != "" {
				t.Errorf("testdata/values.tsv:%d: Code(%q) = %q, %v; want not a country (from %s)", v.line, v.s, got, ok, v.sources)
			}
			if cs := Codes(v.s); len(cs) != 0 {
				t.Errorf("testdata/values.tsv:%d: Codes(%q) = %v; want none", v.line, v.s, cs)
			}
			continue
		}
		if !ok || got != want {
			t.Errorf("testdata/values.tsv:%d: Code(%q) = %q, %v; want %q (from %s)", v.line, v.s, got, ok, want, v.sources)
		}
		if cs := Codes(v.s); !slices.Contains(cs, want) {
			t.Errorf("testdata/values.tsv:%d: Codes(%q) = %v; want it to hold %q", v.line, v.s, cs, want)
		}
		if Name(want) == "" {
			t.Errorf("testdata/values.tsv:%d: Name(%q) is empty", v.line, want)
		}
	}
}

func TestCodeVariants(t *testing.T) {
	tests := []struct {
		in, want string // want "" means not a country
	}{
		// Korea
		{"Korea, North", "KP"}, {"North Korea", "KP"}, {"DPRK", "KP"}, {"D.P.R.K.", "KP"},
		{"Democratic People's Republic of Korea", "KP"}, {"Democratic People’s Republic of Korea", "KP"},
		{"KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF", "KP"}, {"Korea (North)", "KP"}, {"北朝鮮", "KP"},
		{"Korea, South", "KR"}, {"South Korea", "KR"}, {"Republic of Korea", "KR"}, {"Korea, Republic of", "KR"},
		{"Korea", ""},
		// Burma, Russia, Syria, Iran
		{"Burma", "MM"}, {"Myanmar", "MM"}, {"Myanmar (Burma) / Myanmar (Birmanie)", "MM"},
		{"Russia", "RU"}, {"Russian Federation", "RU"}, {"RUSSIAN FEDERATION", "RU"}, {"Russie", "RU"},
		{"Russia / Russie", "RU"}, {"ロシア", "RU"}, {"ロシア\nRussian Federation", "RU"}, {"the Russian Federation", "RU"},
		{"Syria", "SY"}, {"Syrian Arab Republic", "SY"}, {"Syrie", "SY"}, {"シリア", "SY"},
		{"Iran", "IR"}, {"Iran (Islamic Republic of)", "IR"}, {"IRAN (ISLAMIC REPUBLIC OF)", "IR"},
		{"Iran, Islamic Republic of", "IR"}, {"イラン", "IR"}, {"Iranian", "IR"},
		// Congo, Côte d'Ivoire, Türkiye, Czechia
		{"Congo, Democratic Republic of the", "CD"}, {"Democratic Republic of the Congo", "CD"}, {"DRC", "CD"},
		{"Congo (Democratic Republic)", "CD"}, {"Congo, Republic of the", "CG"}, {"Congo", "CG"},
		{"Cote d'Ivoire", "CI"}, {"Côte d'Ivoire", "CI"}, {"Côte d’Ivoire", "CI"}, {"Cote d Ivoire", "CI"},
		{"COTE D'IVOIRE", "CI"}, {"Ivory Coast", "CI"},
		{"Turkey", "TR"}, {"Türkiye", "TR"}, {"TÜRKIYE", "TR"}, {"Turkiye", "TR"},
		{"Czechia", "CZ"}, {"Czech Republic", "CZ"},
		// UAE, UK, USA
		{"UAE", "AE"}, {"U.A.E.", "AE"}, {"United Arab Emirates", "AE"}, {"アラブ首長国連邦", "AE"},
		{"UK", "GB"}, {"U.K.", "GB"}, {"United Kingdom", "GB"}, {"Great Britain", "GB"},
		{"United Kingdom of Great Britain and Northern Ireland", "GB"}, {"England", "GB"},
		{"USA", "US"}, {"U.S.A.", "US"}, {"United States of America", "US"}, {"United States", "US"},
		// Hong Kong, Macao, Taiwan, China
		{"Hong Kong", "HK"}, {"香港", "HK"}, {"China, Hong Kong Special Administrative Region", "HK"},
		{"Macau", "MO"}, {"Macao", "MO"}, {"Taiwan", "TW"}, {"Taiwan, Province of China", "TW"}, {"台湾", "TW"},
		{"中国", "CN"}, {"Chine", "CN"}, {"PRC", "CN"}, {"People's Republic of China", "CN"},
		// Palestine and occupied regions
		{"Gaza", "PS"}, {"West Bank", "PS"}, {"Region: Gaza", "PS"}, {"Palestinian", "PS"},
		{"Occupied Palestinian Territories", "PS"}, {"State of Palestine", "PS"}, {"Gaza Strip", "PS"},
		{"Crimea", "UA"}, {"Region: Crimea", "UA"}, {"Donetsk Region", "UA"}, {"Luhansk", "UA"},
		{"ge-ab", "GE"}, {"UA-43", "UA"}, {"GB-ENG", "GB"}, {"Abkhazia", "GE"},
		// Historical states
		{"USSR", "SU"}, {"Soviet Union", "SU"}, {"former Soviet Union", "SU"}, {"suhh", "SU"},
		{"Yugoslavia", "YU"}, {"yucs", "YU"}, {"Serbia and Montenegro", "YU"}, {"csxx", "YU"},
		{"Czechoslovakia", "CS"}, {"cshh", "CS"}, {"German Democratic Republic", "DD"}, {"ddde", "DD"},
		{"Netherlands Antilles", "AN"}, {"Kosovo", "XK"}, {"xk", "XK"},
		{"Ukrainian SSR", "UA"}, {"Kazakh Soviet Socialist Republic (now Kazakhstan)", "KZ"},
		{"USSR (now Russian Federation)", "RU"}, {"USSR (Uzbekistan)", "UZ"}, {"Former USSR, now Azerbaijan", "AZ"},
		{"Former USSR Currently Belarus", "BY"}, {"Azerbaijan (former USSR)", "AZ"}, {"Komi ASSR", "RU"},
		// Codes in any case
		{"RU", "RU"}, {"ru", "RU"}, {"Ru", "RU"}, {"RUS", "RU"}, {"rus", "RU"}, {"IRN", "IR"}, {"prk", "KP"},
		{"eu", "EU"}, {"European Union", "EU"},
		// Shapes
		{"  Venezuela ", "VE"}, {"Venezuela\u00a0", "VE"}, {"Haiti / Haïti", "HT"}, {"Sudan / Soudan", "SD"},
		{"(1) Russia (2) Ukraine", "RU"}, {"a) Iraq b) Syrian Arab Republic", "IQ"}, {"Iraq; Lebanon", "IQ"},
		{"Tehran, Iran", "IR"}, {"Pyongyang, Korea, North", "KP"}, {"Gaza City, Gaza, PS", "PS"},
		{"Moscow, 121099, Russia", "RU"}, {"Moscow 117342 Russia", "RU"}, {"Afghanistan (as at June 2014)", "AF"},
		{"Tunisi (Tunisia)", "TN"}, {"Libya)", "LY"}, {"(Belarus", "BY"}, {"lr;pa;sg;st", "LR"},
		{"Afghanistan, Pakistan", "AF"}, {"Believed to be in Pakistan or Afghanistan", "PK"},
		{"Located in Yemen since Nov. 2008", "YE"}, {"Iran  Listed on: 9 Jun. 2010", "IR"},
		{"ＲＵＳＳＩＡ", "RU"}, {"Bosnia-Herzegovina", "BA"}, {"St. Kitts & Nevis", "KN"},
		// Not countries
		{"", ""}, {"   ", ""}, {"Unknown", ""}, {"UNKNOWN", ""}, {"00", ""}, {"None Identified", ""},
		{"undetermined", ""}, {"na", ""}, {"NM", ""}, {"zz", ""}, {"Region: Kafia Kingi", ""},
		{"New Mexico", ""}, {"Jalisco, New Mexico", ""}, {"Tehran", ""}, {"Hamas Terrorist Attacks / Attaques terroristes du Hamas", ""},
		{"ROCHESTER, MN, 55903", ""}, {"Inner Mongolia", ""}, {"British Columbia", ""},
		{"Namibia", "NA"}, {"NA", "NA"},
	}
	for _, tt := range tests {
		got, ok := Code(tt.in)
		if tt.want == "" {
			if ok || got != "" {
				t.Errorf("Code(%q) = %q, %v; want not a country", tt.in, got, ok)
			}
			continue
		}
		if !ok || got != tt.want {
			t.Errorf("Code(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestExact(t *testing.T) {
	tests := map[string]string{
		"Russia": "RU", "ru": "RU", "Korea, North": "KP", "Iran (Islamic Republic of)": "IR", "UA-43": "UA",
		"Bank of China": "", "Tehran, Iran": "", "(1) Russia (2) Ukraine": "", "Unknown": "", "na": "", "": "",
	}
	for in, want := range tests {
		got, ok := Exact(in)
		if got != want || ok != (want != "") {
			t.Errorf("Exact(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if c, ok := Code("Bank of China"); !ok || c != "CN" {
		t.Errorf("Code(%q) = %q, %v; want the lenient CN", "Bank of China", c, ok)
	}
}

func TestCodes(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"(1) Russia (2) Ukraine", []string{"RU", "UA"}},
		{"(1) Afghanistan (2) Afghanistan (3) Pakistan", []string{"AF", "PK"}},
		{"(1) to (6) Algeria (7) Morocco", []string{"DZ", "MA"}},
		{"a) Sudan b) South Sudan", []string{"SD", "SS"}},
		{"lr;pa;sg;st", []string{"LR", "PA", "SG", "ST"}},
		{"Afghanistan, Pakistan", []string{"AF", "PK"}},
		{"Moldova, Russia, Ukraine", []string{"MD", "RU", "UA"}},
		{"Russian, Serbian, Croatian, Montenegrin", []string{"RU", "RS", "HR", "ME"}},
		{"Chad\n, Central African Republic", []string{"TD", "CF"}},
		{"Korea, North", []string{"KP"}},
		{"Congo, Democratic Republic of the", []string{"CD"}},
		{"Russia / Russie", []string{"RU"}},
		{"Sudan/South Sudan", []string{"SD", "SS"}},
		{"Former USSR, now Ukraine", []string{"UA"}},
		{"Tehran, Iran", []string{"IR"}},
		{"Unknown", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Codes(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Codes(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}

func TestName(t *testing.T) {
	tests := map[string]string{
		"RU": "Russia", "ru": "Russia", "IR": "Iran", "KP": "North Korea", "KR": "South Korea",
		"GB": "United Kingdom", "US": "United States", "DE": "Germany", "SU": "Soviet Union",
		"YU": "Yugoslavia", "CS": "Czechoslovakia", "XK": "Kosovo", "PS": "Palestine", "EU": "European Union",
		"HK": "Hong Kong", "TW": "Taiwan", "MO": "Macao", "": "", "R": "", "ZZ": "", "RUS": "",
	}
	for code, want := range tests {
		if got := Name(code); got != want {
			t.Errorf("Name(%q) = %q; want %q", code, got, want)
		}
	}
	// Every code Code can return has a name, and a name gives its code
	// back (a display name is something Code reads).
	targets := map[string]bool{}
	for _, c := range aliases {
		targets[c] = true
	}
	for _, c := range codes {
		targets[c] = true
	}
	for c := range displayNames {
		targets[c] = true
	}
	for c := range targets {
		n := Name(c)
		if n == "" {
			t.Errorf("Name(%q) is empty", c)
			continue
		}
		if got, ok := Code(n); !ok || got != c {
			t.Errorf("Code(Name(%q)) = Code(%q) = %q, %v", c, n, got, ok)
		}
	}
}

// TestTable checks the variant table itself: targets are real codes, no two
// variants fold to the same key with different codes, and no variant
// silently changes what a library name or code means.
func TestTable(t *testing.T) {
	folded := map[string]string{}
	for s, c := range aliases {
		if len(c) != 2 || strings.ToUpper(c) != c {
			t.Errorf("alias %q → %q: not an upper-case alpha-2 code", s, c)
		}
		k := string(fold(nil, s, false))
		if k == "" {
			t.Errorf("alias %q folds to nothing", s)
		}
		if prev, ok := folded[k]; ok && prev != c {
			t.Errorf("aliases fold to %q with different codes %q and %q", k, prev, c)
		}
		folded[k] = c
	}
	for _, s := range notCountries {
		if c, ok := folded[string(fold(nil, s, false))]; ok {
			t.Errorf("%q is both a non-country and an alias of %q", s, c)
		}
	}
	for s, c := range codes {
		if len(c) != 2 {
			t.Errorf("code %q → %q: not alpha-2", s, c)
		}
	}
	// Library codes keep their meaning: an alias never redefines "CA".
	for k, e := range table {
		if e.kind == kindCode && utf8.RuneCountInString(k) <= 3 {
			if c, ok := folded[k]; ok && c != e.code {
				t.Errorf("alias key %q (%s) shadows code %q", k, c, e.code)
			}
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct {
		in   string
		skip bool
		want string
	}{
		{"Côte d’Ivoire", false, "cote d ivoire"},
		{"  IRAN (ISLAMIC REPUBLIC OF) ", false, "iran islamic republic of"},
		{"IRAN (ISLAMIC REPUBLIC OF)", true, "iran"},
		{"U.A.E.", false, "uae"},
		{"St. Kitts & Nevis", false, "st kitts and nevis"},
		{"Guinea-Bissau", false, "guinea bissau"},
		{"Türkiye", false, "turkiye"},
		{"Bélarus", false, "belarus"},
		{"Straße", false, "strasse"},
		{"(Belarus", true, "belarus"},
		{"ＲＵ", false, "ru"},
		{"ロシア", false, "ロシア"},
		{"Россия", false, "россия"},
		{"", false, ""},
		{"\xff\xfe", false, ""},
	}
	for _, tt := range tests {
		if got := string(fold(nil, tt.in, tt.skip)); got != tt.want {
			t.Errorf("fold(%q, %v) = %q; want %q", tt.in, tt.skip, got, tt.want)
		}
	}
}

func TestCodeNoAllocs(t *testing.T) {
	for _, s := range []string{"Russia", "Iran (Islamic Republic of)", "ru", "Korea, North", "Côte d'Ivoire", "Unknown"} {
		if n := testing.AllocsPerRun(100, func() { Code(s) }); n != 0 {
			t.Errorf("Code(%q) allocates %v times per call; want 0", s, n)
		}
	}
}

func FuzzCode(f *testing.F) {
	for _, s := range []string{"Russia", "Korea, North", "(1) Russia (2) Ukraine", "ge-ab", "Tehran, Iran", "na"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := Code(s)
		if ok != (c != "") {
			t.Fatalf("Code(%q) = %q, %v", s, c, ok)
		}
		if ok && (len(c) != 2 || Name(c) == "") {
			t.Fatalf("Code(%q) = %q: not a known alpha-2 code", s, c)
		}
		if c2, ok2 := Code(s); c2 != c || ok2 != ok {
			t.Fatalf("Code(%q) is not deterministic: %q then %q", s, c, c2)
		}
		cs := Codes(s)
		if ok && len(cs) == 0 {
			t.Fatalf("Code(%q) = %q but Codes is empty", s, c)
		}
		for i, x := range cs {
			if len(x) != 2 || Name(x) == "" {
				t.Fatalf("Codes(%q)[%d] = %q: not a known code", s, i, x)
			}
			if slices.Index(cs, x) != i {
				t.Fatalf("Codes(%q) = %v repeats %q", s, cs, x)
			}
		}
	})
}

func BenchmarkCode(b *testing.B) {
	vs := loadValues(b)
	all := make([]string, len(vs))
	for i, v := range vs {
		all[i] = v.s
	}
	// What a loader mostly sees: clean names and codes, one per record.
	common := []string{"Russia", "Iran", "Korea, North", "Syria", "China", "RU", "ir", "United Arab Emirates",
		"Iran (Islamic Republic of)", "Russia / Russie", "Côte d'Ivoire", "Türkiye", "Burma", "Palestinian",
		"Hong Kong", "Lebanon", "Belarus / Bélarus", "Unknown", "GB", "Venezuela "}
	b.Run("common", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			Code(common[i%len(common)])
			i++
		}
	})
	b.Run("values.tsv", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			Code(all[i%len(all)])
			i++
		}
	})
}
