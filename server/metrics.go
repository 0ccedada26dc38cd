package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// latencyBuckets are the upper bounds of the latency histograms, in
// seconds: a screening answer takes about a millisecond, a batch or a
// refresh seconds.
var latencyBuckets = []float64{0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30}

// metricSet holds the server's metrics in a registry of its own (not the
// global one), so that several servers in one process — tests — do not
// collide. Gauges about the snapshot are read from the server at scrape
// time through snapshotCollector.
type metricSet struct {
	reg       *prometheus.Registry
	requests  *prometheus.CounterVec
	durations *prometheus.HistogramVec
	screening prometheus.Histogram // one query screened, audit excluded
	auditWait prometheus.Histogram // one record made durable
	batchSize prometheus.Histogram
	refreshes *prometheus.CounterVec
}

func newMetrics(read func() gauges) *metricSet {
	m := &metricSet{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "interdict_http_requests_total",
			Help: "HTTP requests answered, by route pattern, method and status code.",
		}, []string{"route", "method", "code"}),
		durations: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "interdict_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route pattern, method and status code.",
			Buckets: latencyBuckets,
		}, []string{"route", "method", "code"}),
		screening: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "interdict_screening_duration_seconds",
			Help:    "Time to screen one query against the snapshot (candidates, scores, explanations), audit excluded.",
			Buckets: latencyBuckets,
		}),
		auditWait: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "interdict_audit_wait_seconds",
			Help:    "Time a screening request waited for its audit record to be durable.",
			Buckets: latencyBuckets,
		}),
		batchSize: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "interdict_batch_queries",
			Help:    "Queries per batch request.",
			Buckets: []float64{1, 10, 100, 1000, 10000},
		}),
		refreshes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "interdict_list_refreshes_total",
			Help: "List refreshes, by result (changed, unchanged, failed).",
		}, []string{"result"}),
	}
	m.reg.MustRegister(m.requests, m.durations, m.screening, m.auditWait, m.batchSize, m.refreshes,
		snapshotCollector{read: read},
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// request records one answered request.
func (m *metricSet) request(route, method string, code int, took time.Duration) {
	c := strconv.Itoa(code)
	m.requests.WithLabelValues(route, method, c).Inc()
	m.durations.WithLabelValues(route, method, c).Observe(took.Seconds())
}

func (m *metricSet) refreshed(result string) { m.refreshes.WithLabelValues(result).Inc() }

// handler serves the registry in the Prometheus exposition format.
func (m *metricSet) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
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

var (
	readyDesc     = prometheus.NewDesc("interdict_ready", "1 when a snapshot is in service and the store is open.", nil, nil)
	infoDesc      = prometheus.NewDesc("interdict_snapshot_info", "The snapshot in service, by version.", []string{"version"}, nil)
	ageDesc       = prometheus.NewDesc("interdict_snapshot_age_seconds", "Seconds since the snapshot in service was built.", nil, nil)
	entitiesDesc  = prometheus.NewDesc("interdict_snapshot_entities", "Live entities in the snapshot in service.", nil, nil)
	listDesc      = prometheus.NewDesc("interdict_list_entities", "Live entities per source in the snapshot in service.", []string{"source"}, nil)
	publishedDesc = prometheus.NewDesc("interdict_list_published_timestamp_seconds", "Publisher date of each source's live version, as a Unix time.", []string{"source"}, nil)
)

// snapshotCollector turns the gauges read at scrape time into metrics.
type snapshotCollector struct{ read func() gauges }

func (c snapshotCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{readyDesc, infoDesc, ageDesc, entitiesDesc, listDesc, publishedDesc} {
		ch <- d
	}
}

func (c snapshotCollector) Collect(ch chan<- prometheus.Metric) {
	g := c.read()
	ready := 0.0
	if g.ready {
		ready = 1
	}
	ch <- prometheus.MustNewConstMetric(readyDesc, prometheus.GaugeValue, ready)
	if g.snapshot == "" {
		return
	}
	ch <- prometheus.MustNewConstMetric(infoDesc, prometheus.GaugeValue, 1, g.snapshot)
	ch <- prometheus.MustNewConstMetric(ageDesc, prometheus.GaugeValue, g.snapshotAge)
	ch <- prometheus.MustNewConstMetric(entitiesDesc, prometheus.GaugeValue, float64(g.entities))
	for src, n := range g.sourceEntities {
		ch <- prometheus.MustNewConstMetric(listDesc, prometheus.GaugeValue, float64(n), src)
	}
	for src, t := range g.published {
		ch <- prometheus.MustNewConstMetric(publishedDesc, prometheus.GaugeValue, t, src)
	}
}
