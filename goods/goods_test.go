package goods

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/interdict/interdict/internal/shared"
)

// TestEmbeddedMatchesReference: the embedded tables are exact copies of
// ../shared/reference, the project's own reference files.
func TestEmbeddedMatchesReference(t *testing.T) {
	root := shared.Root()
	if root == "" {
		t.Skip("../shared not found: cannot compare the embedded tables with the reference files")
	}
	for _, name := range DataFiles {
		ref, err := os.ReadFile(filepath.Join(root, "reference", name))
		if errors.Is(err, os.ErrNotExist) {
			t.Logf("%s: not in ../shared/reference", name)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		emb, err := embedded.ReadFile("data/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(ref, emb) {
			t.Errorf("goods/data/%s differs from ../shared/reference/%s: copy it again (cp ../shared/reference/%s goods/data/) and review the change", name, name, name)
		}
	}
}

func TestDefaultTables(t *testing.T) {
	tb := Default()
	perList := map[List]int{}
	perTier := map[string]int{}
	for _, e := range tb.Entries {
		perList[e.List]++
		if e.List == ListCHPL {
			perTier[e.Tier]++
		}
		if e.Source == "" || e.Description == "" {
			t.Errorf("%s %s: no source or description", e.List, e.Code)
		}
	}
	if perList[ListCHPL] != 50 || perList[ListIranUAV] != 27 {
		t.Errorf("entries per list %v, want 50 CHPL and 27 Iran-UAV", perList)
	}
	// Counts per tier from ../shared/reference/README.md.
	want := map[string]int{"1": 4, "2": 5, "3.A": 16, "3.B": 9, "4.A": 11, "4.B": 5}
	for tier, n := range want {
		if perTier[tier] != n {
			t.Errorf("tier %s: %d entries, want %d", tier, perTier[tier], n)
		}
	}
	high := 0
	for _, e := range tb.Entries {
		if e.HighPriority() {
			high++
		}
	}
	if high != 9 {
		t.Errorf("%d high-priority entries, want the nine Tier 1-2 codes", high)
	}
	if len(tb.Transshipment) != 21 {
		t.Errorf("%d transshipment countries, want 21", len(tb.Transshipment))
	}
	for _, c := range []string{"RU", "BY", "IR", "KP", "SY"} {
		if _, ok := tb.Embargoed[c]; !ok {
			t.Errorf("%s is not embargoed", c)
		}
	}
	if !strings.HasPrefix(tb.Version, "g-") || len(tb.Version) != 14 {
		t.Errorf("version %q", tb.Version)
	}
	bases := map[Basis]int{}
	for _, e := range tb.Entries {
		bases[e.Basis]++
	}
	if bases[BasisSupp7] != 12 || bases[BasisSupp4] != 11 || bases[BasisMapping] != 4 {
		t.Errorf("bases %v, want 12 Supp. No. 7, 11 Supp. No. 4, 4 mappings", bases)
	}
}

// TestLoadVersionFollowsContent: changing a table changes the version.
func TestLoadVersionFollowsContent(t *testing.T) {
	files := fstest.MapFS{}
	for _, name := range DataFiles {
		b, _ := embedded.ReadFile("data/" + name)
		files[name] = &fstest.MapFile{Data: b}
	}
	a, err := Load(files)
	if err != nil {
		t.Fatal(err)
	}
	if a.Version != Default().Version {
		t.Errorf("same files, version %s and %s", a.Version, Default().Version)
	}
	b := files["chpl.csv"].Data
	files["chpl.csv"] = &fstest.MapFile{Data: bytes.Replace(b, []byte("854231,1,"), []byte("854231,2,"), 1)}
	c, err := Load(files)
	if err != nil {
		t.Fatal(err)
	}
	if c.Version == a.Version {
		t.Error("changed table, same version")
	}
	files["chpl.csv"] = &fstest.MapFile{Data: bytes.Replace(b, []byte("854231,1,"), []byte("85423X,1,"), 1)}
	if _, err := Load(files); err == nil || !strings.Contains(err.Error(), "chpl.csv: line 2") {
		t.Errorf("bad code: error %v", err)
	}
	files["chpl.csv"] = &fstest.MapFile{Data: bytes.Replace(b, []byte("854231,1,"), []byte("854231,9,"), 1)}
	if _, err := Load(files); err == nil || !strings.Contains(err.Error(), "tier") {
		t.Errorf("bad tier: error %v", err)
	}
}

func TestParseHS(t *testing.T) {
	for _, tc := range []struct {
		in, want, err string
	}{
		{"854231", "854231", ""},
		{"8542.31", "854231", ""},
		{"8542.31.00", "85423100", ""},
		{"8542.31.0000", "8542310000", ""},
		{"8542 31 00 00", "8542310000", ""},
		{" 8542-31-00 ", "85423100", ""},
		{"8542", "8542", ""},
		{"85423", "85423", ""},
		{"854231000000", "854231000000", ""},
		{"ABCD", "", `"ABCD" is not an HS code`},
		{"8542.3A", "", "not an HS code"},
		{"854", "", "3 digits"},
		{"", "", "empty"},
		{"8542..31", "", "separator"},
		{".854231", "", "separator"},
		{"8542310000000", "", "more than 12"},
		{"８５４２", "", "not an HS code"},
	} {
		got, err := ParseHS(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseHS(%q) = %q, %v; want error with %q", tc.in, got, err, tc.err)
			}
			continue
		}
		if err != nil || string(got) != tc.want {
			t.Errorf("ParseHS(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	if d := HSCode("8542310000").Dotted(); d != "8542.31.00.00" {
		t.Errorf("Dotted %q", d)
	}
	if d := HSCode("854231").Dotted(); d != "8542.31" {
		t.Errorf("Dotted %q", d)
	}
}

// descriptions are plain descriptions of the goods of every code on the
// tables, written in other words than the tables' own: trade names,
// abbreviations and the way invoices put it. Codes on both tables get
// one description per table.
var descriptions = map[string][]string{
	"854231": {"32-bit ARM Cortex-M4 MCUs, LQFP-64", "digital signal processors (DSP) in BGA packages"},
	"854232": {"DDR4 SDRAM chips, 8 Gbit", "serial NOR flash devices, 128 Mbit, SOIC-8"},
	"854233": {"low-noise RF amplifier MMICs", "op-amps in SOIC-8 packages"},
	"854239": {"field-programmable gate arrays, 100k logic cells", "RF transceiver chips for 2.4 GHz links", "12-bit analog-to-digital converter ICs"},
	"851762": {"Gigabit Ethernet switches and routers", "long-range telemetry radio modems, 900 MHz"},
	"852691": {"satellite positioning receiver board (GPS/GLONASS)", "u-blox GPS modules with RTK"},
	"853221": {"SMD tantalum caps 47 µF 16 V", "Ta electrolytic chip condensers"},
	"853224": {"MLCC 0402 100 nF X7R", "multi-layer ceramic chip condensers, 0603"},
	"854800": {"electronic spare parts, not elsewhere specified", "unspecified electrical components for machinery"},
	"847150": {"2U rack-mount server, dual processor"},
	"850440": {"switch-mode PSU 24 V 10 A"},
	"851769": {"5.8 GHz analogue video transmitter (VTX) for FPV"},
	"852589": {"EO/IR gimbal imaging payload with thermal sensor"},
	"852910": {"omnidirectional rubber-duck aerials, 2.4 GHz", "helical GNSS antennas"},
	"852990": {"replacement RF front-end board for a radio transmitter"},
	"853669": {"SMA female jacks and RF plugs"},
	"853690": {"screw terminal blocks and wire-to-board connectors"},
	"854110": {"Schottky rectifiers, SOD-123"},
	"854121": {"small-signal NPN bipolar junction transistors, SOT-23"},
	"854129": {"N-channel power MOSFETs 60 V 100 A 150 W"},
	"854130": {"silicon controlled rectifiers (SCR), stud mount"},
	"854149": {"PIN photodetectors and optocouplers"},
	"854151": {"silicon piezoresistive pressure transducers"},
	"854159": {"unmounted discrete semiconductor dice"},
	"854160": {"quartz resonators 16 MHz HC-49"},
	"848210": {"deep-groove radial bearings 6204-2RS"},
	"848220": {"conical roller bearing cone and cup sets"},
	"848230": {"double-row self-aligning roller bearings 22210"},
	"848250": {"single-row cylinder-type roller bearings NU 206"},
	"880730": {"carbon-fibre fuselage and wing sections for a drone"},
	"901310": {"4-16x50 riflescopes for hunting rifles"},
	"901380": {"laser beam expander optical assembly"},
	"901420": {"attitude and heading reference unit for light aircraft", "fibre-optic gyroscopes for UAV navigation"},
	"901480": {"marine echo sounder with hull transducer", "navigational sensors for land vehicles"},
	"847180": {"KVM console switch for rack servers"},
	"848610": {"silicon ingot pulling furnace (Czochralski)"},
	"848620": {"plasma etch system for chip fabrication"},
	"848640": {"automatic die-attach machine for semiconductor packaging"},
	"853400": {"bare multilayer PWBs, 6 layers"},
	"854320": {"function/arbitrary waveform generators, 2 channels"},
	"902750": {"benchtop UV-Vis spectrophotometer"},
	"903020": {"4-channel digital storage scope, 200 MHz"},
	"903032": {"data-logging digital multimeter (DMM)"},
	"903039": {"three-phase power quality analyser with logging"},
	"903082": {"automatic test equipment for integrated circuits"},
	"845710": {"5-axis VMC with BT40 spindle"},
	"845811": {"CNC turning centre, slant bed"},
	"845891": {"vertical CNC turret lathe"},
	"845961": {"CNC bed-type milling machine for metal"},
	"846693": {"replacement spindle unit for CNC lathe"},
	"840710": {"two-stroke boxer gasoline motor for unmanned aerial vehicles", "2-stroke piston engine for UAV"},
	"840910": {"cylinder heads and crankshafts for aero piston engines"},
	"880610": {"autonomous passenger drone (two-seat air taxi)"},
	"880621": {"mini FPV quadcopter, 249 g"},
	"880622": {"RC multirotor drone, 900 g take-off mass"},
	"880623": {"remote-controlled crop-spraying hexacopter, MTOW 20 kg"},
	"880624": {"radio-controlled heavy-lift multicopter, 120 kg maximum take-off weight"},
	"880629": {"remotely piloted cargo aircraft, MTOW 600 kg"},
	"880691": {"autonomous nano drone 180 g with waypoint navigation"},
	"880692": {"fixed-wing survey UAV with autopilot, 5 kg"},
	"880693": {"autonomous VTOL mapping drone, 18 kg"},
	"880694": {"long-endurance unmanned aircraft with pre-programmed flight, 140 kg"},
	"880699": {"autonomous unmanned helicopter, 400 kg take-off weight"},
	"840890": {"heavy-fuel piston powerplant for unmanned aircraft"},
	"850131": {"400 W brushless outrunner motors for multirotors", "brushless DC motor 2.2 kW"},
}

// TestEveryEntryFound is acceptance criterion 2: every CHPL and
// Iranian-UAV entry is found from its code at 6, 8 and 10 digits (plain
// and dotted) and from a plain description in other words.
func TestEveryEntryFound(t *testing.T) {
	tb := Default()
	for _, e := range tb.Entries {
		t.Run(string(e.List)+"/"+e.Code, func(t *testing.T) {
			for _, raw := range []string{e.Code, e.Code + "00", e.Code + "0000", e.Dotted(), e.Dotted() + ".00", e.Dotted() + ".00.00",
				e.Code[:4] + " " + e.Code[4:] + " 90 10"} {
				c, err := ParseHS(raw)
				if err != nil {
					t.Fatalf("%q: %v", raw, err)
				}
				hits := tb.Code(c)
				if !slices.ContainsFunc(hits, func(h Hit) bool { return h.Entry == e && h.By == ByCode && h.Certain }) {
					t.Errorf("code %q: entry not found (hits %v)", raw, hits)
				}
			}
			// The heading alone finds it too, as an uncertain hit.
			hits := tb.Code(HSCode(e.Code[:4]))
			if !slices.ContainsFunc(hits, func(h Hit) bool { return h.Entry == e && h.By == ByHeading && !h.Certain }) {
				t.Errorf("heading %s: entry not among %d uncertain hits", e.Code[:4], len(hits))
			}
			ds := descriptions[e.Code]
			if len(ds) == 0 {
				t.Fatalf("no description written for %s", e.Code)
			}
			for _, d := range ds {
				if strings.EqualFold(d, e.Description) {
					t.Errorf("description %q is the table's own", d)
				}
				l := tb.Screen("", d)
				if !slices.ContainsFunc(l.Hits, func(h Hit) bool { return h.Entry == e && h.By == ByDescription && len(h.Words) > 0 }) {
					t.Errorf("description %q: %s %s not found; readings:\n%s", d, e.List, e.Dotted(), dumpReadings(l.Readings))
				}
			}
		})
	}
}

func dumpReadings(rs []Reading) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString("  " + strings.Join(r.Codes, ",") + " " + r.Concept + " words=" + strings.Join(r.Words, " ") + "\n")
	}
	return b.String()
}

// TestDescriptionsExplain: a reading says which words matched, how sure
// it is, and what a stated power or mass means.
func TestDescriptionsExplain(t *testing.T) {
	tb := Default()
	for _, tc := range []struct {
		desc    string
		code    string // the first reading's first code
		words   []string
		certain bool
		note    string
	}{
		{"GNSS receiver module", "852691", []string{"gnss", "receiver", "module"}, true, ""},
		{"FPGA", "854239", []string{"fpga"}, true, "8542.31"},
		{"brushless DC motor 2.2 kW", "850131", []string{"brushless", "dc", "motor"}, false, "2.2 kW is over the 750 W"},
		{"brushless DC motor 400 W", "850131", nil, true, "within 8501.31"},
		{"2-stroke piston engine for UAV", "840710", []string{"2", "stroke", "piston", "engine", "uav"}, true, ""},
		{"ball bearings", "848210", []string{"ball", "bearings"}, true, ""},
		{"bearings", "848210", []string{"bearings"}, false, "kind of bearing is not stated"},
		{"lithium polymer cells 6S 5000 mAh", "850760", []string{"lithium", "polymer"}, true, "on neither table"},
		{"ceramic capacitors", "853224", nil, false, "single-layer"},
		{"manual lathe", "845811", nil, false, "not stated to be numerically controlled"},
		{"quadcopter drone 1.2 kg", "880622", nil, true, "not stated"},
		{"camera drone, 900 g", "880622", []string{"drone"}, true, ""},
		{"LiPo battery for drone", "850760", nil, true, ""},
		{"drone battery", "880621", nil, false, "it may be a part or accessory"},
		{"integrated circuits", "854231", nil, true, "kind of IC is not stated"},
		{"diesel engine for generator", "840890", nil, true, ""},
	} {
		rs := tb.Describe(tc.desc)
		if len(rs) == 0 {
			t.Errorf("%q: no reading", tc.desc)
			continue
		}
		r := rs[0]
		if r.Codes[0] != tc.code || r.Certain != tc.certain || !strings.Contains(r.Note, tc.note) {
			t.Errorf("%q: first reading %v certain=%v note %q; want %s certain=%v note with %q\n%s", tc.desc, r.Codes, r.Certain, r.Note, tc.code, tc.certain, tc.note, dumpReadings(rs))
		}
		if tc.words != nil && !slices.Equal(r.Words, tc.words) {
			t.Errorf("%q: words %q, want %q", tc.desc, r.Words, tc.words)
		}
	}
}

// TestCleanDescriptions: ordinary goods read as nothing on the tables, or
// at most as an uncertain reading.
func TestCleanDescriptions(t *testing.T) {
	tb := Default()
	for _, d := range []string{
		"cotton T-shirts", "stainless steel kitchen sinks", "office chairs", "printed books", "wooden furniture", "roasted coffee beans",
		"potato chips", "wood router bits", "car spark plugs", "hydraulic bottle jack 10 t", "brass ball valves", "pillow block housings",
		"LED light bulbs", "solar panels 400 W", "laptop computers", "mobile phones", "espresso machine", "hammer mill for grain",
		"carbide end mills", "steel pipes", "crystal glass vases", "wafer biscuits", "socket wrench set", "diesel engine for fishing boat",
		"marine outboard motor", "AC induction motor 5.5 kW", "toy drone for children", "server rack cabinet 42U", "aerial photography services",
		"needle roller bearings", "liquid crystal display", "load bearing wall panels", "memory foam mattress", "USB memory sticks",
		"propellers for drones", "landing gear for light aircraft", "lithium-ion battery packs", "coffee grinder mill", "car audio amplifier",
		"hunting rifle scope mount rings", "fibre optic connectors", "garden hose connectors", "plain bearings", "chip conveyor belt for bakery",
		"aluminium window frames", "model aircraft kit, balsa", "cylinder head gasket for car engine", "engine oil 5W-30", "motorcycle engine 125 cc",
		"lawn mower petrol engine", "marine diesel engine", "truck diesel engine", "memory card 64GB", "crystal chandelier", "electric kettle",
	} {
		for _, r := range tb.Describe(d) {
			if len(r.Entries) > 0 && r.Certain {
				t.Errorf("%q reads as controlled %v (%s, words %v)", d, r.Codes, r.Concept, r.Words)
			}
		}
	}
}

// FuzzDescribe: any text is read without a panic, and every reading has
// a code and words.
func FuzzDescribe(f *testing.F) {
	for _, ds := range descriptions {
		for _, d := range ds {
			f.Add(d)
		}
	}
	f.Add("")
	f.Add("\xff\xfe 1,000 kW 2..3 g")
	tb := Default()
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range tb.Describe(s) {
			if len(r.Codes) == 0 || len(r.Words) == 0 {
				t.Fatalf("%q: reading %+v", s, r)
			}
		}
		if c, err := ParseHS(s); err == nil && (len(c) < MinHSDigits || len(c) > MaxHSDigits) {
			t.Fatalf("%q parsed to %q", s, c)
		}
	})
}
