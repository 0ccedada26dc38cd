package goods

import (
	"fmt"
	"strings"
	"sync"
)

// The description model: what an exporter, a freight forwarder or a
// customs broker writes on an invoice for the goods of each controlled
// heading, written for this project from general knowledge of the HS
// nomenclature (HS 2022 heading and subheading texts and their usual
// trade names). It is small on purpose and every line of it is here.
//
// A concept is one kind of goods and the HS-6 subheadings it falls under.
// Phrases are written in plain words and prepared like a description
// (lower case, abbreviations expanded, stemmed, stop words dropped), so
// "ball bearing" also meets "Bearings, ball, deep groove".
//
//   - strong: a phrase that names the goods alone ("FPGA", "GNSS",
//     "tantalum capacitor"); it must stand in the head of the
//     description, the part before "for", "with", "compatible", … . Score
//     0.9.
//   - what + also: what names the kind of thing (in the head); each also
//     group qualifies it and one phrase of every group must appear
//     anywhere ("engine" + "piston" + "aircraft"). Score 0.8, or 0.6 for
//     a weak (vague) concept.
//   - plus: context words that add 0.05 each, at most 0.1.
//   - not: phrases that rule the concept out when in the head (or
//     anywhere, with notAnywhere): "spark plug" is no plug of 8536.69.
//   - sure: where set, one of these must appear for a certain reading;
//     without, the reading is kept at 0.6 with the unsure note ("lathe"
//     without "numerically controlled").
//   - weaken: head words that make the concept doubtful (a "drone
//     battery" is not a drone).
//   - generic: an HS prefix; the concept is dropped when a specific one
//     under the prefix is found ("IC" gives way to "microcontroller").
//   - qualify: reads a stated mass or power to choose the subheading.
//
// Concepts whose codes are on no table (lithium cells, propellers,
// landing gear) are here so that the description is said to read as an
// uncontrolled subheading rather than as a near controlled one.
type concept struct {
	name        string
	codes       []string
	strong      []string
	what        []string
	also        [][]string
	plus        []string
	not         []string
	notAnywhere bool
	sure        []string
	unsure      string
	weaken      []string
	weak        bool
	generic     string
	note        string
	qualify     func(*text, *Reading)
}

// Shared vocabulary.
var (
	aircraftWords = []string{"aircraft", "uav", "unmanned", "helicopter", "aviation", "airframe", "ultralight", "paramotor",
		"gyrocopter", "autogyro", "glider", "flight", "airborne"}
	icWords = []string{"integrated circuit", "chip", "semiconductor", "silicon", "die", "bga", "qfp", "lqfp", "tqfp", "qfn",
		"soic", "sop", "tsop", "dip", "sot", "wafer", "monolithic", "smd"}
	recordWords  = []string{"record", "logger", "data logger", "memory", "storage", "trend", "datalog"}
	numericWords = []string{"numerically controlled", "numerical control", "numeric control", "numeric", "cnc", "nc", "computer numerical",
		"programmable"}
	uavWords = []string{"uav", "unmanned aircraft", "unmanned aerial vehicle", "unmanned aerial system", "unmanned aerial",
		"remotely piloted aircraft", "remotely piloted", "multirotor", "target drone", "unmanned helicopter", "unmanned airplane"}
)

var concepts = []concept{
	// ---- integrated circuits, 8542 ----
	{name: "processor or microcontroller IC", codes: []string{"854231"},
		strong: []string{"microcontroller", "microprocessor", "cpu", "digital signal processor", "system on chip", "application processor",
			"processor chip", "processor ic", "stm 32", "arm cortex", "risc v processor", "embedded processor"},
		what:   []string{"processor", "controller"},
		also:   [][]string{icWords},
		plus:   []string{"32 bit", "16 bit", "8 bit", "arm", "risc", "flash"},
		not:    []string{"cooler", "fan", "heatsink", "heat sink", "flight controller", "game controller", "speed controller", "charge controller", "temperature controller"},
		weaken: []string{"board", "module", "kit", "socket"}},
	{name: "memory IC", codes: []string{"854232"},
		strong: []string{"dram", "sdram", "sram", "eeprom", "eprom", "nand flash", "nor flash", "flash memory chip", "memory chip",
			"memory integrated circuit", "lpddr", "ddr sdram", "fram memory", "fram chip", "mram", "serial flash"},
		what: []string{"memory", "ram", "rom", "flash"},
		also: [][]string{icWords},
		not:  []string{"card", "stick", "usb", "ssd", "solid state", "drive", "dimm", "sodimm", "memory module", "foam", "mattress"}},
	{name: "amplifier IC", codes: []string{"854233"},
		strong: []string{"operational amplifier", "op amp", "instrumentation amplifier", "low noise amplifier", "amplifier ic",
			"amplifier chip", "amplifier integrated circuit", "mmic amplifier", "monolithic microwave integrated circuit amplifier",
			"rf power amplifier chip", "comparator ic"},
		what: []string{"amplifier", "amp"},
		also: [][]string{icWords},
		not:  []string{"guitar", "speaker", "hifi", "home audio", "car audio", "stereo"}},
	{name: "FPGA or programmable logic", codes: []string{"854239", "854231"},
		strong: []string{"fpga", "field programmable gate array", "cpld", "programmable logic device", "programmable logic array",
			"programmable gate array"},
		note: "FPGAs are mostly classed with other ICs (8542.39); some tariffs put them with processors and controllers (8542.31)"},
	{name: "other IC (ASIC, converter, RF transceiver, logic, interface, power management)", codes: []string{"854239"},
		strong: []string{"asic", "analog digital converter", "digital analog converter", "rf transceiver chip", "rf transceiver ic",
			"transceiver ic", "transceiver chip", "power management integrated circuit", "logic ic", "logic gate", "gate driver",
			"interface ic", "line driver", "clock generator ic", "pll ic", "frequency synthesizer ic", "voltage regulator ic",
			"ldo regulator", "motor driver ic", "sensor interface ic", "monolithic microwave integrated circuit", "rf switch ic",
			"mixer ic", "data converter"},
		what: []string{"converter", "transceiver", "regulator", "driver", "synthesizer", "mixer", "switch", "multiplexer", "buffer"},
		also: [][]string{{"integrated circuit", "chip", "monolithic", "mmic"}},
		plus: []string{"rf", "radio"}},
	{name: "integrated circuit (type not stated)", codes: []string{"854231", "854232", "854233", "854239"},
		what:    []string{"integrated circuit", "chip", "semiconductor chip", "electronic chip", "silicon chip"},
		not:     []string{"potato", "wood", "chocolate", "poker", "card", "tortilla", "carbide", "chip card", "chip conveyor", "chip breaker", "chipboard", "chip capacitor", "chip resistor", "chip inductor", "chip antenna", "chip led"},
		generic: "8542",
		note:    "the kind of IC is not stated: processors, memories, amplifiers and other ICs are all CHPL Tier 1"},

	// ---- telecommunications and radio, 8517, 8525, 8526, 8529 ----
	{name: "data transceiver, router, switch or modem", codes: []string{"851762"},
		strong: []string{"transceiver module", "sfp module", "sfp transceiver", "optical transceiver", "router", "network switch",
			"ethernet switch", "modem", "radio modem", "data link", "datalink", "telemetry radio", "telemetry module", "wireless module",
			"wi fi module", "bluetooth module", "lte module", "cellular module", "4g module", "5g module", "zigbee module", "lora module",
			"mesh radio", "access point", "iot gateway", "mimo radio", "software defined radio", "satellite modem", "network card",
			"network interface card", "multiplexer", "media converter", "radio transceiver", "two way radio", "walkie talkie"},
		what: []string{"transceiver"},
		also: [][]string{{"data", "digital", "module", "network", "ethernet", "radio", "wireless", "rf", "telemetry"}},
		not:  []string{"wood", "woodworking", "trim", "trimmer", "numerically controlled", "spindle", "mill", "router bit", "router table"},
		plus: []string{"mhz", "ghz", "encrypted"}},
	{name: "GNSS or radio navigation receiver", codes: []string{"852691"},
		strong: []string{"gnss", "satellite navigation", "satellite positioning", "radio navigation", "radionavigation", "navigation receiver",
			"positioning receiver", "rtk receiver", "rtk module", "vor receiver", "ils receiver", "dme", "loran", "automatic direction finder",
			"radio direction finder", "gnss receiver", "gnss module", "u blox"},
		what: []string{"receiver", "module"},
		also: [][]string{{"navigation", "positioning", "rtk"}},
		not:  []string{"antenna", "aerial", "watch", "smartwatch", "phone", "smartphone", "tablet", "software", "map", "subscription"},
		plus: []string{"receiver", "module", "board", "chip", "rtk", "anti jam", "military"}},
	{name: "other transmission or reception apparatus (video link, video transmitter)", codes: []string{"851769"},
		strong: []string{"video transmitter", "image transmitter", "fpv transmitter", "video downlink", "video link", "digital video link",
			"hd video link", "transmission apparatus", "reception apparatus", "pager", "satellite terminal", "satcom terminal",
			"video transceiver", "data transmitter"},
		what: []string{"transmitter"},
		also: [][]string{{"video", "image", "data", "voice", "telemetry"}},
		not:  []string{"remote controlled", "remote control", "pressure", "temperature", "level", "flow"},
		plus: []string{"ghz", "mhz", "fpv"}},
	{name: "camera", codes: []string{"852589"},
		strong: []string{"digital camera", "video camera", "camcorder", "thermal camera", "thermal imager", "thermal imaging camera",
			"ip camera", "cctv camera", "camera module", "gimbal camera", "imaging payload", "eo ir", "electro optical payload",
			"electro optical infrared", "surveillance camera", "action camera", "machine vision camera", "industrial camera",
			"infrared camera", "security camera", "dash camera", "web camera", "webcam", "camera"},
		what: []string{"imager", "imaging"},
		also: [][]string{{"thermal", "infrared", "daylight", "video", "gimbal", "payload", "zoom"}},
		not:  []string{"bag", "case", "strap", "tripod", "lens", "battery", "film", "charger", "cable", "mount", "bracket", "housing", "flash", "night vision"},
		plus: []string{"4k", "hd", "zoom", "gimbal", "thermal", "stabilised", "stabilized"}},
	{name: "antenna or antenna reflector", codes: []string{"852910"},
		strong: []string{"antenna", "aerial", "antenna reflector", "dish reflector", "patch antenna", "yagi", "omni antenna"},
		not: []string{"cable", "connector", "mast", "unman", "vehicle", "photography", "photograph", "imaging", "survey", "platform",
			"lift", "uav", "work", "mapping", "spray", "application", "firework"}},
	{name: "part of radio, radar, television or camera apparatus", codes: []string{"852990"},
		strong: []string{"rf front end", "lnb", "radar part", "radar spare", "tuner module", "camera housing", "camera board",
			"transmitter part", "receiver part", "radar module", "radar assembly", "transceiver board", "receiver board", "transmitter board"},
		what: []string{"part", "spare", "component", "board", "housing", "assembly", "front end", "tuner", "subassembly"},
		also: [][]string{{"radio", "radar", "transmitter", "receiver", "television", "tv", "camera", "transceiver", "walkie talkie"}},
		not:  []string{"antenna", "aerial", "remote controlled"}},

	// ---- capacitors, 8532 ----
	{name: "tantalum capacitor", codes: []string{"853221"},
		strong: []string{"tantalum capacitor", "tantalum chip capacitor", "tantalum electrolytic capacitor", "tantalum polymer capacitor"},
		what:   []string{"capacitor"},
		also:   [][]string{{"tantalum", "ta"}}},
	{name: "multilayer ceramic capacitor", codes: []string{"853224"},
		strong: []string{"multi layer ceramic capacitor", "multi layer ceramic chip capacitor", "ceramic chip capacitor", "multi layer capacitor"},
		what:   []string{"capacitor"},
		also:   [][]string{{"ceramic"}},
		sure:   []string{"multi layer", "chip", "smd", "0201", "0402", "0603", "0805", "1206", "x7r", "x5r", "c0g", "np0"},
		unsure: "ceramic capacitors not stated to be multilayer (chip) ones may be single-layer, 8532.23, not listed",
		not:    []string{"single layer", "disc", "disk"}},
	{name: "capacitor (type not stated)", codes: []string{"853221", "853224"},
		what: []string{"capacitor"}, weak: true, generic: "8532",
		not:  []string{"aluminum", "electrolytic", "film", "paper", "mica", "variable", "trimmer", "motor run", "motor start", "supercapacitor", "super capacitor"},
		note: "the dielectric is not stated: tantalum (8532.21) and multilayer ceramic (8532.24) capacitors are CHPL Tier 2; other kinds are not listed"},

	// ---- 8548 ----
	{name: "electrical part of machinery n.e.s. (chapter 85)", codes: []string{"854800"},
		what: []string{"electric part", "electronic part", "electric component", "electronic component", "electric spare",
			"electronic spare", "electronic assembly", "electric assembly", "electronic module", "electronic subassembly"},
		sure:    []string{"nes", "not elsewhere specified", "not specified elsewhere", "not elsewhere", "unspecified", "general purpose"},
		unsure:  "a vague description: electrical parts not specified elsewhere in chapter 85 are 8548.00 (CHPL Tier 2), but the goods may be under a more specific heading",
		generic: "85"},

	// ---- computers, 8471 ----
	{name: "computer processing unit (server, industrial or embedded computer)", codes: []string{"847150"},
		strong: []string{"server", "rack server", "blade server", "rack mount server", "industrial pc", "industrial computer", "embedded computer",
			"single board computer", "mini pc", "desktop computer", "desktop pc", "workstation", "mainframe", "edge computer", "mission computer",
			"computer processing unit", "box pc", "panel pc", "rugged computer"},
		what: []string{"processing unit", "computer"},
		also: [][]string{{"processing", "computing", "industrial", "embedded", "desktop", "rack", "server", "mission", "rugged"}},
		not:  []string{"software", "licence", "license", "cabinet", "enclosure", "server rack", "laptop", "notebook", "tablet", "keyboard", "mouse", "monitor", "graphic processing unit", "flight computer", "air data computer", "flight control computer"}},
	{name: "other unit of a computer (KVM switch, interface or control unit)", codes: []string{"847180"},
		strong: []string{"kvm", "kvm switch", "kvm extender", "computer interface unit", "adp unit", "data processing unit", "computer unit",
			"peripheral control unit", "expansion chassis", "ai accelerator unit", "external gpu", "network attached processing unit"}},

	// ---- power conversion, 8504 ----
	{name: "static converter (power supply, inverter, rectifier, charger)", codes: []string{"850440"},
		strong: []string{"power supply", "inverter", "dc dc converter", "ac dc converter", "dc ac converter", "rectifier unit", "battery charger",
			"charger", "uninterruptible power supply", "static converter", "frequency converter", "variable frequency drive",
			"electronic speed controller", "power converter", "switch mode power supply", "power module", "bec", "voltage converter"},
		what: []string{"converter", "rectifier"},
		also: [][]string{{"power", "dc", "ac", "voltage", "static", "switching", "current", "battery"}},
		not: []string{"analog digital converter", "digital analog converter", "media converter", "protocol converter", "video converter",
			"catalytic converter", "torque converter", "schottky", "diode", "silicon controlled rectifier", "bridge rectifier", "usb", "signal converter", "data converter"}},

	// ---- connectors, 8536 ----
	{name: "plug or socket (not over 1,000 V)", codes: []string{"853669"},
		strong: []string{"plug", "socket", "receptacle", "jack", "rf connector", "coaxial connector", "sma connector", "bnc connector",
			"usb connector", "pin header", "header pin", "circular connector", "d sub connector", "power connector", "xt60", "xt90"},
		not: []string{"spark plug", "glow plug", "wrench", "ratchet", "hydraulic", "car jack", "lifting", "bottle jack", "jack stand",
			"drain plug", "ear plug", "earplug", "plug gauge", "tool", "adapter kit", "impact socket", "fiber", "fibre", "optical"}},
	{name: "connector, terminal or junction (not over 1,000 V)", codes: []string{"853690", "853669"},
		strong: []string{"terminal block", "junction box", "wire to board connector", "board to board connector", "crimp terminal",
			"connector", "terminal strip", "cable lug", "ribbon connector", "edge connector", "battery connector", "wire connector"},
		what: []string{"terminal", "connector"},
		also: [][]string{{"electric", "wire", "cable", "pin", "board", "crimp", "screw", "pcb"}},
		not: []string{"fiber", "fibre", "optical", "hose", "pipe", "tube", "pneumatic", "hydraulic", "air", "water", "gas",
			"terminal server", "payment terminal", "pos terminal", "satellite terminal", "satcom terminal", "computer terminal"},
		note: "connectors are plugs and sockets (8536.69) or other connecting apparatus (8536.90) by kind; both are CHPL Tier 3.A"},

	// ---- discrete semiconductors, 8541 ----
	{name: "diode (not light-emitting or photosensitive)", codes: []string{"854110"},
		strong: []string{"schottky", "zener", "rectifier diode", "bridge rectifier", "tvs diode", "signal diode", "varactor", "pin diode",
			"fast recovery diode", "diode", "switching diode", "tunnel diode", "gunn diode"},
		not: []string{"light emitting", "led", "laser diode", "photo diode", "organic light", "oled", "diode laser", "laser module"}},
	{name: "transistor", codes: []string{"854121", "854129"},
		strong:  []string{"transistor", "field effect transistor", "gan fet", "sic mosfet"},
		not:     []string{"photo transistor", "light sensitive", "radio"},
		qualify: qualifyTransistor},
	{name: "thyristor, diac or triac", codes: []string{"854130"},
		strong: []string{"thyristor", "triac", "diac", "silicon controlled rectifier", "gto thyristor"},
		not:    []string{"light activated", "photo"}},
	{name: "photosensitive semiconductor device", codes: []string{"854149"},
		strong: []string{"photo diode", "photo transistor", "photo detector", "opto coupler", "photo interrupter", "light sensor",
			"ambient light sensor", "image sensor", "cmos sensor", "ccd sensor", "cmos image sensor", "infrared detector", "ir detector",
			"photoresistor", "photo sensor", "avalanche photo diode", "quadrant detector", "focal plane array", "photodetector", "photocell"},
		not: []string{"solar", "photovoltaic", "pv", "camera", "module"}},
	{name: "semiconductor-based transducer (MEMS sensor)", codes: []string{"854151"},
		strong: []string{"mems", "mems sensor", "semiconductor transducer", "semiconductor sensor", "piezoresistive", "hall sensor",
			"hall effect sensor", "mems accelerometer", "mems gyroscope", "mems microphone", "mems pressure sensor", "silicon pressure sensor",
			"silicon transducer", "pressure sensor chip"},
		what: []string{"transducer", "sensor"},
		also: [][]string{{"semiconductor", "silicon", "mems", "chip", "piezoresistive", "integrated circuit", "monolithic"}},
		plus: []string{"accelerometer", "gyroscope", "pressure", "inertial"}},
	{name: "other semiconductor device", codes: []string{"854159"},
		strong: []string{"semiconductor device", "discrete semiconductor", "semiconductor die", "semiconductor component",
			"power semiconductor", "semiconductor module", "semiconductor dice"},
		what:    []string{"semiconductor"},
		not:     []string{"machin", "equipment", "apparatus", "test", "tester", "system", "tool", "furnace", "laser", "packaging material", "wafer"},
		generic: "8541",
		note:    "the kind of semiconductor device is not stated"},
	{name: "mounted piezo-electric crystal (quartz crystal, resonator)", codes: []string{"854160"},
		strong: []string{"quartz crystal", "crystal resonator", "quartz resonator", "crystal unit", "piezoelectric crystal",
			"crystal oscillator", "saw resonator", "saw filter", "ceramic resonator", "quartz oscillator", "crystal filter"},
		not:  []string{"glass", "liquid crystal", "vase", "chandelier", "lead crystal", "crystal ball", "sugar", "salt", "crystal clear"},
		note: "crystal oscillators that hold a circuit may be classed as ICs (8542.39); bare crystals and resonators are 8541.60"},

	// ---- bearings, 8482 ----
	{name: "ball bearing", codes: []string{"848210"},
		strong: []string{"ball bearing", "deep groove bearing", "deep groove", "angular contact bearing", "angular contact", "thrust ball bearing",
			"miniature bearing", "self aligning ball bearing", "radial ball bearing"},
		what: []string{"bearing"},
		also: [][]string{{"ball", "deep groove", "angular contact"}},
		not:  []string{"roller", "needle", "housing", "puller", "pillow block", "plain bearing", "load bear", "bear wall", "ball screw", "ball joint", "ball valve"}},
	{name: "tapered roller bearing", codes: []string{"848220"},
		strong: []string{"tapered roller bearing", "taper roller bearing", "tapered bearing", "cone cup bearing"},
		what:   []string{"bearing"},
		also:   [][]string{{"taper", "cone", "cup"}},
		not:    []string{"housing", "puller", "needle"}},
	{name: "spherical roller bearing", codes: []string{"848230"},
		strong: []string{"spherical roller bearing", "self aligning roller bearing", "barrel roller bearing"},
		what:   []string{"bearing"},
		also:   [][]string{{"spherical", "self aligning", "barrel"}, {"roller"}},
		not:    []string{"housing", "puller", "plain", "rod end"}},
	{name: "cylindrical roller bearing", codes: []string{"848250"},
		strong: []string{"cylinder roller bearing"},
		what:   []string{"bearing"},
		also:   [][]string{{"cylinder"}, {"roller"}},
		not:    []string{"needle", "housing", "puller", "pneumatic", "hydraulic"}},
	{name: "roller bearing (type not stated)", codes: []string{"848220", "848230", "848250"},
		what: []string{"roller bearing"}, generic: "8482",
		not:  []string{"needle", "housing", "puller"},
		note: "tapered, spherical and cylindrical roller bearings are CHPL Tier 3.B; needle roller bearings (8482.40) are not listed"},
	{name: "rolling bearing (type not stated)", codes: []string{"848210", "848220", "848230", "848250"},
		what: []string{"bearing"}, weak: true, generic: "8482",
		not:  []string{"housing", "puller", "plain bearing", "sleeve bearing", "bushing", "linear bearing", "load bear", "needle", "bearing grease", "rod end", "spherical plain"},
		note: "the kind of bearing is not stated: ball, tapered, spherical and cylindrical roller bearings are CHPL Tier 3.B"},

	// ---- aircraft, UAVs and their parts, 8806, 8807 ----
	{name: "unmanned aircraft (UAV, drone)", codes: []string{"880610", "880621", "880622", "880623", "880624", "880629", "880691", "880692", "880693", "880694", "880699"},
		strong: uavWords,
		not:    []string{"toy", "simulator", "software", "licence", "license", "insurance", "training", "service", "jammer", "detector", "counter uav", "anti uav", "detection"},
		weaken: []string{"part", "spare", "component", "propeller", "prop", "battery", "motor", "engine", "camera", "gimbal", "frame", "arm",
			"charger", "antenna", "transmitter", "receiver", "controller", "module", "board", "servo", "landing gear", "case", "bag",
			"bearing", "capacitor", "chip", "cable", "connector", "esc", "electronic speed controller", "wing", "fuselage", "kit part", "power supply"},
		qualify: qualifyUAV},

	{name: "part of aeroplane, helicopter or UAV", codes: []string{"880730"},
		strong: []string{"aircraft part", "aircraft spare", "airframe", "fuselage", "uav frame", "uav arm", "aircraft component", "helicopter part",
			"wing section", "wing panel", "tail boom", "aileron", "empennage", "nacelle", "flight control surface"},
		what: []string{"part", "spare", "component", "frame", "wing", "tail", "arm", "canopy", "boom", "pylon", "hatch", "panel", "assembly", "kit"},
		also: [][]string{aircraftWords},
		not: []string{"propeller", "prop", "rotor", "landing gear", "undercarriage", "engine", "motor", "battery", "camera", "antenna", "model", "toy", "balsa",
			"seat", "tyre", "tire", "wheel", "gnss", "transmitter", "receiver", "controller", "servo", "autopilot", "esc", "charger", "bearing",
			"capacitor", "chip", "transistor", "connector", "sensor", "gyroscope", "accelerometer", "inertial", "altimeter", "navigation"},
		note: "parts of aircraft and UAVs not more specifically classed (propellers 8807.10 and landing gear 8807.20 are not listed)"},
	{name: "propeller or rotor for aircraft", codes: []string{"880710"},
		what: []string{"propeller", "prop", "rotor blade", "rotor"},
		also: [][]string{aircraftWords},
		note: "propellers and rotors (8807.10) are on neither table"},
	{name: "landing gear for aircraft", codes: []string{"880720"},
		strong: []string{"landing gear", "undercarriage"},
		note:   "undercarriages and landing gear (8807.20) are on neither table"},

	// ---- engines and motors, 8407, 8408, 8409, 8501 ----
	{name: "spark-ignition piston engine for aircraft or UAV", codes: []string{"840710"},
		strong: []string{"aircraft piston engine", "aviation piston engine", "aero piston engine", "uav piston engine", "aircraft engine",
			"uav engine", "aviation engine", "aero engine", "paramotor engine", "ultralight engine"},
		what: []string{"engine", "motor"},
		also: [][]string{{"piston", "2 stroke", "4 stroke", "stroke", "rotary", "wankel", "boxer", "spark ignition", "petrol", "gas",
			"avgas", "cylinder", "cc", "cylinders"}, aircraftWords},
		not: []string{"diesel", "heavy fuel", "compression ignition", "turbine", "jet", "turbofan", "turbojet", "turboprop", "turboshaft",
			"electric", "brushless", "part", "spare", "component", "cylinder head", "crankshaft", "carburettor", "piston ring", "kit part", "mount", "brushless dc motor"},
		plus: []string{"2 stroke", "4 stroke", "piston", "cc", "hp"}},
	{name: "compression-ignition (diesel, heavy-fuel) piston engine", codes: []string{"840890"},
		strong: []string{"diesel engine", "heavy fuel engine", "compression ignition engine", "diesel aircraft engine", "diesel aero engine"},
		what:   []string{"engine", "motor"},
		also:   [][]string{{"diesel", "heavy fuel", "compression ignition", "jet fuel", "jp 8", "kerosene", "jet a1"}},
		not: []string{"marine", "boat", "ship", "outboard", "vessel", "vehicle", "car", "truck", "tractor", "automotive",
			"genset", "part", "spare", "component", "oil", "filter", "injector", "pump", "locomotive", "motorcycle", "bus"},
		notAnywhere: true,
		plus:        []string{"uav", "aircraft", "unmanned", "aviation"},
		note:        "8408.90 is compression-ignition engines other than for vessels (8408.10) and vehicles (8408.20)"},
	{name: "part of aircraft piston engine", codes: []string{"840910"},
		strong: []string{"aircraft engine part", "aero engine part", "aviation engine part", "uav engine part"},
		what: []string{"part", "spare", "component", "cylinder head", "crankshaft", "carburettor", "connecting rod", "camshaft",
			"cylinder kit", "ignition module", "crankcase", "piston ring", "piston kit", "valve", "gasket", "exhaust", "cylinder barrel"},
		also: [][]string{aircraftWords, {"engine", "motor"}}},
	{name: "DC motor or servomotor", codes: []string{"850131"},
		strong: []string{"brushless dc motor", "dc motor", "servo motor", "servo", "servo actuator", "outrunner", "inrunner", "brushless motor",
			"coreless motor", "dc servo", "dc gear motor", "dc geared motor", "digital servo", "direct current motor"},
		what: []string{"motor"},
		also: [][]string{{"dc", "brushless", "servo", "direct current", "coreless", "outrunner", "permanent magnet"}},
		not: []string{"ac", "induction", "alternating current", "vibration", "motor vehicle", "motorcycle", "motor oil", "motor controller",
			"motor driver", "speed controller", "tester", "servo valve", "servo drive", "servo amplifier", "servo controller", "servo tester", "servo horn", "servo arm", "mount"},
		qualify: qualifyMotor},

	// ---- optics and navigation, 9013, 9014 ----
	{name: "telescopic sight or periscope", codes: []string{"901310"},
		strong: []string{"rifle scope", "telescopic sight", "scope sight", "periscope", "weapon sight", "optical sight", "gun sight", "gunsight",
			"red dot sight", "reflex sight", "collimator sight", "sniper scope", "holographic sight", "thermal sight", "prism sight"},
		what: []string{"sight", "scope"},
		also: [][]string{{"rifle", "weapon", "gun", "telescopic", "firearm", "hunting", "airsoft", "crossbow"}},
		not:  []string{"mount", "ring", "cover", "cap", "bag"}},
	{name: "other optical device or instrument", codes: []string{"901380"},
		strong: []string{"optical instrument", "optical device", "optical assembly", "beam expander", "magnifier", "magnifying glass", "loupe",
			"collimator", "liquid crystal device", "door viewer", "optical system", "optical head", "optical block", "laser pointer", "laser designator"},
		what: []string{"optic"},
		also: [][]string{{"device", "instrument", "assembly", "apparatus", "system", "unit", "module", "head", "block"}},
		not:  []string{"fiber", "cable", "transceiver", "connector", "disc", "disk", "drive", "mouse", "lens", "mirror", "prism", "filter", "sight", "sensor", "camera", "encoder"}},
	{name: "aeronautical or space navigation instrument (autopilot, INS, AHRS)", codes: []string{"901420"},
		strong: []string{"autopilot", "flight controller", "flight control computer", "flight control unit", "inertial navigation", "inertial measurement unit",
			"attitude heading reference system", "attitude heading reference unit", "air data computer", "aircraft altimeter", "barometric altimeter",
			"altimeter", "variometer", "flight management system", "attitude indicator", "artificial horizon", "horizontal situation indicator",
			"turn coordinator", "star tracker", "sun sensor", "flight computer", "avionics navigation", "attitude reference", "airspeed indicator",
			"pitot", "navigation computer"},
		what: []string{"navigation", "gyroscope", "accelerometer", "inertial"},
		also: [][]string{{"aircraft", "uav", "aviation", "flight", "space", "missile", "rocket", "helicopter", "airborne", "spacecraft", "satellite"}},
		not:  []string{"radio altimeter", "radar altimeter", "gnss", "satellite navigation", "software", "simulator", "game", "toy", "watch", "laser altimeter"}},
	{name: "other navigational instrument (marine, land)", codes: []string{"901480"},
		strong: []string{"echo sounder", "fish finder", "sonar", "chart plotter", "doppler velocity log", "speed log", "marine navigation",
			"navigation sensor", "navigational sensor", "inertial navigation system", "navigation instrument", "gyro stabilised platform", "north finder"},
		what: []string{"navigation"},
		also: [][]string{{"instrument", "apparatus", "sensor", "device", "system", "equipment", "unit", "marine", "land"}},
		not:  []string{"compass", "software", "chart", "map", "subscription", "gnss", "satellite navigation", "radio navigation", "flight", "aircraft", "uav", "radar"}},
	{name: "gyroscope or accelerometer (use not stated)", codes: []string{"901420", "901480"},
		what: []string{"gyroscope", "accelerometer", "inertial sensor", "inertial unit"}, weak: true, generic: "9014",
		not:  []string{"toy", "exercise", "watch", "phone"},
		note: "navigation gyroscopes and accelerometers are 9014.20 (aircraft) or 9014.80; MEMS chips are 8541.51"},

	// ---- semiconductor manufacturing and test, 8486, 9030 ----
	{name: "machine for making boules or wafers", codes: []string{"848610"},
		strong: []string{"crystal puller", "crystal growing furnace", "crystal growth furnace", "czochralski", "ingot puller", "wafer slicing",
			"wafer saw", "wafer grinder", "wafer lapping", "wafer polishing machine", "ingot growing", "boule", "ingot pulling"},
		what: []string{"machin", "equipment", "furnace", "saw", "apparatus", "system", "grinder", "puller", "slicer", "polisher", "lapping"},
		also: [][]string{{"wafer", "boule", "ingot", "crystal growth", "crystal growing", "silicon"}},
		not:  []string{"biscuit", "food", "chocolate", "confectionery", "baking", "ice cream", "cone", "wafer check valve", "wafer butterfly", "wafer valve"}},
	{name: "machine for making semiconductor devices or ICs", codes: []string{"848620"},
		strong: []string{"lithography", "photolithography", "wafer stepper", "wafer scanner", "mask aligner", "ion implanter", "ion implantation",
			"plasma etcher", "plasma etching", "plasma etch", "dry etching", "etch system", "chemical vapor deposition", "physical vapor deposition",
			"atomic layer deposition", "sputtering system", "diffusion furnace", "epitaxy", "epitaxial reactor", "wafer cleaning",
			"chemical mechanical polishing", "wafer processing", "spin coater", "resist coater", "wafer bonder", "oxidation furnace"},
		what: []string{"machin", "equipment", "system", "apparatus", "tool", "reactor", "furnace"},
		also: [][]string{{"semiconductor", "wafer", "chip", "integrated circuit", "device fabrication", "fab", "fabrication", "foundry"}},
		not:  []string{"biscuit", "food", "test", "tester", "inspection", "measuring", "handling", "robot", "die bonder", "die attach", "system on chip"}},
	{name: "semiconductor assembly, mask-making or wafer-handling machine (chapter 84 note 11 C)", codes: []string{"848640"},
		strong: []string{"die bonder", "die attach", "flip chip bonder", "wafer handling robot", "wafer transfer robot", "wafer handler",
			"reticle", "photomask writer", "mask writer", "wafer loader", "wafer sorter", "die sorter", "die pick place", "wafer transfer",
			"wafer handling", "mask making", "semiconductor packaging machine", "die bonding"},
		what: []string{"machin", "equipment", "robot", "system"},
		also: [][]string{{"die", "wafer", "reticle", "mask", "boule"}, {"handling", "bonding", "bonder", "attach", "transfer", "loading", "sorting", "packaging", "assembly"}}},
	{name: "printed circuit (bare board)", codes: []string{"853400"},
		strong: []string{"printed circuit board", "printed wiring board", "bare board", "flexible printed circuit", "flex circuit", "printed circuit",
			"rigid flex board", "hdi board"},
		not:  []string{"assembly", "assembled", "populated", "mounted", "printed circuit assembly", "component", "stuffed", "loaded", "design", "software", "holder", "vice", "drill"},
		note: "bare printed circuits are 8534.00; assembled boards are parts of the apparatus they go into"},
	{name: "signal generator", codes: []string{"854320"},
		strong: []string{"signal generator", "function generator", "waveform generator", "arbitrary waveform", "pulse generator",
			"frequency synthesizer", "vector signal generator", "sweep generator", "noise generator", "rf signal source", "signal source"},
		what: []string{"generator"},
		also: [][]string{{"signal", "waveform", "function", "pulse", "sweep", "frequency", "rf", "microwave"}},
		not:  []string{"diesel", "power generator", "steam", "nitrogen", "hydrogen", "oxygen", "fog", "smoke", "ozone", "petrol", "gas", "wind", "ic", "chip", "integrated circuit"}},
	{name: "instrument using optical radiation (spectrometer, photometer)", codes: []string{"902750"},
		strong: []string{"spectrometer", "uv vis", "infrared spectrometer", "raman", "photometer", "colorimeter", "fluorometer",
			"optical emission spectrometer", "laser particle counter", "particle counter", "optical analyzer", "turbidimeter", "flame photometer",
			"atomic absorption", "optical spectrum analyzer", "ellipsometer", "fluorescence"},
		not: []string{"mass spectrometer", "mass spec", "nmr", "xray", "xrf"}},
	{name: "oscilloscope", codes: []string{"903020"},
		strong: []string{"oscilloscop", "digital storage scope", "storage scope", "mixed signal scope", "scope meter", "scopemeter"},
		what:   []string{"scope"},
		also:   [][]string{{"digital", "storage", "channel", "mhz", "ghz", "bench", "mixed signal", "bandwidth", "gsa"}},
		not:    []string{"rifle", "telescop", "periscop", "mount", "sight", "spotting", "probe"}},
	{name: "multimeter with a recording device", codes: []string{"903032"},
		strong: []string{"logging multimeter", "recording multimeter", "data logging multimeter"},
		what:   []string{"multimeter", "digital multimeter", "multi meter"},
		sure:   recordWords,
		unsure: "only multimeters with a recording device are 9030.32; without one they are 9030.31, not listed",
		not:    []string{"probe", "lead", "case", "fuse"}},
	{name: "instrument for voltage, current, resistance or power, with a recording device", codes: []string{"903039"},
		strong: []string{"power analyzer", "power quality analyzer", "power quality logger", "energy logger", "voltage logger",
			"current logger", "voltage record", "current record", "power logger", "power quality record"},
		what: []string{"voltmeter", "ammeter", "ohmmeter", "wattmeter", "power meter", "clamp meter", "insulation tester", "megohmmeter",
			"current meter", "voltage meter", "resistance meter", "micro ohmmeter", "earth tester"},
		also: [][]string{recordWords}},
	{name: "instrument for measuring or checking semiconductor wafers or devices", codes: []string{"903082"},
		strong: []string{"wafer prober", "probe station", "ic tester", "semiconductor tester", "automatic test equipment", "curve tracer",
			"parametric analyzer", "semiconductor parameter analyzer", "wafer inspection", "wafer test", "burn in test", "chip tester",
			"transistor tester", "semiconductor test"},
		what: []string{"tester", "test system", "test equipment", "analyzer", "prober", "test handler", "measuring", "inspection"},
		also: [][]string{{"semiconductor", "wafer", "integrated circuit", "chip", "transistor", "diode", "die"}}},

	// ---- machine tools, 8457–8466 ----
	{name: "machining centre for metal", codes: []string{"845710"},
		strong: []string{"machining centr", "vertical machining centr", "horizontal machining centr", "5 axis machining", "five axis machining",
			"machining cell", "gantry machining"},
		not: []string{"wood", "woodworking", "stone", "glass", "plastic", "part", "spare", "spindle", "tool holder"}},
	{name: "lathe or turning centre, numerically controlled", codes: []string{"845811", "845891"},
		strong: []string{"turning centr", "turret lathe", "swiss type lathe", "swiss lathe", "slant bed lathe", "lathe"},
		what:   []string{"turning machin"},
		sure:   numericWords,
		unsure: "the lathe is not stated to be numerically controlled: other lathes (8458.19, 8458.99) are not listed",
		not: []string{"wood", "woodworking", "pottery", "chuck", "tool holder", "insert", "part", "spare", "tailstock", "headstock", "spindle",
			"accessory", "tool post", "collet", "brake lathe", "jewelry", "jewellery"},
		qualify: qualifyLathe},
	{name: "milling machine, numerically controlled", codes: []string{"845961"},
		strong: []string{"milling machin", "bed mill", "bridge mill", "gantry mill", "milling centr", "mill machin", "cnc mill"},
		what:   []string{"mill"},
		also:   [][]string{{"machin", "numerically controlled", "numeric"}},
		sure:   numericWords,
		unsure: "the milling machine is not stated to be numerically controlled: others (8459.69) are not listed",
		not: []string{"ball mill", "hammer mill", "roller mill", "rolling mill", "flour", "grain", "wood", "end mill", "cutter", "pepper", "coffee",
			"paper", "steel mill", "knee", "part", "spare", "vice", "vise", "tool holder", "bead mill", "colloid", "jet mill", "pin mill", "rice", "feed"}},
	{name: "part or accessory of a metal-working machine tool", codes: []string{"846693"},
		strong: []string{"machine tool part", "machine tool spare", "spindle unit", "spindle assembly", "motor spindle", "tool changer",
			"rotary table", "tailstock", "headstock", "way cover", "turret assembly", "atc magazine"},
		what: []string{"part", "spare", "component", "accessory", "spindle", "assembly", "guard", "cover", "table", "chip conveyor"},
		also: [][]string{{"machine tool", "numerically controlled", "lathe", "mill", "machining centr", "edm", "grinder", "grinding machin", "turning centr"}},
		not:  []string{"tool holder", "collet", "insert", "end mill", "drill bit", "cutter", "cutting tool", "chuck key", "software", "coolant", "oil"}},

	// ---- uncontrolled goods often met beside the controlled ones ----
	{name: "lithium-ion or lithium-polymer cell or battery", codes: []string{"850760"},
		strong: []string{"lithium ion", "li ion", "lithium polymer", "lithium battery", "lithium cell", "18650", "21700", "lifepo4", "lithium iron phosphate", "li po"},
		not:    []string{"charger", "tester", "holder", "box", "spot welder"},
		note:   "lithium-ion accumulators (8507.60) are on neither table"},
	{name: "primary lithium cell", codes: []string{"850650"},
		strong: []string{"lithium primary", "lithium thionyl", "lithium manganese dioxide", "cr2032", "lithium coin cell", "lithium metal battery"},
		note:   "primary lithium cells (8506.50) are on neither table"},
}

// qualifyUAV picks the 8806 subheading from what the description says:
// passengers (8806.10); remote-controlled flight only (8806.2x) or not
// (8806.9x); and the maximum take-off mass classes of HS 2022.
func qualifyUAV(tx *text, r *Reading) {
	has := func(ws ...string) bool {
		for _, w := range ws {
			if tx.has(w) {
				return true
			}
		}
		return false
	}
	if has("passenger", "air taxi", "people", "person", "crew", "occupant") {
		r.Codes = []string{"880610"}
		r.Note = "unmanned aircraft for the carriage of passengers (8806.10)"
		return
	}
	var remote, other []string
	switch {
	case tx.mass < 0:
		remote = []string{"880621", "880622", "880623", "880624", "880629"}
		other = []string{"880691", "880692", "880693", "880694", "880699"}
	case tx.mass <= 250:
		remote, other = []string{"880621"}, []string{"880691"}
	case tx.mass <= 7000:
		remote, other = []string{"880622"}, []string{"880692"}
	case tx.mass <= 25000:
		remote, other = []string{"880623"}, []string{"880693"}
	case tx.mass <= 150000:
		remote, other = []string{"880624"}, []string{"880694"}
	default:
		remote, other = []string{"880629"}, []string{"880699"}
	}
	mode := ""
	switch {
	case has("autonomous", "autopilot", "waypoint", "pre programmed", "preprogrammed", "self flying", "loitering", "gnss guided", "mission planning", "beyond visual"):
		r.Codes, mode = other, "able to fly other than by remote control (8806.9x)"
	case has("remote controlled", "remote control", "radio controlled", "remotely control", "remotely operated", "remotely piloted", "fpv", "line of sight"):
		r.Codes, mode = remote, "for remote-controlled flight only (8806.2x)"
	default:
		r.Codes = append(append([]string{}, remote...), other...)
		mode = "remote-controlled only (8806.2x) or not (8806.9x): not stated"
	}
	mass := "maximum take-off mass not stated"
	if tx.mass >= 0 {
		mass = "stated mass " + grams(tx.mass)
	}
	if r.Note == "" {
		r.Note = "unmanned aircraft, " + mode + "; " + mass
	}
}

func grams(g float64) string {
	if g >= 1000 {
		return trimFloat(g/1000) + " kg"
	}
	return trimFloat(g) + " g"
}

func watts(w float64) string {
	if w >= 1000 {
		return trimFloat(w/1000) + " kW"
	}
	return trimFloat(w) + " W"
}

func trimFloat(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// qualifyMotor checks a stated output against 8501.31 (DC motors of an
// output over 37.5 W and not over 750 W). Smaller motors are 8501.10,
// larger 8501.32; neither is listed, so the reading stays but loses its
// certainty, with the reason.
func qualifyMotor(tx *text, r *Reading) {
	switch {
	case tx.power < 0:
	case tx.power <= 37.5:
		r.Certain = false
		r.Note = "stated output " + watts(tx.power) + ": DC motors of 37.5 W or less are 8501.10, not listed; the Iran-UAV table names servomotors of any size"
	case tx.power > 750:
		r.Certain = false
		r.Note = "stated output " + watts(tx.power) + " is over the 750 W of 8501.31: such DC motors are 8501.32, not listed, but motors of this size drive large UAVs"
	default:
		r.Note = "stated output " + watts(tx.power) + ": within 8501.31 (over 37.5 W, not over 750 W)"
	}
}

// qualifyTransistor chooses 8541.21 (dissipation under 1 W) or 8541.29.
func qualifyTransistor(tx *text, r *Reading) {
	switch {
	case tx.has("small signal") || (tx.power >= 0 && tx.power < 1):
		r.Codes = []string{"854121"}
	case tx.has("power transistor") || tx.has("power mosfet") || tx.has("igbt") || tx.power >= 1:
		r.Codes = []string{"854129"}
	default:
		r.Note = "the dissipation rating is not stated: under 1 W is 8541.21, 1 W or more 8541.29 (both CHPL Tier 3.A)"
	}
}

// qualifyLathe chooses horizontal (8458.11) unless the lathe is vertical.
func qualifyLathe(tx *text, r *Reading) {
	if tx.has("vertical") {
		r.Codes = []string{"845891"}
	} else {
		r.Codes = []string{"845811"}
	}
}

// prepared caches the terms of the phrases qualifiers look for.
var prepared sync.Map // string → []string

// has reports whether the prepared text holds the phrase (prepared the
// same way) anywhere.
func (t *text) has(p string) bool {
	v, ok := prepared.Load(p)
	if !ok {
		var terms []string
		for _, tk := range prepare(p).toks {
			terms = append(terms, tk.term)
		}
		v, _ = prepared.LoadOrStore(p, terms)
	}
	terms := v.([]string)
	if len(terms) == 0 {
		return false
	}
outer:
	for i := 0; i+len(terms) <= len(t.toks); i++ {
		for j, term := range terms {
			if t.toks[i+j].term != term {
				continue outer
			}
		}
		return true
	}
	return false
}
