package benchgen_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/tiendo/tiendo/internal/benchgen"
	"github.com/tiendo/tiendo/internal/config"
	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// Generate needs a role that bypasses row-level security; testdb's private
// cluster connects as its superuser.
func generate(t *testing.T, o benchgen.Options) (string, *sqlx.DB, *benchgen.Stats) {
	t.Helper()
	ctx := context.Background()
	dsn := testdb.NewDSN(t)
	owner := sqlx.MustConnect("postgres", dsn)
	t.Cleanup(func() { owner.Close() })
	var bypass bool
	if err := owner.Get(&bypass, `SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user`); err != nil {
		t.Fatal(err)
	}
	if !bypass {
		t.Skip("the test server's role neither is a superuser nor bypasses RLS")
	}
	jobs, err := config.ConnectAs(ctx, dsn, config.JobsRole, 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { jobs.Close() })
	o.Password = "mat-khau-bench-thu"
	o.PasswordParams = models.TestPasswordParams
	st, err := benchgen.Generate(ctx, owner, jobs, o)
	if err != nil {
		t.Fatal(err)
	}
	return dsn, owner, st
}

func TestGenerateTiny(t *testing.T) {
	o := benchgen.Presets["tiny"]
	o.Provinces = 2
	dsn, owner, st := generate(t, o)
	const communes, plans, tasks, users = 3, 3 * 2, 3 * 2 * 5, 3 * benchgen.UsersPerCommune
	count := func(q string, args ...any) int {
		t.Helper()
		var n int
		if err := owner.Get(&n, q, args...); err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
		return n
	}
	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"communes", count(`SELECT count(*) FROM communes`), communes},
		{"commune users", count(`SELECT count(*) FROM users WHERE commune_id IS NOT NULL`), users},
		{"province accounts", count(`SELECT count(*) FROM users WHERE province IS NOT NULL`), 2},
		{"units", count(`SELECT count(*) FROM units`), 6 * communes},
		{"plans", count(`SELECT count(*) FROM plans`), plans},
		{"tasks", count(`SELECT count(*) FROM tasks`), tasks},
		{"tasks without an assignee", count(`SELECT count(*) FROM tasks t WHERE NOT EXISTS
			(SELECT FROM task_assignees a WHERE a.task_id = t.id)`), 0},
		{"progress", count(`SELECT count(*) FROM progress_updates`), 3 * count(`SELECT count(*) FROM tasks WHERE percent > 0`)},
		{"deliveries", count(`SELECT count(*) FROM deliveries`), tasks},
		{"notifications", count(`SELECT count(*) FROM notifications`), tasks},
		{"provinces", count(`SELECT count(DISTINCT province) FROM communes`), 2},
		{"stats: tasks", int(st.Tasks), tasks},
		{"stats: statuses fixed by the sweep", int(st.StatusFixed), 0},
		// The last report of a task carries its percent and time.
		{"tasks whose last report disagrees", count(`SELECT count(*) FROM tasks t
			JOIN LATERAL (SELECT percent, created_at FROM progress_updates p WHERE p.task_id = t.id
			              ORDER BY created_at DESC, id DESC LIMIT 1) p ON true
			WHERE p.percent <> t.percent OR p.created_at <> t.last_progress_at`), 0},
		{"done tasks without 100 %", count(`SELECT count(*) FROM tasks WHERE completed_at IS NOT NULL AND percent <> 100`), 0},
	} {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.what, c.got, c.want)
		}
	}

	// Every stored status is task_status() of the dataset's instant, the
	// rule the status sweep and every write apply.
	today := calendar.DateOf(benchgen.DefaultNow.In(models.VietnamTime))
	soon := calendar.Default().AddWorkingDays(today, 3)
	if n := count(`SELECT count(*) FROM tasks t JOIN communes c ON c.id = t.commune_id
		WHERE t.status <> task_status(t.cancelled_at, t.completed_at, t.percent, t.due_on, $1, $2, c.time_zone)`,
		today, soon); n != 0 {
		t.Errorf("%d tasks whose stored status is not task_status()", n)
	}
	if n := count(`SELECT count(DISTINCT status) FROM tasks`); n < 5 {
		t.Errorf("only %d distinct statuses; want a realistic mix", n)
	}

	// The foreign-key triggers were off during the load: check every foreign
	// key of the schema by hand.
	checkForeignKeys(t, owner)

	// Tenant isolation still holds for the generated rows: as tiendo_app in
	// commune 1, only commune 1's rows exist.
	app, err := config.ConnectApp(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	var first int64
	if err := owner.Get(&first, `SELECT id FROM communes WHERE code = $1`, benchgen.CommuneCode(1)); err != nil {
		t.Fatal(err)
	}
	tx := app.MustBegin()
	defer tx.Rollback()
	tx.MustExec(`SELECT set_config('tiendo.commune_id', $1, true)`, fmt.Sprint(first))
	for _, table := range []string{"tasks", "plans", "units", "memberships", "task_assignees", "progress_updates",
		"deliveries", "notifications"} {
		var mine, others int
		if err := tx.QueryRow(`SELECT count(*) FILTER (WHERE commune_id = $1), count(*) FILTER (WHERE commune_id <> $1) FROM `+
			table, first).Scan(&mine, &others); err != nil {
			t.Fatal(err)
		}
		if mine == 0 || others != 0 {
			t.Errorf("%s as commune %d: %d own rows, %d of other communes", table, first, mine, others)
		}
	}
}

// checkForeignKeys counts, for every foreign key, the rows whose reference
// has no target.
func checkForeignKeys(t *testing.T, db *sqlx.DB) {
	t.Helper()
	var fks []struct {
		Name   string `db:"conname"`
		Child  string `db:"child"`
		Parent string `db:"parent"`
		CCols  string `db:"ccols"`
		PCols  string `db:"pcols"`
	}
	err := db.Select(&fks, `
		SELECT c.conname, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
		       (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.i) FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
		        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS ccols,
		       (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.i) FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
		        JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS pcols
		FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace`)
	if err != nil {
		t.Fatal(err)
	}
	if len(fks) < 10 {
		t.Fatalf("found only %d foreign keys", len(fks))
	}
	for _, fk := range fks {
		q := fmt.Sprintf(`SELECT count(*) FROM %s x WHERE ROW(%s) IS NOT NULL
			AND NOT EXISTS (SELECT FROM %s p WHERE ROW(%s) = ROW(%s))`,
			fk.Child, prefixed("x", fk.CCols), fk.Parent, prefixed("p", fk.PCols), prefixed("x", fk.CCols))
		var n int
		if err := db.Get(&n, q); err != nil {
			t.Fatalf("%s: %v\n%s", fk.Name, err, q)
		}
		if n != 0 {
			t.Errorf("foreign key %s: %d rows of %s point nowhere", fk.Name, n, fk.Child)
		}
	}
}

func prefixed(alias, cols string) string {
	parts := strings.Split(cols, ", ")
	for i, c := range parts {
		parts[i] = alias + "." + c
	}
	return strings.Join(parts, ", ")
}
