package un

import (
	"reflect"
	"testing"

	"github.com/interdict/interdict"
)

func TestRemarkRefs(t *testing.T) {
	const (
		linked   = interdict.LinkLinkedTo
		assoc    = interdict.LinkAssociate
		family   = interdict.LinkFamily
		directs  = interdict.LinkDirects
		director = interdict.LinkDirector
	)
	for _, c := range []struct {
		remark, self string
		individual   bool
		want         []ref
	}{
		{"Leader of Al-Qaida (QDe.004). Former operational and military leader of Egyptian Islamic Jihad (QDe.003), was", "QDi.006", true, []ref{
			{key: "QDe.004", typ: directs, words: "Leader of Al-Qaida (QDe.004)", object: " Al-Qaida"},
			{key: "QDe.003", typ: directs, words: "Former operational and military leader of Egyptian Islamic Jihad (QDe.003)", object: " Egyptian Islamic Jihad"},
		}},
		{"Deputy head of the media committee of Al-Qaida (QDe.004) as at 2010.", "QDi.080", true, []ref{
			{key: "QDe.004", typ: linked, words: "Deputy head of the media committee of Al-Qaida (QDe.004)"},
		}},
		{"Longtime member of the ADF (CDe.001), Baluku used to be the second in command to ADF founder Jamil Mukulu (CDi.015) until", "CDi.036", true, []ref{
			{key: "CDe.001", typ: linked, words: "Longtime member of the ADF (CDe.001)"},
			{key: "CDi.015", typ: linked, words: "Baluku used to be the second in command to ADF founder Jamil Mukulu (CDi.015)"},
		}},
		{"Kony is a deputy in the Lord’s Resistance Army (LRA) (CFe.002), a designated entity and the son of LRA leader Joseph Kony (CFi.009), a d", "CFi.010", true, []ref{
			{key: "CFe.002", typ: linked, words: "Kony is a deputy in the Lord’s Resistance Army (LRA) (CFe.002)"},
			{key: "CFi.009", typ: family, words: "a designated entity and the son of LRA leader Joseph Kony (CFi.009)"},
		}},
		{"Founded by Jalaluddin Haqqani (TAi.040) and currently headed by his son Sirajuddin Jallaloudine Haqqani (TAi.144).", "TAe.012", false, []ref{
			{key: "TAi.040", typ: director, words: "Founded by Jalaluddin Haqqani (TAi.040)"},
			{key: "TAi.144", typ: director, words: "and currently headed by his son Sirajuddin Jallaloudine Haqqani (TAi.144)"},
		}},
		{"Member of the Rajah Solaiman Movement (QDe.128), Abu Sayyaf Group (QDe.001) and linked to the Jemaah Islamiyah (QDe.092).", "QDi.245", true, []ref{
			{key: "QDe.128", typ: linked, words: "Member of the Rajah Solaiman Movement (QDe.128)"},
			{key: "QDe.001", typ: linked, words: "Member of the Rajah Solaiman Movement (QDe.128), Abu Sayyaf Group (QDe.001)", object: "Abu Sayyaf Group"},
			{key: "QDe.092", typ: linked, words: "and linked to the Jemaah Islamiyah (QDe.092)"},
		}},
		{"Associated with Afghan Support Committee (ASC) (QDe.069), Revival of Islamic Heritage Society (RIHS)(QDe.070) and the LIFG (QDe.011). Photo", "QDi.057", true, []ref{
			{key: "QDe.069", typ: assoc, words: "Associated with Afghan Support Committee (ASC) (QDe.069)"},
			{key: "QDe.070", typ: assoc, words: "Associated with Afghan Support Committee (ASC) (QDe.069), Revival of Islamic Heritage Society (RIHS)(QDe.070)", object: "Revival of Islamic Heritage Society (RIHS)"},
			{key: "QDe.011", typ: assoc, words: "Associated with Afghan Support Committee (ASC) (QDe.069), Revival of Islamic Heritage Society (RIHS)(QDe.070) and the LIFG (QDe.011)", object: "the LIFG"},
		}},
		{"Brother of A (QDi.001) and B (QDe.002).", "QDi.009", true, []ref{
			{key: "QDi.001", typ: family, words: "Brother of A (QDi.001)"},
			{key: "QDe.002", typ: linked, words: "Brother of A (QDi.001) and B (QDe.002)", object: "B"},
		}},
		{"Until 7 Sep. 2007 he was also listed under number TAi.048. Mentions QDi.1234 and Qde.014 and QDi. 317.", "TAi.048", true, []ref{
			{key: "QDe.014", typ: linked, words: "Mentions QDi.1234 and Qde.014"},
			{key: "QDi.317", typ: linked, words: "Mentions QDi.1234 and Qde.014 and QDi. 317"},
		}},
		{"Was in Dr. Ahmed’s group, linked to Z (QDi.005). Linked to Z (QDi.005), brother of Z (QDi.005).", "QDi.009", true, []ref{
			{key: "QDi.005", typ: family, words: "brother of Z (QDi.005)"},
		}},
		{"", "QDi.001", true, nil},
	} {
		got := remarkRefs(c.remark, c.self, c.individual)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("remarkRefs(%q)\n got %+v\nwant %+v", c.remark, got, c.want)
		}
	}
}

func TestNamesObject(t *testing.T) {
	e := &interdict.Entity{Names: []interdict.Name{{Full: "AL MOURABITOUN"}, {Full: "Islamic State in Iraq and the Levant"}}}
	for _, c := range []struct {
		text string
		want bool
	}{
		{" the Al-Mourabitoun", true},
		{" Islamic State in Iraq and the Levant, listed as Al-Qaida in Iraq (AQI)", true},
		{" local affiliates of the Islamic State in Iraq and the Levant", false},
		{" Al Mourabitounes", false},
		{"", false},
	} {
		if got := namesObject(c.text, e); got != c.want {
			t.Errorf("namesObject(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestSentenceStart(t *testing.T) {
	s := `Listed as “Engaging in acts.” Adan is also associated with Nov. 2008 Dr. Ahmed; Then X`
	for _, c := range []struct {
		at   string
		want string
	}{
		{"Adan", "Adan is"},
		{"Ahmed", "Adan is"},
		{"X", "Then X"},
		{"Listed", "Listed"},
	} {
		i := indexOf(s, c.at)
		if got := s[sentenceStart(s, i):]; got[:len(c.want)] != c.want {
			t.Errorf("sentence of %q starts %q, want %q", c.at, got, c.want)
		}
	}
}

func indexOf(s, sub string) int {
	for i := range s {
		if len(s[i:]) >= len(sub) && s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}
