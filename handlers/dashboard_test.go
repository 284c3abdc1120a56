package handlers_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/tiendo/tiendo/handlers"
	"github.com/tiendo/tiendo/models/domain"

	"github.com/jmoiron/sqlx"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/internal/benchgen"
	"github.com/tiendo/tiendo/internal/config"
	"github.com/tiendo/tiendo/internal/demo"
	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
)

// sept30 is the day the demo and the generated data describe.
var sept30 = time.Date(2024, 9, 30, 9, 0, 0, 0, models.VietnamTime)

// dataEnv is the router over a database filled by fill (the demo, or
// generated data), its clock at sept30, every account's password
// testfix.Password.
func dataEnv(t *testing.T, fill func(dsn string)) *env {
	t.Helper()
	dsn := testdb.NewDSN(t)
	fill(dsn)
	db, err := config.ConnectApp(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s, err := domain.Open(db, models.Options{Clock: models.NewFixedClock(sept30), Password: models.TestPasswordParams})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	return &env{t: t, handler: handlers.New(s, httpx.Options{Log: log}), tokens: map[string]string{}}
}

// dashboardQueries are period and as-of choices both endpoints take.
var dashboardQueries = []string{"period=2024-M9", "period=2024-Q3", "period=2024-H1", "period=2024-Y",
	"period=2024-M09", "period=2024-M9&as_of=cutoff", "period=2024-M9&as_of=2024-06-30",
	"from=2024-01-01&to=2024-09-30", "from=2024-03-15&to=2024-08-20&as_of=2024-07-01", "period=2023-Y"}

// checkDashboardEqualsReport holds the property: for the same period and
// as-of day, the dashboard's tasks are the report's tasks.total, key for
// key, and so are the breakdowns and the overdue list.
func checkDashboardEqualsReport(t *testing.T, e *env, who string) {
	t.Helper()
	nonEmpty := false
	for _, q := range dashboardQueries {
		var d struct {
			AsOf    string           `json:"as_of"`
			Tasks   map[string]any   `json:"tasks"`
			ByKind  []map[string]any `json:"by_kind"`
			ByUnit  []map[string]any `json:"by_unit"`
			Overdue []map[string]any `json:"overdue"`
		}
		var r struct {
			AsOf  string `json:"as_of"`
			Tasks struct {
				Total   map[string]any   `json:"total"`
				ByKind  []map[string]any `json:"by_kind"`
				ByUnit  []map[string]any `json:"by_unit"`
				Overdue []map[string]any `json:"overdue"`
			} `json:"tasks"`
		}
		e.do(who, "GET", "/api/v1/dashboard?"+q, nil).expect(http.StatusOK).decode(&d)
		e.do(who, "GET", "/api/v1/reports?format=json&"+q, nil).expect(http.StatusOK).decode(&r)
		if d.AsOf != r.AsOf || !reflect.DeepEqual(d.Tasks, r.Tasks.Total) {
			t.Errorf("%s: dashboard %s %v\nreport %s %v", q, d.AsOf, d.Tasks, r.AsOf, r.Tasks.Total)
		}
		if !reflect.DeepEqual(d.ByKind, r.Tasks.ByKind) || !reflect.DeepEqual(d.ByUnit, r.Tasks.ByUnit) ||
			!reflect.DeepEqual(d.Overdue, r.Tasks.Overdue) {
			t.Errorf("%s: breakdowns differ", q)
		}
		nonEmpty = nonEmpty || d.Tasks["total"].(float64) > 0
	}
	if !nonEmpty {
		t.Errorf("no period has any task: the property holds vacuously")
	}
}

func TestDashboardEqualsReportOnTheDemo(t *testing.T) {
	t.Parallel()
	e := dataEnv(t, func(dsn string) {
		db, err := config.ConnectApp(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := demo.Load(context.Background(), db, demo.Options{Password: testfix.Password,
			PasswordParams: models.TestPasswordParams}); err != nil {
			t.Fatal(err)
		}
	})
	checkDashboardEqualsReport(t, e, "chutich")
	// The default is the year to date, which is the range 1/1 to today.
	var def, rng map[string]any
	e.do("chutich", "GET", "/api/v1/dashboard", nil).expect(http.StatusOK).decode(&def)
	e.do("chutich", "GET", "/api/v1/dashboard?from=2024-01-01&to=2024-09-30", nil).expect(http.StatusOK).decode(&rng)
	if !reflect.DeepEqual(def["tasks"], rng["tasks"]) {
		t.Errorf("year to date %v, range %v", def["tasks"], rng["tasks"])
	}
	e.do("chutich", "GET", "/api/v1/dashboard?period=2024-M13", nil).invalid("period")
}

func TestDashboardEqualsReportOnGeneratedData(t *testing.T) {
	t.Parallel()
	e := dataEnv(t, func(dsn string) {
		owner := sqlx.MustConnect("postgres", dsn)
		defer owner.Close()
		jobs, err := config.ConnectAs(context.Background(), dsn, config.JobsRole, 2)
		if err != nil {
			t.Fatal(err)
		}
		defer jobs.Close()
		o := benchgen.Presets["tiny"]
		o.Password, o.PasswordParams = testfix.Password, models.TestPasswordParams
		if _, err := benchgen.Generate(context.Background(), owner, jobs, o); err != nil {
			t.Fatal(err)
		}
	})
	for n := 1; n <= benchgen.Presets["tiny"].Communes; n++ {
		checkDashboardEqualsReport(t, e, benchgen.Username(n, 0))
	}
}
