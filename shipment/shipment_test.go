package shipment

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
)

// TestBadInput is acceptance criterion 4: bad input gets a clear error
// naming the field, and nothing crashes.
func TestBadInput(t *testing.T) {
	ok := `{"consignee": {"name": "Acme GmbH", "country": "DE"}, "goods": [{"hs_code": "8542.31", "quantity": 5}]}`
	for _, tc := range []struct {
		name, in string
		want     []string // in the error, in any order
	}{
		{"HS code of letters", `{"consignee": {"name": "A"}, "goods": [{"hs_code": "8542.31"}, {"hs_code": "8471.50"}, {"hs_code": "ABCD"}]}`,
			[]string{`goods[2].hs_code: "ABCD" is not an HS code`}},
		{"HS code too short", `{"consignee": {"name": "A"}, "goods": [{"hs_code": "85"}]}`, []string{`goods[0].hs_code: "85" is not an HS code (2 digits`}},
		{"negative quantity", `{"consignee": {"name": "A"}, "goods": [{"hs_code": "8542.31", "quantity": -5}]}`, []string{"goods[0].quantity: -5 is negative"}},
		{"negative value", `{"consignee": {"name": "A"}, "goods": [{"description": "x", "value": -1.5}]}`, []string{"goods[0].value: -1.5 is negative"}},
		{"quantity as text", `{"consignee": {"name": "A"}, "goods": [{"hs_code": "8542.31", "quantity": "five"}]}`, []string{"goods[0].quantity: want a number, got string"}},
		{"country not ISO 3166", `{"consignee": {"name": "A", "country": "Atlantis"}, "goods": [{"hs_code": "8542.31"}]}`, []string{`consignee.country: "Atlantis" is not an ISO 3166 country`}},
		{"country XX", `{"end_user": {"name": "A", "country": "XX"}, "goods": [{"hs_code": "8542.31"}]}`, []string{`end_user.country: "XX" is not an ISO 3166 country`}},
		{"EU is not a country", `{"end_user": {"name": "A", "country": "EU"}, "goods": [{"hs_code": "8542.31"}]}`, []string{`end_user.country: "EU"`}},
		{"route country", `{"consignee": {"name": "A"}, "route": ["DE", "ZZ"], "goods": [{"hs_code": "8542.31"}]}`, []string{`route[1]: "ZZ" is not an ISO 3166 country`}},
		{"payment country", `{"consignee": {"name": "A"}, "payment_origin": "Narnia", "goods": [{"hs_code": "8542.31"}]}`, []string{`payment_origin: "Narnia"`}},
		{"no parties", `{"goods": [{"hs_code": "8542.31"}]}`, []string{"parties: no party"}},
		{"party without name", `{"shipper": {"country": "DE"}, "goods": [{"hs_code": "8542.31"}]}`, []string{"shipper.name: empty", "parties: no party"}},
		{"no goods", `{"consignee": {"name": "A"}}`, []string{"goods: no goods line"}},
		{"empty goods line", `{"consignee": {"name": "A"}, "goods": [{"quantity": 1}]}`, []string{"goods[0]: neither hs_code nor description"}},
		{"bad date", `{"consignee": {"name": "A", "registered": "10/05/2023"}, "goods": [{"hs_code": "8542.31"}]}`, []string{`consignee.registered: "10/05/2023" is not a date`}},
		{"bad order date", `{"consignee": {"name": "A"}, "order_date": "2024-02-30", "goods": [{"hs_code": "8542.31"}]}`, []string{`order_date: "2024-02-30" is not a date`}},
		{"bad currency", `{"consignee": {"name": "A"}, "goods": [{"hs_code": "8542.31", "currency": "dollars"}]}`, []string{`goods[0].currency: "DOLLARS" is not an ISO 4217`}},
		{"bad kind", `{"consignee": {"name": "A", "kind": "animal"}, "goods": [{"hs_code": "8542.31"}]}`, []string{`consignee.kind: "animal"`}},
		{"unknown field", `{"consignee": {"name": "A"}, "goods": [{"hs_cod": "8542.31"}]}`, []string{`goods[0]: unknown field "hs_cod"`}},
		{"unknown top field", `{"consignee": {"name": "A"}, "goods": [{"hs_code": "8542.31"}], "colour": "red"}`, []string{"colour: unknown field"}},
		{"route change country", `{"consignee": {"name": "A"}, "goods": [{"hs_code": "8542.31"}], "route_change": {"previous_route": ["DE", "Mordor"]}}`, []string{`route_change.previous_route[1]: "Mordor"`}},
		{"quantity out of range", `{"consignee": {"name": "A"}, "goods": [{"description": "x", "quantity": 1e400}]}`, []string{"goods[0].quantity: number 1e400 is out of range"}},
		{"route as string", `{"consignee": {"name": "A"}, "route": "DE,FR", "goods": [{"hs_code": "8542.31"}]}`, []string{"route: want an array, got string"}},
		{"not JSON", `{"consignee": `, []string{"bad JSON"}},
		{"not an object", `[1, 2]`, []string{"want a JSON object"}},
		{"null", `null`, []string{"want a JSON object"}},
		{"invalid UTF-8", "{\"consignee\": {\"name\": \"\xff\"}, \"goods\": [{\"hs_code\": \"8542\"}]}", []string{"not valid UTF-8"}},
		{"several at once", `{"consignee": {"name": "A", "country": "QQ"}, "goods": [{"hs_code": "ABCD", "quantity": -1}]}`,
			[]string{"consignee.country", "goods[0].hs_code", "goods[0].quantity"}},
		{"name too long", `{"consignee": {"name": "` + strings.Repeat("a", 2000) + `"}, "goods": [{"hs_code": "8542"}]}`, []string{"consignee.name: 2000 bytes, at most 1024"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := DecodeJSON([]byte(tc.in))
			if err == nil {
				t.Fatalf("no error; read %+v", s)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error %v is not ErrInvalid", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
	if _, err := DecodeJSON([]byte(ok)); err != nil {
		t.Errorf("good shipment refused: %v", err)
	}
	// Many bad lines: the error lists a bounded number and counts the rest.
	var b strings.Builder
	b.WriteString(`{"consignee": {"name": "A"}, "goods": [`)
	for i := range 100 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"hs_code": "XX"}`)
	}
	b.WriteString("]}")
	_, err := DecodeJSON([]byte(b.String()))
	var ie *InvalidError
	if !errors.As(err, &ie) || len(ie.Problems) != maxProblems || ie.More != 100-maxProblems || !strings.Contains(err.Error(), "and 80 more") {
		t.Errorf("100 bad lines: %v", err)
	}
}

func TestBadCSV(t *testing.T) {
	head := "consignee.name,Acme\n"
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"HS code of letters", head + "hs_code,description,quantity\n8542.31,MCU,5\nABCD,thing,1\n", []string{`goods[1].hs_code: "ABCD" is not an HS code`, "(line 4)"}},
		{"negative quantity", head + "hs_code,quantity\n8542.31,-5\n", []string{"goods[0].quantity: -5 is negative (line 3)"}},
		{"quantity not a number", head + "hs_code,quantity\n8542.31,many\n", []string{`goods[0].quantity: "many" is not a number (line 3)`}},
		{"country", "consignee.name,Acme\nconsignee.country,Oz\nhs_code\n8542\n", []string{`consignee.country: "Oz" is not an ISO 3166 country`}},
		{"no parties", "route,DE,FR\nhs_code\n8542\n", []string{"parties: no party"}},
		{"no goods table", head, []string{"goods: no goods table"}},
		{"unknown field", "consignee.nme,Acme\nhs_code\n8542\n", []string{"line 1: unknown field (want consignee.name"}},
		{"unknown column", head + "hs_code,colour\n8542,red\n", []string{`line 2: unknown goods column "colour"`}},
		{"field twice", head + "consignee.name,Other\nhs_code\n8542\n", []string{"consignee.name: line 2: given again (first on line 1)"}},
		{"too many cells", head + "hs_code,description\n8542,ICs,extra\n", []string{"goods[0]: line 3: 3 cells"}},
		{"bad quoting", head + "hs_code,description\n8542,\"ICs\n", []string{"line"}},
		{"two values for one", "consignee.name,Acme,Other\nhs_code\n8542\n", []string{"consignee.name: line 1: one value, not 2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeCSV([]byte(tc.in))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

// TestCSVLayout: the documented CSV example reads to the same shipment
// as its JSON form.
func TestCSVLayout(t *testing.T) {
	csvIn := `field,value
# the example of the package documentation
id,INV-2024-117
Shipper Name,Acme Elektronik GmbH
shipper.country,DE
consignee.name,Gulf Star Trading FZE
consignee.country,ARE
consignee.registered,2023-04-01
end_user.name,Karaganda Automation LLP
end_user.country,Kazakhstan
route,DE,AE,KZ
payment_origin,HK
order_date,2024-03-02
route_change.date,2024-03-10
route_change.previous_route,DE;KZ

HS code,Description,Quantity,Unit,Value,Currency
8542.31,32-bit microcontrollers,"5,000",pcs,12500,usd
,GNSS receiver modules,200,pcs,9000.50,USD
`
	jsonIn := `{"id": "INV-2024-117",
	"shipper": {"name": "Acme Elektronik GmbH", "country": "DE"},
	"consignee": {"name": "Gulf Star Trading FZE", "country": "AE", "registered": "2023-04-01"},
	"end_user": {"name": "Karaganda Automation LLP", "country": "KZ"},
	"route": ["DE", "AE", "KZ"], "payment_origin": "HK", "order_date": "2024-03-02",
	"route_change": {"date": "2024-03-10", "previous_route": ["DE", "KZ"]},
	"goods": [{"hs_code": "8542.31", "description": "32-bit microcontrollers", "quantity": 5000, "unit": "pcs", "value": 12500, "currency": "USD"},
	          {"description": "GNSS receiver modules", "quantity": 200, "unit": "pcs", "value": 9000.5, "currency": "USD"}]}`
	a, err := DecodeCSV([]byte(csvIn))
	if err != nil {
		t.Fatal(err)
	}
	b, err := DecodeJSON([]byte(jsonIn))
	if err != nil {
		t.Fatal(err)
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if !bytes.Equal(ja, jb) {
		t.Errorf("CSV and JSON differ:\n%s\n%s", ja, jb)
	}
	sc := &Screener{Now: func() time.Time { return testNow }}
	d, err := sc.Screen(context.Background(), nil, a)
	if err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, r := range d.Reasons {
		rules = append(rules, r.Rule)
	}
	for _, want := range []string{RulePartiesNotScreened, RuleTransshipHigh, RuleThirdCountryPay, RuleRecentCompany, RuleRouteChanged, RuleMisdeclared} {
		if !slices.Contains(rules, want) {
			t.Errorf("rules %v lack %s", rules, want)
		}
	}
}

// TestNoSnapshot: without lists the parties are not screened, and the
// decision is never clear.
func TestNoSnapshot(t *testing.T) {
	s, err := DecodeJSON([]byte(`{"consignee": {"name": "Shahed Aviation Industries Research Center"}, "goods": [{"description": "cotton shirts"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Screen(context.Background(), nil, s)
	if err != nil {
		t.Fatal(err)
	}
	if d.Level != Review || len(d.Reasons) != 1 || d.Reasons[0].Rule != RulePartiesNotScreened || d.Snapshot != "" {
		t.Errorf("decision %s %+v", d.Level, d.Reasons)
	}
	if len(d.Parties) != 1 || len(d.Parties[0].Matches) != 0 {
		t.Errorf("parties %+v", d.Parties)
	}
}

// TestScreenCancelled: a cancelled context stops the screening.
func TestScreenCancelled(t *testing.T) {
	s := &Shipment{Consignee: &Party{Name: "A"}, Goods: make([]GoodsLine, 1000)}
	for i := range s.Goods {
		s.Goods[i].Description = "ball bearings"
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Screen(ctx, nil, s); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

// TestAddressIndex checks the address rule on made-up entities: the listed
// street must be all there, and slight addresses are not used.
func TestAddressIndex(t *testing.T) {
	ents := []*interdict.Entity{
		{ID: "x:1", Source: "x", Names: []interdict.Name{{Full: "ONE", Type: interdict.NamePrimary}},
			Addresses: []interdict.Address{{Street: "Unit 207, Saleh Blvd", City: "Tehran", Country: "IR"}}},
		{ID: "x:2", Source: "x", Names: []interdict.Name{{Full: "TWO", Type: interdict.NamePrimary}},
			Addresses: []interdict.Address{{Street: "Main Street", City: "Dubai", Country: "AE"}, {City: "Moscow", Country: "RU"}}},
		{ID: "x:3", Source: "x", Names: []interdict.Name{{Full: "THREE", Type: interdict.NamePrimary}},
			Addresses: []interdict.Address{{Street: "ul. Sh-2 (Oez Alabuga Ter.) 4/1", City: "Yelabuga, Tatarstan 423600", Country: "RU"}}},
	}
	ix := buildAddrIndex(ents)
	for _, tc := range []struct {
		addr, cc string
		want     string
	}{
		{"Unit 207, Saleh Boulevard, Tehran, Iran", "IR", "x:1"},
		{"unit 207 saleh blvd tehran", "", "x:1"},
		{"Unit 207, Saleh Blvd, Shiraz", "IR", "x:1"}, // same country: the city may differ
		{"Unit 207, Saleh Blvd, Tehran", "AE", ""},    // another country
		{"Unit 208, Saleh Blvd, Tehran", "IR", ""},
		{"Saleh Blvd, Tehran", "IR", ""},
		{"12 Main Street, Dubai", "AE", ""}, // "Main Street" is too slight to use
		{"Moscow", "RU", ""},
		{"Sh-2 ulitsa, OEZ Alabuga territory 4/1, Yelabuga", "RU", ""}, // "ter" ≠ "territory"
		{"ul. Sh-2 (OEZ Alabuga Ter.) 4/1, Yelabuga", "RU", "x:3"},
	} {
		got := ix.match(tc.addr, tc.cc)
		switch {
		case tc.want == "" && len(got) > 0:
			t.Errorf("%q (%s): matched %+v", tc.addr, tc.cc, got)
		case tc.want != "" && (len(got) != 1 || got[0].EntityID != tc.want):
			t.Errorf("%q (%s): %+v, want %s", tc.addr, tc.cc, got, tc.want)
		}
	}
}

// TestRulesDocumented: every rule has a description and a source, and
// the README explains it.
func TestRulesDocumented(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range Rules {
		if r.ID == "" || r.Description == "" || r.Source == "" || seen[r.ID] {
			t.Errorf("rule %+v", r)
		}
		seen[r.ID] = true
		if !bytes.Contains(readme, []byte("`"+r.ID+"`")) {
			t.Errorf("README.md does not explain %s", r.ID)
		}
	}
}

func TestLevelJSON(t *testing.T) {
	for _, l := range []Level{Clear, Review, Block} {
		b, _ := json.Marshal(l)
		var back Level
		if err := json.Unmarshal(b, &back); err != nil || back != l {
			t.Errorf("%s: %s → %v %v", l, b, back, err)
		}
	}
	var l Level
	if err := json.Unmarshal([]byte(`"green"`), &l); err == nil {
		t.Error("green read as a level")
	}
}

// FuzzReadJSON: no input crashes the JSON reader, and whatever it accepts
// screens.
func FuzzReadJSON(f *testing.F) {
	files, _ := os.ReadDir("testdata/shipments")
	for _, fi := range files {
		b, err := os.ReadFile("testdata/shipments/" + fi.Name())
		if err != nil {
			f.Fatal(err)
		}
		var l labelled
		if json.Unmarshal(b, &l) == nil {
			f.Add(string(l.Shipment))
		}
	}
	f.Add(`{"consignee": {"name": "A"}, "goods": [{"hs_code": "ABCD", "quantity": -1}]}`)
	f.Add(`{"goods": null, "route": [null], "consignee": null}`)
	f.Add(`{"consignee": {"name": "A"}, "goods": [{"quantity": 1e400}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		s, err := DecodeJSON([]byte(in))
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v is not ErrInvalid", err)
			}
			return
		}
		d, err := Screen(context.Background(), nil, s)
		if err != nil {
			t.Fatalf("accepted shipment fails to screen: %v", err)
		}
		if err := WriteHTML(&bytes.Buffer{}, d); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzReadCSV: no input crashes the CSV reader.
func FuzzReadCSV(f *testing.F) {
	f.Add("field,value\nconsignee.name,Acme\nconsignee.country,DE\nroute,DE;FR\nhs_code,description,quantity,value\n8542.31,MCU,5,10\n")
	f.Add("consignee.name,A\nhs_code\nABCD\n")
	f.Add("shipper.name,\"x\ny\"\ndescription\n\"GNSS\",1\n")
	f.Add("route_change.previous_route,DE,FR\nend_user.registered,2024-01-01\nend_user.name,B\ndescription,quantity\nFPGA,1,000\n")
	f.Fuzz(func(t *testing.T, in string) {
		s, err := DecodeCSV([]byte(in))
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v is not ErrInvalid", err)
			}
			return
		}
		if _, err := Screen(context.Background(), nil, s); err != nil {
			t.Fatalf("accepted shipment fails to screen: %v", err)
		}
	})
}
