package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"github.com/lib/pq"

	"github.com/tiendo/tiendo/internal/benchgen"
)

// ceilingPgbench is `pgbench -S` with as many clients as the read loads.
func (r *runner) ceilingPgbench(ctx context.Context) error {
	tps, err := pgbenchSelect(ctx, r.o.DSN, r.o.Clients, r.o.Duration)
	if err != nil {
		// The other figures stand without this ceiling.
		fmt.Fprintf(r.o.Stdout, "  ceiling: pgbench -S skipped: %v\n", err)
		return nil
	}
	f := r.fig("pgbench", tps)
	f.Key = "pgbench"
	f.Note = fmt.Sprintf("%d clients, per-second samples, scale 10", r.o.Clients)
	return r.add(f, nil)
}

// ceilingHealthz is the server's trivial endpoint under the same load.
func (r *runner) ceilingHealthz(ctx context.Context) error {
	res := r.c.load(ctx, r.o.Clients, r.o.Duration, 0, http.StatusOK, func(int, int) request {
		return request{method: "GET", path: "/healthz"}
	})
	if res.Errors > 0 {
		return r.add(nil, fmt.Errorf("/healthz: %d errors: %s", res.Errors, res.FirstErr))
	}
	f := r.fig("healthz", res.Rates())
	f.Note = latencyNote(res)
	return r.add(f, nil)
}

func latencyNote(res loadResult) string {
	ms := millis(res.Latencies)
	return fmt.Sprintf("%d requests, latency median %.2f ms, p99 %.2f ms", res.Requests, quantile(ms, 0.5),
		quantile(ms, 0.99))
}

// concurrent runs a read load and adds its latency and throughput figures.
func (r *runner) concurrent(ctx context.Context, key string, next func(i, j int) request) error {
	// Warm up: every client's first request (caches, prepared plans).
	r.c.load(ctx, r.o.Clients, 0, 2, http.StatusOK, next)
	profiled := r.profileDuring(ctx, key)
	var res loadResult
	cpu := r.measured(ctx, key, func() int {
		res = r.c.load(ctx, r.o.Clients, r.o.Duration, 0, http.StatusOK, next)
		return res.Requests
	})
	if err := profiled(); err != nil {
		fmt.Fprintf(r.o.Stdout, "  %s: no CPU profile: %v\n", key, err)
	}
	if res.Errors > 0 {
		return r.add(nil, fmt.Errorf("%s: %d errors: %s", key, res.Errors, res.FirstErr))
	}
	lat := r.fig(key, millis(res.Latencies))
	lat.Note = fmt.Sprintf("%d clients, %d requests", r.o.Clients, res.Requests)
	if err := r.add(lat, nil); err != nil {
		return err
	}
	tput := r.fig(key+"_rps", res.Rates())
	// Issue 15's targets are shares of the ceilings of the same run.
	if pg := r.ceiling("pgbench"); pg != nil && key == "my_tasks" {
		pass := tput.Median >= 0.10*pg.Median
		tput.Pass = &pass
		tput.Note = fmt.Sprintf("%.1f %% of pgbench -S", 100*tput.Median/pg.Median)
	}
	if h := r.ceiling("healthz"); h != nil {
		if key == "dashboard" {
			pass := tput.Median >= 0.05*h.Median
			tput.Pass = &pass
		}
		tput.Note = fmt.Sprintf("%s%s%.1f %% of /healthz", tput.Note, map[bool]string{true: "; ", false: ""}[tput.Note != ""],
			100*tput.Median/h.Median)
	}
	if tput.CPU = cpu; cpu != nil {
		tput.Note = strings.TrimPrefix(tput.Note+"; "+cpu.String(), "; ")
	}
	return r.add(tput, nil)
}

// profileDuring takes the server's CPU profile of the load that starts now
// into PRESET-TIME-KEY.cpu.pprof beside the results; the returned function
// waits for it.
func (r *runner) profileDuring(ctx context.Context, key string) func() error {
	done := make(chan error, 1)
	path := strings.TrimSuffix(r.outPath(), ".json") + "-" + key + ".cpu.pprof"
	go func() { done <- r.srv.profile(ctx, r.o.Duration, path) }()
	return func() error {
		if err := <-done; err != nil {
			return err
		}
		r.res.Profiles = append(r.res.Profiles, filepath.Base(path))
		return nil
	}
}

func (r *runner) ceiling(key string) *Figure {
	for _, f := range r.res.Ceilings {
		if f.Key == key {
			return f
		}
	}
	return nil
}

// myTasks: GET /api/v1/tasks?assignee=me&limit=50, each client a different
// person of a different commune.
func (r *runner) myTasks(ctx context.Context) error {
	return r.concurrent(ctx, "my_tasks", func(i, _ int) request {
		return request{method: "GET", path: "/api/v1/tasks?assignee=me&limit=50", token: r.tokens[r.worker(i)]}
	})
}

// dashboard: the chairman's overview page (/tong-quan) of the plan year.
func (r *runner) dashboard(ctx context.Context) error {
	return r.concurrent(ctx, "dashboard", func(i, _ int) request {
		return request{method: "GET", path: "/tong-quan?year=2024", token: r.tokens[r.chairman(i)]}
	})
}

// sequential times one request Repeat times (after one warm-up run).
func (r *runner) sequential(ctx context.Context, key string, want int, next func(j int) request) (*Figure, error) {
	var ms []float64
	for j := -1; j < r.o.Repeat; j++ {
		status, body, took, err := r.c.do(ctx, next(j))
		if err == nil && status != want {
			err = fmt.Errorf("status %d: %.300s", status, body)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		if j >= 0 {
			ms = append(ms, float64(took)/float64(time.Millisecond))
		}
	}
	return r.fig(key, ms), nil
}

// provinceRollup: GET /api/v1/province/rollup?year=2024 as province 1's account.
func (r *runner) provinceRollup(ctx context.Context) error {
	var communes int
	f, err := r.sequential(ctx, "province_rollup", http.StatusOK, func(int) request {
		return request{method: "GET", path: "/api/v1/province/rollup?year=2024", token: r.tokens[benchgen.ProvinceUsername(1)]}
	})
	if err == nil {
		err = r.owner.GetContext(ctx, &communes, `SELECT count(*) FROM communes WHERE province = $1`, benchgen.ProvinceName(1))
		f.Note = fmt.Sprintf("%d communes", communes)
	}
	return r.add(f, err)
}

// nationalRollup has no endpoint yet (province accounts see their province
// only): it times the province roll-up's statement over every commune, on
// the jobs' pool.
func (r *runner) nationalRollup(ctx context.Context) error {
	var ms []float64
	var rows int
	for j := -1; j < r.o.Repeat; j++ {
		t0 := time.Now()
		var out []struct {
			Province string `db:"province"`
			ID       int64  `db:"id"`
			Status   string `db:"status"`
			N        int    `db:"n"`
		}
		if err := r.jobs.SelectContext(ctx, &out, sqlNationalRollup); err != nil {
			return r.add(nil, err)
		}
		if j >= 0 {
			ms = append(ms, msSince(t0))
		}
		rows = len(out)
	}
	f := r.fig("national_rollup", ms)
	f.Note = fmt.Sprintf("%d rows (commune × status); province-rollup SQL over all provinces", rows)
	return r.add(f, nil)
}

const sqlNationalRollup = `
SELECT c.province, c.id, COALESCE(t.status, '') AS status, count(t.id) AS n
FROM communes c
LEFT JOIN tasks t ON t.commune_id = c.id AND t.deleted_at IS NULL
  AND t.due_on BETWEEN DATE '2024-01-01' AND DATE '2024-12-31'
GROUP BY c.province, c.id, c.code, c.name, c.kind, t.status
ORDER BY c.province, c.name COLLATE "vi-VN-x-icu", c.id`

// reportXLSX: the 9-month report of one commune as a spreadsheet.
func (r *runner) reportXLSX(ctx context.Context) error {
	var size int
	f, err := r.sequential(ctx, "report_xlsx", http.StatusOK, func(int) request {
		return request{method: "GET", path: "/api/v1/reports?period=2024-M9&format=xlsx", token: r.tokens[r.chairman(0)]}
	})
	if err == nil {
		_, body, _, _ := r.c.do(ctx, request{method: "GET", path: "/api/v1/reports?period=2024-M9&format=xlsx", token: r.tokens[r.chairman(0)]})
		size = len(body)
		f.Note = fmt.Sprintf("%d tasks in the commune, %d bytes", r.tasks/int64(r.communes), size)
	}
	return r.add(f, err)
}

// progress: POST /api/v1/tasks/{id}/progress, one after another, by a team
// member on open tasks of theirs; the response is sent after the stored
// status was updated in the same transaction.
func (r *runner) progress(ctx context.Context) error {
	user := benchgen.Username(1, 5)
	var tasks []struct {
		ID      int64 `db:"id"`
		Percent int   `db:"percent"`
	}
	err := r.owner.SelectContext(ctx, &tasks, `
		SELECT t.id, t.percent FROM tasks t
		JOIN task_assignees ta ON ta.task_id = t.id JOIN users u ON u.id = ta.user_id AND u.username = $1
		WHERE t.completed_at IS NULL AND t.cancelled_at IS NULL AND t.deleted_at IS NULL
		ORDER BY t.id LIMIT 50`, user)
	if err == nil && len(tasks) == 0 {
		err = fmt.Errorf("%s has no open task", user)
	}
	if err != nil {
		return r.add(nil, err)
	}
	f, err := r.sequential(ctx, "progress", http.StatusCreated, func(j int) request {
		t := &tasks[(j+len(tasks))%len(tasks)]
		t.Percent = min(99, t.Percent+1)
		body, _ := json.Marshal(map[string]any{"percent": t.Percent, "note": "Cập nhật tiến độ (bench)"})
		return request{method: "POST", path: fmt.Sprintf("/api/v1/tasks/%d/progress", t.ID), token: r.tokens[user], body: body}
	})
	if err == nil {
		ids := pq.Int64Array{}
		for _, t := range tasks {
			ids = append(ids, t.ID)
		}
		var stale int
		err = r.owner.GetContext(ctx, &stale, `SELECT count(*) FROM tasks t WHERE t.id = ANY ($1)
			AND t.status <> task_status(t.cancelled_at, t.completed_at, t.percent, t.due_on, DATE '2024-09-30',
			                            DATE '2024-10-03', 'Asia/Ho_Chi_Minh')`, ids)
		f.Note = fmt.Sprintf("%d tasks; stored statuses not current afterwards: %d", len(tasks), stale)
	}
	return r.add(f, err)
}

// createTasks: 8 clients create tasks in one plan at once, 125 each.
func (r *runner) createTasks(ctx context.Context) error {
	chair := r.chairman(1)
	var plan struct {
		ID   int64 `db:"id"`
		Unit int64 `db:"unit"`
	}
	err := r.owner.GetContext(ctx, &plan, `SELECT p.id, n.id AS unit FROM plans p
		JOIN users u ON u.commune_id = p.commune_id AND u.username = $1
		JOIN units n ON n.commune_id = p.commune_id AND n.kind = 'office'
		ORDER BY p.id LIMIT 1`, chair)
	if err != nil {
		return r.add(nil, err)
	}
	const clients, each = 8, 125
	var res loadResult
	cpu := r.measured(ctx, "create_tasks", func() int {
		res = r.c.load(ctx, clients, time.Hour, each, http.StatusCreated, func(i, j int) request {
			body, _ := json.Marshal(map[string]any{"title": fmt.Sprintf("Nhiệm vụ tạo đồng thời %d-%d", i, j),
				"lead_unit_id": plan.Unit, "start_on": "2024-10-01", "due_on": "2024-12-15"})
			return request{method: "POST", path: fmt.Sprintf("/api/v1/plans/%d/tasks", plan.ID), token: r.tokens[chair], body: body}
		})
		return res.Requests
	})
	f := r.fig("create_tasks", []float64{res.RPS()})
	pass := f.Pass != nil && *f.Pass && res.Errors == 0
	f.Pass = &pass
	ms := millis(res.Latencies)
	f.Note = fmt.Sprintf("%d created, %d errors%s; latency median %.1f ms, p99 %.1f ms", res.Requests, res.Errors,
		firstErr(res.FirstErr), quantile(ms, 0.5), quantile(ms, 0.99))
	if f.CPU = cpu; cpu != nil {
		f.Note += "; " + cpu.String()
	}
	return r.add(f, nil)
}

func firstErr(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}

// memory is the server's peak resident set after the loads above.
func (r *runner) memory(context.Context) error {
	peak, now := r.srv.memory()
	f := r.fig("rss", []float64{peak})
	f.Note = fmt.Sprintf("VmHWM of the server process after the HTTP loads; VmRSS now %.0f MB", now)
	return r.add(f, nil)
}
