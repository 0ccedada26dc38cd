package server

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"math"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The metrics are written in the Prometheus text exposition format
// (version 0.0.4) by the few lines below rather than by
// prometheus/client_golang: go.mod names client_golang but not the modules
// it imports (client_model, common, procfs, protobuf, xxhash, perks), so it
// cannot be built without a go.mod change. The metric names and labels are
// those client_golang would give, so switching is local to this file.

// latencyBuckets are the upper bounds of the latency histograms, in
// seconds: a screening answer takes about a millisecond, a batch or a
// refresh seconds.
var latencyBuckets = []float64{0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30}

// histogram counts observations into cumulative buckets. Observing is
// lock-free.
type histogram struct {
	upper  []float64
	counts []atomic.Uint64 // per bucket, not cumulative; the last is +Inf
	sum    atomic.Uint64   // float64 bits
	count  atomic.Uint64
}

func newHistogram(upper []float64) *histogram {
	return &histogram{upper: upper, counts: make([]atomic.Uint64, len(upper)+1)}
}

func (h *histogram) observe(v float64) {
	i, _ := slices.BinarySearch(h.upper, v)
	h.counts[i].Add(1)
	h.count.Add(1)
	for {
		old := h.sum.Load()
		if h.sum.CompareAndSwap(old, math.Float64bits(math.Float64frombits(old)+v)) {
			return
		}
	}
}

// write writes the histogram's series; labels is `k="v",…` or "".
func (h *histogram) write(w io.Writer, name, labels string) {
	sep := ""
	if labels != "" {
		sep = ","
	}
	var cum uint64
	for i, u := range h.upper {
		cum += h.counts[i].Load()
		fmt.Fprintf(w, "%s_bucket{%s%sle=\"%s\"} %d\n", name, labels, sep, formatFloat(u), cum)
	}
	cum += h.counts[len(h.upper)].Load()
	fmt.Fprintf(w, "%s_bucket{%s%sle=\"+Inf\"} %d\n", name, labels, sep, cum)
	if labels != "" {
		labels = "{" + labels + "}"
	}
	fmt.Fprintf(w, "%s_sum%s %s\n", name, labels, formatFloat(math.Float64frombits(h.sum.Load())))
	fmt.Fprintf(w, "%s_count%s %d\n", name, labels, cum)
}

// requestKey labels one series of the request metrics.
type requestKey struct {
	route  string
	method string
	code   int
}

type requestSeries struct {
	count    atomic.Uint64
	duration *histogram
}

// metrics holds the server's counters and histograms; gauges are read
// from the server when scraped.
type metricSet struct {
	mu       sync.RWMutex
	requests map[requestKey]*requestSeries

	screening *histogram // one query screened, audit excluded
	auditWait *histogram // one record made durable
	batchSize *histogram
	refreshes sync.Map // result → *atomic.Uint64
}

func newMetrics() *metricSet {
	return &metricSet{
		requests:  map[requestKey]*requestSeries{},
		screening: newHistogram(latencyBuckets),
		auditWait: newHistogram(latencyBuckets),
		batchSize: newHistogram([]float64{1, 10, 100, 1000, 10000}),
	}
}

// request records one answered request.
func (m *metricSet) request(route, method string, code int, took time.Duration) {
	k := requestKey{route, method, code}
	m.mu.RLock()
	s := m.requests[k]
	m.mu.RUnlock()
	if s == nil {
		m.mu.Lock()
		if s = m.requests[k]; s == nil {
			s = &requestSeries{duration: newHistogram(latencyBuckets)}
			m.requests[k] = s
		}
		m.mu.Unlock()
	}
	s.count.Add(1)
	s.duration.observe(took.Seconds())
}

func (m *metricSet) refreshed(result string) {
	v, _ := m.refreshes.LoadOrStore(result, new(atomic.Uint64))
	v.(*atomic.Uint64).Add(1)
}

// gauges are the values read at scrape time.
type gauges struct {
	ready          bool
	snapshot       string
	snapshotAge    float64 // seconds; negative when there is no snapshot
	entities       int
	sourceEntities map[string]int
	published      map[string]float64 // unix seconds of each list's publisher date
}

// write writes every metric in the text format.
func (m *metricSet) write(w io.Writer, g gauges) error {
	bw := bufio.NewWriter(w)
	m.mu.RLock()
	keys := make([]requestKey, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	series := make([]*requestSeries, len(keys))
	slices.SortFunc(keys, func(a, b requestKey) int {
		return cmp.Or(cmp.Compare(a.route, b.route), cmp.Compare(a.method, b.method), cmp.Compare(a.code, b.code))
	})
	for i, k := range keys {
		series[i] = m.requests[k]
	}
	m.mu.RUnlock()

	help(bw, "interdict_http_requests_total", "counter", "HTTP requests answered, by route pattern, method and status code.")
	for i, k := range keys {
		fmt.Fprintf(bw, "interdict_http_requests_total{%s} %d\n", k.labels(), series[i].count.Load())
	}
	help(bw, "interdict_http_request_duration_seconds", "histogram", "Time to answer an HTTP request, by route pattern, method and status code.")
	for i, k := range keys {
		series[i].duration.write(bw, "interdict_http_request_duration_seconds", k.labels())
	}
	help(bw, "interdict_screening_duration_seconds", "histogram", "Time to screen one query against the snapshot (candidates, scores, explanations), audit excluded.")
	m.screening.write(bw, "interdict_screening_duration_seconds", "")
	help(bw, "interdict_audit_wait_seconds", "histogram", "Time a screening request waited for its audit record to be durable.")
	m.auditWait.write(bw, "interdict_audit_wait_seconds", "")
	help(bw, "interdict_batch_queries", "histogram", "Queries per batch request.")
	m.batchSize.write(bw, "interdict_batch_queries", "")

	help(bw, "interdict_list_refreshes_total", "counter", "List refreshes, by result (changed, unchanged, failed).")
	var results []string
	m.refreshes.Range(func(k, _ any) bool { results = append(results, k.(string)); return true })
	slices.Sort(results)
	for _, r := range results {
		v, _ := m.refreshes.Load(r)
		fmt.Fprintf(bw, "interdict_list_refreshes_total{result=\"%s\"} %d\n", escape(r), v.(*atomic.Uint64).Load())
	}

	help(bw, "interdict_ready", "gauge", "1 when a snapshot is in service and the store is open.")
	fmt.Fprintf(bw, "interdict_ready %d\n", b2i(g.ready))
	if g.snapshot != "" {
		help(bw, "interdict_snapshot_info", "gauge", "The snapshot in service, by version.")
		fmt.Fprintf(bw, "interdict_snapshot_info{version=\"%s\"} 1\n", escape(g.snapshot))
		help(bw, "interdict_snapshot_age_seconds", "gauge", "Seconds since the snapshot in service was built.")
		fmt.Fprintf(bw, "interdict_snapshot_age_seconds %s\n", formatFloat(g.snapshotAge))
		help(bw, "interdict_snapshot_entities", "gauge", "Live entities in the snapshot in service.")
		fmt.Fprintf(bw, "interdict_snapshot_entities %d\n", g.entities)
		help(bw, "interdict_list_entities", "gauge", "Live entities per source in the snapshot in service.")
		for _, src := range sortedKeys(g.sourceEntities) {
			fmt.Fprintf(bw, "interdict_list_entities{source=\"%s\"} %d\n", escape(src), g.sourceEntities[src])
		}
		help(bw, "interdict_list_published_timestamp_seconds", "gauge", "Publisher date of each source's live version, as a Unix time.")
		for _, src := range sortedKeys(g.published) {
			fmt.Fprintf(bw, "interdict_list_published_timestamp_seconds{source=\"%s\"} %s\n", escape(src), formatFloat(g.published[src]))
		}
	}

	help(bw, "go_goroutines", "gauge", "Number of goroutines that currently exist.")
	fmt.Fprintf(bw, "go_goroutines %d\n", runtime.NumGoroutine())
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/total:bytes"}, {Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(samples)
	help(bw, "go_memstats_heap_alloc_bytes", "gauge", "Bytes of allocated heap objects.")
	fmt.Fprintf(bw, "go_memstats_heap_alloc_bytes %d\n", sampleUint(samples[0]))
	help(bw, "go_memstats_sys_bytes", "gauge", "Bytes of memory obtained from the OS.")
	fmt.Fprintf(bw, "go_memstats_sys_bytes %d\n", sampleUint(samples[1]))
	help(bw, "go_gc_cycles_total", "counter", "Completed GC cycles.")
	fmt.Fprintf(bw, "go_gc_cycles_total %d\n", sampleUint(samples[2]))
	return bw.Flush()
}

func (k requestKey) labels() string {
	return fmt.Sprintf(`code="%d",method="%s",route="%s"`, k.code, escape(k.method), escape(k.route))
}

func help(w io.Writer, name, typ, text string) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", name, text, name, typ)
}

// escape escapes a label value: backslash, double quote and newline.
func escape(s string) string {
	if !strings.ContainsAny(s, "\\\"\n") {
		return s
	}
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
}

func formatFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "+Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

func sampleUint(s metrics.Sample) uint64 {
	if s.Value.Kind() == metrics.KindUint64 {
		return s.Value.Uint64()
	}
	return 0
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
