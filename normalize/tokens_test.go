package normalize

import (
	"slices"
	"testing"

	"github.com/interdict/interdict"
)

func TestTokens(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Vladimir PUTIN", []string{"vladimir", "putin"}},
		{"J. R. R. Tolkien", []string{"j", "r", "r", "tolkien"}},
		// abd compounds, written apart or together
		{"Abd al-Rahman", []string{"abdulrahman"}},
		{"Abdul Rahman", []string{"abdulrahman"}},
		{"Abdel Rahman", []string{"abdulrahman"}},
		{"abd-ar-Rahman", []string{"abdulrahman"}},
		{"Abdulrahman", []string{"abdulrahman"}},
		{"Abderrahmane", []string{"abdulrahmane"}},
		{"Abdurrahman", []string{"abdulrahman"}},
		{"Abd Allah", []string{"abdullah"}},
		{"Abdallah", []string{"abdullah"}},
		{"Abdel Aziz bin Saud", []string{"abdulaziz", "bin", "saud"}},
		{"Abdoulaye Wade", []string{"abdulaye", "wade"}},
		{"Abdou Diouf", []string{"abdou", "diouf"}}, // a name of its own
		{"Abdul", []string{"abdul"}},
		{"Abdi Aziz", []string{"abdi", "aziz"}},
		// -uddin and -ullah
		{"Salah al-Din", []string{"salahuddin"}},
		{"Salah ad-Din", []string{"salahuddin"}},
		{"Salah Eddine", []string{"salahuddin"}},
		{"Salaheddine", []string{"salahuddin"}},
		{"Sirajuddin Haqqani", []string{"sirajuddin", "haqqani"}},
		{"Nasr Allah", []string{"nasrullah"}},
		{"Nasrallah", []string{"nasrullah"}},
		{"Ruhollah", []string{"ruhullah"}},
		{"Din Muhammad", []string{"din", "muhammad"}},
		{"Baldin", []string{"baldin"}},
		{"Mullah Omar", []string{"mullah", "omar"}},
		// particles stay separate
		{"al-Baghdadi", []string{"al", "baghdadi"}},
		{"Ludwig van Beethoven", []string{"ludwig", "van", "beethoven"}},
	}
	for _, c := range cases {
		if got := Tokens(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Tokens(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func flagsOf(n Name) []Flags {
	var f []Flags
	for _, tk := range n.Variants[0].Tokens {
		f = append(f, tk.Flags)
	}
	return f
}

func TestParticles(t *testing.T) {
	cases := []struct {
		in   string
		want []Flags
	}{
		{"Abu Bakr al-Baghdadi", []Flags{Particle, 0, Particle, 0}},
		{"Zine El Abidine Ben Ali", []Flags{0, Particle, 0, Particle, 0}},
		{"Ben Smith", []Flags{0, 0}}, // first: a given name
		{"Ali Ben", []Flags{0, 0}},   // last: nothing follows
		{"Osama bin Laden", []Flags{0, Particle, 0}},
		{"Fatima bint Mubarak", []Flags{0, Particle, 0}},
		{"Abd al-Aziz ar-Rantisi", []Flags{0, Particle, 0}},
		{"ash-Shami", []Flags{Particle, 0}},
		{"as Salam", []Flags{Particle, 0}},
		{"as Bakr", []Flags{0, 0}}, // not an assimilated article
		{"Umm Kulthum", []Flags{Particle, 0}},
		{"Vincent van Gogh", []Flags{0, Particle, 0}},
		{"Manuel dos Santos", []Flags{0, Particle, 0}},
		{"Pablo de la Cruz", []Flags{0, Particle, Particle, 0}},
		{"J R Smith", []Flags{Initial, Initial, 0}},
	}
	for _, c := range cases {
		n := Analyze(c.in, interdict.KindPerson)
		if got := flagsOf(n); !slices.Equal(got, c.want) {
			t.Errorf("%q: flags %05b, want %05b", c.in, got, c.want)
		}
	}
	// al-Baghdadi, Baghdadi and el-Baghdadi agree on their strong tokens;
	// article spellings share one key
	a := Analyze("Abu Bakr al-Baghdadi", interdict.KindPerson).Variants[0]
	b := Analyze("Abou Bakr el Baghdadi", interdict.KindPerson).Variants[0]
	c := Analyze("Abu Bakr Baghdadi", interdict.KindPerson).Variants[0]
	if !slices.Equal(keysOf(a), keysOf(b)) {
		t.Errorf("al/el, abu/abou: %v vs %v", keysOf(a), keysOf(b))
	}
	if ka, kc := strongKeys(a), strongKeys(c); !slices.Equal(ka, kc) {
		t.Errorf("al-Baghdadi vs Baghdadi: strong keys %v vs %v", ka, kc)
	}
	// bin/ibn/ben share a key
	if x, y, z := Analyze("Ali bin Said", interdict.KindPerson), Analyze("Ali ibn Said", interdict.KindPerson), Analyze("Ali ben Said", interdict.KindPerson); !slices.Equal(keysOf(x.Variants[0]), keysOf(y.Variants[0])) || !slices.Equal(keysOf(x.Variants[0]), keysOf(z.Variants[0])) {
		t.Errorf("bin/ibn/ben keys differ")
	}
}

func strongKeys(v Variant) []string {
	var out []string
	for _, tk := range v.Tokens {
		if !tk.Weak() {
			out = append(out, tk.Key)
		}
	}
	return out
}

func TestSplitComma(t *testing.T) {
	cases := []struct {
		in, sur, given string
		ok             bool
	}{
		{"AL-BAGHDADI, Abu Bakr", "AL-BAGHDADI", "Abu Bakr", true},
		{"PUTIN, Vladimir Vladimirovich", "PUTIN", "Vladimir Vladimirovich", true},
		{"Vladimir Putin", "", "", false},
		{"A, B, C", "", "", false},
		{", Abu", "", "", false},
		{"KIM ,", "", "", false},
	}
	for _, c := range cases {
		s, g, ok := SplitComma(c.in)
		if s != c.sur || g != c.given || ok != c.ok {
			t.Errorf("SplitComma(%q) = %q, %q, %v", c.in, s, g, ok)
		}
	}
}

func TestJoinedParticles(t *testing.T) {
	for _, c := range [][2]string{
		{"Abu Bakr al-Baghdadi", "Abu Bakr Albaghdadi"},
		{"Osama bin Laden", "Osama Binladen"},
		{"Abu Bakar", "Abubakar"},
		{"Maria da Costa", "Maria Dacosta"},
	} {
		apart := Analyze(c[0], interdict.KindPerson).Variants[0].Tokens
		glued := Analyze(c[1], interdict.KindPerson).Variants[0].Tokens
		var joined []string
		for _, tk := range apart {
			if tk.Flags&Particle != 0 {
				joined = append(joined, tk.Joined)
			} else if tk.Joined != "" {
				t.Errorf("%q: Joined on a non-particle", tk.Text)
			}
		}
		found := false
		for _, tk := range glued {
			for _, j := range joined {
				if tk.Key == j {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("%q vs %q: joined keys %v not among %+v", c[0], c[1], joined, glued)
		}
	}
}
