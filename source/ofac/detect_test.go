package ofac

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interdict/interdict/internal/shared"
)

func head(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, 64<<10))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDetectReal runs both detectors on every real OFAC file, under its
// own name and under a neutral one: the part comes from the content.
func TestDetectReal(t *testing.T) {
	tests := []struct {
		path   string
		source string
		part   Part
		xml    bool
	}{
		{"ofac_sdn_2024-05-03/sdn.csv", SourceSDN, PartPrimary, false},
		{"ofac_sdn_2024-02-20/sdn.csv", SourceSDN, PartPrimary, false},
		{"ofac_sdn_2021-07-07/sdn.csv", SourceSDN, PartPrimary, false},
		{"ofac_sdn_2021-07-07/alt.csv", SourceSDN, PartAlt, false},
		{"ofac_sdn_2021-07-07/add.csv", SourceSDN, PartAddress, false},
		{"ofac_sdn_2021-07-07/sdn_comments.csv", SourceSDN, PartComments, false},
		{"ofac_sdn_aux_2025-12-24/alt.csv", SourceSDN, PartAlt, false},
		{"ofac_sdn_aux_2025-12-24/add.csv", SourceSDN, PartAddress, false},
		{"ofac_sdn_aux_2025-12-24/sdn_comments.csv", SourceSDN, PartComments, false},
		{"ofac_consolidated_nonsdn/cons_prim.csv", SourceCons, PartPrimary, false},
		{"ofac_consolidated_nonsdn/cons_alt.csv", SourceCons, PartAlt, false},
		{"ofac_consolidated_nonsdn/cons_add.csv", SourceCons, PartAddress, false},
		{"ofac_consolidated_nonsdn/cons_comments.csv", SourceCons, PartComments, false},
		{"ofac_consolidated_nonsdn/ofac.xml", "", 0, true},
		{"un_consolidated/UN_consolidated.xml", "", 0, false},
		{"us_csl_samples/csl.csv", "", 0, false},
		{"canada_sema/cannada.xml", "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			h := head(t, shared.Data(t, strings.Split(tt.path, "/")...))
			for _, name := range []string{filepath.Base(tt.path), "download.bin"} {
				src, part, ok := DetectCSV(name, h)
				if ok != (tt.part != 0) || part != tt.part {
					t.Errorf("DetectCSV(%s) = %q %v %v, want %v", name, src, part, ok, tt.part)
				}
				if ok && name != "download.bin" && src != tt.source {
					t.Errorf("DetectCSV(%s) source = %q, want %q", name, src, tt.source)
				}
				if got := Detect(name, h); got != tt.xml {
					t.Errorf("Detect(%s) = %v, want %v", name, got, tt.xml)
				}
			}
		})
	}
}

// TestDetectCSV covers the shapes DetectCSV must tell apart.
func TestDetectCSV(t *testing.T) {
	tests := []struct {
		name, head string
		source     string
		part       Part
	}{
		{"sdn.csv", "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n", SourceSDN, PartPrimary},
		{"CONS_PRIM.CSV", "9639,\"HANIYA, Ismail\",\"individual\",\"NS-PLC\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1962.\"\r\n", SourceCons, PartPrimary},
		{"x", "36,12,\"aka\",\"AERO-CARIBBEAN\",-0- \r\n", SourceSDN, PartAlt},
		{"x", "36,25,-0- ,\"Havana\",\"Cuba\",-0- \r\n", SourceSDN, PartAddress},
		{"x", "17016,\"tive Date\"\r\n", SourceSDN, PartComments},
		{"one line, no end", "36,25,-0- ,\"Havana\",\"Cuba\",-0- ", SourceSDN, PartAddress},
		{"end mark only", "\x1a", "", 0},
		{"empty", "", "", 0},
		{"header row", "ent_num,SDN_Name,SDN_Type,Program,Title,Call_Sign,Vess_type,Tonnage,GRT,Vess_flag,Vess_owner,Remarks\r\n", "", 0},
		{"unknown type", "36,\"X\",\"spaceship\",\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n", "", 0},
		{"unknown alt type", "36,12,\"alias\",\"X\",-0- \r\n", "", 0},
		{"mixed parts", "36,12,\"aka\",\"X\",-0- \r\n36,25,-0- ,\"Havana\",\"Cuba\",-0- \r\n", "", 0},
		{"open quote", "36,\"X\r\n", "", 0},
		{"UTF-16", "3\x006\x00,\x00", "", 0},
		{"XML", "<?xml version=\"1.0\"?>\r\n<sdnList>\r\n", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, part, ok := DetectCSV(tt.name, []byte(tt.head))
			if ok != (tt.part != 0) || part != tt.part || src != tt.source {
				t.Errorf("DetectCSV = %q %v %v, want %q %v", src, part, ok, tt.source, tt.part)
			}
		})
	}
}

func TestDetectXML(t *testing.T) {
	tests := []struct {
		head string
		want bool
	}{
		{`<?xml version="1.0" standalone="yes"?>` + "\r\n" + `<sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML"><publshInformation>`, true},
		{`<sdnList xmlns="http://tempuri.org/sdnList.xsd">`, true},
		{"\xef\xbb\xbf<!-- generated --><sdnList>", true},
		{`<?xml version="1.0" encoding="windows-1252"?><sdnList>`, true},
		{`<CONSOLIDATED_LIST>`, false},
		{`<Sanctions xmlns="http://www.un.org/sanctions/1.0">`, false},
		{"36,\"AEROCARIBBEAN AIRLINES\"", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := Detect("file", []byte(tt.head)); got != tt.want {
			t.Errorf("Detect(%q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

func TestPartString(t *testing.T) {
	for p, want := range map[Part]string{PartPrimary: "sdn.csv", PartAlt: "alt.csv", PartAddress: "add.csv", PartComments: "sdn_comments.csv", 9: "Part(9)"} {
		if p.String() != want {
			t.Errorf("%d.String() = %q", int(p), p.String())
		}
	}
}
