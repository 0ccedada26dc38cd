package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
)

func TestCompare(t *testing.T) {
	empty := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		code int
		out  []string
		errs []string
	}{
		{name: "same person reordered", args: []string{"--data", fixture, "Jong Un Kim", "KIM, Jong Un"},
			out: []string{fmt.Sprintf(`"Jong Un Kim" vs "KIM, Jong Un": score 1.000, MATCH at the default threshold %.2f`, interdict.DefaultThreshold), `"kim" is the same as "kim"`, "token weights from snapshot"}},
		{name: "transliteration", args: []string{"--data", fixture, "--kind", "person", "Mohammad Abu Marzook", "Muhammad Abu Marzuk"},
			out: []string{"sounds like"}},
		{name: "different", args: []string{"--data", fixture, "Angela Merkel", "Banco Nacional de Cuba"},
			out: []string{"no match at the default threshold"}},
		{name: "flags after names", args: []string{"Siemens AG", "SiemensAG", "--data", fixture, "--kind", "company"}, out: []string{"score"}},
		{name: "uniform weights without lists", args: []string{"--data", empty, "Jong Un Kim", "KIM, Jong Un"},
			out: []string{"MATCH"}, errs: []string{"no lists loaded", "uniform token weights"}},

		{name: "one name", args: []string{"--data", fixture, "Kim"}, code: exitUsage, errs: []string{"usage: interdict compare"}},
		{name: "three names", args: []string{"--data", fixture, "a", "b", "c"}, code: exitUsage, errs: []string{"usage: interdict compare"}},
		{name: "empty name", args: []string{"--data", fixture, "Kim", " "}, code: exitUsage, errs: []string{"NAME2: empty name"}},
		{name: "overlong name", args: []string{"--data", fixture, strings.Repeat("x", 1025), "Kim"}, code: exitUsage, errs: []string{"NAME1:", "at most 1024"}},
		{name: "invalid UTF-8", args: []string{"--data", fixture, "Kim", "\xc3\x28"}, code: exitUsage, errs: []string{"NAME2:", "UTF-8"}},
		{name: "bad kind", args: []string{"--kind", "Ship!", "a", "b"}, code: exitUsage, errs: []string{`--kind "Ship!"`}},
		{name: "out without pairs", args: []string{"--out", "x.csv", "a", "b"}, code: exitUsage, errs: []string{"--out goes with --pairs"}},
		{name: "pairs and names", args: []string{"--pairs", "x.csv", "a", "b"}, code: exitUsage, errs: []string{"not both"}},
		{name: "pairs and json", args: []string{"--pairs", "x.csv", "--json"}, code: exitUsage, errs: []string{"--json is for one pair"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := run(t, nil, append([]string{"compare"}, tc.args...)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out, errs)
			}
			for _, w := range tc.out {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tc.errs {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errs)
				}
			}
		})
	}
}

func TestCompareJSON(t *testing.T) {
	for _, tc := range []struct {
		data    string
		weights string
	}{{fixture, "lists"}, {t.TempDir(), "uniform"}} {
		code, out, errs := run(t, nil, "compare", "--json", "--data", tc.data, "--kind", "person", "Ayman al-Zawahiri", "AL ZAWAHIRI, Dr. Ayman")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		var res compareResult
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("%v:\n%s", err, out)
		}
		if res.Weights != tc.weights || (res.Snapshot != "") != (tc.weights == "lists") {
			t.Errorf("weights %q snapshot %v, want %q", res.Weights, res.Snapshot, tc.weights)
		}
		if res.Kind != "person" || res.Score < 0 || res.Score > 1 || res.Match != (res.Score >= res.Threshold) ||
			res.Threshold != interdict.DefaultThreshold || res.Explanation == nil || len(res.Explanation.Tokens) == 0 {
			t.Errorf("%+v", res)
		}
	}
}

func TestFTMKind(t *testing.T) {
	for schema, want := range map[string]interdict.Kind{
		"Person": interdict.KindPerson, "Company": interdict.KindOrganization, "Organization": interdict.KindOrganization,
		"LegalEntity": interdict.KindOrganization, "PublicBody": interdict.KindOrganization, "Vessel": interdict.KindVessel,
		"Airplane": interdict.KindAircraft, " person ": interdict.KindPerson, "Thing": interdict.KindUnknown, "": interdict.KindUnknown,
	} {
		if got := ftmKind(schema); got != want {
			t.Errorf("ftmKind(%q) = %s, want %s", schema, got, want)
		}
	}
}

// readCSV parses CSV output, failing the test on a malformed file.
func readCSV(t *testing.T, s string) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(s))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v\n%s", err, s)
	}
	return rows
}

func TestComparePairs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "pairs.csv")
	pairs := "\ufeffcase_group,schema,name1,name2,is_match,notes\n" +
		"g1,Person,Jong Un Kim,\"KIM, Jong Un\",true,\"quoted, with comma\"\n" +
		"g1,Company,Banco Nacional de Cuba,Angela Merkel,false,\n" +
		"g2,Vessel,ARTAVIL,ARTAVIL,yes,\n" +
		"g2,Thing,Cimex SA,\"CIMEX, S.A.\",,unlabelled\n" +
		"g3,Person,only one name\n" +
		"g3,Person," + strings.Repeat("z", 1100) + ",Kim,false,overlong\n"
	if err := os.WriteFile(in, []byte(pairs), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "scored.csv")
	code, stdout, errs := run(t, nil, "compare", "--data", fixture, "--pairs", in, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if stdout != "" {
		t.Errorf("stdout not empty with --out: %q", stdout)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, string(b))
	inRows := readCSV(t, pairs)
	if len(rows) != len(inRows) {
		t.Fatalf("%d rows out, %d in", len(rows), len(inRows))
	}
	if got := strings.Join(rows[0], ","); got != "\ufeffcase_group,schema,name1,name2,is_match,notes,score,match" {
		t.Errorf("header %q", got)
	}
	for i := 1; i < len(rows); i++ {
		row, orig := rows[i], inRows[i]
		if len(row) != len(orig)+2 || strings.Join(row[:len(orig)], "\x00") != strings.Join(orig, "\x00") {
			t.Errorf("row %d: %q, from %q", i, row, orig)
			continue
		}
		score, match := row[len(row)-2], row[len(row)-1]
		if i >= 5 { // the short row and the overlong name: not scored
			if score != "" || match != "" {
				t.Errorf("row %d: score %q match %q, want empty", i, score, match)
			}
			continue
		}
		s, err := strconv.ParseFloat(score, 64)
		if err != nil || s < 0 || s > 1 || match != strconv.FormatBool(s >= interdict.DefaultThreshold) {
			t.Errorf("row %d: score %q match %q", i, score, match)
		}
	}
	for _, w := range []string{
		"pairs.csv line 6: 3 columns, the header names 6",
		"pairs.csv line 7: bad query: name 1 is 1100 bytes long",
		"6 pairs, 2 not scored; token weights from snapshot",
		fmt.Sprintf("at the default threshold %.2f: precision", interdict.DefaultThreshold), "recall", "F1", "accuracy",
		"(3 labelled:", // the unlabelled row and the two unscored rows are out
		"1 row without a true/false is_match left out",
	} {
		if !strings.Contains(errs, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errs)
		}
	}
}

func TestComparePairsStdio(t *testing.T) {
	in := "name1,name2\nKim Jong Un,KIM Jong-un\n"
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(in), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code := m.Run(context.Background(), []string{"compare", "--data", fixture, "--pairs", "-"})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	rows := readCSV(t, out.String())
	if len(rows) != 2 || strings.Join(rows[0], ",") != "name1,name2,score,match" || rows[1][3] != "true" {
		t.Errorf("%q", rows)
	}
	// No is_match column: no quality figures.
	if strings.Contains(errb.String(), "F1") || !strings.Contains(errb.String(), "1 pair;") {
		t.Errorf("stderr %q", errb.String())
	}
}

func TestComparePairsBad(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	noNames := write("nonames.csv", "a,b,c\n1,2,3\n")
	empty := write("empty.csv", "")
	quote := write("quote.csv", "name1,name2\nKim,Kim\n\"broken,Kim\nKim,Kim\n")
	for _, tc := range []struct {
		name string
		args []string
		code int
		errs string
	}{
		{"no name columns", []string{"--pairs", noNames}, exitUsage, "the header row must name the columns name1 and name2"},
		{"empty file", []string{"--pairs", empty}, exitUsage, "empty file"},
		{"missing file", []string{"--pairs", filepath.Join(dir, "nope.csv")}, exitError, "nope.csv"},
		{"out overwrites in", []string{"--pairs", noNames, "--out", noNames}, exitUsage, "would overwrite"},
		{"broken quote", []string{"--pairs", quote}, exitError, "stopped there"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := run(t, nil, append([]string{"compare", "--data", fixture}, tc.args...)...)
			if code != tc.code || !strings.Contains(errs, tc.errs) {
				t.Errorf("exit %d (want %d), stderr %q (want %q)", code, tc.code, errs, tc.errs)
			}
		})
	}
}

// TestComparePairsDev scores the shared development pairs with the token
// weights of every shared list. It checks the shape of the output, not
// the quality figure (the scorer is being tuned); the F1 is logged.
func TestComparePairsDev(t *testing.T) {
	data := shared.Data(t)
	pairs := filepath.Join(filepath.Dir(data), "bench", "pairs_dev.csv")
	in, err := os.ReadFile(pairs)
	if err != nil {
		t.Skipf("shared bench missing: %v", err)
	}
	code, out, errs := run(t, nil, "compare", "--data", data, "--pairs", pairs)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	inRows, rows := readCSV(t, string(in)), readCSV(t, out)
	if len(rows) != len(inRows) || len(rows) < 2 {
		t.Fatalf("%d rows out, %d in", len(rows), len(inRows))
	}
	for i, row := range rows[1:] {
		s, err := strconv.ParseFloat(row[len(row)-2], 64)
		if err != nil || s < 0 || s > 1 || row[len(row)-1] != strconv.FormatBool(s >= interdict.DefaultThreshold) {
			t.Errorf("row %d: %q", i+2, row)
		}
	}
	if !strings.Contains(errs, "F1 ") || !strings.Contains(errs, strconv.Itoa(len(rows)-1)+" pairs;") {
		t.Errorf("summary: %s", errs)
	}
	t.Logf("pairs_dev.csv: %s", strings.TrimSpace(errs))
}
