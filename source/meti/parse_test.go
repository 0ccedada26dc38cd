package meti

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
)

func names(e *interdict.Entity) []string {
	var out []string
	for _, n := range e.Names {
		out = append(out, string(n.Type)+":"+n.Full)
	}
	return out
}

// TestRealFile checks the golden counts of the real workbook and a few
// known entries.
func TestRealFile(t *testing.T) {
	path := shared.Data(t, "japan_meti_end_user_list", "20250929_4.xlsx")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	l, err := Parse(bytes.NewReader(data), "20250929_4.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	want := interdict.Stats{
		Records:  835,
		Entities: 835,
		ByKind:   map[interdict.Kind]int{interdict.KindOrganization: 835},
		Names:    2501,
	}
	if got := l.Stats(); !reflect.DeepEqual(got, want) {
		t.Errorf("stats\n got %+v\nwant %+v", got, want)
	}
	if l.Published != "2025-09-29" || l.Source != "jp-meti" {
		t.Errorf("Published %q Source %q", l.Published, l.Source)
	}
	for _, n := range l.Notes {
		if strings.Contains(n, "country strings not recognised") {
			t.Logf("note: %s", n) // the country table is still being filled in
			continue
		}
		t.Errorf("unexpected note: %s", n)
	}
	programs := map[string]int{}
	countries := map[string]int{}
	scripts := map[interdict.Script]int{}
	for _, e := range l.Entities {
		for _, p := range e.Programs {
			programs[p]++
		}
		for _, c := range e.Countries {
			countries[c]++
		}
		for _, n := range e.Names {
			scripts[n.Script]++
		}
		if e.Kind != interdict.KindOrganization || e.Names[0].Type != interdict.NamePrimary {
			t.Errorf("%s: %+v", e.ID, e)
		}
	}
	wantPrograms := map[string]int{"METI-EUL": 835, "WMD:M": 616, "WMD:N": 465, "conventional": 240, "WMD:C": 233, "WMD:B": 218}
	if !reflect.DeepEqual(programs, wantPrograms) {
		t.Errorf("programs = %v", programs)
	}
	for c, n := range map[string]int{"IR": 257, "KP": 154, "CN": 127, "PK": 103, "RU": 100, "AE": 29, "HK": 22, "SY": 19} {
		if countries[c] != n {
			t.Errorf("%d entries in %s, want %d", countries[c], c, n)
		}
	}
	if scripts[interdict.ScriptHan] == 0 || scripts[interdict.ScriptKana] == 0 || scripts[interdict.ScriptCyrillic] == 0 {
		t.Errorf("scripts = %v", scripts)
	}

	byName := map[string]*interdict.Entity{}
	for _, e := range l.Entities {
		byName[e.PrimaryName()] = e
	}
	tests := []struct {
		primary, country string
		names            []string
	}{
		{"Al Qa'ida/Islamic Army", "Islamic Republic of Afghanistan", nil},
		{"セソン技術貿易", "North Korea", []string{"primary:セソン技術貿易"}},
		{"Sun Hwa Gang Co. Ltd.", "North Korea", []string{"primary:Sun Hwa Gang Co. Ltd.", "aka:順和江会社", "aka:(Korea) Sunhwagang Trading Co.", "aka:(朝鮮)順和江貿易会社"}},
		{"Delta Engineering Concern FZE (DEC)", "United Arab Emirates", []string{"primary:Delta Engineering Concern FZE (DEC)"}},
		{"Joint Stock Company Experimental Design Bureau Novator", "Russian Federation", []string{"primary:Joint Stock Company Experimental Design Bureau Novator", "aka:Novator Design Bureau", "aka:JSC OKB Novator"}},
	}
	for _, tt := range tests {
		e := byName[tt.primary]
		if e == nil {
			t.Errorf("%q missing", tt.primary)
			continue
		}
		if id := interdict.HashID(Source, tt.country, tt.primary); e.ID != id {
			t.Errorf("%q id = %s, want %s", tt.primary, e.ID, id)
		}
		if tt.names != nil && !reflect.DeepEqual(names(e), tt.names) {
			t.Errorf("%q names = %q", tt.primary, names(e))
		}
	}
	if e := byName["Al Qa'ida/Islamic Army"]; e.ID != "jp-meti:4ef4feeab8c28f8c" || len(e.Names) != 9 || e.Remarks != "METI End User List No. 1" {
		t.Errorf("No. 1 = %+v", e)
	}
}

// TestFixture covers the row-level cases on a generated workbook.
func TestFixture(t *testing.T) {
	l, err := Parse(bytes.NewReader(workbook(t, fixtureRows())), "fixture.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if l.Records != 8 || len(l.Entities) != 5 || len(l.Rejects) != 2 {
		t.Fatalf("records %d entities %d rejects %v", l.Records, len(l.Entities), l.Rejects)
	}
	wantRejects := []interdict.Reject{
		{File: "fixture.xlsx", Line: 8, Reason: "No. 7 has no Company or Organization name"},
		{File: "fixture.xlsx", Line: 9, Reason: "No. 8 (Nowhere Trading) has no Country or Region"},
	}
	if !reflect.DeepEqual(l.Rejects, wantRejects) {
		t.Errorf("rejects = %+v", l.Rejects)
	}
	if l.Published != "" {
		t.Errorf("Published = %q, want none: the name carries no date", l.Published)
	}
	ryonbong := interdict.HashID(Source, "North Korea", "Korea Ryonbong General Corporation (KRGC)")
	wantNotes := []string{
		`1 country strings not recognised: "Atlantis" (1)`,
		"1 rows repeat an earlier entry's country and name and were merged into it: row 6 (No. 5) into " + ryonbong,
		"2 kana readings appended to names were dropped",
		`1 Type of WMD values with unknown marks: "X" (1)`,
	}
	if !reflect.DeepEqual(l.Notes, wantNotes) {
		t.Errorf("notes:\n%s", strings.Join(l.Notes, "\n"))
	}
	tests := []struct {
		id       string
		names    []string
		programs []string
		country  []string
	}{
		{interdict.HashID(Source, "Islamic Republic of Afghanistan", "Al Qa'ida/Islamic Army"),
			[]string{"primary:Al Qa'ida/Islamic Army", "aka:Al Qaeda", "aka:The Base"},
			[]string{"METI-EUL", "WMD:B", "WMD:C", "WMD:M", "WMD:N", "conventional"}, []string{"AF"}},
		{ryonbong,
			[]string{"primary:Korea Ryonbong General Corporation (KRGC)", "aka:朝鮮連峰総会社", "aka:Korea Yonbong General Corporation",
				"aka:朝鮮嶺峰貿易会社", "aka:Lyongaksan General Trading Corporation", "aka:中国語名称", "aka:Novator Design Bureau", "aka:Ryonbong"},
			[]string{"METI-EUL", "WMD:N"}, []string{"KP"}},
		{interdict.HashID(Source, "North Korea", "セソン技術貿易"),
			[]string{"primary:セソン技術貿易", "aka:Rostec"},
			[]string{"METI-EUL", "WMD:M"}, []string{"KP"}},
		{interdict.HashID(Source, "North Korea", "SESON技術貿易"),
			[]string{"primary:SESON技術貿易"},
			[]string{"METI-EUL", "WMD:M"}, []string{"KP"}},
		{interdict.HashID(Source, "Atlantis", "Atlantis Holdings"),
			[]string{"primary:Atlantis Holdings", "aka:YINKE ELECTRONICS CO., LTD"},
			[]string{"METI-EUL"}, nil},
	}
	m := map[string]*interdict.Entity{}
	for _, e := range l.Entities {
		m[e.ID] = e
	}
	for _, tt := range tests {
		e := m[tt.id]
		if e == nil {
			t.Errorf("%s missing", tt.id)
			continue
		}
		if got := names(e); !reflect.DeepEqual(got, tt.names) {
			t.Errorf("%s names\n got %q\nwant %q", tt.id, got, tt.names)
		}
		if !reflect.DeepEqual(e.Programs, tt.programs) || !reflect.DeepEqual(e.Countries, tt.country) {
			t.Errorf("%s programs %q countries %q", tt.id, e.Programs, e.Countries)
		}
	}
}

// TestBadInput checks that unusable workbooks are errors naming the file
// and what is wrong.
func TestBadInput(t *testing.T) {
	good := workbook(t, fixtureRows())
	tests := []struct {
		name  string
		input []byte
		want  []string
	}{
		{"not a workbook", []byte("No.,Country\n1,X\n"), []string{"jp-meti: bad.xlsx", "not a readable xlsx workbook"}},
		{"truncated", good[:len(good)/2], []string{"jp-meti: bad.xlsx", "not a readable xlsx workbook"}},
		{"missing column", workbook(t, [][]any{{"No.", "Country or Region", "Also Known As"}}), []string{"jp-meti: bad.xlsx", `sheet "ユーザーリスト"`, "missing columns: company or organization"}},
		{"header too low", workbook(t, [][]any{{"a"}, {"b"}, {"c"}, {"d"}, {"e"}, header}), []string{"jp-meti: bad.xlsx", "first 5 rows"}},
		{"other schema", workbook(t, [][]any{{"Reference", "Name of Individual or Entity", "Type", "Name Type"}}), []string{"missing columns: country or region, company or organization"}},
		{"no rows", workbook(t, nil), []string{"jp-meti: bad.xlsx", "missing columns"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Parse(bytes.NewReader(tt.input), "bad.xlsx")
			if err == nil {
				t.Fatalf("no error; load %+v", l)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestDetectRows(t *testing.T) {
	h := make([]string, len(header))
	for i, c := range header {
		h[i] = c.(string)
	}
	tests := []struct {
		name string
		rows [][]string
		want bool
	}{
		{"header", [][]string{h}, true},
		{"english only", [][]string{{"No.", "Country or Region", "Company or Organization", "Also Known As", "Type of WMD"}}, true},
		{"full-width", [][]string{{"Ｎｏ．", "国名\nＣｏｕｎｔｒｙ　ｏｒ　Ｒｅｇｉｏｎ", "Company or Organization", "Also Known As"}}, true},
		{"too low", [][]string{{}, {}, {}, {}, {}, h}, false},
		{"dfat", [][]string{{"Reference", "Name of Individual or Entity", "Type", "Name Type"}}, false},
		{"bare country and company", [][]string{{"Country or Region", "Company or Organization"}}, false},
		{"empty", nil, false},
	}
	for _, tt := range tests {
		if got := DetectRows(tt.rows); got != tt.want {
			t.Errorf("%s: DetectRows = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestDateFromName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"20250929_4.xlsx", "2025-09-29"},
		{"/data/meti/20250929.xlsx", "2025-09-29"},
		{"meti_end_user_list.xlsx", ""},
		{"20251399_1.xlsx", ""},
		{"202509291.xlsx", ""},
		{"19990101_1.xlsx", ""},
		{"2025.xlsx", ""},
	}
	for _, tt := range tests {
		if got := dateFromName(tt.in); got != tt.want {
			t.Errorf("dateFromName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
