package main

import (
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interdict/interdict/gaps"
	"github.com/interdict/interdict/internal/shared"
)

// TestGapsAllies: the allies table over every loaded list. The EU list is
// an excerpt and OFAC's SDN file is the oldest by far, so they answer
// "unknown" wherever they do not list a party; the others answer "not
// listed".
func TestGapsAllies(t *testing.T) {
	data := shared.Data(t)
	code, out, errs := run(t, nil, "gaps", "--data", data, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep gaps.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, a := range rep.Allies {
		known[a.Code] = a.Known
	}
	for code, want := range map[string]bool{"us": false, "uk": true, "eu": false, "un": true, "ca": true, "au": true, "jp": true} {
		if known[code] != want {
			t.Errorf("ally %s known %v, want %v", code, known[code], want)
		}
	}
	for _, s := range rep.Sources {
		if s.Source == "eu" && !strings.Contains(s.Note, "excerpt") {
			t.Errorf("eu note %q", s.Note)
		}
		if s.Source == "ofac-sdn" && !strings.Contains(s.Note, "older than the newest") {
			t.Errorf("ofac-sdn note %q", s.Note)
		}
	}
	if rep.Totals["eu"][gaps.NotListed] != 0 || rep.Totals["us"][gaps.NotListed] != 0 {
		t.Errorf("an excerpt or a stale list answered \"not listed\": %v", rep.Totals)
	}
	if rep.Totals["un"][gaps.Listed] < 990 || rep.Totals["uk"][gaps.Listed] < 4600 || rep.Gaps == 0 || len(rep.ByRegime) == 0 || len(rep.ByCountry) == 0 {
		t.Errorf("totals %v, %d gaps, %d regimes, %d countries", rep.Totals, rep.Gaps, len(rep.ByRegime), len(rep.ByCountry))
	}
	// the UN's designations are copied by the UK and Australia: a UN
	// party the UK does not list is rare
	if n, all := rep.Pairs["un"]["uk"], rep.Totals["un"][gaps.Listed]; n*10 > all {
		t.Errorf("%d of %d UN parties not listed by the UK", n, all)
	}
	t.Logf("%d parties, %d gaps; totals %v; UN parties the UK does not list: %d", len(rep.Rows), rep.Gaps, rep.Totals, rep.Pairs["un"]["uk"])

	// --program narrows; the HTML is a page with the tables
	code, out, _ = run(t, nil, "gaps", "--data", data, "--program", "DPRK", "--allies", "un,uk,au", "--format", "html")
	if code != 0 {
		t.Fatalf("html exit %d", code)
	}
	for _, want := range []string{"<!doctype html>", `<table id="sources">`, `<table id="pairs">`, `<table id="parties">`, "</html>"} {
		if !strings.Contains(out, want) {
			t.Errorf("html lacks %s", want)
		}
	}
	if strings.Count(out, "<tr") != strings.Count(out, "</tr>") || strings.Count(out, "<table") != strings.Count(out, "</table>") {
		t.Error("html rows or tables not closed")
	}
	if code, _, _ := run(t, nil, "gaps", "--allies", "us,xx"); code != exitUsage {
		t.Errorf("unknown ally: exit %d", code)
	}
}

// TestGapsIranUAV: who of the Iranian UAV programme and its suppliers is
// designated where (../shared/reference/iran_uav_program.csv).
func TestGapsIranUAV(t *testing.T) {
	data := shared.Data(t)
	names := filepath.Join(filepath.Dir(data), "reference", "iran_uav_program.csv")
	code, out, errs := run(t, nil, "gaps", "--data", data, "--names", names, "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := map[string]int{}
	for i, h := range recs[0] {
		head[h] = i
	}
	rows := map[string][]string{}
	for _, r := range recs[1:] {
		rows[r[head["query"]]] = r
	}
	if len(recs)-1 != 60 {
		t.Errorf("%d rows, want one per name (60)", len(recs)-1)
	}
	for _, tc := range []struct {
		name  string
		ally  string
		state string
	}{
		{"QODS AVIATION INDUSTRIES", "us", "listed"},
		{"QODS AVIATION INDUSTRIES", "uk", "listed"},
		{"SHAHED AVIATION INDUSTRIES RESEARCH CENTER", "us", "listed"},
		{"SHAHED AVIATION INDUSTRIES RESEARCH CENTER", "uk", "listed"},
		{"SHAHED AVIATION INDUSTRIES RESEARCH CENTER", "au", "listed"},
		{"SHAHED AVIATION INDUSTRIES RESEARCH CENTER", "eu", "unknown"},
		{"PARAVAR PARS COMPANY", "ca", "listed"},
		{"SAHARA THUNDER", "us", "listed"},
		{"SAHARA THUNDER", "uk", "not listed"},
		{"ANKA PORT", "us", "unknown"},
		{"ANKA PORT", "uk", "not listed"},
	} {
		r, ok := rows[tc.name]
		if !ok {
			t.Errorf("no row for %s", tc.name)
			continue
		}
		if got := r[head[tc.ally]]; got != tc.state {
			t.Errorf("%s by %s: %q, want %q (found: %s; cluster %s)", tc.name, tc.ally, got, tc.state, r[head["found"]], r[head["cluster"]])
		}
	}
	if r := rows["QODS AVIATION INDUSTRIES"]; !strings.Contains(r[head["us_records"]], "ofac-sdn:16418") {
		t.Errorf("QODS US records %q", r[head["us_records"]])
	}
	// the table form names every party
	code, out, _ = run(t, nil, "gaps", "--data", data, "--names", names)
	if code != 0 || !strings.Contains(out, "60 names;") || !strings.Contains(out, "SAHARA THUNDER") {
		t.Errorf("table (exit %d):\n%s", code, out)
	}
}

// TestShowSources: `show` names every list holding the party.
func TestShowSources(t *testing.T) {
	data := shared.Data(t)
	code, out, errs := run(t, nil, "show", "ofac-sdn:39637", "--data", data)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"sources (", "uk:RUS1655", "au:7306", "jp-meti:"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
}
