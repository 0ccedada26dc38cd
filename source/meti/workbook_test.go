package meti

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// header is METI's bilingual header row.
var header = []any{
	"No.", "国名、地域名\nCountry or Region", "企業名､組織名\nCompany or Organization",
	"別名\nAlso Known As", "懸念区分\nType of WMD", "通常兵器\nConventional Weapons",
}

// workbook builds an xlsx in memory from rows, with METI's sheet name.
func workbook(t testing.TB, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "ユーザーリスト"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// fixtureRows are the edge cases of the End User List; data starts on
// sheet row 2.
func fixtureRows() [][]any {
	row := func(cells ...any) []any { return cells }
	return [][]any{
		header,
		// 2: the common shape.
		row(1, "アフガニスタン\nIslamic Republic of Afghanistan", "Al Qa'ida/Islamic Army",
			"・Al Qaeda\n・The Base", "生物、化学、ミサイル、核\nB,C,M,N", "通常兵器\nCW"),
		// 3: full-width text, a native name on the next line, a kana reading.
		row(2, "北朝鮮\nNorth Korea", "Korea Ryonbong General Corporation （ＫＲＧＣ） コリアリョンボン\n（朝鮮連峰総会社）",
			"・Korea Yonbong General Corporation\n(朝鮮嶺峰貿易会社)\n・Lyongaksan General\nTrading Corporation\n中国語名称\n・Novator Design Bureau; and", "核\nＮ"),
		// 4: a name in Japanese script only, and a bracketed reading.
		row(3, "北朝鮮\nNorth Korea", "セソン技術貿易", "・Rostec (ロステック)", "ミサイル"),
		// 5: a name in mixed script.
		row(4, "北朝鮮\nNorth Korea", "SESON技術貿易", "", "M"),
		// 6: entry 2 again (same country and name once folded): merged.
		row(5, "北朝鮮\nNorth Korea", "Korea Ryonbong General Corporation (KRGC)", "・Ryonbong", "X,N"),
		// 7: blank, skipped.
		row(),
		// 8-9: rejects.
		row(7, "イラン\nIslamic Republic of Iran", ""),
		row(8, "", "Nowhere Trading"),
		// 10: an unknown country.
		row(9, "アトランティス\nAtlantis", "Atlantis Holdings", "YINKE ELECTRONICS CO., LTD"),
	}
}
