package batch

import (
	"bytes"
	"encoding/json"
	"strconv"
	"testing"

	interdict "github.com/interdict/interdict"
)

// TestAppendOKLine holds the hand-written JSON line to what encoding/json
// writes for the same row, byte for byte.
func TestAppendOKLine(t *testing.T) {
	names := []string{"", "KIM, Jong Un", `quote " and \ back`, "<b>&amp;</b>", "tab\there\nnl\r\b\f\x01\x7f",
		"Владимир Путин", "\u2028\u2029", "bad \xff utf8", "金正恩", "emoji 🚢"}
	inputs := []string{`{"id":"p-1","query":"x"}`, `{ "id" : "p-2",  "query" : "<a & b>" }`, `"just a string"`, `[1, 2 ,3]`, `{"q":"\u2028 \u003c"}`}
	for _, in := range inputs {
		for k := 0; k <= len(names); k++ {
			var ms []interdict.Match
			for i := range k {
				ms = append(ms, interdict.Match{
					ID: "ofac-sdn:" + strconv.Itoa(i), Source: names[(i+1)%len(names)], Kind: interdict.Kind(names[(i+2)%len(names)]),
					Name: names[i], MatchedName: names[(i+3)%len(names)], Score: []float64{0, 1, 0.775, 0.3333333, 0.000001, 0.5}[i%6], Alert: i%2 == 0,
				})
			}
			if ms == nil {
				ms = []interdict.Match{}
			}
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(batchOK{Input: json.RawMessage(in), Matches: ms}); err != nil {
				t.Fatal(err)
			}
			got, ok := appendOKLine(nil, []byte(in), ms)
			if !ok {
				t.Fatalf("appendOKLine refused %s with %d matches", in, k)
			}
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("input %s, %d matches:\n got %s\nwant %s", in, k, got, want.Bytes())
			}
		}
	}
	if _, ok := appendOKLine(nil, []byte(`{"x":1}`), []interdict.Match{{Score: 1e-9}}); ok {
		t.Error("a score in exponent form must fall back to encoding/json")
	}
	if _, ok := appendOKLine(nil, []byte(`{"x":1}`), []interdict.Match{{Explanation: &interdict.Explanation{}}}); ok {
		t.Error("an explanation must fall back to encoding/json")
	}
	if _, ok := appendOKLine(nil, []byte(`{"x":`), nil); ok {
		t.Error("invalid input JSON must fall back to encoding/json")
	}
}
