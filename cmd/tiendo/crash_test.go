package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/internal/testnotify"
	"github.com/tiendo/tiendo/jobs"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
)

// chaos is how hard TestCrashDuringDispatch pushes: `make test` runs the
// short version; `make chaos` sets TIENDO_CHAOS_DURATION (e.g. 5m) and keeps
// killing replicas for that long over a proportionally larger outbox.
type chaos struct {
	tasks    int
	kills    int           // at least this many SIGKILLs…
	duration time.Duration // …and keep killing this long
	every    time.Duration
	delay    time.Duration // each email and webhook takes this long to accept
}

func chaosFromEnv(t *testing.T) chaos {
	c := chaos{tasks: 1000, kills: 3, every: time.Second, delay: 80 * time.Millisecond}
	if v := os.Getenv("TIENDO_CHAOS_DURATION"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("TIENDO_CHAOS_DURATION: %v", err)
		}
		c.duration, c.tasks = d, max(1000, int(d/(15*time.Second))*1000)
	}
	return c
}

// virtualClock is the shared timeline of the test and its servers: it
// starts at base when the test starts, and each server is (re)started with
// TIENDO_NOW set to its current reading, so all agree on now and on leases.
type virtualClock struct {
	base, start time.Time
}

func (c virtualClock) Now() time.Time { return c.base.Add(time.Since(c.start)) }

// TestCrashDuringDispatch runs three real `tiendo serve` replicas over one
// outbox of due reminders (inbox, email to a real SMTP server, signed
// webhooks) and events (one per task, to an event endpoint), SIGKILLs
// replicas while they hold claimed deliveries and restarts them, then checks
// that every reminder and event arrived, the inbox has no duplicate, every
// repeated email, webhook or event carries its delivery's id, each event has
// one id, and nothing is left queued or sending.
func TestCrashDuringDispatch(t *testing.T) {
	if testing.Short() {
		t.Skip("starts real server processes")
	}
	cfg := chaosFromEnv(t)
	w := testfix.New(t)
	clock := virtualClock{base: time.Date(2024, 9, 30, 8, 0, 0, 0, models.VietnamTime), start: time.Now()}
	smtp := testnotify.NewSMTP(t)
	hook := testnotify.NewWebhook(t, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	events := testnotify.NewWebhook(t, "mot-khoa-bi-mat-cua-diem-nhan-su-kien")
	smtp.Delay, hook.Delay, hook.Clock = cfg.delay, cfg.delay, clock
	events.Delay, events.Clock = cfg.delay, clock
	db := sqlx.MustConnect("postgres", w.DSN) // the owner, to seed and inspect
	t.Cleanup(func() { db.Close() })
	want := seedOutbox(t, w, db, hook, cfg.tasks, clock.base)
	planned := seedEvents(t, w, db, events, clock.base) // crash_events_test.go
	want += planned

	env := []string{"DATABASE_URL=" + w.DSN, "TIENDO_ADDR=127.0.0.1:0", "TIENDO_DATA_DIR=" + t.TempDir(),
		"TIENDO_SMTP_URL=" + smtp.URL(), "TIENDO_DISPATCH_EVERY=1s", "TIENDO_DISPATCH_LEASE=3s", "TIENDO_LOG_LEVEL=warn",
		"TIENDO_WEBHOOK_ALLOW_PRIVATE=true"}
	start := func() *server {
		return startServer(t, append(env, "TIENDO_NOW="+clock.Now().Format(time.RFC3339Nano)))
	}
	servers := []*server{start(), start(), start()}
	t.Cleanup(func() {
		for _, s := range servers {
			s.kill(syscall.SIGTERM)
		}
	})
	began := time.Now()
	kills := killWhileSending(t, db, servers, start, cfg)
	waitDrained(t, db, servers, 90*time.Second)
	t.Logf("%d deliveries, %d replicas killed mid-dispatch, drained in %v", want, kills, time.Since(began).Round(time.Millisecond))
	checkNothingLost(t, db, want)
	checkExternalIDs(t, db, smtp, hook)
	checkEventIDs(t, db, events, planned)
}

// seedOutbox gives commune A n tasks due on 30 September 2024, assigned to
// its officer (who has an email), switches its webhook on, and plans the
// reminders of 08:00 that day as the `reminders` job would. It returns how
// many deliveries were queued.
func seedOutbox(t *testing.T, w *testfix.World, db *sqlx.DB, hook *testnotify.Webhook, n int, now time.Time) int {
	ctx := context.Background()
	admin := w.Actor(t, w.A, models.RoleAdmin)
	if _, err := w.Store.PutSettings(ctx, admin, 0, webhookSettings(hook)); err != nil {
		t.Fatal(err)
	}
	chair := w.Actor(t, w.A, models.RoleChairman)
	p, err := w.Store.CreatePlan(ctx, chair, plans.PlanInput{DocNumber: "50/KH-UBND", IssuedOn: calendar.DateOf(now),
		Kind: "other", Title: "Thử nghiệm sự cố"})
	if err != nil {
		t.Fatal(err)
	}
	officer := w.A.Users[models.RoleOfficer].ID
	db.MustExec(`UPDATE users SET email = username || '@xa.example.vn' WHERE id = $1`, officer)
	db.MustExec(`INSERT INTO tasks (commune_id, plan_id, title, lead_unit_id, start_on, due_on, created_at, updated_at)
		SELECT $1, $2, 'Việc số ' || g, $3, '2024-09-01', '2024-09-30', '2024-09-01 08:00+07', '2024-09-01 08:00+07'
		FROM generate_series(1, $4) g`, w.A.Info.ID, p.ID, w.A.Office.ID, n)
	db.MustExec(`INSERT INTO task_assignees (commune_id, task_id, user_id)
		SELECT commune_id, id, $2 FROM tasks WHERE plan_id = $1`, p.ID, officer)
	store := w.JobsStore(t)
	w.Clock.Set(now)
	all, err := jobs.All(store, jobs.Options{SMTPURL: "smtp://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	job, _ := jobs.Find(all, "reminders")
	sched, err := jobs.NewScheduler(store, slog.New(slog.NewTextHandler(io.Discard, nil)), all...)
	if err != nil {
		t.Fatal(err)
	}
	if ran, err := sched.RunNow(ctx, job, now); err != nil || !ran {
		t.Fatalf("planning: ran %v, %v", ran, err)
	}
	var queued int
	if err := db.Get(&queued, `SELECT count(*) FROM deliveries`); err != nil {
		t.Fatal(err)
	}
	if queued != 3*(n+1) { // due today × 3 channels, and the officer's digest
		t.Fatalf("planned %d deliveries, want %d", queued, 3*(n+1))
	}
	return queued
}

// killWhileSending SIGKILLs, every cfg.every, the replica holding the most
// claimed deliveries, and restarts it; it returns how many it killed.
func killWhileSending(t *testing.T, db *sqlx.DB, servers []*server, start func() *server, cfg chaos) int {
	kills, began := 0, time.Now()
	for kills < cfg.kills || time.Since(began) < cfg.duration {
		time.Sleep(cfg.every)
		victim := busiest(t, db, servers)
		if victim < 0 {
			if pending(t, db) == 0 {
				if kills < cfg.kills {
					t.Fatalf("the outbox drained after %d kills; want %d (raise the receivers' delay)", kills, cfg.kills)
				}
				break
			}
			continue
		}
		servers[victim].kill(syscall.SIGKILL)
		servers[victim] = start()
		kills++
	}
	return kills
}

// busiest is the index of the server with the most deliveries in flight, or -1.
func busiest(t *testing.T, db *sqlx.DB, servers []*server) int {
	var rows []struct {
		Owner string `db:"claimed_by"`
		N     int    `db:"n"`
	}
	if err := db.Select(&rows, `SELECT claimed_by, count(*) AS n FROM deliveries WHERE status = 'sending'
		GROUP BY claimed_by ORDER BY n DESC`); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		pid, _ := strconv.Atoi(r.Owner[strings.LastIndex(r.Owner, "/")+1:])
		for i, s := range servers {
			if s.pid() == pid {
				return i
			}
		}
	}
	return -1
}

func pending(t *testing.T, db *sqlx.DB) int {
	var n int
	if err := db.Get(&n, `SELECT count(*) FROM deliveries WHERE status IN ('queued', 'sending', 'failed')`); err != nil {
		t.Fatal(err)
	}
	return n
}

// waitDrained waits until no delivery is left to send.
func waitDrained(t *testing.T, db *sqlx.DB, servers []*server, limit time.Duration) {
	deadline := time.Now().Add(limit)
	for pending(t, db) > 0 {
		if time.Now().After(deadline) {
			for i, s := range servers {
				t.Logf("server %d (pid %d) log:\n%s", i, s.pid(), s.tail())
			}
			t.Fatalf("%d deliveries still pending after %v", pending(t, db), limit)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
