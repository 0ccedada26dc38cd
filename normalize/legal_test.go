package normalize

import (
	"strings"
	"testing"

	"github.com/interdict/interdict"
)

// describe renders a variant as "text/KEY" for legal forms and symbols and
// "text" otherwise.
func describe(v Variant) string {
	var parts []string
	for _, tk := range v.Tokens {
		switch {
		case tk.Flags&Legal != 0:
			parts = append(parts, tk.Text+"/L:"+tk.Key)
		case tk.Flags&Symbol != 0:
			parts = append(parts, tk.Text+"/S:"+tk.Key)
		case tk.Flags&Stop != 0:
			parts = append(parts, tk.Text+"/stop")
		default:
			parts = append(parts, tk.Text)
		}
	}
	return strings.Join(parts, " ")
}

func TestLegalForms(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Romashka Limited Liability Company", "romashka llc/L:LLC"},
		{"Romashka LLC", "romashka llc/L:LLC"},
		{"Romashka L.L.C.", "romashka llc/L:LLC"},
		{"ООО Ромашка", "ooo/L:LLC romashka"},
		{"Общество с ограниченной ответственностью «Ромашка»", "ooo/L:LLC romashka"},
		{"OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU ROMASHKA", "ooo/L:LLC romashka"},
		{"Siemens Aktiengesellschaft", "siemens ag/L:JSC"},
		{"Volkswagen GmbH", "volkswagen gmbh/L:LLC"},
		{"Rosneft PAO", "rosneft pao/L:JSC"},
		{"АО Концерн Калашников", "ao/L:JSC concern/S:CONCERN kalashnikov"},
		{"ПАО Сбербанк", "pao/L:JSC sberbank"},
		{"Cementos Mexicanos S.A. de C.V.", "cementos mexicanos sacv/L:JSC"},
		{"Petronas Sdn Bhd", "petronas sdnbhd/L:LLC"},
		{"Gazprom Joint Stock Company", "gazprom jsc/L:JSC"},
		{"华为技术有限公司", "hua wei ji shu ltd/L:LLC"},
		{"Acme Trading Co., Ltd.", "acme trade/S:TRADE coltd/L:LLC"},
		{"Bank of the Revolution", "bank of/stop the/stop revolution"},
		{"The Islamic Revolutionary Guard Corps", "the/stop islamic revolutionary guard corps"},
	}
	for _, c := range cases {
		n := Analyze(c.in, interdict.KindOrganization)
		found := false
		var got []string
		for _, v := range n.Variants {
			d := describe(v)
			got = append(got, d)
			if d == c.want {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
	// the same strings as person names get no legal-form handling
	n := Analyze("Ivan LLC", interdict.KindPerson)
	if d := describe(n.Variants[0]); d != "ivan llc" {
		t.Errorf("person: %q", d)
	}
	// ООО and LLC share the generic key
	a := Analyze("ООО Ромашка", interdict.KindOrganization).Variants[0].Tokens[0]
	b := Analyze("Romashka LLC", interdict.KindOrganization).Variants[0].Tokens[1]
	if a.Key != b.Key || !a.Weak() || !b.Weak() {
		t.Errorf("ООО %+v vs LLC %+v", a, b)
	}
}

func TestPersonTitles(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Dr. Ayman al-Zawahiri", "dr/stop ayman al zawahiri"},
		{"His Excellency Bashar al-Assad", "his/stop excellency/stop bashar al assad"},
		{"Lieutenant General Qasem Soleimani", "lieutenant/stop general/stop qasem soleimani"},
		{"Martin Luther King Jr.", "martin luther king jr/stop"},
		{"General", "general"}, // nothing would be left
		{"Mr Smith", "mr/stop smith"},
	}
	for _, c := range cases {
		if d := describe(Analyze(c.in, interdict.KindPerson).Variants[0]); d != c.want {
			t.Errorf("%q: got %q, want %q", c.in, d, c.want)
		}
	}
}

func TestPhraseTables(t *testing.T) {
	tabs := tables()
	n := 0
	for first, ps := range tabs.org {
		for _, p := range ps {
			n++
			if p.words[0] != first {
				t.Fatalf("phrase %q filed under %q", p.words, first)
			}
			if len(p.words) == 1 && (len(first) == 1 || wordClass[first]&(wParticle|wArticle) != 0) {
				t.Errorf("ambiguous one-word alias %q (%s)", first, p.key)
			}
			if p.key == "" || p.text == "" {
				t.Errorf("phrase %q without key or text", p.words)
			}
		}
		for i := 1; i < len(ps); i++ {
			if len(ps[i].words) > len(ps[i-1].words) {
				t.Errorf("phrases under %q not longest first", first)
			}
		}
	}
	if n < 2000 {
		t.Errorf("only %d organisation phrases", n)
	}
}
