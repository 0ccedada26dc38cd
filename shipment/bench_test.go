package shipment

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/interdict/interdict/dataset"
)

// benchLines is a mix of goods lines as invoices write them: declared
// codes at every precision, descriptions with and without codes,
// controlled and not.
var benchLines = []GoodsLine{
	{HSCode: "8542.31.00", Description: "32-bit ARM microcontrollers, LQFP-64", Quantity: 5000, Value: 12500, Currency: "USD"},
	{HSCode: "8526.91", Description: "GNSS receiver modules", Quantity: 200, Value: 9000, Currency: "USD"},
	{HSCode: "6205.20", Description: "men's woven cotton shirts", Quantity: 1200, Value: 9600, Currency: "EUR"},
	{Description: "quadcopter drone with 4K camera, 900 g, remote controlled", Quantity: 5, Value: 6000, Currency: "USD"},
	{HSCode: "9503.00", Description: "GNSS receiver modules with RTK", Quantity: 400, Value: 3000, Currency: "USD"},
	{HSCode: "8482.10.10", Description: "deep groove ball bearings 6204-2RS", Quantity: 5000, Value: 8250, Currency: "EUR"},
	{HSCode: "9403.60", Description: "wooden dining tables", Quantity: 40, Value: 16000, Currency: "EUR"},
	{HSCode: "8407.10", Description: "2-stroke piston engine for UAV, 50 cc", Quantity: 10, Value: 15000, Currency: "EUR"},
	{HSCode: "8542", Description: "assorted integrated circuits", Quantity: 3000, Value: 15000, Currency: "EUR"},
	{HSCode: "8501.31.00.00", Description: "brushless DC motor 400 W for multirotors", Quantity: 3000, Value: 90000, Currency: "USD"},
}

// benchShipments makes n shipments of perShipment goods lines each, with
// five parties and a route through a transshipment point.
func benchShipments(n, perShipment int) []*Shipment {
	out := make([]*Shipment, n)
	for i := range out {
		s := &Shipment{
			ID:          fmt.Sprintf("B-%d", i),
			Shipper:     &Party{Name: "Rotterdam Components Trading BV", Country: "NL"},
			Consignee:   &Party{Name: fmt.Sprintf("Gulf Trading %d FZE", i%97), Country: "AE", Address: "Office 12, Jebel Ali Free Zone, Dubai", Registered: "2023-02-01"},
			NotifyParty: &Party{Name: "Al Noor Freight Services LLC", Country: "AE"},
			EndUser:     &Party{Name: "Karaganda Industrial Automation LLP", Country: "KZ"},
			Forwarder:   &Party{Name: "Hanseatic Shipping Agency GmbH", Country: "DE"},
			Route:       []string{"NL", "AE", "KZ"}, PaymentOrigin: "HK", OrderDate: "2024-02-01",
			Goods: make([]GoodsLine, perShipment),
		}
		for j := range s.Goods {
			s.Goods[j] = benchLines[(i+j)%len(benchLines)]
		}
		out[i] = s
	}
	return out
}

// BenchmarkScreen100kLines is acceptance criterion 3: 100,000 goods
// lines (1,000 shipments of 100 lines, five parties each) screened on one
// goroutine. "lists" screens the parties against OFAC SDN and UN (skipped
// without ../shared); "goods-only" has no lists.
func BenchmarkScreen100kLines(b *testing.B) {
	for _, bc := range []struct {
		name string
		snap func(testing.TB) *dataset.Snapshot
	}{
		{"goods-only", func(testing.TB) *dataset.Snapshot { return nil }},
		{"lists", sharedSnapshot},
	} {
		b.Run(bc.name, func(b *testing.B) {
			sn := bc.snap(b)
			if sn != nil {
				Warm(sn)
			}
			ships := benchShipments(1000, 100)
			for _, s := range ships {
				if err := s.Validate(); err != nil {
					b.Fatal(err)
				}
			}
			sc := &Screener{Now: func() time.Time { return testNow }}
			b.ReportAllocs()
			b.ResetTimer()
			start := time.Now()
			loops := 0
			for b.Loop() {
				for _, s := range ships {
					if _, err := sc.Screen(context.Background(), sn, s); err != nil {
						b.Fatal(err)
					}
				}
				loops++
			}
			b.ReportMetric(float64(loops*100000)/time.Since(start).Seconds(), "lines/s")
		})
	}
}
