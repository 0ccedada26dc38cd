// Package goods screens what a shipment carries: it holds the controlled
// goods tables (the Common High Priority List and the Iranian-UAV items of
// 15 CFR 746), the transshipment and embargoed destinations, and matches a
// goods line to them by its HS code, at any precision, and by its plain
// description, so that an undeclared or misdeclared code is still caught.
//
// The tables are versioned data: Default reads the copies embedded from
// data/ and names their version, so every decision can say which tables it
// was made against. Nothing here does I/O beyond reading an fs.FS, and the
// package imports nothing of the project.
package goods

import (
	"crypto/sha256"
	"embed"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"
)

// The embedded tables are byte-for-byte copies of the project's reference
// files in ../shared/reference (public-domain facts written by this
// project from public sources; see that folder's README.md and
// data/README.md here). TestEmbeddedMatchesReference checks the copies
// against the originals whenever ../shared is present.
//
//   - chpl.csv: the BIS Common High Priority List, version of 23 Feb 2024
//     (https://www.bis.gov/licensing/country-guidance/common-high-priority-items-list-chpl),
//     50 HS-6 codes in tiers 1, 2, 3.A, 3.B, 4.A and 4.B.
//   - iran_uav_hs.csv: 15 CFR 746 Supplement No. 7 (88 FR 12150, 24 Feb
//     2023; amended 19 May 2023 and 25 Jan 2024), the chapter 88 UAV
//     codes of Supplement No. 4 (25 Jan 2024), and four components the
//     June 2023 Iran UAV advisory and OFAC actions name, 27 rows.
//   - transshipment_countries.csv: the 18 transshipment points of
//     FinCEN/BIS alert FIN-2022-Alert003 (28 Jun 2022) and HK, MY, ID from
//     OFAC Iran-UAV actions of 2023, 21 rows.
//
//go:embed data/chpl.csv data/iran_uav_hs.csv data/transshipment_countries.csv
var embedded embed.FS

// DataFiles are the table files, as named in data/ and in
// ../shared/reference.
var DataFiles = []string{"chpl.csv", "iran_uav_hs.csv", "transshipment_countries.csv"}

// List names a controlled-goods table.
type List string

// The controlled-goods tables.
const (
	// ListCHPL is the Common High Priority List (BIS, EU, UK, Japan).
	ListCHPL List = "chpl"
	// ListIranUAV is the Iranian-UAV table: 15 CFR 746 Supp. No. 7 items,
	// chapter 88 UAV codes and components named in advisories.
	ListIranUAV List = "iran-uav"
)

// Basis says what kind of control an entry records.
type Basis string

// Bases of an entry.
const (
	// BasisCHPL: on the Common High Priority List.
	BasisCHPL Basis = "chpl"
	// BasisSupp7: 15 CFR 746 Supplement No. 7 (a licence is needed for
	// Iran, Russia, Belarus and occupied Crimea).
	BasisSupp7 Basis = "15-cfr-746-supp-7"
	// BasisSupp4: the chapter 88 UAV entries of 15 CFR 746 Supp. No. 4
	// (Russia and Belarus), at HS-6 as the table reads them.
	BasisSupp4 Basis = "15-cfr-746-supp-4"
	// BasisMapping: an HS mapping, made for screening, of a component an
	// advisory or designation names; not a regulatory listing.
	BasisMapping Basis = "advisory-mapping"
)

// Entry is one row of a controlled-goods table.
type Entry struct {
	List List `json:"list"`
	// Code is the HS-6 subheading, six digits ("854231").
	Code string `json:"code"`
	// Tier is the CHPL tier ("1", "2", "3.A", "3.B", "4.A", "4.B"); empty
	// for the Iranian-UAV table.
	Tier        string `json:"tier,omitempty"`
	Basis       Basis  `json:"basis"`
	Description string `json:"description"`
	// Source is the row's citation, as the table gives it.
	Source string `json:"source"`
}

// Dotted is the code written as HS subheadings usually are: "8542.31".
func (e *Entry) Dotted() string { return e.Code[:4] + "." + e.Code[4:] }

// HighPriority reports whether the entry is one of the nine Tier 1 and 2
// CHPL codes that FIN-2023-Alert004 and the BIS best practices single out.
func (e *Entry) HighPriority() bool {
	return e.List == ListCHPL && (e.Tier == "1" || e.Tier == "2")
}

// Label is a short name for the entry in reasons: "CHPL Tier 1 8542.31" or
// "Iran-UAV 8407.10 (Supp. No. 7)".
func (e *Entry) Label() string {
	if e.List == ListCHPL {
		return "CHPL Tier " + e.Tier + " " + e.Dotted()
	}
	switch e.Basis {
	case BasisSupp7:
		return "Iran-UAV " + e.Dotted() + " (15 CFR 746 Supp. No. 7)"
	case BasisSupp4:
		return "Iran-UAV " + e.Dotted() + " (15 CFR 746 Supp. No. 4, UAV)"
	}
	return "Iran-UAV " + e.Dotted() + " (advisory mapping)"
}

// Country is one row of the destination tables.
type Country struct {
	Code   string `json:"code"` // ISO 3166-1 alpha-2
	Name   string `json:"name"`
	Source string `json:"source"`
}

// TableInfo describes one loaded table file.
type TableInfo struct {
	File string `json:"file"`
	// Edition is the publisher's version the rows reflect.
	Edition string `json:"edition"`
	Rows    int    `json:"rows"`
	SHA256  string `json:"sha256"`
}

// Tables are the loaded controlled-goods and destination tables. They do
// not change after Load; any number of goroutines may read them.
type Tables struct {
	// Version names the content: "g-" and 12 hex digits of a SHA-256 over
	// every table file, so that a decision names exactly what it was
	// screened against.
	Version string      `json:"version"`
	Files   []TableInfo `json:"files"`
	Entries []*Entry    `json:"entries"`
	// Transshipment are the common transshipment points to Russia and
	// Belarus (and the Iran-UAV front-company locations), by code.
	Transshipment map[string]Country `json:"transshipment"`
	// Embargoed are the destinations Interdict blocks (see Embargoed).
	Embargoed map[string]Country `json:"embargoed"`

	byCode map[string][]*Entry // HS-6 → entries
	model  *model
}

// editions are the publisher versions of each file, from
// ../shared/reference/README.md.
var editions = map[string]string{
	"chpl.csv":                    "BIS CHPL 2024-02-23",
	"iran_uav_hs.csv":             "15 CFR 746 Supp. No. 7 as amended 2024-01-25; Iran UAV advisory 2023-06-09",
	"transshipment_countries.csv": "FIN-2022-Alert003 2022-06-28; OFAC Iran-UAV actions to 2023-12-19",
}

// Embargoed destinations. Interdict treats these as destinations no
// controlled or uncontrolled goods go to without a licence decision made
// outside the tool: Iran, North Korea and Syria are under comprehensive
// US embargoes (EAR part 746 and the OFAC sanctions programmes), and
// Russia and Belarus under the broad EAR licence requirements of part 746
// (Supp. No. 4, 6 and 7: every CHPL and Supp. No. 7 item needs a licence).
// Supp. No. 7 names exactly these destinations for the Iran-UAV items (see
// ../shared/reference/README.md). Cuba and the occupied regions of Ukraine
// are not listed: a shipment names countries, and the regions share UA.
var embargoed = []Country{
	{"RU", "Russia", "15 CFR 746.8 and Supp. No. 4, 6, 7 to part 746 (Russia); Supp. No. 7 (88 FR 12150)"},
	{"BY", "Belarus", "15 CFR 746.8 and Supp. No. 4, 6, 7 to part 746 (Belarus); Supp. No. 7 (88 FR 12150)"},
	{"IR", "Iran", "15 CFR 746.7 and Supp. No. 7 to part 746 (Iran); OFAC Iranian Transactions and Sanctions Regulations"},
	{"KP", "North Korea", "15 CFR 746.4 (North Korea); OFAC North Korea Sanctions Regulations; UN Security Council resolution 1718"},
	{"SY", "Syria", "15 CFR 746.9 (Syria); OFAC Syrian Sanctions Regulations"},
}

var (
	defaultOnce   sync.Once
	defaultTables *Tables
	defaultErr    error
)

// Default returns the embedded tables, loaded once. It panics if the
// embedded files are malformed, which a test rules out.
func Default() *Tables {
	defaultOnce.Do(func() {
		sub, _ := fs.Sub(embedded, "data")
		defaultTables, defaultErr = Load(sub)
	})
	if defaultErr != nil {
		panic("goods: embedded tables: " + defaultErr.Error())
	}
	return defaultTables
}

// Load reads the three table files (DataFiles) from fsys.
func Load(fsys fs.FS) (*Tables, error) {
	t := &Tables{
		Transshipment: map[string]Country{},
		Embargoed:     map[string]Country{},
		byCode:        map[string][]*Entry{},
	}
	h := sha256.New()
	for _, name := range DataFiles {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b)
		fmt.Fprintf(h, "%s %x\n", name, sum)
		rows, err := readCSV(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		switch name {
		case "chpl.csv":
			err = t.addCHPL(rows)
		case "iran_uav_hs.csv":
			err = t.addIranUAV(rows)
		case "transshipment_countries.csv":
			err = t.addTransshipment(rows)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		t.Files = append(t.Files, TableInfo{File: name, Edition: editions[name], Rows: len(rows), SHA256: hex.EncodeToString(sum[:])})
	}
	for _, c := range embargoed {
		t.Embargoed[c.Code] = c
	}
	t.Version = "g-" + hex.EncodeToString(h.Sum(nil))[:12]
	t.model = compileModel(t)
	return t, nil
}

// readCSV reads a table with a header row into maps keyed by column name.
// Row i of the result is line i+2 of the file.
func readCSV(b []byte) ([]map[string]string, error) {
	r := csv.NewReader(strings.NewReader(string(b)))
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	var out []map[string]string
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		row := map[string]string{}
		for i, h := range header {
			if i < len(rec) {
				row[h] = strings.TrimSpace(rec[i])
			}
		}
		row["_line"] = fmt.Sprint(line)
		out = append(out, row)
	}
}

func (t *Tables) add(e *Entry, line string) error {
	if len(e.Code) != 6 || strings.Trim(e.Code, "0123456789") != "" {
		return fmt.Errorf("line %s: hs_code %q is not six digits", line, e.Code)
	}
	t.Entries = append(t.Entries, e)
	t.byCode[e.Code] = append(t.byCode[e.Code], e)
	return nil
}

var tiers = []string{"1", "2", "3.A", "3.B", "4.A", "4.B"}

func (t *Tables) addCHPL(rows []map[string]string) error {
	for _, r := range rows {
		if !slices.Contains(tiers, r["tier"]) {
			return fmt.Errorf("line %s: tier %q (want one of %s)", r["_line"], r["tier"], strings.Join(tiers, ", "))
		}
		e := &Entry{List: ListCHPL, Code: r["hs_code"], Tier: r["tier"], Basis: BasisCHPL, Description: r["description"], Source: r["source"]}
		if err := t.add(e, r["_line"]); err != nil {
			return err
		}
	}
	return nil
}

func (t *Tables) addIranUAV(rows []map[string]string) error {
	for _, r := range rows {
		e := &Entry{List: ListIranUAV, Code: r["hs_code"], Description: r["description"], Source: r["source"]}
		switch src := r["source"]; {
		case !strings.HasPrefix(src, "NOT Supp. 7"):
			e.Basis = BasisSupp7
		case strings.Contains(src, "Supp. No. 4"):
			e.Basis = BasisSupp4
		default:
			e.Basis = BasisMapping
		}
		if err := t.add(e, r["_line"]); err != nil {
			return err
		}
	}
	return nil
}

func (t *Tables) addTransshipment(rows []map[string]string) error {
	for _, r := range rows {
		c := r["iso2"]
		if len(c) != 2 {
			return fmt.Errorf("line %s: iso2 %q", r["_line"], c)
		}
		t.Transshipment[c] = Country{Code: c, Name: r["name"], Source: r["source"]}
	}
	return nil
}

// Codes returns the entries' HS-6 codes in table order, without repeats.
func (t *Tables) Codes() []string {
	var out []string
	for _, e := range t.Entries {
		if !slices.Contains(out, e.Code) {
			out = append(out, e.Code)
		}
	}
	return out
}

// At returns the entries at an HS-6 code (nil when it is on no table).
func (t *Tables) At(code6 string) []*Entry { return t.byCode[code6] }
