package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interdict/interdict/shipment"
)

// The fixture lists (testdata/lists) hold BANCO NACIONAL DE CUBA
// (ofac-sdn:306) with its Zurich address, Zweierstrasse 35.
const (
	shipClean = `{"id": "S-1", "shipper": {"name": "Rheinland Waelzlager GmbH", "country": "DE"},
		"consignee": {"name": "Ateliers Mecaniques du Rhone SAS", "country": "FR"}, "route": ["DE", "FR"],
		"goods": [{"hs_code": "8482.10", "description": "deep groove ball bearings", "quantity": 500, "unit": "pcs", "value": 800, "currency": "EUR"}]}`
	shipListed = `{"id": "S-2", "shipper": {"name": "Rheinland Waelzlager GmbH", "country": "DE"},
		"consignee": {"name": "Banco Nacional de Cuba", "country": "CU"}, "route": ["DE", "CU"],
		"goods": [{"hs_code": "9503.00", "description": "GNSS receiver modules", "quantity": 10}]}`
	shipAddress = `{"id": "S-3", "consignee": {"name": "Helvetia Handels AG", "country": "CH", "address": "Zweierstrasse 35, 8022 Zurich"},
		"goods": [{"description": "cotton shirts"}]}`
	shipTransship = `{"id": "S-4", "consignee": {"name": "Yerevan Smart Devices LLC", "country": "AM"},
		"end_user": {"name": "Yerevan Smart Devices LLC", "country": "AM", "registered": "2023-01-05"},
		"payment_origin": "HK", "order_date": "2024-03-01", "route": ["DE", "AM"],
		"goods": [{"hs_code": "8542.31.00", "description": "32-bit microcontrollers", "quantity": 8000}]}`
)

func writeTemp(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestShipment(t *testing.T) {
	for _, tc := range []struct {
		name string
		body string
		file string // default s.json
		args []string
		code int
		out  []string // in stdout, in order
		errs []string // in stderr
	}{
		{name: "clear", body: shipClean, out: []string{"shipment S-1: CLEAR, 0 reasons", "parties", "shipper", "Rheinland Waelzlager GmbH",
			"no listed name scores 0.60 or more", "goods", "1. 8482.10 deep groove ball bearings", "CHPL Tier 3.B 8482.10 (by code)",
			"route DE → FR", "lists s-", "goods tables g-"}},
		{name: "listed consignee", body: shipListed, out: []string{"shipment S-2: BLOCK", "BLOCK listed-party [consignee]",
			`consignee "Banco Nacional de Cuba" matches ofac-sdn:306`, "source: ofac-sdn list, snapshot s-",
			"REVIEW misdeclared-goods [goods[0]]", "declared 9503.00, on no table", "ofac-sdn:306 BANCO NACIONAL DE CUBA", "ALERT"}},
		{name: "listed address", body: shipAddress, out: []string{"REVIEW", "listed-address [consignee.address]", "ofac-sdn:306", "Zweierstrasse 35"}},
		{name: "transshipment", body: shipTransship, out: []string{"REVIEW", "transshipment-high-priority [consignee]", "transshipment-high-priority [end_user]",
			"third-country-payment", "recent-registration", "AM (transshipment point)"}},
		{name: "csv", file: "s.csv", body: "consignee.name,Yerevan Smart Devices LLC\nconsignee.country,AM\nhs_code,description\n8542.31,microcontrollers\n",
			out: []string{"shipment (no id): REVIEW", "transshipment-high-priority"}},
		{name: "csv by flag", file: "s.txt", args: []string{"--format", "csv"}, body: "consignee.name,A\nhs_code\n6109.10\n", out: []string{"CLEAR"}},
		{name: "bad HS code", body: `{"consignee": {"name": "A"}, "goods": [{"hs_code": "8542"}, {"hs_code": "8471"}, {"hs_code": "ABCD"}]}`,
			code: exitUsage, errs: []string{`goods[2].hs_code: "ABCD" is not an HS code`}},
		{name: "negative quantity", body: `{"consignee": {"name": "A"}, "goods": [{"hs_code": "8542", "quantity": -2}]}`, code: exitUsage, errs: []string{"goods[0].quantity: -2 is negative"}},
		{name: "bad country", body: `{"consignee": {"name": "A", "country": "Atlantis"}, "goods": [{"hs_code": "8542"}]}`, code: exitUsage, errs: []string{`consignee.country: "Atlantis" is not an ISO 3166 country`}},
		{name: "no parties", body: `{"goods": [{"hs_code": "8542"}]}`, code: exitUsage, errs: []string{"parties: no party"}},
		{name: "bad format", body: shipClean, args: []string{"--format", "xml"}, code: exitUsage, errs: []string{`--format "xml": want json or csv`}},
		{name: "bad report name", body: shipClean, args: []string{"--report", "x.docx"}, code: exitUsage, errs: []string{`--report "x.docx"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := tc.file
			if file == "" {
				file = "s.json"
			}
			p := writeTemp(t, file, tc.body)
			code, out, errs := run(t, nil, append([]string{"shipment", p, "--data", fixture}, tc.args...)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out, errs)
			}
			rest := out
			for _, w := range tc.out {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("stdout lacks %q (in order):\n%s", w, out)
				}
				rest = rest[i+len(w):]
			}
			for _, w := range tc.errs {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errs)
				}
			}
		})
	}
}

// TestShipmentBadInputBeforeLoading: a bad shipment is refused before any
// list is read.
func TestShipmentBadInputBeforeLoading(t *testing.T) {
	p := writeTemp(t, "s.json", `{"goods": []}`)
	code, _, errs := run(t, nil, "shipment", p, "--data", filepath.Join(t.TempDir(), "missing"))
	if code != exitUsage || !strings.Contains(errs, "goods: no goods line") || strings.Contains(errs, "missing") {
		t.Errorf("exit %d, stderr %s", code, errs)
	}
}

func TestShipmentJSONAndReport(t *testing.T) {
	p := writeTemp(t, "s.json", shipListed)
	report := filepath.Join(t.TempDir(), "decision.html")
	code, out, errs := run(t, nil, "shipment", p, "--data", fixture, "--json", "--report", report)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var d shipment.Decision
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	if d.Level != shipment.Block || d.ShipmentID != "S-2" || !strings.HasPrefix(d.Snapshot, "s-") || !strings.HasPrefix(d.GoodsTables, "g-") ||
		len(d.Parties) != 2 || !d.Parties[1].Alert || d.Shipment.Consignee.Country != "CU" || len(d.Entries) == 0 {
		t.Errorf("decision %+v", d)
	}
	page, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"badge block", "Banco Nacional de Cuba", "listed-party", "ofac-sdn:306", d.Snapshot, d.GoodsTables} {
		if !bytes.Contains(page, []byte(w)) {
			t.Errorf("report lacks %q", w)
		}
	}
	if !strings.Contains(errs, "report written to "+report) {
		t.Errorf("stderr %s", errs)
	}
}

// TestShipmentPDF prints the report with Chromium where it is installed.
func TestShipmentPDF(t *testing.T) {
	if _, err := exec.LookPath("chromium"); err != nil {
		t.Skip("chromium not installed: PDF reports are not available here")
	}
	if testing.Short() {
		t.Skip("starts a browser")
	}
	p := writeTemp(t, "s.json", shipTransship)
	pdf := filepath.Join(t.TempDir(), "decision.pdf")
	code, _, errs := run(t, nil, "shipment", p, "--data", fixture, "--report", pdf)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(pdf)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) || len(b) < 10000 {
		t.Errorf("not a PDF report (%d bytes, %v)", len(b), err)
	}
}

func TestShipmentPDFWithoutBrowser(t *testing.T) {
	p := writeTemp(t, "s.json", shipClean)
	pdf := filepath.Join(t.TempDir(), "decision.pdf")
	code, _, errs := run(t, map[string]string{"INTERDICT_CHROMIUM": filepath.Join(t.TempDir(), "no-such-browser")}, "shipment", p, "--data", fixture, "--report", pdf)
	if code != exitError || !strings.Contains(errs, "report:") {
		t.Errorf("exit %d: %s", code, errs)
	}
	if _, err := os.Stat(pdf); err == nil {
		t.Error("a PDF was left behind")
	}
}

func TestShipmentBatch(t *testing.T) {
	lines := []string{
		strings.Join(strings.Fields(shipClean), " "),
		strings.Join(strings.Fields(shipListed), " "),
		"",
		`{"consignee": {"name": "A"}, "goods": [{"hs_code": "ABCD"}]}`,
		"not json",
		strings.Join(strings.Fields(shipTransship), " "),
	}
	in := writeTemp(t, "in.jsonl", strings.Join(lines, "\n")+"\n")
	outPath := filepath.Join(t.TempDir(), "out.jsonl")
	code, _, errs := run(t, nil, "shipment", "--batch", in, "--out", outPath, "--data", fixture, "--workers", "2", "--progress")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, w := range []string{"shipments 6/6 [==============================] 100%", "6 shipments: 1 clear, 1 review, 1 block, 3 errors",
		`line 3: empty line`, `line 4: goods[0].hs_code: "ABCD" is not an HS code`, "line 5: bad JSON"} {
		if !strings.Contains(errs, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errs)
		}
	}
	f, err := os.Open(outPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	var got []string
	for sc.Scan() {
		var l struct {
			Line     int                `json:"line"`
			Decision *shipment.Decision `json:"decision"`
			Error    string             `json:"error"`
			Problems []shipment.Problem `json:"problems"`
		}
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
		switch {
		case l.Decision != nil:
			got = append(got, l.Decision.Level.String())
		case len(l.Problems) > 0:
			got = append(got, "invalid:"+l.Problems[0].Field)
		default:
			got = append(got, "error")
		}
		if l.Line != len(got) {
			t.Errorf("output line %d is input line %d", len(got), l.Line)
		}
	}
	if strings.Join(got, " ") != "clear block error invalid:goods[0].hs_code invalid: review" {
		t.Errorf("output %v", got)
	}
}

func TestShipmentBatchStdinNoProgress(t *testing.T) {
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(strings.Join(strings.Fields(shipClean), " ")), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code := m.Run(context.Background(), []string{"shipment", "--batch", "-", "--data", fixture})
	if code != exitOK || strings.Count(out.String(), "\n") != 1 || strings.Contains(errb.String(), "shipments 1") {
		t.Errorf("exit %d\nstdout %s\nstderr %s", code, out.String(), errb.String())
	}
}

func TestShipmentUsage(t *testing.T) {
	for _, args := range [][]string{
		{"shipment"},
		{"shipment", "a.json", "b.json"},
		{"shipment", "--batch", "x.jsonl", "extra"},
		{"shipment", "--batch", "x.jsonl", "--report", "r.html"},
		{"shipment", "--batch", "x.jsonl", "--workers", "0"},
	} {
		if code, _, _ := run(t, nil, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}
