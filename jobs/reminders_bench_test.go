package jobs

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/tiendo/tiendo/internal/config"
	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/models"
)

// BenchmarkPlanReminders plans four working-day mornings in a row over a
// national-size database: TIENDO_BENCH_COMMUNES communes (default 3321) with
// TIENDO_BENCH_TASKS tasks each (default 50; 500 makes the 1.66 M of the
// target). Deadlines spread over 2024; nine in ten tasks due before the first
// morning are done, the rest overdue; four in five open tasks are in
// progress. The first morning is the catch-up of a planner that never ran;
// the next ones are ordinary days. Each morning is logged with its time.
//
//	TIENDO_BENCH_TASKS=500 go test -run XXX -bench PlanReminders -benchtime 1x ./jobs/
func BenchmarkPlanReminders(b *testing.B) {
	communes, tasks := envInt(b, "TIENDO_BENCH_COMMUNES", 3321), envInt(b, "TIENDO_BENCH_TASKS", 50)
	dsn := testdb.NewDSN(b)
	owner := sqlx.MustConnect("postgres", dsn)
	defer owner.Close()
	t0 := time.Now()
	seedNation(b, owner, communes, tasks)
	b.Logf("seeded %d communes × %d tasks in %v", communes, tasks, time.Since(t0).Round(time.Millisecond))
	// One connection, so that its server process's CPU time can be read: on a
	// shared machine, wall time says more about the neighbours than the query.
	db, err := config.ConnectAs(context.Background(), dsn, config.JobsRole, 1)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	first := time.Date(2024, 9, 30, 8, 0, 0, 0, models.VietnamTime)
	store, err := models.NewStore(db, models.Options{Clock: models.NewFixedClock(first)})
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	var pid int
	if err := db.Get(&pid, `SELECT pg_backend_pid()`); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		for _, now := range []time.Time{first, first.AddDate(0, 0, 1), first.AddDate(0, 0, 2), first.AddDate(0, 0, 3)} {
			t1, cpu := time.Now(), cpuTime(pid)
			res, err := store.PlanReminders(context.Background(), now, models.PlanOptions{EmailAvailable: true})
			if err != nil {
				b.Fatal(err)
			}
			b.Logf("%s: queued %d in %v (database CPU %v) %v", now.Format("Mon 2006-01-02"), res.Total(),
				time.Since(t1).Round(time.Millisecond), cpuTime(pid)-cpu, res)
		}
	}
}

// cpuTime is the CPU time (user + system) process pid has used so far, from
// /proc (Linux; zero elsewhere). Clock ticks are 1/100 s on Linux.
func cpuTime(pid int) time.Duration {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	fields := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
	utime, _ := strconv.Atoi(fields[11])
	stime, _ := strconv.Atoi(fields[12])
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

func envInt(b *testing.B, key string, def int) int {
	if v := os.Getenv(key); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			b.Fatalf("%s: %v", key, err)
		}
		return n
	}
	return def
}

// seedNation writes the communes straight into the tables, as the owner.
func seedNation(b *testing.B, db *sqlx.DB, communes, tasks int) {
	steps := []struct {
		q    string
		args []any
	}{
		{`INSERT INTO communes (code, name, kind, province)
		  SELECT 'N' || g, 'Xã ' || g, 'xa', 'Tỉnh' FROM generate_series(1, $1) g`, []any{communes}},
		{`INSERT INTO units (commune_id, kind, name) SELECT id, 'office', 'Văn phòng' FROM communes`, nil},
		{`INSERT INTO users (commune_id, username, full_name, email, password_hash)
		  SELECT c.id, 'u' || c.id || '_' || k, 'Cán bộ ' || k, 'u' || c.id || '_' || k || '@x.vn', 'x'
		  FROM communes c, generate_series(1, 5) k`, nil},
		{`INSERT INTO memberships (commune_id, user_id, unit_id, role)
		  SELECT u.commune_id, u.id, n.id, CASE WHEN u.username LIKE '%\_1' THEN 'chairman' ELSE 'officer' END
		  FROM users u JOIN units n ON n.commune_id = u.commune_id`, nil},
		{`INSERT INTO plans (commune_id, doc_number, doc_no, doc_type, doc_symbol, issued_on, year, kind, title,
		    created_at, updated_at)
		  SELECT id, '01/KH-UBND', 1, 'KH', 'KH-UBND', '2024-01-05', 2024, 'other', 'Kế hoạch', now(), now()
		  FROM communes`, nil},
		{`INSERT INTO tasks (commune_id, plan_id, title, lead_unit_id, start_on, due_on, percent, created_at,
		    updated_at, last_progress_at, completed_at)
		  SELECT p.commune_id, p.id, 'Việc ' || g, n.id, '2024-01-01', d.due, 0, '2024-01-01', '2024-01-01', NULL,
		    CASE WHEN d.due < '2024-09-30' AND g % 10 <> 0 THEN d.due::timestamptz END
		  FROM plans p JOIN units n ON n.commune_id = p.commune_id, generate_series(1, $1) g,
		    LATERAL (SELECT DATE '2024-01-01' + ((g * 7919 + p.commune_id) % 366)::int AS due) d`, []any{tasks}},
		{`UPDATE tasks SET percent = CASE WHEN completed_at IS NOT NULL THEN 100 ELSE (id % 5) * 20 END,
		    last_progress_at = CASE WHEN completed_at IS NOT NULL THEN completed_at
		      WHEN id % 5 > 0 THEN '2024-09-30'::timestamptz - (id % 40) * interval '1 day' END`, nil},
		{`INSERT INTO task_assignees (commune_id, task_id, user_id)
		  SELECT t.commune_id, t.id, u.id FROM tasks t JOIN users u ON u.commune_id = t.commune_id
		  WHERE u.username = 'u' || t.commune_id || '_' || (2 + t.id % 4)`, nil},
		{`ANALYZE`, nil},
	}
	for _, s := range steps {
		if _, err := db.Exec(s.q, s.args...); err != nil {
			b.Fatalf("%v\n%s", err, s.q)
		}
	}
}
