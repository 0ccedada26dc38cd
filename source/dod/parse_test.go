package dod

import (
	"os"
	"slices"
	"strings"
	"testing"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/source/internal/loadtest"
)

func TestParseReal(t *testing.T) {
	f, err := os.Open(shared.Data(t, "us_dod_1260h_chinese_military_companies", "sanctions.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	l, err := Parse(f, "sanctions.csv")
	if err != nil {
		t.Fatal(err)
	}
	loadtest.Check(t, l)
	s := l.Stats()
	if s.Records != 397 || s.Entities != 204 || s.ByKind[interdict.KindOrganization] != 204 ||
		s.Names != 316 || s.Identifiers != 0 || s.Links != 128 || s.Rejects != 0 {
		t.Errorf("stats %+v", s)
	}
	if l.Source != "us-1260h" || l.Published != "2026-06-08" {
		t.Errorf("source %q published %q", l.Source, l.Published)
	}
	resolved := 0
	for _, e := range l.Entities {
		for _, k := range e.Links {
			if k.OtherID != "" {
				resolved++
			}
		}
	}
	if resolved != 128 {
		t.Errorf("%d links resolved, want all 128", resolved)
	}
	wantNotes := []string{
		"397 rows describe 223 companies across the yearly lists; each company's rows are one entity",
		`21 rows carry an End date; 19 companies whose latest listing has ended are left out: "Beijing Megvii Technology Co., Ltd." (line 13),`,
	}
	if len(l.Notes) != 2 || l.Notes[0] != wantNotes[0] || !strings.HasPrefix(l.Notes[1], wantNotes[1]) {
		t.Errorf("notes %q", l.Notes)
	}
	for _, gone := range []string{"Costar Group Co., Ltd.", "China Railway Construction Corporation Limited", "Taiji Computer Co., Ltd.", "Beijing Megvii Technology Co., Ltd."} {
		if byPrimary(l, gone) != nil {
			t.Errorf("%s is delisted but loaded", gone)
		}
	}
	tests := []struct {
		primary string
		id      string
		names   []string
		listed  string
		parent  string // OtherName of the first link
	}{
		{"Aviation Industry Corporation of China Ltd.", "us-1260h:4d980bf043145e67", []string{"primary:Aviation Industry Corporation of China Ltd.", "aka:AVIC"}, "2021-06-03", ""},
		{"AVIC Airborne Systems Co., Ltd.", "us-1260h:56992493f0506a06", []string{"primary:AVIC Airborne Systems Co., Ltd.", "fka:China Avionics Systems Co., Ltd."}, "2025-01-07", "Aviation Industry Corporation of China Ltd"},
		// Relisted: ended 2026-02-17, listed again 2026-06-08.
		{"Yangtze Memory Technologies Co., Ltd.", "us-1260h:e90ebac28ce2094e", []string{"primary:Yangtze Memory Technologies Co., Ltd.", "aka:YMTC"}, "2026-06-08", ""},
		// Clean Name "Aerospace CH UAV Co., Ltd (CH UAV)" on one row is the same company.
		{"Aerospace CH UAV Co., Ltd", "us-1260h:9fb04510c11bcd9b", []string{"primary:Aerospace CH UAV Co., Ltd", "aka:S-SEA", "aka:CH UAV"}, "2021-06-03", ""},
		{"Beijing Zhidao Chuangyu Information Technology Co., Ltd.", "", []string{"primary:Beijing Zhidao Chuangyu Information Technology Co., Ltd.", "aka:Knownsec", "aka:Beijing Kownsec"}, "2022-10-05", ""},
		{"AVIC Chengdu Aircraft Co., Ltd.", "", []string{"primary:AVIC Chengdu Aircraft Co., Ltd.", "fka:Zhonghang Electronic Measuring Instruments Company Limited", "fka:ZEMIC"}, "", "Aviation Industry Corporation of China, Ltd."},
		{"Phenix Optical Company Limited", "", []string{"primary:Phenix Optical Company Limited", "fka:Phoenix Optics Company Limited"}, "2026-06-08", ""},
		{"Hangzhou Hikvision Digital Technology Co., Ltd.", "", []string{"primary:Hangzhou Hikvision Digital Technology Co., Ltd.", "aka:Hikvision"}, "2021-06-03", "China Electronics Technology Group Corporation"},
	}
	for _, tt := range tests {
		t.Run(tt.primary, func(t *testing.T) {
			e := byPrimary(l, tt.primary)
			if e == nil {
				t.Fatal("not found")
			}
			if tt.id != "" && e.ID != tt.id {
				t.Errorf("id %s, want %s", e.ID, tt.id)
			}
			if got := loadtest.Names(e); !slices.Equal(got, tt.names) {
				t.Errorf("names %q, want %q", got, tt.names)
			}
			if tt.listed != "" && e.ListedOn.String() != tt.listed {
				t.Errorf("listed %s, want %s", e.ListedOn, tt.listed)
			}
			if tt.parent != "" {
				if len(e.Links) == 0 || e.Links[0].OtherName != tt.parent || e.Links[0].Type != interdict.LinkOwner || e.Links[0].OtherID == "" {
					t.Errorf("links %+v, want owner %q resolved", e.Links, tt.parent)
				}
			}
			if !slices.Equal(e.Programs, []string{"1260H"}) || e.Kind != interdict.KindOrganization {
				t.Errorf("programs %q kind %s", e.Programs, e.Kind)
			}
		})
	}
}

func TestParseEdge(t *testing.T) {
	l, err := Parse(loadtest.Fixture(t, "edge.csv"), "edge.csv")
	if err != nil {
		t.Fatal(err)
	}
	loadtest.Check(t, l)
	if l.Records != 15 || len(l.Entities) != 7 || l.Published != "2026-06-08" {
		t.Fatalf("records %d entities %d published %q", l.Records, len(l.Entities), l.Published)
	}
	wantRejects := []string{"edge.csv:14: empty Name and Clean Name", "edge.csv:16: 7 fields, want 9 as in the header"}
	if len(l.Rejects) != 2 || l.Rejects[0].Error() != wantRejects[0] || l.Rejects[1].Error() != wantRejects[1] {
		t.Errorf("rejects %v", l.Rejects)
	}
	wantNotes := []string{
		"13 rows describe 8 companies across the yearly lists; each company's rows are one entity",
		`2 rows carry an End date; 1 company whose latest listing has ended is left out: "Gamma Group Co." (line 9)`,
		`1 parent is not itself listed (linked by name only): "Nowhere State Holdings" (line 11)`,
		`1 parent is delisted (linked by name only): "Gamma Group Co." (line 10)`,
		`1 date cannot be read: "2026-13-45" (line 15)`,
	}
	if !slices.Equal(l.Notes, wantNotes) {
		t.Errorf("notes\n%q\nwant\n%q", l.Notes, wantNotes)
	}
	alpha := byPrimary(l, "Alpha Aviation Industry Corporation Ltd.")
	tests := []struct {
		primary string
		names   []string
		listed  string
		link    interdict.Link
		remarks string
	}{
		{"Alpha Aviation Industry Corporation Ltd.", []string{"primary:Alpha Aviation Industry Corporation Ltd.", "aka:ALPHA"}, "2021-06-03", interdict.Link{}, "Alpha is owned by SASAC."},
		{"Alpha Heavy Machinery Co.", []string{"primary:Alpha Heavy Machinery Co.", "aka:Alpha Heavy"}, "2021-06-03",
			interdict.Link{Type: interdict.LinkOwner, OtherName: "Alpha Aviation Industry Corporation Ltd. (ALPHA)", OtherID: alpha.ID, Note: "Parent Name: Alpha Aviation Industry Corporation Ltd. (ALPHA)"}, ""},
		{"Beta Memory Technologies Co., Ltd.", []string{"primary:Beta Memory Technologies Co., Ltd.", "aka:BMT"}, "2026-06-08", interdict.Link{}, ""},
		{"Delta Airborne Systems Co.", []string{"primary:Delta Airborne Systems Co.", "fka:Old Delta Avionics Co., Ltd."}, "2025-01-07",
			interdict.Link{Type: interdict.LinkOwner, OtherName: "Gamma Group Co.", Note: "Parent Name: Gamma Group Co."}, ""},
		{"Epsilon Optical Company Limited", []string{"primary:Epsilon Optical Company Limited", "fka:Epsilon Optics Company Limited", "fka:EOC"}, "2026-06-08",
			interdict.Link{Type: interdict.LinkOwner, OtherName: "Nowhere State Holdings", Note: "Parent Name: Nowhere State Holdings"}, ""},
		{"Zeta Cloud Technology Co.", []string{"primary:Zeta Cloud Technology Co.", "aka:Zeta Cloud", "aka:ZetaCloud", "aka:Zeta Beijing"}, "2025-01-07", interdict.Link{}, ""},
		{"Eta Sensors Co. Ltd.", []string{"primary:Eta Sensors Co. Ltd."}, "", interdict.Link{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.primary, func(t *testing.T) {
			e := byPrimary(l, tt.primary)
			if e == nil {
				t.Fatal("not found")
			}
			if got := loadtest.Names(e); !slices.Equal(got, tt.names) {
				t.Errorf("names %q, want %q", got, tt.names)
			}
			if e.ListedOn.String() != tt.listed {
				t.Errorf("listed %s, want %s", e.ListedOn, tt.listed)
			}
			var wantLinks []interdict.Link
			if tt.link != (interdict.Link{}) {
				wantLinks = []interdict.Link{tt.link}
			}
			if !slices.Equal(e.Links, wantLinks) {
				t.Errorf("links %+v, want %+v", e.Links, wantLinks)
			}
			if e.Remarks != tt.remarks {
				t.Errorf("remarks %q, want %q", e.Remarks, tt.remarks)
			}
		})
	}
}

func TestParseBad(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"empty", "", "dod: in.csv: empty file, want a header line"},
		{"header only", "Name,Clean Name,Alias\n", "dod: in.csv: header only, no data rows"},
		{"other schema", "Type,Name,Alias,Country\nOrganization,X,,CU\n", `dod: in.csv line 1: missing column "Clean Name": not a DoD Section 1260H`},
		{"binary", "\x00\x01\x02", "dod: in.csv: UTF-16 or binary data"},
		{"bad quote in header", "Name,\"Clean Name\nX", "dod: in.csv line 1: header:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.input), "in.csv")
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("err = %v, want prefix %q", err, tt.want)
			}
		})
	}
	_, err := Parse(loadtest.Fixture(t, "truncated.csv"), "truncated.csv")
	if err == nil || !strings.HasPrefix(err.Error(), "dod: truncated.csv line 2: file ends inside this row, truncated?") {
		t.Errorf("truncated: %v", err)
	}
}

func TestDetect(t *testing.T) {
	const header = "Name,Clean Name,Alias,Previous Name,Parent Name,Note,Start date,End date,Source Url\n"
	tests := []struct {
		name, head string
		want       bool
	}{
		{"sanctions.csv", header + "CNOOC Limited*,CNOOC Limited,,,,,2021-06-03,,\n", true},
		{"renamed.txt", "\xEF\xBB\xBF" + header, true},
		{"sanctions.csv", "Type,Name,Alias,Country,Topics,Program,Date,End date,Source URL\n", false},
		{"sanctions.csv", "id,schema,name,aliases\n", false},
		{"sanctions.csv", "", false},
	}
	for _, tt := range tests {
		if got := Detect(tt.name, []byte(tt.head)); got != tt.want {
			t.Errorf("Detect(%q, %.30q) = %v, want %v", tt.name, tt.head, got, tt.want)
		}
	}
}

func TestNameHelpers(t *testing.T) {
	strip := map[string]string{
		"360 Security Technology Inc. (Qihoo 360)*": "360 Security Technology Inc. (Qihoo 360)",
		"360 Security Technology Inc. (Qihoo 360).": "360 Security Technology Inc. (Qihoo 360)",
		"CNOOC Limited*":     "CNOOC Limited",
		"China SpaceSat Co.": "China SpaceSat Co.",
	}
	for in, want := range strip {
		if got := stripMarks(in); got != want {
			t.Errorf("stripMarks(%q) = %q, want %q", in, got, want)
		}
	}
	formers := formerNames("AVIC Chengdu Aircraft Co., Ltd. (formerly Zhonghang Electronic Measuring Instruments Company Limited (ZEMIC))")
	for _, k := range []string{"zhonghang electronic measuring instruments company limited zemic", "zhonghang electronic measuring instruments company limited", "zemic"} {
		if !formers[k] {
			t.Errorf("formerNames misses %q: %v", k, formers)
		}
	}
	if f := formerNames("Hesai Group (also known as Hesai Technology Co., Ltd.)"); f != nil {
		t.Errorf("formerNames(aka) = %v", f)
	}
	if base, inner, ok := trailingParen("A (B (C))"); !ok || base != "A" || inner != "B (C)" {
		t.Errorf("trailingParen = %q %q %v", base, inner, ok)
	}
	if _, _, ok := trailingParen("A B C)"); ok {
		t.Error("unbalanced trailing parenthesis accepted")
	}
}
