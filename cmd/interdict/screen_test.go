package main

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/shared"
)

// fixture is a small OFAC legacy CSV cut from the alias-holdout SDN files
// (43 entries: Cuban companies, SDGT and SDNT individuals with birth
// dates, Kim Jong Un, two tankers with IMO numbers), so that these tests
// run without ../shared.
const fixture = "testdata/lists"

func TestScreen(t *testing.T) {
	for _, tc := range []struct {
		name    string
		args    []string
		code    int
		out     []string // in stdout, in this order
		errs    []string // in stderr
		notOut  []string
		maxRows int // table rows, when set
	}{
		{name: "kim", args: []string{"Kim Jong-un"}, out: []string{
			"1 match", "#", "score", "alert", "id", "source", "kind", "name", "matched name",
			"1.000", "ALERT", "ofac-sdn:20157", "ofac-sdn", "person", "KIM, Jong Un",
			`the query name "Kim Jong-un" met the primary name "KIM, Jong Un"`, `"kim" is the same as "kim"`, "snapshot "}},
		{name: "unquoted words are one name", args: []string{"Kim", "Jong", "Un"}, out: []string{`for "Kim Jong Un"`, "ofac-sdn:20157"}},
		{name: "alias, dob and country adjust", args: []string{"Musa Abu Marzuk", "--dob", "1951", "--country", "Jordan", "--country", "SY"},
			out: []string{"ofac-sdn:3754", "ABU MARZOOK, Mousa Mohammed", "MARZOUK, Musa Abu", "alias (a.k.a.)", "sounds like", "birth date:", "after adjustments"}},
		{name: "identifier alone", args: []string{"Oil Tanker", "--id", "imo:9187629", "--kind", "vessel"},
			out: []string{"ofac-sdn:15036", "ARTAVIL", "found by identifier alone", "identifier: identical imo 9187629"}},
		{name: "identifier without type", args: []string{"ARTAVIL", "--id", "IMO 9187629"}, out: []string{"ofac-sdn:15036"}},
		{name: "flags before the name", args: []string{"--kind", "organization", "--limit", "1", "Banco Nacional de Cuba"}, out: []string{"ofac-sdn:306"}, maxRows: 1},
		{name: "source filter", args: []string{"CIMEX", "--source", "ofac-sdn", "--source", "ofac-sdn"}, out: []string{"ofac-sdn:535"}},
		{name: "no match", args: []string{"Zzyzx Qwvbn"}, out: []string{`no match for "Zzyzx Qwvbn" scores 0.30 or more`}},
		{name: "min score", args: []string{"CIMEX", "--min-score", "0.99"}, out: []string{"ofac-sdn:535"}, notOut: []string{"ofac-sdn:536"}},
		{name: "explain none", args: []string{"CIMEX", "--explain", "0"}, out: []string{"ofac-sdn:535"}, notOut: []string{"the query name"}},

		{name: "no name", args: nil, code: exitUsage, errs: []string{"usage: interdict screen NAME"}},
		{name: "blank name", args: []string{"  "}, code: exitUsage, errs: []string{"every name is empty"}},
		{name: "overlong name", args: []string{strings.Repeat("a", 2000)}, code: exitUsage, errs: []string{"2000 bytes long, at most 1024"}},
		{name: "invalid UTF-8", args: []string{"Kim \xff"}, code: exitUsage, errs: []string{"not valid UTF-8"}},
		{name: "bad dob", args: []string{"Kim", "--dob", "07/10/1952"}, code: exitUsage, errs: []string{`--dob "07/10/1952": want YYYY, YYYY-MM or YYYY-MM-DD`}},
		{name: "impossible dob", args: []string{"Kim", "--dob", "1952-13-01"}, code: exitUsage, errs: []string{`--dob "1952-13-01"`}},
		{name: "bad kind", args: []string{"Kim", "--kind", "animal"}, code: exitUsage, errs: []string{`--kind "animal": want person, organization`}},
		{name: "bad country", args: []string{"Kim", "--country", "RU", "--country", "Atlantis"}, code: exitUsage, errs: []string{`--country "Atlantis": not a country`}},
		{name: "too many countries", args: append([]string{"Kim"}, strings.Split(strings.Repeat("--country|RU|", 17), "|")[:34]...), code: exitUsage, errs: []string{"--country", "given 17 times, at most 16"}},
		{name: "overlong id", args: []string{"Kim", "--id", strings.Repeat("1", 300)}, code: exitUsage, errs: []string{"--id", "300 bytes, at most 256"}},
		{name: "empty id", args: []string{"Kim", "--id", "passport:"}, code: exitUsage, errs: []string{`--id "passport:"`}},
		{name: "limit 0", args: []string{"Kim", "--limit", "0"}, code: exitUsage, errs: []string{`--limit "0": want 1..500`}},
		{name: "limit too big", args: []string{"Kim", "--limit", "501"}, code: exitUsage, errs: []string{"--limit"}},
		{name: "min score above 1", args: []string{"Kim", "--min-score", "1.5"}, code: exitUsage, errs: []string{`--min-score "1.5": want 0..1`}},
		{name: "min score NaN", args: []string{"Kim", "--min-score", "NaN"}, code: exitUsage, errs: []string{"--min-score"}},
		{name: "negative explain", args: []string{"Kim", "--explain", "-1"}, code: exitUsage, errs: []string{"--explain"}},
		{name: "unknown flag", args: []string{"Kim", "--frobnicate"}, code: exitUsage, errs: []string{"flag provided but not defined"}},
		{name: "unknown source", args: []string{"Kim", "--source", "uk"}, code: exitUsage, errs: []string{`--source "uk": no such list is loaded (loaded: ofac-sdn)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := run(t, nil, append([]string{"screen", "--data", fixture}, tc.args...)...)
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
			for _, w := range tc.notOut {
				if strings.Contains(out, w) {
					t.Errorf("stdout has %q:\n%s", w, out)
				}
			}
			for _, w := range tc.errs {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errs)
				}
			}
			if tc.maxRows > 0 {
				if rows := strings.Count(out, "ofac-sdn  "); rows > tc.maxRows {
					t.Errorf("%d table rows, want at most %d:\n%s", rows, tc.maxRows, out)
				}
			}
		})
	}
}

// TestScreenFlagsBeforeLoading: bad values are refused before any list is
// read, so a typo costs nothing and is not mistaken for a loading failure.
func TestScreenFlagsBeforeLoading(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing")
	code, _, errs := run(t, nil, "screen", "--data", missing, "--dob", "1952-1-1", "Kim")
	if code != exitUsage || !strings.Contains(errs, "--dob") || strings.Contains(errs, "missing") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	code, _, errs = run(t, nil, "screen", "--data", missing, "Kim")
	if code != exitError || !strings.Contains(errs, "missing") {
		t.Errorf("missing lists: exit %d, stderr %q", code, errs)
	}
}

func TestScreenJSON(t *testing.T) {
	code, out, errs := run(t, nil, "screen", "--data", fixture, "--json", "Musa Abu Marzuk", "--dob", "1951-08", "--limit", "3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var res struct {
		Snapshot string                       `json:"snapshot"`
		Matches  []map[string]json.RawMessage `json:"matches"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	// The version the HTTP API names its snapshots by.
	if !regexp.MustCompile(`^s-[0-9a-f]{12}$`).MatchString(res.Snapshot) {
		t.Errorf("snapshot %q", res.Snapshot)
	}
	if len(res.Matches) == 0 || len(res.Matches) > 3 {
		t.Fatalf("%d matches", len(res.Matches))
	}
	for _, f := range []string{"id", "score", "name", "matched_name", "source", "kind", "alert", "explanation"} {
		if _, ok := res.Matches[0][f]; !ok {
			t.Errorf("match lacks %q: %s", f, out)
		}
	}
	var top interdict.Match
	b, _ := json.Marshal(res.Matches[0])
	if err := json.Unmarshal(b, &top); err != nil {
		t.Fatal(err)
	}
	if top.ID != "ofac-sdn:3754" || !top.Alert || top.Explanation == nil || len(top.Explanation.Tokens) == 0 || top.Explanation.Threshold != interdict.DefaultThreshold {
		t.Errorf("top match %+v", top)
	}
	// An empty result is an empty array, not null.
	code, out, _ = run(t, nil, "screen", "--data", fixture, "--json", "Zzyzx Qwvbn")
	if code != 0 || !strings.Contains(out, `"matches": []`) {
		t.Errorf("no match: exit %d\n%s", code, out)
	}
}

// TestScreenSharedPutin runs the command over every shared list: the
// OFAC record of Vladimir Putin alerts for his name in Cyrillic. (Ranking
// in many spellings is package screen's test; this one checks the command
// end to end, and loading every list once costs seconds.)
func TestScreenSharedPutin(t *testing.T) {
	data := shared.Data(t)
	for _, name := range []string{"Путин Владимир Владимирович"} {
		code, out, errs := run(t, nil, "screen", "--data", data, "--json", "--kind", "person", name)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", name, code, errs)
		}
		var res screenResult
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range res.Matches {
			if m.ID == "ofac-sdn:35096" && m.Alert {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: ofac-sdn:35096 does not alert among %d matches", name, len(res.Matches))
		}
	}
}
