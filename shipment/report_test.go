package shipment

import (
	"bytes"
	"context"
	"html"
	"strings"
	"testing"
	"time"
)

// TestReport: the printable report holds everything an exporter files
// with the decision, escapes what the shipment says, and needs nothing
// from outside the page.
func TestReport(t *testing.T) {
	set := loadLabelled(t)
	l := set["120-combined-diversion-ae-kz"]
	s, err := DecodeJSON(l.Shipment)
	if err != nil {
		t.Fatal(err)
	}
	s.Goods[0].Description = `32-bit microcontrollers <script>alert("x")</script>`
	sc := &Screener{Now: func() time.Time { return testNow }}
	d, err := sc.Screen(context.Background(), nil, s)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteHTML(&b, d); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	want := []string{"<!DOCTYPE html>", "<style>", "@page", `class="badge review"`, "CB-120", "2024-06-01 12:00:00 UTC",
		d.GoodsTables, "chpl.csv: BIS CHPL 2024-02-23", "none loaded: parties not screened",
		"Al Noor Freight Services LLC", "Karaganda Industrial Automation LLP", "Rotterdam Components Trading BV",
		"NL Netherlands", "AE United Arab Emirates", "transshipment point", "destination", "previous route NL → KZ",
		"8542.31", "CHPL Tier 1 8542.31", "GNSS receiver modules", "20000 pcs", "50000 USD",
		"Controlled-goods entries cited", "Rules applied", "Reviewed by"}
	for _, r := range d.Reasons {
		want = append(want, r.Rule, html.EscapeString(r.Evidence))
	}
	for _, r := range Rules {
		want = append(want, r.ID)
	}
	for _, w := range want {
		if !strings.Contains(page, w) {
			t.Errorf("report lacks %q", w)
		}
	}
	for _, bad := range []string{"<script>", "src=", "href=", "@import", "url("} {
		if strings.Contains(page, bad) {
			t.Errorf("report holds %q", bad)
		}
	}
	if err := WriteHTML(&b, nil); err == nil {
		t.Error("nil decision: no error")
	}
}
