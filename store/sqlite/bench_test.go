package sqlite

import (
	"context"
	"fmt"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
)

func benchRecord(i int) *interdict.AuditRecord {
	return &interdict.AuditRecord{
		At: time.Unix(1700000000, int64(i)), KeyID: "k_abcdefghij", User: "bench", Route: "/v1/search",
		Snapshot: "2024-05-03T00:00:00Z/0123456789abcdef",
		Query:    interdict.Query{Names: []string{"Vladimir Putin"}, Kind: interdict.KindPerson, Countries: []string{"RU"}},
		Decision: "alert",
		Matches: []interdict.AuditMatch{
			{ID: "ofac-sdn:35096", Score: 0.97, Alert: true},
			{ID: "uk:RUS0251", Score: 0.95, Alert: true},
			{ID: "un:6908555", Score: 0.61},
		},
	}
}

// BenchmarkAppendAudit commits batches of each size, one fsync each: the
// cost of a commit against the cost of a row.
func BenchmarkAppendAudit(b *testing.B) {
	for _, size := range []int{1, 16, 128, 512} {
		b.Run(fmt.Sprintf("batch=%d", size), func(b *testing.B) {
			db := open(b)
			defer closeDB(b, db)
			ctx := context.Background()
			recs := make([]*interdict.AuditRecord, size)
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				for i := range recs {
					recs[i] = benchRecord(n)
					n++
				}
				if err := db.AppendAudit(ctx, recs); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

// BenchmarkAuditor records from many goroutines at once, as concurrent
// requests do; each Record waits for its commit.
//
// With GOMAXPROCS=2, goroutines=1x is two requests in flight, as in the
// service benchmark of issue 4: with maxWait 0 they alternate, one record
// per commit; a linger lets them share one.
func BenchmarkAuditor(b *testing.B) {
	for _, tc := range []struct {
		par     int
		maxWait time.Duration
	}{{1, 0}, {1, 500 * time.Microsecond}, {8, 0}, {64, 0}} {
		b.Run(fmt.Sprintf("goroutines=%dxGOMAXPROCS/maxWait=%v", tc.par, tc.maxWait), func(b *testing.B) {
			par := tc.par
			db := open(b)
			defer closeDB(b, db)
			a := store.NewAuditor(db, tc.maxWait)
			b.ReportAllocs()
			b.SetParallelism(par)
			b.RunParallel(func(pb *testing.PB) {
				i := 0
				for pb.Next() {
					if err := a.Record(context.Background(), benchRecord(i)); err != nil {
						b.Error(err)
						return
					}
					i++
				}
			})
			a.Close()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

// BenchmarkLookupKey is the lookup every API request makes.
func BenchmarkLookupKey(b *testing.B) {
	db := open(b)
	defer closeDB(b, db)
	ctx := context.Background()
	var secret string
	for i := range 100 {
		_, s, err := db.CreateKey(ctx, fmt.Sprint(i), interdict.RoleScreener)
		if err != nil {
			b.Fatal(err)
		}
		secret = s
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := db.LookupKey(ctx, secret); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkListAudit reads pages of 1,000 from a table of 100,000 rows,
// as `interdict audit export` does.
func BenchmarkListAudit(b *testing.B) {
	db := open(b)
	defer closeDB(b, db)
	ctx := context.Background()
	const rows = 100_000
	for i := 0; i < rows; i += 512 {
		recs := make([]*interdict.AuditRecord, min(512, rows-i))
		for j := range recs {
			recs[j] = benchRecord(i + j)
			recs[j].At = time.Unix(1700000000+int64(i+j), 0)
			recs[j].User = fmt.Sprintf("u%d", (i+j)%50)
		}
		if err := db.AppendAudit(ctx, recs); err != nil {
			b.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name string
		f    interdict.AuditFilter
	}{
		{"all", interdict.AuditFilter{}},
		{"last-tenth", interdict.AuditFilter{From: time.Unix(1700000000+rows*9/10, 0)}},
		{"user", interdict.AuditFilter{User: "u7"}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				f := tc.f
				f.Limit = 1000
				page, err := db.ListAudit(ctx, f)
				if err != nil {
					b.Fatal(err)
				}
				n += len(page)
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "records/s")
		})
	}
}
