package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
)

// run runs the program in-process and returns its exit code and output.
func run(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return env[k] }}
	code := m.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

// listsJSON caches `lists --json` over the shared data: loading every list
// takes a second or two and several tests read it.
var listsJSON = struct {
	once sync.Once
	out  string
	code int
}{}

func sharedLists(t *testing.T) map[string]listReport {
	data := shared.Data(t)
	listsJSON.once.Do(func() {
		listsJSON.code, listsJSON.out, _ = run(t, nil, "lists", "--data", data, "--json")
	})
	if listsJSON.code != 0 {
		t.Fatalf("lists exited %d", listsJSON.code)
	}
	var rep struct {
		Lists []listReport `json:"lists"`
	}
	if err := json.Unmarshal([]byte(listsJSON.out), &rep); err != nil {
		t.Fatal(err)
	}
	out := map[string]listReport{}
	for _, l := range rep.Lists {
		out[l.Source] = l
	}
	return out
}

// TestListsSharedData checks the load report over every real list file
// against the figures in ../shared/data/README.md.
func TestListsSharedData(t *testing.T) {
	lists := sharedLists(t)
	for _, tc := range []struct {
		source    string
		published string
		entities  int
		byKind    map[string]int
	}{
		{"ofac-sdn", "2024-05-03", 14965, map[string]int{"person": 6854, "organization": 6884, "vessel": 851, "aircraft": 376}},
		{"ofac-cons", "2026-01-08", 442, map[string]int{"person": 79, "organization": 363}},
		{"un", "2026-02-27", 1003, map[string]int{"person": 730, "organization": 273}},
		{"uk", "2025-04-14", 4688, map[string]int{"person": 3663, "organization": 1010, "vessel": 15}},
		{"eu", "2026-08-05", 5, map[string]int{"person": 4, "organization": 1}},
		{"ca", "2025-03-20", 4759, nil},
		{"jp-meti", "2025-09-29", 835, map[string]int{"organization": 835}},
		{"ua-war", "2026-03-13", 5600, map[string]int{"person": 1543, "vessel": 1340}},
		{"us-mieu", "", 13, map[string]int{"organization": 13}},
		{"us-dpl", "2022-09-02", 0, nil},
		{"us-1260h", "", 0, nil},
		{"au", "2026-02-24", 0, nil},
		{"csl", "", 0, nil},
		{"ftm", "", 0, nil},
	} {
		l, ok := lists[tc.source]
		if !ok {
			t.Errorf("%s: not loaded", tc.source)
			continue
		}
		if tc.published != "" && l.Published != tc.published {
			t.Errorf("%s: published %s, want %s", tc.source, l.Published, tc.published)
		}
		if tc.entities != 0 && l.Stats.Entities != tc.entities {
			t.Errorf("%s: %d entities, want %d", tc.source, l.Stats.Entities, tc.entities)
		}
		for k, n := range tc.byKind {
			if got := l.Stats.ByKind[interdict.Kind(k)]; got != n {
				t.Errorf("%s: %d %s, want %d", tc.source, got, k, n)
			}
		}
		if l.Stats.Rejects != 0 {
			t.Errorf("%s: %d rejects in the real file: %v", tc.source, l.Stats.Rejects, l.Rejects)
		}
	}
	if uk := lists["uk"]; uk.Stats.Records != 18798 {
		t.Errorf("uk: %d name rows, want 18798", uk.Stats.Records)
	}
	if sdn := lists["ofac-sdn"]; len(sdn.Earlier) != 2 {
		t.Errorf("ofac-sdn: %d earlier versions, want 2 (2024-02-20, 2021-07-07)", len(sdn.Earlier))
	}
	if eu := lists["eu"]; eu.Coverage != "excerpt" {
		t.Errorf("eu coverage %q, want excerpt", eu.Coverage)
	}
}

func TestShowPutin(t *testing.T) {
	data := shared.Data(t)
	code, out, errs := run(t, nil, "show", "ofac-sdn:35096", "--data", data)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"PUTIN, Vladimir Vladimirovich", "1952-10-07", "RU Russia", "RUSSIA-EO14024",
		// The yachts and companies whose remarks say "Linked To" him.
		"ofac-sdn:37444   GRACEFUL  [vessel]", "ofac-sdn:37445   OLYMPIA  [vessel]",
		"JSC ARGUMENT  [organization]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("show ofac-sdn:35096 lacks %q:\n%s", want, out)
		}
	}
}

func TestShowUKCyrillic(t *testing.T) {
	data := shared.Data(t)
	// A UK OFSI Russian target: the ConList carries its name in Cyrillic.
	code, out, errs := run(t, nil, "show", "uk:RUS0251", "--json", "--data", data)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var e struct {
		Programs []string `json:"programs"`
		Names    []struct {
			Full   string `json:"full"`
			Script string `json:"script"`
		} `json:"names"`
	}
	if err := json.Unmarshal([]byte(out), &e); err != nil {
		t.Fatal(err)
	}
	cyr := ""
	for _, n := range e.Names {
		if n.Script == "Cyrl" {
			cyr = n.Full
		}
	}
	if cyr == "" {
		t.Errorf("uk:RUS0251 has no Cyrillic name: %+v", e.Names)
	}
}

func TestNoLists(t *testing.T) {
	empty := t.TempDir()
	code, _, errs := run(t, nil, "lists", "--data", empty)
	if code != exitError || !strings.Contains(errs, "no sanctions list could be loaded") || !strings.Contains(errs, "--data") {
		t.Errorf("empty --data: exit %d, stderr %q", code, errs)
	}
	// No --data and nothing fetched: say how to fetch or where to point.
	code, _, errs = run(t, map[string]string{"HOME": empty}, "lists")
	if code != exitError || !strings.Contains(errs, "interdict fetch") || !strings.Contains(errs, "--data DIR") {
		t.Errorf("fresh state: exit %d, stderr %q", code, errs)
	}
	code, _, errs = run(t, nil, "lists", "--data", filepath.Join(empty, "missing"))
	if code != exitError || !strings.Contains(errs, "missing") {
		t.Errorf("missing --data: exit %d, stderr %q", code, errs)
	}
	if code, _, _ := run(t, nil, "frobnicate"); code != exitUsage {
		t.Errorf("unknown command: exit %d", code)
	}
}

// TestBadInput puts broken files beside good ones: each broken file is
// reported with its name and line or element, the good ones still load,
// and lists fails only when nothing at all loads.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	un, err := os.ReadFile(shared.Data(t, "un_consolidated", "UN_consolidated.xml"))
	if err != nil {
		t.Fatal(err)
	}
	write("bad/truncated_un.xml", un[:len(un)/2])
	// UN XML re-encoded wrongly: Latin-1 bytes in a file declared UTF-8.
	write("bad/latin1_un.xml", []byte("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CONSOLIDATED_LIST dateGenerated=\"2026-02-27T00:00:00Z\"><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>Jos\xe9</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"))
	// The DPL with a header that lacks its columns.
	write("bad/dpl.txt", []byte("Name\tStreet_Address\tCity\tState\tPostal_Code\tEffective_Date\n\"ACME\"\t\"1 Road\"\t\"Town\"\t\"\"\t\"\"\t\"01/01/2020\"\n"))
	write("bad/other.xml", []byte(`<?xml version="1.0"?><catalog xmlns="urn:books"><book id="1"/></catalog>`))
	wb := excelize.NewFile()
	wb.SetSheetRow("Sheet1", "A1", &[]any{"Customer", "Invoice", "Amount"})
	if err := wb.SaveAs(filepath.Join(dir, "bad", "invoices.xlsx")); err != nil {
		t.Fatal(err)
	}
	write("good/mieu.csv", mustRead(t, shared.Data(t, "us_bis_mieu", "mieu.csv")))

	code, out, errs := run(t, nil, "lists", "--data", dir)
	if code != 0 {
		t.Fatalf("exit %d with one good list: %s", code, errs)
	}
	for _, want := range []string{
		"us-mieu", // the good list loaded
		"bad/truncated_un.xml: un: bad/truncated_un.xml: line",
		"bad/latin1_un.xml: un: bad/latin1_un.xml: line 2: INDIVIDUAL #1: malformed XML: invalid UTF-8",
		"bad/dpl.txt: bis: bad/dpl.txt line 1: missing columns Country, Last_Update",
		`bad/invoices.xlsx: workbook whose first sheet "Sheet1" does not have the header of a known list`,
		"bad/other.xml: XML with root element <catalog> in namespace urn:books is not a known list schema",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lists output lacks %q:\n%s", want, out)
		}
	}
	if err := os.Remove(filepath.Join(dir, "good", "mieu.csv")); err != nil {
		t.Fatal(err)
	}
	code, _, errs = run(t, nil, "lists", "--data", dir)
	if code != exitError || !strings.Contains(errs, "truncated_un.xml") {
		t.Errorf("nothing loadable: exit %d, stderr %q", code, errs)
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
