package server

import (
	"net/url"
	"reflect"
	"strings"
	"testing"

	interdict "github.com/interdict/interdict"
)

func TestParseSearch(t *testing.T) {
	for _, tc := range []struct {
		query string
		want  interdict.Query
		noExp bool
		err   string // substring of the message; "" for success
	}{
		{query: "q=Vladimir+Putin", want: interdict.Query{Names: []string{"Vladimir Putin"}}},
		{query: "q=Putin&q=Путин&kind=individual&dob=1952-10-07&dob=1952&country=Russia&country=UA&id=passport:AB%20123&id=9253325&source=ofac-sdn,un&source=uk&limit=5&min_score=0.5&explain=false",
			noExp: true,
			want: interdict.Query{Names: []string{"Putin", "Путин"}, Kind: interdict.KindPerson,
				BirthDates:  []interdict.Date{{Year: 1952, Month: 10, Day: 7}, {Year: 1952}},
				Countries:   []string{"RU", "UA"},
				Identifiers: []interdict.Identifier{{Type: interdict.IDPassport, Value: "AB 123"}, {Value: "9253325"}},
				Sources:     []string{"ofac-sdn", "un", "uk"}, Limit: 5, MinScore: 0.5}},
		{query: "q=x&id=note:abc", want: interdict.Query{Names: []string{"x"}, Identifiers: []interdict.Identifier{{Value: "note:abc"}}}},
		{query: "", err: "q is required"},
		{query: "q=", err: "every name is empty"},
		{query: "q=%20%20", err: "every name is empty"},
		{query: "q=x&kind=dragon", err: `kind "dragon"`},
		{query: "q=x&kind=person&kind=vessel", err: "kind given 2 times"},
		{query: "q=x&dob=1952-13-01", err: `dob "1952-13-01"`},
		{query: "q=x&dob=yesterday", err: `dob "yesterday"`},
		{query: "q=x&country=Atlantis", err: `country "Atlantis"`},
		{query: "q=x&id=passport:", err: "id"},
		{query: "q=x&limit=0", err: "limit"},
		{query: "q=x&limit=501", err: "limit"},
		{query: "q=x&limit=ten", err: "limit"},
		{query: "q=x&limit=1&limit=2", err: "limit given 2 times"},
		{query: "q=x&min_score=NaN", err: "min_score"},
		{query: "q=x&min_score=1.5", err: "min_score"},
		{query: "q=x&min_score=-0.1", err: "min_score"},
		{query: "q=x&explain=perhaps", err: "explain"},
		{query: "q=x&minscore=0.5", err: `unknown parameter "minscore"`},
		{query: "q=" + strings.Repeat("a", 1025), err: "1025 bytes long"},
		{query: "q=%ff%fe", err: "not valid UTF-8"},
		{query: "q=x" + strings.Repeat("&q=y", 16), err: "17 names"},
		{query: "q=x&source=a" + strings.Repeat(",a", 64), err: "65 given"},
		{query: "q=x" + strings.Repeat("&country=RU", 17), err: "17 given"},
		{query: "q=x&q=y" + strings.Repeat("&dob=1", 70), err: "parameter values"},
	} {
		v, err := url.ParseQuery(tc.query)
		if err != nil {
			t.Fatalf("%s: %v", tc.query, err)
		}
		p, err := parseSearch(v)
		if tc.err != "" {
			e := asError(err)
			if err == nil || e.Code != CodeBadRequest || !strings.Contains(e.Message, tc.err) {
				t.Errorf("%.60s: error %v, want bad_request containing %q", tc.query, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%.60s: %v", tc.query, err)
			continue
		}
		if !reflect.DeepEqual(p.q, tc.want) || p.explain == tc.noExp {
			t.Errorf("%.60s:\n got %+v explain %v\nwant %+v", tc.query, p.q, p.explain, tc.want)
		}
	}
}

func TestDecodeScreen(t *testing.T) {
	for _, tc := range []struct {
		body string
		want interdict.Query
		code Code
		err  string
	}{
		{body: `{"names":["Vladimir Putin"],"kind":"person","birth_dates":["1952-10-07"],"countries":["RU","Iran"],
			"identifiers":[{"type":"passport","value":"AB123","country":"RU"}],"gender":"male","sources":["ofac-sdn"],"limit":3,"min_score":0.6}`,
			want: interdict.Query{Names: []string{"Vladimir Putin"}, Kind: interdict.KindPerson, BirthDates: []interdict.Date{{Year: 1952, Month: 10, Day: 7}},
				Countries: []string{"RU", "IR"}, Identifiers: []interdict.Identifier{{Type: interdict.IDPassport, Value: "AB123", Country: "RU"}},
				Gender: interdict.GenderMale, Sources: []string{"ofac-sdn"}, Limit: 3, MinScore: 0.6}},
		{body: `{"names":["x"]}`, want: interdict.Query{Names: []string{"x"}}},
		{body: ``, code: CodeBadRequest, err: "empty"},
		{body: `[]`, code: CodeBadRequest, err: "want a JSON object"},
		{body: `{"names":["x"]`, code: CodeBadRequest, err: "ends too early"},
		{body: `{"names":["x"]}{}`, code: CodeBadRequest, err: "after the JSON object"},
		{body: `{"names":["x"]} x`, code: CodeBadRequest, err: "after the JSON object"},
		{body: `{"names":[x]}`, code: CodeBadRequest, err: "invalid JSON at byte"},
		{body: `{"names":"x"}`, code: CodeBadRequest, err: "field names: want an array"},
		{body: `{"names":["x"],"limit":"3"}`, code: CodeBadRequest, err: "field limit: want a whole number"},
		{body: `{"names":["x"],"limit":1e400}`, code: CodeBadRequest, err: "limit"},
		{body: `{"names":["x"],"nmes":["y"]}`, code: CodeBadRequest, err: `unknown field "nmes"`},
		{body: `{"names":[]}`, code: CodeBadRequest, err: "no name given"},
		{body: `{"names":null}`, code: CodeBadRequest, err: "no name given"},
		{body: `{"names":["x"],"kind":"dragon"}`, code: CodeBadRequest, err: "kind"},
		{body: `{"names":["x"],"gender":"other"}`, code: CodeBadRequest, err: "gender"},
		{body: `{"names":["x"],"birth_dates":["07/10/1952"]}`, code: CodeBadRequest, err: "birth_dates"},
		{body: `{"names":["x"],"countries":["Atlantis"]}`, code: CodeBadRequest, err: "countries"},
		{body: `{"names":["x"],"identifiers":[{"type":"dna","value":"1"}]}`, code: CodeBadRequest, err: "identifiers[0].type"},
		{body: `{"names":["x"],"identifiers":[{"value":"  "}]}`, code: CodeBadRequest, err: "identifiers[0].value"},
		{body: `{"names":["x"],"limit":-1}`, code: CodeBadRequest, err: "limit"},
		{body: `{"names":["x"],"limit":501}`, code: CodeBadRequest, err: "limit"},
		{body: `{"names":["x"],"min_score":2}`, code: CodeBadRequest, err: "min_score"},
		{body: `{"names":["x"],"sources":[""]}`, code: CodeBadRequest, err: "sources"},
	} {
		p, err := decodeScreen(strings.NewReader(tc.body))
		if tc.code != "" {
			e := asError(err)
			if err == nil || e.Code != tc.code || !strings.Contains(e.Message, tc.err) {
				t.Errorf("%.60s: error %v, want %s containing %q", tc.body, err, tc.code, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%.60s: %v", tc.body, err)
			continue
		}
		if !reflect.DeepEqual(p.q, tc.want) || !p.explain {
			t.Errorf("%.60s:\n got %+v\nwant %+v", tc.body, p.q, tc.want)
		}
	}
}

func TestDecodeBatch(t *testing.T) {
	qs, errs, err := decodeBatch(strings.NewReader(`{"queries":[{"names":["a"]},{"names":[]},{"names":["b"],"kind":"ship","explain":false}]}`), 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 3 || errs[0] != nil || errs[1] == nil || errs[2] != nil {
		t.Fatalf("queries %+v errors %v", qs, errs)
	}
	if m := asError(errs[1]).Message; !strings.HasPrefix(m, "queries[1]: ") {
		t.Errorf("item error %q does not name the item", m)
	}
	if qs[2].q.Kind != interdict.KindVessel || qs[2].explain {
		t.Errorf("item 2: %+v", qs[2])
	}
	for _, tc := range []struct {
		body string
		code Code
	}{
		{`{"queries":[]}`, CodeBadRequest},
		{`{}`, CodeBadRequest},
		{`{"queries":[{"names":["a"]},{"names":["b"]},{"names":["c"]},{"names":["d"]}]}`, CodeTooLarge},
		{`{"queries":[{"names":["a"],"bogus":1}]}`, CodeBadRequest},
		{`{"queries":{"names":["a"]}}`, CodeBadRequest},
	} {
		if _, _, err := decodeBatch(strings.NewReader(tc.body), 3); asError(err).Code != tc.code {
			t.Errorf("%s: %v, want %s", tc.body, err, tc.code)
		}
	}
}
