//go:build ignore

// Command xlsx2csv dumps the first sheet of each workbook extract.py reads
// as CSV, since python3 here has no openpyxl. From the module root:
//
//	go run ./country/testdata/extract/xlsx2csv.go ../shared/data /tmp/country-xlsx
package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"

	"github.com/xuri/excelize/v2"
)

var workbooks = map[string]string{
	"uk.csv": "uk_ofsi_conlist/ConList.xlsx",
	"au.csv": "australia_dfat/Australian_Sanctions_Consolidated_List.xlsx",
	"jp.csv": "japan_meti_end_user_list/20250929_4.xlsx",
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: xlsx2csv DATA_DIR OUT_DIR")
		os.Exit(2)
	}
	data, out := os.Args[1], os.Args[2]
	if err := os.MkdirAll(out, 0o755); err != nil {
		fail(err)
	}
	for name, src := range workbooks {
		f, err := excelize.OpenFile(filepath.Join(data, src))
		if err != nil {
			fail(err)
		}
		rows, err := f.GetRows(f.GetSheetList()[0])
		if err != nil {
			fail(err)
		}
		f.Close()
		w, err := os.Create(filepath.Join(out, name))
		if err != nil {
			fail(err)
		}
		cw := csv.NewWriter(w)
		if err := cw.WriteAll(rows); err != nil {
			fail(err)
		}
		if err := w.Close(); err != nil {
			fail(err)
		}
		fmt.Printf("%s: %d rows\n", name, len(rows))
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
