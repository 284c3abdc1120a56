// Package metrics is what an operator scrapes at /metrics (TIENDO_METRICS_ADDR,
// off by default): requests, jobs, deliveries, database pools and the build,
// in the Prometheus text format. It observes through plain functions that
// the HTTP layer and the jobs call (they never import Prometheus), and no
// label ever holds a commune's name or id: a scrape goes to whoever runs the
// server, not to the communes, and a label per tenant would grow without end.
package metrics

import (
	"context"
	"database/sql"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics is one process's registry and its instruments.
type Metrics struct {
	reg         *prometheus.Registry
	requests    *prometheus.HistogramVec
	jobRuns     *prometheus.CounterVec
	jobFailures *prometheus.CounterVec
	jobDuration *prometheus.HistogramVec
	deliveries  *prometheus.CounterVec
}

// New registers tiendo's instruments, the Go runtime's and the process's.
func New() *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "tiendo_http_request_duration_seconds",
		Help: "HTTP requests by route pattern, method and status; _count is the number of requests."},
		[]string{"route", "method", "status"})
	m.jobRuns = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tiendo_job_runs_total",
		Help: "Runs of each scheduled job by this process."}, []string{"job"})
	m.jobFailures = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tiendo_job_failures_total",
		Help: "Runs of each scheduled job that ended in an error."}, []string{"job"})
	m.jobDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "tiendo_job_duration_seconds",
		Help:    "How long each scheduled job ran.",
		Buckets: []float64{.01, .05, .1, .5, 1, 5, 10, 30, 60, 300}}, []string{"job"})
	m.deliveries = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tiendo_deliveries_total",
		Help: "Outcomes of the sends this process's dispatcher made, by channel: sent, failed (to be retried), dead, released (handed back at shutdown)."},
		[]string{"channel", "outcome"})
	m.reg.MustRegister(m.requests, m.jobRuns, m.jobFailures, m.jobDuration, m.deliveries, buildInfo(),
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the registry in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// ObserveRequest records one answered request. route is the pattern the
// router matched ("/api/v1/plans/:id"), never the path: a path carries ids.
func (m *Metrics) ObserveRequest(method, route string, status int, took time.Duration) {
	if route == "" {
		route = "unmatched"
	}
	m.requests.WithLabelValues(route, method, strconv.Itoa(status)).Observe(took.Seconds())
}

// ObserveJob records one run of a scheduled job.
func (m *Metrics) ObserveJob(job string, took time.Duration, err error) {
	m.jobRuns.WithLabelValues(job).Inc()
	if err != nil {
		m.jobFailures.WithLabelValues(job).Inc()
	}
	m.jobDuration.WithLabelValues(job).Observe(took.Seconds())
}

// ObserveDelivery records the outcome of one delivery's send.
func (m *Metrics) ObserveDelivery(channel, outcome string) {
	m.deliveries.WithLabelValues(channel, outcome).Inc()
}

// WatchPool reports a database pool's connections in use, idle and the
// waits for one (go_sql_* with db_name=name).
func (m *Metrics) WatchPool(name string, db *sql.DB) {
	m.reg.MustRegister(collectors.NewDBStatsCollector(db, name))
}

// buildInfo is tiendo_build_info{version, revision, goversion} = 1.
func buildInfo() prometheus.Collector {
	version, revision, goversion := "(devel)", "", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		goversion = bi.GoVersion
		if bi.Main.Version != "" {
			version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				revision = s.Value
			}
		}
	}
	g := prometheus.NewGauge(prometheus.GaugeOpts{Name: "tiendo_build_info",
		Help:        "The running build; always 1.",
		ConstLabels: prometheus.Labels{"version": version, "revision": revision, "goversion": goversion}})
	g.Set(1)
	return g
}

// Backlog is the outbox's undelivered rows of one channel and status.
type Backlog struct {
	Channel string
	Status  string // queued, sending or failed (waiting for a retry)
	Count   int
	Oldest  time.Time // the oldest row's creation
}

// BacklogFunc reads the outbox's backlog across communes (jobs pool) and
// the time it is now by the server's clock.
type BacklogFunc func(ctx context.Context) ([]Backlog, time.Time, error)

// WatchOutbox reports, at each scrape, the deliveries waiting by channel and
// status and the age of the oldest: read from the database, so every replica
// reports the same queue.
func (m *Metrics) WatchOutbox(read BacklogFunc) {
	m.reg.MustRegister(outboxCollector{read: read})
}

var (
	pendingDesc = prometheus.NewDesc("tiendo_deliveries_pending",
		"Deliveries not yet sent nor dead, by channel and status (queued, sending, failed).",
		[]string{"channel", "status"}, nil)
	oldestDesc = prometheus.NewDesc("tiendo_deliveries_oldest_pending_age_seconds",
		"Age of the oldest delivery not yet sent nor dead (0 when none waits).", nil, nil)
)

type outboxCollector struct{ read BacklogFunc }

// Describe implements prometheus.Collector.
func (outboxCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- pendingDesc
	ch <- oldestDesc
}

// Collect implements prometheus.Collector. A database that does not answer
// within a few seconds fails the scrape rather than hanging it.
func (c outboxCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	rows, now, err := c.read(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(pendingDesc, err)
		return
	}
	var oldest time.Time
	for _, r := range rows {
		ch <- prometheus.MustNewConstMetric(pendingDesc, prometheus.GaugeValue, float64(r.Count), r.Channel, r.Status)
		if oldest.IsZero() || r.Oldest.Before(oldest) {
			oldest = r.Oldest
		}
	}
	age := 0.0
	if !oldest.IsZero() {
		age = max(0, now.Sub(oldest).Seconds())
	}
	ch <- prometheus.MustNewConstMetric(oldestDesc, prometheus.GaugeValue, age)
}

// StandbyState is what the standby's watcher knows (models.Standby.Stats).
type StandbyState struct {
	Usable       bool          // GET requests read from the standby
	Lag          time.Duration // negative: not known yet
	PrimaryReads int64         // read requests kept on the primary
	StandbyReads int64         // read requests sent to the standby
}

// WatchStandby reports the standby's state at each scrape.
func (m *Metrics) WatchStandby(read func() StandbyState) {
	m.reg.MustRegister(standbyCollector{read: read})
}

var (
	standbyUsableDesc = prometheus.NewDesc("tiendo_standby_usable",
		"1 while GET requests read from the standby, 0 while they read from the primary (lagging, down).", nil, nil)
	standbyLagDesc = prometheus.NewDesc("tiendo_standby_lag_seconds",
		"How far the standby is known to be behind the primary (-1: not known yet).", nil, nil)
	readsDesc = prometheus.NewDesc("tiendo_reads_total",
		"Read requests by the server they read from after the session check.", []string{"server"}, nil)
)

type standbyCollector struct{ read func() StandbyState }

// Describe implements prometheus.Collector.
func (standbyCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- standbyUsableDesc
	ch <- standbyLagDesc
	ch <- readsDesc
}

// Collect implements prometheus.Collector.
func (c standbyCollector) Collect(ch chan<- prometheus.Metric) {
	st := c.read()
	usable := 0.0
	if st.Usable {
		usable = 1
	}
	lag := -1.0
	if st.Lag >= 0 {
		lag = st.Lag.Seconds()
	}
	ch <- prometheus.MustNewConstMetric(standbyUsableDesc, prometheus.GaugeValue, usable)
	ch <- prometheus.MustNewConstMetric(standbyLagDesc, prometheus.GaugeValue, lag)
	ch <- prometheus.MustNewConstMetric(readsDesc, prometheus.CounterValue, float64(st.PrimaryReads), "primary")
	ch <- prometheus.MustNewConstMetric(readsDesc, prometheus.CounterValue, float64(st.StandbyReads), "standby")
}
