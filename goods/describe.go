package goods

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Reading is one HS subheading (or a few, where the words do not decide
// between them) that a goods description reads as.
type Reading struct {
	// Codes are the HS-6 subheadings, best first.
	Codes []string `json:"codes"`
	// Concept is the model's name for the goods.
	Concept string  `json:"concept"`
	Score   float64 `json:"score"`
	// Certain is true when the score is StrongScore or more and no
	// qualifier (a stated power, mass, missing "numerically controlled")
	// casts doubt on the subheading.
	Certain bool `json:"certain"`
	// Words are the description's words that led to the reading, in the
	// order written.
	Words []string `json:"words"`
	Note  string   `json:"note,omitempty"`
	// Entries are the table entries at Codes; none means the goods read as
	// a subheading on no table (the model knows a few such, so that, for
	// example, lithium cells are said to be 8507.60 and not listed).
	Entries []*Entry `json:"entries,omitempty"`
}

// Scores of a reading. A strong phrase ("GNSS", "FPGA", "tantalum
// capacitor") alone gives strongPhrase; the thing named in the head of the
// description with every qualifying word the concept asks for gives
// baseScore; a vague concept ("capacitors", "bearings") gives weakScore.
// Each context word adds plusScore, up to maxPlus.
const (
	StrongScore  = 0.75 // at or above: a certain reading
	strongPhrase = 0.9
	baseScore    = 0.8
	weakScore    = 0.6
	plusScore    = 0.05
	maxPlus      = 0.1
	nounBonus    = 0.05 // the phrase is the head noun
	// maxDescription is the longest description read, in bytes; the rest
	// is ignored (a goods description is a line or two).
	maxDescription = 2048
)

// Describe reads a goods description in plain words and returns the HS
// subheadings it likely falls under, best first, each with the words that
// matched. It never fails; a description it cannot read gives nil.
func (t *Tables) Describe(description string) []Reading {
	return t.model.read(description)
}

// ---- text preparation -------------------------------------------------

// tok is one term of a prepared text.
type tok struct {
	term string // canonical stem
	word int32  // index of the original word
}

// text is a description prepared for matching.
type text struct {
	words []string // original words, as written
	toks  []tok
	// headEnd is the number of tokens in the head: the part naming the
	// goods themselves, before "for", "with", "compatible", … .
	headEnd int
	// nounEnd ends the head's first phrase (up to a comma or the end of
	// the head): its last term is taken as the head noun, the thing the
	// goods are ("camera drone" is a drone, "drone camera" a camera).
	nounEnd int
	// mass in grams and power in watts stated in the text, -1 if none.
	mass, power float64
}

// stop words are dropped: they carry nothing for classification and
// dropping them lets "parts of aircraft" meet "aircraft part".
var stop = setOf("a", "an", "and", "or", "of", "the", "in", "on", "to", "at", "by", "as", "is", "are", "be",
	"pcs", "piece", "pieces", "set", "sets", "qty", "new", "type", "nos", "lot", "x", "etc", "e.g",
	"its", "it", "this", "that", "other", "assorted", "various", "misc", "miscellaneous", "e", "i")

// headBreak ends the head of a description: what follows names a use, a
// host or an accessory ("motor for drones", "drone with camera").
var headBreak = setOf("for", "with", "compatible", "suitable", "intended", "fits", "including", "incl", "inc", "plus", "used", "use", "via")

// expand rewrites abbreviations and trade names to plain words before
// stemming. Keys are lower-case words as written.
var expand = map[string]string{
	"ic": "integrated circuit", "ics": "integrated circuits", "mcu": "microcontroller", "mcus": "microcontrollers",
	"uc": "microcontroller", "cpus": "cpu", "soc": "system on chip", "socs": "system on chip", "dsp": "digital signal processor",
	"fpgas": "fpga", "cplds": "cpld", "asics": "asic", "adc": "analog digital converter", "adcs": "analog digital converter",
	"dac": "digital analog converter", "dacs": "digital analog converter", "lna": "low noise amplifier", "lnas": "low noise amplifier",
	"mmic": "monolithic microwave integrated circuit", "mmics": "monolithic microwave integrated circuit", "opamp": "operational amplifier",
	"opamps": "operational amplifier", "pmic": "power management integrated circuit", "pmics": "power management integrated circuit",
	"mlcc": "multilayer ceramic capacitor", "mlccs": "multilayer ceramic capacitor", "multilayer": "multi layer",
	"pcb": "printed circuit board", "pcbs": "printed circuit board", "pwb": "printed circuit board", "pwbs": "printed circuit board",
	"pcba": "printed circuit assembly", "pcbas": "printed circuit assembly", "fpc": "flexible printed circuit",
	"imu": "inertial measurement unit", "imus": "inertial measurement unit", "ahrs": "attitude heading reference system",
	"gps": "gnss", "glonass": "gnss", "beidou": "gnss", "galileo": "gnss", "satnav": "satellite navigation",
	"uav": "uav", "uavs": "uav", "uas": "uav", "suas": "uav", "rpas": "uav", "rpa": "uav", "drone": "uav", "drones": "uav",
	"quadcopter": "uav multirotor", "quadcopters": "uav multirotor", "quadrocopter": "uav multirotor", "hexacopter": "uav multirotor",
	"octocopter": "uav multirotor", "multicopter": "uav multirotor", "multirotor": "uav multirotor", "multicopters": "uav multirotor",
	"bldc": "brushless dc motor", "esc": "electronic speed controller", "escs": "electronic speed controller",
	"psu": "power supply", "psus": "power supply", "smps": "switch mode power supply", "ups": "uninterruptible power supply",
	"vfd": "variable frequency drive", "vmc": "vertical machining center", "hmc": "horizontal machining center",
	"cnc": "numerically controlled", "nc": "numerically controlled", "dmm": "digital multimeter", "dso": "digital storage oscilloscope",
	"mosfet": "mosfet transistor", "mosfets": "mosfet transistor", "jfet": "jfet transistor", "jfets": "jfet transistor",
	"bjt": "bipolar transistor", "bjts": "bipolar transistor", "igbt": "igbt transistor", "igbts": "igbt transistor",
	"hemt": "hemt transistor", "hemts": "hemt transistor", "scr": "silicon controlled rectifier", "scrs": "silicon controlled rectifier",
	"xtal": "quartz crystal", "xtals": "quartz crystal", "tcxo": "crystal oscillator", "ocxo": "crystal oscillator", "vcxo": "crystal oscillator",
	"ftir": "infrared spectrometer", "ate": "automatic test equipment", "vtx": "video transmitter", "lipo": "lithium polymer",
	"liion": "lithium ion", "ir": "infrared", "sdr": "software defined radio", "rtk": "rtk", "servomotor": "servo motor",
	"servomotors": "servo motor", "servos": "servo", "two": "2", "four": "4", "single": "1", "twin": "2", "aeroengine": "aero engine",
	"aeroengines": "aero engine", "powerplant": "engine", "powerplants": "engine", "carburetor": "carburettor",
	"optocoupler": "opto coupler", "optocouplers": "opto coupler", "optoisolator": "opto coupler", "photodiode": "photo diode",
	"photodiodes": "photo diode", "phototransistor": "photo transistor", "phototransistors": "photo transistor",
	"photodetector": "photo detector", "photodetectors": "photo detector", "riflescope": "rifle scope", "riflescopes": "rifle scope",
	"echosounder": "echo sounder", "echosounders": "echo sounder", "fishfinder": "fish finder", "wifi": "wi fi",
	"kvm": "kvm", "evtol": "evtol", "ublox": "u blox", "cmp": "chemical mechanical polishing", "cvd": "chemical vapor deposition",
	"pvd": "physical vapor deposition", "mocvd": "chemical vapor deposition", "ald": "atomic layer deposition",
	"cots": "", "smd": "smd", "smt": "smd", "datalogger": "data logger", "dataloggers": "data logger", "multimeters": "multimeter",
	"gyro": "gyroscope", "gyros": "gyroscope", "accel": "accelerometer", "rc": "remote controlled", "fpv": "fpv remote controlled",
}

// synonyms map a stem to the stem the model uses.
var synonyms = map[string]string{
	"center": "centr", "analogu": "analog", "aeroplan": "aircraft", "airplan": "aircraft", "plane": "aircraft",
	"receiv": "receiver", "transmitt": "transmitter", "transmit": "transmitter", "cap": "capacitor", "condenser": "capacitor",
	"conic": "taper", "analyser": "analyzer", "analys": "analyzer", "analyz": "analyzer", "aluminium": "aluminum",
	"fibr": "fiber", "fibre": "fiber", "colour": "color", "metr": "meter", "millimetr": "millimeter",
	"amplif": "amplifier", "gasolin": "petrol", "benzin": "petrol", "unmann": "unman", "crewless": "unman", "pilotless": "unman",
	"carburettor": "carburettor", "programm": "programmabl", "programmabl": "programmabl", "recorder": "record", "recording": "record",
	"logging": "logger", "log": "logger", "logg": "logger", "spectrophotometer": "spectrometer", "spectroscop": "spectrometer",
	"oscillograph": "oscilloscop", "thermograph": "thermal", "thermographic": "thermal", "quadcopt": "multirotor",
	"helicopt": "helicopter", "aero": "aircraft", "aviat": "aviation", "aeronaut": "aviation", "aerospac": "aviation", "avionic": "aviation",
	"tapere": "taper", "cylindric": "cylinder", "spheric": "spherical", "piezo": "piezoelectric", "piezoelectr": "piezoelectric",
	"electr": "electric", "electrical": "electric", "electron": "electronic", "navig": "navigation", "navigational": "navigation",
	"mill": "mill", "microcontrol": "microcontroller", "microchip": "chip", "semiconduct": "semiconductor", "semi": "semiconductor",
	"machinery": "machin", "controll": "control", "equip": "equipment", "apparatu": "apparatus", "instrumentation": "instrument",
}

var unitMass = map[string]float64{"g": 1, "gr": 1, "gram": 1, "grams": 1, "kg": 1000, "kgs": 1000, "kilogram": 1000, "kilograms": 1000, "lb": 453.6, "lbs": 453.6, "tonne": 1e6, "tonnes": 1e6}
var unitPower = map[string]float64{"w": 1, "watt": 1, "watts": 1, "kw": 1000, "kilowatt": 1000, "kilowatts": 1000, "hp": 745.7, "bhp": 745.7, "mw": 0.001}

// word is one word as written; sep says a separator (comma, semicolon,
// colon, bracket, slash) stands between it and the word before.
type word struct {
	s   string
	sep bool
}

// splitWords cuts s into words: runs of letters, or of digits (with a
// decimal point or comma between digits). A run of letters and digits
// such as "7kg" or "ddr4" becomes two words.
func splitWords(s string) []word {
	var out []word
	start, kind := -1, 0 // kind 1 letters, 2 digits
	sep := false
	flush := func(i int) {
		if start >= 0 {
			out = append(out, word{s[start:i], sep})
			sep = false
		}
		start, kind = -1, 0
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || r == 'µ':
			if kind != 1 {
				flush(i)
				start, kind = i, 1
			}
		case r >= '0' && r <= '9':
			if kind != 2 {
				flush(i)
				start, kind = i, 2
			}
		case (r == '.' || r == ',') && kind == 2 && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			// a decimal point inside a number
		default:
			flush(i)
			if strings.ContainsRune(",;:()[]/", r) {
				sep = true
			}
		}
	}
	flush(len(s))
	return out
}

// number reads a word of digits as a quantity: "2.2", "2,5" (decimal
// comma), "1,000" (thousands).
func number(w string) (float64, bool) {
	if w == "" || w[0] < '0' || w[0] > '9' {
		return 0, false
	}
	if i := strings.IndexByte(w, ','); i >= 0 {
		if len(w)-i-1 == 3 && !strings.Contains(w, ".") {
			w = strings.ReplaceAll(w, ",", "")
		} else {
			w = strings.Replace(w, ",", ".", 1)
		}
	}
	v, err := strconv.ParseFloat(w, 64)
	return v, err == nil && !math.IsInf(v, 0)
}

// prepare turns a description (or a model phrase) into terms.
func prepare(s string) *text {
	if len(s) > maxDescription {
		s = s[:maxDescription]
		for len(s) > 0 && !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
	}
	t := &text{mass: -1, power: -1}
	raw := splitWords(s)
	t.words = make([]string, len(raw))
	for i, w := range raw {
		t.words[i] = w.s
	}
	t.headEnd, t.nounEnd = -1, -1
	for wi, rw := range raw {
		w := rw.s
		if rw.sep && t.nounEnd < 0 && len(t.toks) > 0 {
			t.nounEnd = len(t.toks)
		}
		lw := strings.ToLower(w)
		if v, ok := number(lw); ok && wi+1 < len(raw) {
			u := strings.ToLower(raw[wi+1].s)
			if f, ok := unitMass[u]; ok && t.mass < 0 {
				t.mass = v * f
			}
			if f, ok := unitPower[u]; ok && t.power < 0 {
				if u == "mw" && raw[wi+1].s == "MW" {
					f = 1e6
				}
				t.power = v * f
			}
		}
		if t.headEnd < 0 && headBreak[lw] && len(t.toks) > 0 {
			t.headEnd = len(t.toks)
		}
		if stop[lw] || headBreak[lw] {
			continue
		}
		parts := []string{lw}
		if e, ok := expand[lw]; ok {
			parts = strings.Fields(e)
		}
		for _, p := range parts {
			st := stem(p)
			if syn, ok := synonyms[st]; ok {
				st = syn
			}
			if st == "" || stop[st] {
				continue
			}
			t.toks = append(t.toks, tok{term: st, word: int32(wi)})
		}
	}
	if t.headEnd < 0 {
		t.headEnd = len(t.toks)
	}
	if t.nounEnd < 0 || t.nounEnd > t.headEnd {
		t.nounEnd = t.headEnd
	}
	return t
}

// keepS are words whose final s is not a plural.
var keepS = setOf("lens", "gas", "bus", "gnss", "chassis", "series", "means", "plus", "radius", "apparatus", "status", "bias",
	"alias", "atlas", "always", "thus", "process", "class", "mass", "glass", "press", "cross", "compass", "axis", "ups",
	"analysis", "diagnosis", "this", "his", "its", "kvm", "nes", "cots", "ies", "less", "wireless", "brushless", "coreless", "sensorless", "stainless")

// stem is a small English suffix stripper: plurals, -ing, -ed, -ly, -al
// and a final e. It need not give real roots, only the same stem for the
// forms a description uses ("bearings", "bearing"; "machining",
// "machine", "machines"), since model phrases go through it too.
func stem(w string) string {
	if len(w) <= 3 || !isASCIILetters(w) {
		return w
	}
	if !keepS[w] {
		switch {
		case strings.HasSuffix(w, "ies") && len(w) > 4:
			w = w[:len(w)-3] + "y"
		case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"):
			w = w[:len(w)-2]
		case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
			w = w[:len(w)-1]
		}
	}
	switch {
	case strings.HasSuffix(w, "ing") && len(w) > 5 && hasVowel(w[:len(w)-3]):
		w = undouble(w[:len(w)-3])
	case strings.HasSuffix(w, "ed") && len(w) > 4 && hasVowel(w[:len(w)-2]):
		w = undouble(w[:len(w)-2])
	}
	switch {
	case strings.HasSuffix(w, "ational"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ically") && len(w) > 8:
		w = w[:len(w)-4]
	case strings.HasSuffix(w, "ly") && len(w) > 5:
		w = w[:len(w)-2]
	}
	if strings.HasSuffix(w, "ical") && len(w) > 6 {
		w = w[:len(w)-2]
	}
	if strings.HasSuffix(w, "e") && len(w) > 4 {
		w = w[:len(w)-1]
	}
	return w
}

func isASCIILetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

func hasVowel(w string) bool { return strings.ContainsAny(w, "aeiouy") }

// undouble drops a doubled final consonant left by -ing or -ed
// ("cutting" → "cut", "controlled" → "control"), except ll and ss, which
// English keeps ("milling" → "mill"; "controlled" gives "controll",
// which a synonym maps to "control").
func undouble(w string) string {
	n := len(w)
	if n >= 2 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouyls", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// ---- the compiled model -----------------------------------------------

// phrase is a run of terms.
type phrase []string

type cphrase struct {
	terms phrase
}

// cconcept is a concept with its phrases compiled to ids.
type cconcept struct {
	*concept
	strong, what, plus, not []int32
	also                    [][]int32
	sure                    []int32
	weaken                  []int32
}

type model struct {
	phrases  []cphrase
	byFirst  map[string][]int32
	concepts []cconcept
	usedBy   [][]int32 // phrase → concepts using it
	entries  func(code string) []*Entry
	pool     sync.Pool
}

// scratch is per-call state, reused through a pool.
type scratch struct {
	gen      uint32
	stamp    []uint32 // phrase found in this call when == gen
	pos      []int32  // first position found
	inHead   []bool
	cstamp   []uint32 // concept touched in this call when == gen
	touched  []int32
	foundIDs []int32
}

func compileModel(t *Tables) *model {
	m := &model{byFirst: map[string][]int32{}, entries: t.At}
	ids := map[string]int32{}
	compile := func(ci int32, ps []string) []int32 {
		var out []int32
		for _, p := range ps {
			tx := prepare(p)
			if len(tx.toks) == 0 || (len(tx.toks) == 1 && len(tx.words) > 1) || tx.headEnd < len(tx.toks) {
				panic("goods: model phrase " + strconvQuote(p) + " loses words to stop words or a head break")
			}
			terms := make(phrase, len(tx.toks))
			for i, tk := range tx.toks {
				terms[i] = tk.term
			}
			key := strings.Join(terms, " ")
			id, ok := ids[key]
			if !ok {
				id = int32(len(m.phrases))
				ids[key] = id
				m.phrases = append(m.phrases, cphrase{terms: terms})
				m.byFirst[terms[0]] = append(m.byFirst[terms[0]], id)
				m.usedBy = append(m.usedBy, nil)
			}
			if !slices.Contains(m.usedBy[id], ci) {
				m.usedBy[id] = append(m.usedBy[id], ci)
			}
			out = append(out, id)
		}
		return out
	}
	for i := range concepts {
		c := &concepts[i]
		ci := int32(i)
		cc := cconcept{concept: c}
		cc.strong = compile(ci, c.strong)
		cc.what = compile(ci, c.what)
		cc.plus = compile(ci, c.plus)
		cc.not = compile(ci, c.not)
		cc.sure = compile(ci, c.sure)
		cc.weaken = compile(ci, c.weaken)
		for _, g := range c.also {
			cc.also = append(cc.also, compile(ci, g))
		}
		m.concepts = append(m.concepts, cc)
	}
	// "not", "plus", "sure" and "weaken" phrases alone must not make a
	// concept a candidate; only strong and what phrases do. usedBy keeps
	// them (a phrase may serve several roles in several concepts), and
	// read checks the roles.
	m.pool.New = func() any {
		return &scratch{stamp: make([]uint32, len(m.phrases)), pos: make([]int32, len(m.phrases)),
			inHead: make([]bool, len(m.phrases)), cstamp: make([]uint32, len(m.concepts))}
	}
	return m
}

func strconvQuote(s string) string { return strconv.Quote(s) }

// read matches a description against every concept.
func (m *model) read(description string) []Reading {
	tx := prepare(description)
	if len(tx.toks) == 0 {
		return nil
	}
	sc := m.pool.Get().(*scratch)
	defer m.pool.Put(sc)
	sc.gen++
	if sc.gen == 0 { // wrapped: clear the stamps
		clear(sc.stamp)
		clear(sc.cstamp)
		sc.gen = 1
	}
	sc.touched = sc.touched[:0]
	sc.foundIDs = sc.foundIDs[:0]
	for i := range tx.toks {
		for _, id := range m.byFirst[tx.toks[i].term] {
			p := m.phrases[id].terms
			if i+len(p) > len(tx.toks) || (i < tx.headEnd && i+len(p) > tx.headEnd) {
				continue // too long, or across the end of the head
			}
			ok := true
			for j := 1; j < len(p); j++ {
				if tx.toks[i+j].term != p[j] {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			if sc.stamp[id] != sc.gen {
				sc.stamp[id] = sc.gen
				sc.pos[id] = int32(i)
				sc.inHead[id] = false
				sc.foundIDs = append(sc.foundIDs, id)
				for _, ci := range m.usedBy[id] {
					if sc.cstamp[ci] != sc.gen {
						sc.cstamp[ci] = sc.gen
						sc.touched = append(sc.touched, ci)
					}
				}
			}
			if i < tx.headEnd {
				sc.inHead[id] = true
			}
		}
	}
	var out []Reading
	for _, ci := range sc.touched {
		if r, ok := m.eval(&m.concepts[ci], tx, sc); ok {
			out = append(out, r)
		}
	}
	out = dropGeneric(out)
	slices.SortStableFunc(out, func(a, b Reading) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.Codes[0], b.Codes[0])
	})
	return out
}

func (sc *scratch) found(id int32) bool { return sc.stamp[id] == sc.gen }

func (sc *scratch) any(ids []int32, headOnly bool) (int32, bool) {
	for _, id := range ids {
		if sc.stamp[id] == sc.gen && (!headOnly || sc.inHead[id]) {
			return id, true
		}
	}
	return -1, false
}

// eval scores one concept against a prepared text.
func (m *model) eval(c *cconcept, tx *text, sc *scratch) (Reading, bool) {
	var used []int32
	score := 0.0
	named := int32(-1) // the phrase that names the goods
	if id, ok := sc.any(c.strong, true); ok {
		score = strongPhrase
		used = append(used, id)
		named = id
	} else if id, ok := sc.any(c.what, true); ok {
		used = append(used, id)
		named = id
		for _, g := range c.also {
			gid, ok := sc.any(g, false)
			if !ok {
				return Reading{}, false
			}
			used = append(used, gid)
		}
		switch {
		case c.weak:
			score = weakScore
		default:
			score = baseScore
		}
	} else {
		return Reading{}, false
	}
	if _, ok := sc.any(c.not, !c.notAnywhere); ok {
		return Reading{}, false
	}
	plus := 0.0
	for _, id := range c.plus {
		if sc.found(id) && plus < maxPlus {
			plus += plusScore
			used = append(used, id)
		}
	}
	// The phrase that ends the head's first phrase names the head noun:
	// the goods are that thing, not an accessory of it.
	noun := int(sc.pos[named])+len(m.phrases[named].terms) == tx.nounEnd
	if noun {
		plus += nounBonus
	}
	r := Reading{Codes: c.codes, Concept: c.name, Score: math.Round(min(1, score+plus)*100) / 100}
	r.Certain = r.Score >= StrongScore
	if len(c.sure) > 0 {
		if id, ok := sc.any(c.sure, false); ok {
			used = append(used, id)
		} else {
			r.Certain = false
			r.Score = min(r.Score, weakScore+plus)
			r.Note = c.unsure
		}
	}
	if id, ok := sc.any(c.weaken, true); ok && !noun {
		r.Certain = false
		r.Score = min(r.Score, weakScore)
		r.Note = "the description names " + strconvQuote(tx.words[tx.toks[sc.pos[id]].word]) + ": it may be a part or accessory rather than the item itself"
	}
	if c.qualify != nil {
		c.qualify(tx, &r)
	}
	if r.Note == "" {
		r.Note = c.note
	}
	// Words, in the order written.
	var wi []int32
	for _, id := range used {
		p := sc.pos[id]
		for k := range m.phrases[id].terms {
			w := tx.toks[int(p)+k].word
			if !slices.Contains(wi, w) {
				wi = append(wi, w)
			}
		}
	}
	slices.Sort(wi)
	for _, w := range wi {
		r.Words = append(r.Words, strings.ToLower(tx.words[w]))
	}
	for _, code := range r.Codes {
		r.Entries = append(r.Entries, m.entries(code)...)
	}
	return r, true
}

// dropGeneric removes a generic reading ("integrated circuit, type not
// stated") when a specific reading under the same HS prefix was found.
func dropGeneric(rs []Reading) []Reading {
	out := rs[:0]
	for _, r := range rs {
		g := genericOf[r.Concept]
		if g != "" && slices.ContainsFunc(rs, func(o Reading) bool {
			return genericOf[o.Concept] == "" && slices.ContainsFunc(o.Codes, func(c string) bool { return strings.HasPrefix(c, g) })
		}) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// genericOf maps a generic concept's name to its HS prefix.
var genericOf = func() map[string]string {
	m := map[string]string{}
	for _, c := range concepts {
		if c.generic != "" {
			m[c.name] = c.generic
		}
	}
	return m
}()
