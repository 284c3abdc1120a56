package demo

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tiendo/tiendo/models/domain"
	"github.com/tiendo/tiendo/models/plans"
	"github.com/tiendo/tiendo/models/statistics"

	"github.com/jmoiron/sqlx"

	"github.com/tiendo/tiendo/internal/config"
	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

func TestMain(m *testing.M) { testdb.Main(m) }

const testPassword = "mat-khau-demo-2024"

// sept30 is the day the seed report describes: the demo is meant to be seen then.
var sept30 = time.Date(2024, 9, 30, 9, 0, 0, 0, models.VietnamTime)

// appDB is a fresh migrated database reached as the server reaches it: as
// the tiendo_app role, under row-level security (testdb.New would connect
// as the owner, which RLS does not bind).
func appDB(t *testing.T) *sqlx.DB {
	t.Helper()
	db, err := config.ConnectApp(context.Background(), testdb.NewDSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func testOptions(pw string) Options {
	return Options{Password: pw, PasswordParams: models.TestPasswordParams}
}

// storeAt is a store of its own whose clock reads sept30.
func storeAt(t *testing.T, db *sqlx.DB) *domain.Store {
	t.Helper()
	s, err := domain.Open(db, models.Options{Clock: models.NewFixedClock(sept30), Password: models.TestPasswordParams})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

func login(t *testing.T, s *domain.Store, username, pw string) *models.Actor {
	t.Helper()
	l, err := s.Login(context.Background(), username, pw, "127.0.0.1", "demo_test")
	if err != nil {
		t.Fatalf("login %s: %v", username, err)
	}
	return l.Actor
}

func plans2024(t *testing.T, s *domain.Store, a *models.Actor) []plans.Plan {
	t.Helper()
	page, err := s.ListPlans(context.Background(), a, plans.PlanFilter{Year: 2024})
	if err != nil {
		t.Fatal(err)
	}
	return page.Items
}

func TestLoadIfEmptyLoadsOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := appDB(t)
	res, err := LoadIfEmpty(ctx, db, testOptions(testPassword))
	if err != nil || res == nil {
		t.Fatalf("first load: %v %v", res, err)
	}
	if res.Password != testPassword || !strings.HasPrefix(res.Summary, "Vọng Đông: 6 kế hoạch, 42 nhiệm vụ") {
		t.Errorf("result: %+v", res)
	}
	for _, want := range []string{"chutich", "banchidao", "toap1", "chutich2"} {
		if !slices.ContainsFunc(res.Logins, func(l Login) bool { return l.Username == want && l.Description != "" }) {
			t.Errorf("logins lack %s: %+v", want, res.Logins)
		}
	}
	s := storeAt(t, db)
	chutich := login(t, s, "chutich", testPassword)
	before := len(plans2024(t, s, chutich))
	again, err := LoadIfEmpty(ctx, db, testOptions(testPassword))
	if err != nil || again != nil {
		t.Fatalf("second LoadIfEmpty: want nil, nil; got %+v, %v", again, err)
	}
	if _, err := Load(ctx, db, testOptions(testPassword)); err == nil || !strings.Contains(err.Error(), "already loaded") {
		t.Fatalf("Load on a loaded database: %v", err)
	}
	if after := len(plans2024(t, s, chutich)); after != before || after != 6 {
		t.Fatalf("plans before %d, after %d", before, after)
	}
	login(t, s, "toap1", testPassword)
}

func TestDemoAsOf30September(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := appDB(t)
	if _, err := Load(ctx, db, testOptions(testPassword)); err != nil {
		t.Fatal(err)
	}
	s := storeAt(t, db)
	chutich := login(t, s, "chutich", testPassword)

	t.Run("every status", func(t *testing.T) {
		page, err := s.ListTasks(ctx, chutich, plans.TaskFilter{Limit: models.MaxPageSize})
		if err != nil {
			t.Fatal(err)
		}
		counts := statusCounts(page.Items)
		for _, st := range []string{"done_on_time", "done_late", "overdue", "in_progress", "due_soon", "not_started", "cancelled"} {
			if counts[st] == 0 {
				t.Errorf("no %s task: %v", st, counts)
			}
		}
		t.Logf("Vọng Đông on 30/9/2024: %d tasks, %v", len(page.Items), counts)
	})

	t.Run("toap1's tasks", func(t *testing.T) {
		toap1 := login(t, s, "toap1", testPassword)
		page, err := s.ListTasks(ctx, toap1, plans.TaskFilter{AssigneeID: toap1.UserID})
		if err != nil {
			t.Fatal(err)
		}
		counts := statusCounts(page.Items)
		if counts["overdue"] < 2 || counts["due_soon"] < 1 || counts["in_progress"] < 1 {
			t.Errorf("toap1 should have overdue, due-soon and in-progress work: %v", counts)
		}
	})

	t.Run("plans and warnings", func(t *testing.T) {
		plans := plans2024(t, s, chutich)
		var numbers []string
		for _, p := range plans {
			numbers = append(numbers, p.DocNumber)
			want := map[string]string{"12/KH-UBND": "duplicate_number", "10/KH-UBND": "issued_outside_year"}[p.DocNumber]
			if want != "" && !slices.ContainsFunc(p.Warnings, func(w models.Warning) bool { return w.Code == want }) {
				t.Errorf("%s %q: want warning %s, got %+v", p.DocNumber, p.Title, want, p.Warnings)
			}
			if want == "" && len(p.Warnings) != 0 {
				t.Errorf("%s: unexpected warnings %+v", p.DocNumber, p.Warnings)
			}
		}
		slices.Sort(numbers)
		if got := strings.Join(numbers, " "); got != "06/KH-UBND 08/KH-UBND 10/KH-UBND 12/KH-UBND 12/KH-UBND 16/KH-UBND" {
			t.Errorf("plan numbers: %s", got)
		}
	})

	t.Run("the seed's figures in the nine-month report", func(t *testing.T) {
		p, err := statistics.ParsePeriod("2024-M9")
		if err != nil {
			t.Fatal(err)
		}
		r, err := s.BuildReport(ctx, chutich, statistics.ReportOptions{Period: p})
		if err != nil {
			t.Fatal(err)
		}
		if r.Dossiers == nil || r.Dossiers.Received != 988 || r.Dossiers.Resolved != 988 {
			t.Errorf("dossiers: %+v", r.Dossiers)
		}
		rates := map[string]float64{}
		for _, row := range r.Indicators.Rows {
			if row.Value != nil && row.Value.Rate != nil {
				rates[row.Code] = *row.Value.Rate
			}
		}
		for _, f := range vongDongFigures[0].rates {
			if rates[f.code] != f.rate {
				t.Errorf("%s: %v in the report, %v in the seed", f.code, rates[f.code], f.rate)
			}
		}
		codes := map[string]bool{}
		for _, f := range r.Quality {
			codes[f.Code] = true
		}
		if !codes["parts_mismatch"] {
			t.Errorf("the seed's sums that do not add up raise no parts_mismatch finding: %v", codes)
		}
	})

	t.Run("tenant isolation", func(t *testing.T) {
		plans := plans2024(t, s, login(t, s, "chutich2", testPassword))
		if len(plans) != 1 || plans[0].DocNumber != "05/KH-UBND" || plans[0].TaskCounts["total"] != 3 {
			t.Fatalf("chutich2 should see only its own plan: %+v", plans)
		}
	})
}

func statusCounts(tasks []plans.Task) map[string]int {
	counts := map[string]int{}
	for _, task := range tasks {
		counts[task.Status]++
	}
	return counts
}

func TestPasswords(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := appDB(t)
	_, err := LoadIfEmpty(ctx, db, testOptions("ngan"))
	if err == nil || !strings.Contains(err.Error(), "TIENDO_DEMO_PASSWORD") {
		t.Fatalf("short password: %v", err)
	}
	// Nothing was written, so the next call still loads, with a generated password.
	res, err := LoadIfEmpty(ctx, db, testOptions(""))
	if err != nil || res == nil {
		t.Fatalf("load after refusal: %v %v", res, err)
	}
	if len(res.Password) < 12 || strings.ToLower(res.Password) != res.Password {
		t.Fatalf("generated password %q", res.Password)
	}
	login(t, storeAt(t, db), "chutich", res.Password)
}

// TestDataIsPlausible checks the content tables without a database: every
// act happens on a working day in office hours before 30 September 2024,
// each task's history runs forwards, and deadlines follow starts.
func TestDataIsPlausible(t *testing.T) {
	t.Parallel()
	for _, c := range communes {
		checkMoment(t, c.name+" provisioning", c.since)
		for _, p := range c.plans {
			checkMoment(t, p.number+" entered", p.entered)
			for _, task := range p.tasks {
				checkTask(t, p, task)
			}
		}
	}
}

func checkTask(t *testing.T, p planSpec, task taskSpec) {
	t.Helper()
	start, err1 := optDate(task.start)
	due, err2 := optDate(task.due)
	if err1 != nil || err2 != nil || due.Before(start) {
		t.Errorf("%q: start %s, due %s", task.title, task.start, task.due)
	}
	prev := p.entered
	for _, e := range task.log {
		checkMoment(t, task.title, e.at)
		if e.at < prev || e.pct < 0 || e.pct > 100 {
			t.Errorf("%q: entry %s (%d%%) out of order or range", task.title, e.at, e.pct)
		}
		prev = e.at
	}
	for _, c := range task.changes {
		checkMoment(t, task.title, c.at)
		if c.at < p.entered {
			t.Errorf("%q: change %s before the plan was entered", task.title, c.at)
		}
	}
}

// checkMoment: the string comparisons above rely on the fixed
// "YYYY-MM-DD HH:MM" layout that localTime enforces here.
func checkMoment(t *testing.T, what, at string) {
	t.Helper()
	tm, err := localTime(at)
	if err != nil {
		t.Error(err)
		return
	}
	day := calendar.DateOf(tm)
	if !calendar.Default().IsWorkingDay(day) {
		t.Errorf("%s: %s is not a working day", what, at)
	}
	if h := tm.Hour(); h < 7 || h >= 17 {
		t.Errorf("%s: %s is outside office hours", what, at)
	}
	if !tm.Before(sept30) {
		t.Errorf("%s: %s is after the report's date", what, at)
	}
}

// TestGeneratedPasswordsDiffer guards against a constant fallback.
func TestGeneratedPasswordsDiffer(t *testing.T) {
	t.Parallel()
	a, _ := demoPassword("")
	b, _ := demoPassword("")
	if a == b || len(a) != generatedLength {
		t.Fatalf("%q %q", a, b)
	}
}

// TestLoadFailingHalfWayLeavesNothing: a load that fails at its very last
// write (the province account, after every commune row) leaves no trace, and
// the next start loads the whole demo.
func TestLoadFailingHalfWayLeavesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := testdb.NewDSN(t)
	owner := sqlx.MustConnect("postgres", dsn)
	defer owner.Close()
	owner.MustExec(`CREATE FUNCTION refuse_province() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN RAISE EXCEPTION 'the process died here'; END $$`)
	owner.MustExec(`CREATE TRIGGER refuse_province BEFORE INSERT ON users FOR EACH ROW
		WHEN (NEW.commune_id IS NULL) EXECUTE FUNCTION refuse_province()`)
	db, err := config.ConnectApp(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := LoadIfEmpty(ctx, db, testOptions(testPassword)); err == nil {
		t.Fatal("the load did not fail")
	}
	for _, table := range []string{"communes", "users", "plans", "tasks", "progress_updates", "audit_log"} {
		var n int
		if err := owner.Get(&n, "SELECT count(*) FROM "+table); err != nil || n != 0 {
			t.Errorf("%s: %d rows left by the failed load (%v)", table, n, err)
		}
	}
	owner.MustExec(`DROP TRIGGER refuse_province ON users`)
	res, err := LoadIfEmpty(ctx, db, testOptions(testPassword))
	if err != nil || res == nil || !strings.HasPrefix(res.Summary, "Vọng Đông: 6 kế hoạch, 42 nhiệm vụ") {
		t.Fatalf("the load after: %+v, %v", res, err)
	}
}
