package batch

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// workbook writes rows (nil: an empty row) to a new workbook's first
// sheet, a date cell where a value is a time.Time, and returns its path.
func workbook(t testing.TB, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		if row == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
		for c, v := range row {
			if _, ok := v.(time.Time); ok {
				name, _ := excelize.CoordinatesToCellName(c+1, i+1)
				style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
				f.SetCellStyle("Sheet1", name, name, style)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "in.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestXLSXReader(t *testing.T) {
	dob := time.Date(1984, 1, 8, 0, 0, 0, 0, time.UTC)
	path := workbook(t, [][]any{
		nil,
		{"Company Name", "DOB", "Country", " Reg No "},
		{"Kim Jong Un", dob, "KP"},
		nil,
		{"Lee", 1990, "KR", 12345678901},
		{"Pak", "", "", "", "", "stray note"},
		{"", "", ""},
		{"Choi", "1970-05", "KR", "r-1"},
		nil,
	})
	r, err := openXLSX(path, "", 1<<10)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	header, line, err := r.header()
	if err != nil || line != 2 || !reflect.DeepEqual(header, []string{"Company Name", "DOB", "Country", "Reg No"}) {
		t.Fatalf("header %q on row %d: %v", header, line, err)
	}
	var got []Record
	for {
		rec, err := r.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, rec)
	}
	want := []Record{
		{Line: 3, Cells: []string{"Kim Jong Un", "30689", "KP", ""}, End: 3, NextLine: 4},
		{Line: 5, Cells: []string{"Lee", "1990", "KR", "12345678901"}, End: 5, NextLine: 6, Blank: 1},
		{Line: 6, Cells: []string{"Pak", "", "", ""}, Err: "a value in cell F6, beyond the header's 4 columns", End: 6, NextLine: 7},
		{Line: 8, Cells: []string{"Choi", "1970-05", "KR", "r-1"}, End: 8, NextLine: 9, Blank: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows\n%+v\nwant\n%+v", got, want)
	}
	for in, out := range map[string]string{"30689": "1984-01-08", "1990": "1990", "1970-05": "1970-05", "45000.5": "2023-03-15", "x": "x", "-3": "-3"} {
		if s := r.serialDate(in); s != out {
			t.Errorf("serialDate(%q) = %q, want %q", in, s, out)
		}
	}

	// Resuming: skip to a row, then read on.
	r2, err := openXLSX(path, "Sheet1", 1<<10)
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	r2.header()
	if err := r2.skipTo(5); err != nil {
		t.Fatal(err)
	}
	if rec, err := r2.next(); err != nil || rec.Line != 6 {
		t.Errorf("after skipTo(5): %+v %v", rec, err)
	}
	if err := r2.skipTo(99); err == nil {
		t.Errorf("skipTo past the end")
	}
}

func TestXLSXReaderErrors(t *testing.T) {
	dir := t.TempDir()
	notZip := filepath.Join(dir, "text.xlsx")
	os.WriteFile(notZip, []byte("name\nKim\n"), 0o644)
	zipNotXLSX := filepath.Join(dir, "zip.xlsx")
	{
		var b bytes.Buffer
		x := newXLSXWriter(&b, []string{"a"}, nil)
		x.zw.Create("hello.txt")
		x.zw.Close()
		os.WriteFile(zipNotXLSX, b.Bytes(), 0o644)
	}
	for _, tc := range []struct {
		name, path, sheet, err string
	}{
		{"no header", workbook(t, [][]any{nil, nil, {""}}), "", "no header row"},
		{"no rows", workbook(t, nil), "", "has no rows"},
		{"no such sheet", workbook(t, [][]any{{"name"}}), "People", `no sheet "People" (sheets: "Sheet1")`},
		{"not a zip", notZip, "", "not a readable XLSX workbook"},
		{"zip without workbook", zipNotXLSX, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := openXLSX(tc.path, tc.sheet, 1<<10)
			if err == nil {
				_, _, err = r.header()
				r.Close()
			}
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("error %v, want %q", err, tc.err)
			}
		})
	}
}

func TestXLSXWriter(t *testing.T) {
	header := []string{"line", "name", "score", "note"}
	rows := [][]string{
		{"2", "Kim Jong Un", "0.950", "a < b & c > d"},
		{"3", "Bell\x07 and \x00nul \xff", "", " leading space"},
		{"4", strings.Repeat("ж", xlsxMaxCell+10), "n/a", "line\nbreak\r\nand tab\t"},
		{"5", "=SUM(A1)", "1e3", ""},
	}
	write := func() []byte {
		var b bytes.Buffer
		x := newXLSXWriter(&b, header, []bool{true, false, true, false})
		for _, r := range rows {
			if err := x.Write(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := x.Close(); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	b := write()
	if !bytes.Equal(b, write()) {
		t.Errorf("two writes of the same rows differ")
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"Results"}) {
		t.Errorf("sheets %q", got)
	}
	got, err := f.GetRows("Results", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{header,
		{"2", "Kim Jong Un", "0.950", "a < b & c > d"},
		{"3", "Bell\uFFFD and \uFFFDnul \uFFFD", "", " leading space"},
		{"4", strings.Repeat("ж", xlsxMaxCell-1) + "…", "n/a", "line\nbreak\r\nand tab\t"},
		{"5", "=SUM(A1)", "1e3"},
	}
	if !reflect.DeepEqual(got, want) {
		for i := range got {
			t.Errorf("row %d: %q", i, clip(strings.Join(got[i], "|"), 200))
		}
	}
	// Numbers are number cells (no type), the rest inline strings.
	if typ, _ := f.GetCellType("Results", "C2"); typ != excelize.CellTypeUnset {
		t.Errorf("score cell type %v", typ)
	}
	if typ, _ := f.GetCellType("Results", "C4"); typ != excelize.CellTypeInlineString {
		t.Errorf("score cell n/a type %v", typ)
	}
	if formula, _ := f.GetCellFormula("Results", "B5"); formula != "" {
		t.Errorf("a name became a formula: %q", formula)
	}
}

// TestXLSXWriterSheets overflows a sheet: the rows go on in a second one,
// under the header again.
func TestXLSXWriterSheets(t *testing.T) {
	var b bytes.Buffer
	x := newXLSXWriter(&b, []string{"line"}, []bool{true})
	x.maxRows = 3
	for i := range 5 {
		x.Write([]string{string(rune('a' + i))})
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var got []string
	for _, s := range f.GetSheetList() {
		rows, _ := f.GetRows(s)
		got = append(got, s+":"+strings.Join(flatten(rows), ","))
	}
	if want := []string{"Results:line,a,b", "Results 2:line,c,d", "Results 3:line,e"}; !reflect.DeepEqual(got, want) {
		t.Errorf("%q", got)
	}
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

// FuzzXLSXReader opens any bytes as a workbook: an error or rows, never a
// panic.
func FuzzXLSXReader(f *testing.F) {
	dir := f.TempDir()
	for _, rows := range [][][]any{
		{{"name", "dob"}, {"Kim", "1984"}},
		{nil, {"name"}, {"Kim"}, nil, {"Lee", "x", "y"}},
	} {
		b, err := os.ReadFile(workbook(f, rows))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	path := filepath.Join(dir, "fuzz.xlsx")
	f.Fuzz(func(t *testing.T, b []byte) {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		r, err := openXLSX(path, "", 1<<10)
		if err != nil {
			return
		}
		defer r.Close()
		if _, _, err := r.header(); err != nil {
			return
		}
		for range 10000 {
			rec, err := r.next()
			if err != nil {
				return
			}
			if rec.Err == "" && len(rec.Cells) != r.width {
				t.Fatalf("row %d: %d cells, header %d", rec.Line, len(rec.Cells), r.width)
			}
		}
	})
}
