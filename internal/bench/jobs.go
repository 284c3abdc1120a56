package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/domain"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/tiendo/tiendo/internal/benchgen"
	"github.com/tiendo/tiendo/jobs"
	"github.com/tiendo/tiendo/jobs/notify"
	"github.com/tiendo/tiendo/models"
)

// sweep measures the status job's set-based pass over every task, at the
// dataset's day and a week later in turn, so each run rewrites the statuses
// that a week changes (as at midnight, only more). It ends at the dataset's day.
func (r *runner) sweep(ctx context.Context) (*Figure, error) {
	store, err := domain.Open(r.jobs, models.Options{Clock: models.NewFixedClock(benchgen.DefaultNow)})
	if err != nil {
		return nil, err
	}
	defer store.Close()
	var ms []float64
	var changed int64
	n := max(r.o.Repeat, 5)
	for i := range n + 1 {
		at := benchgen.DefaultNow
		if i%2 == 0 {
			at = at.AddDate(0, 0, 7)
		}
		if i == n {
			at = benchgen.DefaultNow
		}
		t0 := time.Now()
		c, err := store.SweepStatuses(ctx, at)
		if err != nil {
			return nil, err
		}
		if i < n {
			ms = append(ms, msSince(t0))
			changed += c
		}
	}
	f := r.fig("sweep", ms)
	f.Note = fmt.Sprintf("%d tasks; %d status changes per run on average", r.tasks, changed/int64(n))
	return f, nil
}

// planning measures the reminder planner for all communes, one working-day
// morning after another. A repeated `bench run` on the same database starts
// a week later than the previous one, so it never re-plans a planned day.
func (r *runner) planning(ctx context.Context) (*Figure, error) {
	store, err := domain.Open(r.jobs, models.Options{Clock: models.NewFixedClock(benchgen.DefaultNow)})
	if err != nil {
		return nil, err
	}
	defer store.Close()
	var runs int
	if err := r.owner.GetContext(ctx, &runs, `SELECT count(*) FROM job_runs WHERE job = 'bench-planning'`); err != nil {
		return nil, err
	}
	day := time.Date(2024, 9, 30, 8, 0, 0, 0, models.VietnamTime).AddDate(0, 0, 7*runs)
	if _, err := r.owner.ExecContext(ctx, `INSERT INTO job_runs (job, slot, claimed_by, started_at, finished_at, status)
		VALUES ('bench-planning', $1, 'tiendo bench', now(), now(), 'done')`, day); err != nil {
		return nil, err
	}
	var ms, rows, dbCPU, selfCPU []float64
	n := 5 // a working week: at national scale each morning takes a while
	from := day
	meter := r.jobMeter(ctx)
	for i := 0; i < n; day = day.AddDate(0, 0, 1) {
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		t0, c0 := time.Now(), meter.sample()
		res, err := store.PlanReminders(ctx, day, deadlines.PlanOptions{EmailAvailable: true})
		if err != nil {
			return nil, err
		}
		ms = append(ms, msSince(t0))
		c := meter.since(c0)
		rows = append(rows, float64(res.Total()))
		dbCPU, selfCPU = append(dbCPU, c.postgres.Seconds()), append(selfCPU, c.self.Seconds())
		i++
	}
	r.plannedRows = int(quantile(rows[1:], 0.5))
	f := r.fig("planning", ms[1:])
	r.planningMedian = f.Median
	f.Note = fmt.Sprintf("%d ordinary mornings after a catch-up from %s: median %d deliveries, database CPU %.1f s, "+
		"planner CPU %.1f s; the catch-up queued %d in %.0f ms (database CPU %.1f s)", n-1, from.Format("2006-01-02"),
		r.plannedRows, quantile(dbCPU[1:], 0.5), quantile(selfCPU[1:], 0.5), int(rows[0]), ms[0], dbCPU[0])
	c := r.fig("planning_catchup", ms[:1])
	c.Note = fmt.Sprintf("%d deliveries", int(rows[0]))
	return f, r.add(c, nil)
}

// dispatch measures the dispatcher as a replica runs it (one Dispatch,
// default batch) draining n queued deliveries of one channel, rounds times.
func (r *runner) dispatch(ctx context.Context, key, channel string, n int) (*Figure, error) {
	clock := models.NewOffsetClock(benchgen.DefaultNow.Add(time.Hour))
	store, err := domain.Open(r.jobs, models.Options{Clock: clock})
	if err != nil {
		return nil, err
	}
	defer store.Close()
	var ch notify.Channel
	switch channel {
	case "inbox":
		ch = notify.Inbox{Store: store, Owner: "bench"}
	case "webhook":
		ch = notify.Webhook{Clock: clock, AllowPrivate: true}
	case "email":
		e, err := notify.NewEmail(r.smtp.URL(), clock)
		if err != nil {
			return nil, err
		}
		ch = e
	}
	d := jobs.Dispatch{Store: store, Channels: map[string]notify.Channel{channel: ch}, Owner: "bench",
		Batch: r.o.DispatchBatch, InboxBatch: r.o.DispatchBatch}
	var rates, dbCPU, selfCPU []float64
	rounds := 3
	meter := r.jobMeter(ctx)
	for range rounds {
		if n, err = r.queueDeliveries(ctx, channel, n); err != nil {
			return nil, err
		}
		t0, c0 := time.Now(), meter.sample()
		out, err := d.Run(ctx, clock.Now())
		if err != nil {
			return nil, err
		}
		took, c := time.Since(t0), meter.since(c0)
		dbCPU = append(dbCPU, float64(c.postgres.Microseconds())/float64(n))
		selfCPU = append(selfCPU, float64(c.self.Microseconds())/float64(n))
		var left int
		if err := r.owner.GetContext(ctx, &left, `SELECT count(*) FROM deliveries WHERE status <> 'sent' AND window_key LIKE 'bench/%'`); err != nil {
			return nil, err
		}
		if left > 0 {
			return nil, fmt.Errorf("bench: dispatch %s: %d deliveries not sent (%s)", channel, left, out)
		}
		rates = append(rates, float64(n)/took.Seconds())
	}
	f := r.fig(key, rates)
	batch := or(d.Batch, jobs.DefaultBatch)
	if channel == "inbox" {
		batch = or(d.InboxBatch, jobs.DefaultInboxBatch)
	}
	f.Note = fmt.Sprintf("%d deliveries × %d rounds, one dispatcher, batch %d; CPU per delivery: database %.0f µs, "+
		"dispatcher %.0f µs", n, rounds, batch, quantile(dbCPU, 0.5), quantile(selfCPU, 0.5))
	return f, nil
}

// queueDeliveries puts n due-soon reminders of channel into the outbox, for
// open tasks of the first communes (whose webhook points at the sink).
// Earlier deliveries still queued (the planner's) are retired first so that
// only these are claimed.
func (r *runner) queueDeliveries(ctx context.Context, channel string, n int) (int, error) {
	tx, err := r.owner.BeginTxx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE deliveries SET status = 'dead', lease_until = NULL, last_error = 'retired by tiendo bench'
		WHERE status IN ('queued', 'sending', 'failed')`); err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO deliveries (commune_id, task_id, recipient_id, kind, channel, window_key, payload, next_attempt_at,
		                        created_at, updated_at)
		SELECT t.commune_id, t.id, a.user_id, 'due_soon', $1, 'bench/' || gen_random_uuid(),
		       jsonb_build_object('task_title', t.title, 'plan', 'Kế hoạch', 'unit', 'Tổ công nghệ số',
		                          'due_on', t.due_on, 'today', DATE '2024-09-30', 'percent', t.percent, 'days', 3),
		       $3, $3, $3
		FROM (SELECT * FROM tasks WHERE commune_id = ANY ($4) AND deleted_at IS NULL ORDER BY id LIMIT $2) t
		JOIN LATERAL (SELECT user_id FROM task_assignees ta WHERE ta.task_id = t.id ORDER BY user_id LIMIT 1) a ON true`,
		channel, n, benchgen.DefaultNow, r.webhookCommunes)
	if err != nil {
		return 0, err
	}
	rows, _ := res.RowsAffected()
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	// What autovacuum does between bursts: the retired rows' entries would
	// otherwise be skipped by every claim of the round.
	_, err = r.owner.ExecContext(ctx, `VACUUM deliveries`)
	return int(rows), err
}

// webhookTo points the webhooks of communes at url.
func webhookTo(ctx context.Context, owner *sqlx.DB, communes pq.Int64Array, url string) error {
	_, err := owner.ExecContext(ctx, `
		INSERT INTO commune_settings (commune_id, webhook_enabled, webhook_url, webhook_secret, updated_at)
		SELECT id, true, $2, 'bench-webhook-secret', now() FROM unnest($1::bigint[]) id
		ON CONFLICT (commune_id) DO UPDATE SET webhook_enabled = true, webhook_url = $2,
		  webhook_secret = 'bench-webhook-secret'`, communes, url)
	return err
}

func msSince(t0 time.Time) float64 { return float64(time.Since(t0)) / float64(time.Millisecond) }

func or(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}
