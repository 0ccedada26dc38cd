package meti

import (
	"strings"
	"testing"

	"github.com/interdict/interdict"
)

// FuzzParse feeds arbitrary rows (the cells a workbook would give, one
// line per row, tab-separated, in header order, "\n" inside a cell written
// as "|") through the row handling that Parse does after excelize has read
// the sheet. Whole workbooks are not fuzzed: the zip and XML layers are
// excelize's.
func FuzzParse(f *testing.F) {
	f.Add("1\tイラン|Islamic Republic of Iran\tX Co.|(X公司)\t・A|・B\t核|N\tCW")
	f.Fuzz(func(t *testing.T, data string) {
		p := newParser("fuzz.xlsx")
		h := make([]string, len(header))
		for i, c := range header {
			h[i] = c.(string)
		}
		p.cols, _, _ = findColumns(h)
		lines := strings.Split(data, "\n")
		for i, line := range lines {
			p.row(strings.Split(strings.ReplaceAll(line, "|", "\n"), "\t"), i+2)
		}
		l := p.finish()
		if l.Records > len(lines) || len(l.Entities)+len(l.Rejects) > l.Records {
			t.Fatalf("records %d, entities %d, rejects %d, rows %d", l.Records, len(l.Entities), len(l.Rejects), len(lines))
		}
		seen := map[string]bool{}
		for _, e := range l.Entities {
			if !strings.HasPrefix(e.ID, "jp-meti:") || len(e.ID) != len("jp-meti:")+16 || seen[e.ID] {
				t.Fatalf("bad or repeated id %q", e.ID)
			}
			seen[e.ID] = true
			if len(e.Names) == 0 || e.Names[0].Type != interdict.NamePrimary || e.Programs[0] != "METI-EUL" {
				t.Fatalf("%s: %+v", e.ID, e)
			}
		}
	})
}

// FuzzNames checks the name, alias and concern-type cell readers never
// panic and never return empty or untrimmed names.
func FuzzNames(f *testing.F) {
	for _, s := range []string{
		"Korea Ryonbong General Corporation （ＫＲＧＣ） コリアリョンボン\n（朝鮮連峰総会社）",
		"・(Korea) Sunhwagang Trading Co.\n((朝鮮)順和江貿易会社)\n中国語\n・X; and",
		"生物、化学、ミサイル、核\nB,C,M,N",
		"((((（）))) ・・ ｶﾀｶﾅ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded := foldWidth(s)
		for _, cell := range []string{s, folded} {
			ns, r := nameCell(cell)
			as, r2 := akaCell(cell)
			if r < 0 || r2 < 0 {
				t.Fatal("negative readings")
			}
			for _, n := range append(ns, as...) {
				if n.Full == "" || n.Full != strings.TrimSpace(n.Full) || strings.Contains(n.Full, "  ") {
					t.Fatalf("untidy name %q from %q", n.Full, cell)
				}
			}
			codes, _ := wmdCodes(cell)
			for _, c := range codes {
				if !strings.Contains("BCMN", c) || len(c) != 1 {
					t.Fatalf("wmdCodes(%q) gave %q", cell, c)
				}
			}
		}
		splitBilingual(folded)
		dateFromName(s)
	})
}
