package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"

	"github.com/tiendo/tiendo/internal/config"
	"github.com/tiendo/tiendo/internal/metrics"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/domain"
)

// observers are the hooks the metrics hang on the router and the jobs; all
// nil when metrics are off.
type observers struct {
	request  func(method, route string, status int, took time.Duration)
	job      func(job string, took time.Duration, err error)
	delivery func(channel, outcome string)
}

// startMetrics serves /metrics and /debug/pprof/ on addr (TIENDO_METRICS_ADDR) until ctx ends
// and returns the hooks that feed it and the address it listens on. With no
// address there are no metrics: the listener is separate from the site's so
// that it is public only when an operator means it to be.
func startMetrics(ctx context.Context, addr string, db *config.Database, sb *models.Standby, clock models.Clock,
	log *slog.Logger) (observers, string, error) {
	if addr == "" {
		return observers{}, "", nil
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return observers{}, "", fmt.Errorf("TIENDO_METRICS_ADDR %s: %w", addr, err)
	}
	// The backlog is read across communes, which only the jobs' role may.
	store, err := domain.Open(db.Jobs, models.Options{Clock: clock})
	if err != nil {
		ln.Close()
		return observers{}, "", err
	}
	m := metrics.New()
	m.WatchPool("app", db.DB.DB)
	m.WatchPool("jobs", db.Jobs.DB)
	m.WatchOutbox(backlog(store))
	if sb != nil {
		m.WatchStandby(func() metrics.StandbyState {
			st := sb.Stats(time.Now())
			return metrics.StandbyState{Usable: st.Usable, Lag: st.Lag, PrimaryReads: st.PrimaryReads, StandbyReads: st.StandbyReads}
		})
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	// The profiler shares the operator's listener: `make bench` takes the
	// CPU profiles of the hot pages from here, and an operator can too.
	mux.HandleFunc("GET /debug/pprof/", pprof.Index)
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("GET /debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, WriteTimeout: time.Minute}
	go func() { _ = srv.Serve(ln) }()
	context.AfterFunc(ctx, func() {
		_ = srv.Close()
		store.Close()
	})
	log.Info("metrics", "url", "http://"+ln.Addr().String()+"/metrics")
	return observers{m.ObserveRequest, m.ObserveJob, m.ObserveDelivery}, ln.Addr().String(), nil
}

// backlog reads the outbox's backlog for the metrics.
func backlog(store *domain.Store) metrics.BacklogFunc {
	return func(ctx context.Context) ([]metrics.Backlog, time.Time, error) {
		rows, now, err := store.DeliveryBacklog(ctx)
		out := make([]metrics.Backlog, len(rows))
		for i, r := range rows {
			out[i] = metrics.Backlog{Channel: r.Channel, Status: r.Status, Count: r.Count, Oldest: r.Oldest}
		}
		return out, now, err
	}
}

// onShutdown runs stop as soon as ctx ends (SIGTERM), beside the HTTP drain
// rather than after it, so the dispatcher hands back its unsent claims at
// once. The returned function waits for stop, or runs it when ctx never
// ended (the server failed on its own).
func onShutdown(ctx context.Context, stop func()) (wait func()) {
	done := make(chan struct{})
	unregister := context.AfterFunc(ctx, func() {
		defer close(done)
		stop()
	})
	return func() {
		if unregister() {
			stop()
			return
		}
		<-done
	}
}
