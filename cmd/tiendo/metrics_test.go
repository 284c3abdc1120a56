package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"syscall"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/tiendo/tiendo/handlers"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/internal/config"
	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/internal/testnotify"
	"github.com/tiendo/tiendo/jobs"
	"github.com/tiendo/tiendo/models"
)

// brokenJob always fails, to be counted as a failure.
type brokenJob struct{}

func (brokenJob) Name() string { return "broken" }
func (brokenJob) Spec() string { return "@every 1h" }
func (brokenJob) Run(context.Context, time.Time) (string, error) {
	return "", errors.New("hỏng")
}

// TestMetricsScrape wires the metrics as `tiendo serve` does, answers
// requests through the router, plans and dispatches reminders and runs
// jobs, then scrapes /metrics over HTTP and reads it with client_golang's
// parser: requests by route pattern and status, job runs and failures,
// deliveries by channel (waiting, then sent), the oldest one's age, both
// pools and the build — and no commune's name in any label.
func TestMetricsScrape(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	w := testfix.New(t)
	discard := slog.New(slog.DiscardHandler)
	if obs, addr, err := startMetrics(ctx, "", nil, nil, w.Clock, discard); err != nil || addr != "" || obs.request != nil {
		t.Fatalf("metrics without TIENDO_METRICS_ADDR: %q, %v", addr, err)
	}
	jobsDB, err := config.ConnectAs(ctx, w.DSN, config.JobsRole, 4)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { jobsDB.Close() })
	obs, addr, err := startMetrics(ctx, "127.0.0.1:0", &config.Database{DB: w.DB, Jobs: jobsDB}, nil, w.Clock, discard)
	if err != nil {
		t.Fatal(err)
	}

	h := handlers.New(w.Store, httpx.Options{Log: discard, Observe: obs.request})
	token := login(t, h, w.A.Users[models.RoleChairman].Username)
	for _, r := range []struct{ path, token string }{{"/healthz", ""}, {"/api/v1/plans/987654", token},
		{"/api/v1/plans/987655", token}, {"/khong/co/trang/nay", ""}} {
		req := httptest.NewRequest("GET", r.path, nil)
		if r.token != "" {
			req.Header.Set("Authorization", "Bearer "+r.token)
		}
		h.ServeHTTP(httptest.NewRecorder(), req)
	}

	owner := sqlx.MustConnect("postgres", w.DSN)
	t.Cleanup(func() { owner.Close() })
	hook := testnotify.NewWebhook(t, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	hook.Clock = w.Clock
	base := time.Date(2024, 9, 30, 8, 0, 0, 0, models.VietnamTime)
	queued := seedOutbox(t, w, owner, hook, 2, base) // 3 per channel
	w.Clock.Set(base.Add(90 * time.Second))
	before := scrape(t, addr)
	for _, ch := range []string{"inbox", "email", "webhook"} {
		want(t, before, "tiendo_deliveries_pending", 3, "channel", ch, "status", "queued")
	}
	want(t, before, "tiendo_deliveries_oldest_pending_age_seconds", 90)

	smtp := testnotify.NewSMTP(t)
	store := w.JobsStore(t)
	all, err := jobs.All(store, jobs.Options{SMTPURL: smtp.URL(), AllowPrivateWebhooks: true, ObserveDelivery: obs.delivery})
	if err != nil {
		t.Fatal(err)
	}
	sched, err := jobs.NewScheduler(store, discard, append(all, brokenJob{})...)
	if err != nil {
		t.Fatal(err)
	}
	sched.Observe = obs.job
	for _, name := range []string{"dispatch", "broken", "status"} {
		j, _ := jobs.Find(append(all, brokenJob{}), name)
		if _, err := sched.RunNow(ctx, j, w.Clock.Now()); err != nil {
			t.Fatal(err)
		}
	}

	after := scrape(t, addr)
	for _, ch := range []string{"inbox", "email", "webhook"} {
		want(t, after, "tiendo_deliveries_total", float64(queued/3), "channel", ch, "outcome", "sent")
	}
	want(t, after, "tiendo_deliveries_oldest_pending_age_seconds", 0)
	want(t, after, "tiendo_http_request_duration_seconds", 2, "route", "/api/v1/plans/:id", "method", "GET", "status", "404")
	want(t, after, "tiendo_http_request_duration_seconds", 1, "route", "/healthz", "method", "GET", "status", "200")
	want(t, after, "tiendo_http_request_duration_seconds", 1, "route", "unmatched", "method", "GET", "status", "404")
	want(t, after, "tiendo_job_runs_total", 1, "job", "broken")
	want(t, after, "tiendo_job_failures_total", 1, "job", "broken")
	want(t, after, "tiendo_job_runs_total", 1, "job", "dispatch")
	want(t, after, "tiendo_job_duration_seconds", 1, "job", "status")
	want(t, after, "tiendo_build_info", 1)
	for _, pool := range []string{"app", "jobs"} {
		for _, name := range []string{"go_sql_in_use_connections", "go_sql_idle_connections", "go_sql_wait_count_total"} {
			if _, ok := find(after, name, "db_name", pool); !ok {
				t.Errorf("no %s for the %s pool", name, pool)
			}
		}
	}
	noTenantLabels(t, after, w.A.Info.Name, w.B.Info.Name)
}

// login signs username in through the router and returns the token.
func login(t *testing.T, h http.Handler, username string) string {
	t.Helper()
	req := httptest.NewRequest("POST", "/api/v1/auth/login",
		bytes.NewBufferString(`{"username":"`+username+`","password":"`+testfix.Password+`"}`))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out struct{ Token string }
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || out.Token == "" {
		t.Fatalf("login: %d %s", rec.Code, rec.Body)
	}
	return out.Token
}

// scrape reads /metrics at addr with client_golang's own text parser.
func scrape(t *testing.T, addr string) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("scrape: %d %s", resp.StatusCode, body)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, body)
	}
	return families
}

// find is the sample of family name whose labels include the pairs given.
func find(families map[string]*dto.MetricFamily, name string, labels ...string) (*dto.Metric, bool) {
	f, ok := families[name]
	if !ok {
		return nil, false
	}
	for _, m := range f.GetMetric() {
		have := map[string]string{}
		for _, l := range m.GetLabel() {
			have[l.GetName()] = l.GetValue()
		}
		match := true
		for i := 0; i+1 < len(labels); i += 2 {
			match = match && have[labels[i]] == labels[i+1]
		}
		if match {
			return m, true
		}
	}
	return nil, false
}

// want checks a counter's or gauge's value, or a histogram's count.
func want(t *testing.T, families map[string]*dto.MetricFamily, name string, value float64, labels ...string) {
	t.Helper()
	m, ok := find(families, name, labels...)
	if !ok {
		t.Errorf("no %s%v", name, labels)
		return
	}
	got := m.GetCounter().GetValue() + m.GetGauge().GetValue() + float64(m.GetHistogram().GetSampleCount())
	if got != value {
		t.Errorf("%s%v = %v, want %v", name, labels, got, value)
	}
}

// noTenantLabels fails when a label names a commune or is a commune key.
func noTenantLabels(t *testing.T, families map[string]*dto.MetricFamily, names ...string) {
	t.Helper()
	for _, f := range families {
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				for _, n := range names {
					if l.GetValue() == n || l.GetName() == "commune" || l.GetName() == "commune_id" {
						t.Errorf("%s carries a tenant label %s=%q", f.GetName(), l.GetName(), l.GetValue())
					}
				}
			}
		}
	}
}

// TestServeExposesMetrics runs the real `tiendo serve` with
// TIENDO_METRICS_ADDR: the site answers a request, the scheduler runs the
// dispatcher, and the metrics listener (not the site) reports both.
func TestServeExposesMetrics(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a real server process")
	}
	w := testfix.New(t)
	addr := freeAddr(t)
	s := startServer(t, []string{"DATABASE_URL=" + w.DSN, "TIENDO_ADDR=127.0.0.1:0", "TIENDO_DATA_DIR=" + t.TempDir(),
		"TIENDO_METRICS_ADDR=" + addr, "TIENDO_DISPATCH_EVERY=1s", "TIENDO_LOG_LEVEL=info"})
	t.Cleanup(func() { s.kill(syscall.SIGTERM) })
	site := siteURL(t, s)
	if r, err := http.Get(site + "/healthz"); err != nil || r.StatusCode != http.StatusOK {
		t.Fatalf("GET /healthz: %v %v", r, err)
	}
	if r, err := http.Get(site + "/metrics"); err == nil && r.StatusCode == http.StatusOK {
		t.Fatal("the site itself serves /metrics")
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		got := scrape(t, addr)
		_, served := find(got, "tiendo_http_request_duration_seconds", "route", "/healthz", "status", "200")
		_, ran := find(got, "tiendo_job_runs_total", "job", "dispatch")
		if served && ran {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 20 s: /healthz counted %v, dispatch counted %v; log:\n%s", served, ran, s.tail())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// siteURL waits for the server to say where it listens.
func siteURL(t *testing.T, s *server) string {
	t.Helper()
	re := regexp.MustCompile(`is running at (http://[0-9.:]+)`)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if m := re.FindStringSubmatch(s.tail()); m != nil {
			return m[1]
		}
	}
	t.Fatalf("the server did not start; log:\n%s", s.tail())
	return ""
}

// TestStandbyMetrics: with a standby the scrape says whether reads go there,
// how far behind it is, and how many reads went where (a standby never
// checked is not used and its lag is unknown, -1).
func TestStandbyMetrics(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	w := testfix.NewOnStandby(t)
	discard := slog.New(slog.DiscardHandler)
	jobsDB, err := config.ConnectAs(ctx, w.DSN, config.JobsRole, 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { jobsDB.Close() })
	_, addr, err := startMetrics(ctx, "127.0.0.1:0", &config.Database{DB: w.DB, Jobs: jobsDB}, w.Standby, w.Clock, discard)
	if err != nil {
		t.Fatal(err)
	}
	h := handlers.New(w.Store, httpx.Options{Log: discard})
	req := httptest.NewRequest("GET", "/api/v1/plans", nil)
	req.Header.Set("Authorization", "Bearer "+login(t, h, w.A.Users[models.RoleChairman].Username))
	h.ServeHTTP(httptest.NewRecorder(), req)
	got := scrape(t, addr)
	want(t, got, "tiendo_standby_usable", 1)
	want(t, got, "tiendo_reads_total", 1, "server", "standby")
	want(t, got, "tiendo_reads_total", 0, "server", "primary")

	idle := models.NewStandby(w.DB, time.Second, discard)
	_, addr, err = startMetrics(ctx, "127.0.0.1:0", &config.Database{DB: w.DB, Jobs: jobsDB}, idle, w.Clock, discard)
	if err != nil {
		t.Fatal(err)
	}
	got = scrape(t, addr)
	want(t, got, "tiendo_standby_usable", 0)
	want(t, got, "tiendo_standby_lag_seconds", -1)
}
