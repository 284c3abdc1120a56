package bench

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/tiendo/tiendo/internal/benchgen"
	"github.com/tiendo/tiendo/internal/config"
	"github.com/tiendo/tiendo/models/domain"
)

// Plan is the EXPLAIN (ANALYZE, BUFFERS) of one hot statement, run as the
// server runs it (tiendo_app, in the commune's or province's scope).
// SeqScans lists sequential scans of tables of 10,000 rows or more.
type Plan struct {
	Query     string   `json:"query"`
	Purpose   string   `json:"purpose"`
	SeqScans  []string `json:"seq_scans"` // sequential scans of tables that grow with the data
	Execution string   `json:"execution"`
	Text      string   `json:"plan"`
}

// bigTables grow with the number of tasks; a hot request must reach their
// rows through an index.
var bigTables = regexp.MustCompile(`Seq Scan on (tasks|task_assignees|task_units|progress_updates|deliveries|delivery_events|notifications|plans|sessions|memberships|users|audit_log)\b`)

var executionTime = regexp.MustCompile(`Execution Time: ([0-9.]+ ms)`)

// explain shows the plans of the statements behind the measured requests.
func (r *runner) explain(ctx context.Context) error {
	app, err := config.ConnectApp(ctx, r.o.DSN)
	if err != nil {
		return err
	}
	defer app.Close()
	var ids struct {
		Commune int64         `db:"commune_id"`
		Worker  int64         `db:"worker"`
		Version int64         `db:"auth_version"`
		Units   pq.Int64Array `db:"units"`
	}
	if err := r.owner.GetContext(ctx, &ids, `SELECT u.commune_id, u.id AS worker, u.auth_version,
		ARRAY(SELECT unit_id FROM memberships m WHERE m.user_id = u.id) AS units
		FROM users u WHERE u.username = $1`, r.worker(0)); err != nil {
		return err
	}
	var plans pq.Int64Array
	if err := r.owner.SelectContext(ctx, &plans, `SELECT id FROM plans WHERE commune_id = $1 ORDER BY id LIMIT 20`,
		ids.Commune); err != nil {
		return err
	}
	var province provinceDays
	if err := r.owner.SelectContext(ctx, &province.ids, `SELECT id FROM communes WHERE province = $1 ORDER BY id`,
		benchgen.ProvinceName(1)); err != nil {
		return err
	}
	var small pq.StringArray // tables too small for an index to pay
	if err := r.owner.SelectContext(ctx, &small, `SELECT relname FROM pg_class
		WHERE relkind = 'r' AND relnamespace = current_schema()::regnamespace AND reltuples < 10000`); err != nil {
		return err
	}
	_, hash := benchgen.Token(r.worker(0))
	now := benchgen.DefaultNow
	w := []any{"2024-09-30", "2024-10-03", "Asia/Ho_Chi_Minh"}
	cases := []struct {
		name, purpose, scope, value string
		args                        []any
	}{
		{"enter-session", "every request: the cached session's check", "", "",
			[]any{hash, now, now.AddDate(0, 0, -14), fmt.Sprint(ids.Commune), ids.Version}},
		{"session-by-hash", "a session's first request in a minute", "", "", []any{hash, now, now.AddDate(0, 0, -14)}},
		{"memberships-of", "a session's first request in a minute: the roles", "tiendo.commune_id",
			fmt.Sprint(ids.Commune), []any{ids.Worker}},
		{"list-tasks", "my tasks (assignee = me, 50)", "tiendo.commune_id", fmt.Sprint(ids.Commune),
			append(append([]any{ids.Commune, nil, nil, ids.Worker, nil, nil, nil, nil, nil, nil, 51}, w...), ids.Units)},
		{"list-tasks", "task list (50)", "tiendo.commune_id", fmt.Sprint(ids.Commune),
			append(append([]any{ids.Commune, nil, nil, nil, nil, nil, nil, nil, nil, nil, 51}, w...), nil)},
		{"list-tasks", "dashboard: overdue (50)", "tiendo.commune_id", fmt.Sprint(ids.Commune),
			append(append([]any{ids.Commune, nil, nil, nil, pq.StringArray{"overdue"}, nil, nil, nil, nil, nil, 51}, w...), nil)},
		{"report-tasks", "dashboard and report: the period's tasks", "tiendo.commune_id", fmt.Sprint(ids.Commune),
			[]any{ids.Commune, "2024-01-01", "2024-09-30", now, "2024-09-30", "2024-10-03", "Asia/Ho_Chi_Minh"}},
		{"list-snapshots", "dashboard: the 90-day trend", "tiendo.commune_id", fmt.Sprint(ids.Commune),
			[]any{ids.Commune, "2024-07-03", "2024-09-30", nil, nil}},
		{"plan-doc-numbers", "task lists: the plans' numbers", "tiendo.commune_id", fmt.Sprint(ids.Commune),
			[]any{ids.Commune, plans}},
		{"province-rollup", "province roll-up", "tiendo.province", benchgen.ProvinceName(1),
			append([]any{benchgen.ProvinceName(1)}, append(province.arrays(now), 2024)...)},
	}
	for _, c := range cases {
		q, err := domain.QueryText(c.name)
		if err != nil {
			return err
		}
		p, err := explainOne(ctx, app, c.scope, c.value, q, c.args, small)
		if err != nil {
			return fmt.Errorf("EXPLAIN %s: %w", c.name, err)
		}
		p.Query, p.Purpose = c.name, c.purpose
		r.res.Plans = append(r.res.Plans, p)
		verdict := "index scans only"
		if len(p.SeqScans) > 0 {
			verdict = "SEQUENTIAL SCAN: " + strings.Join(p.SeqScans, ", ")
		}
		fmt.Fprintf(r.o.Stdout, "  plan %-18s %-32s %10s  %s\n", c.name, c.purpose, p.Execution, verdict)
	}
	return nil
}

// explainOne runs EXPLAIN (ANALYZE, BUFFERS) of q in a transaction with the
// RLS scope set, and rolls it back.
func explainOne(ctx context.Context, app *sqlx.DB, scope, value, q string, args []any, small []string) (*Plan, error) {
	tx, err := app.BeginTxx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if scope != "" {
		if _, err := tx.ExecContext(ctx, `SELECT set_config($1, $2, true)`, scope, value); err != nil {
			return nil, err
		}
	}
	var lines []string
	if err := tx.SelectContext(ctx, &lines, "EXPLAIN (ANALYZE, BUFFERS) "+q, args...); err != nil {
		return nil, err
	}
	p := &Plan{Text: strings.Join(lines, "\n"), SeqScans: []string{}}
	for _, m := range bigTables.FindAllStringSubmatch(p.Text, -1) {
		if !slices.Contains(small, m[1]) {
			p.SeqScans = append(p.SeqScans, m[1])
		}
	}
	if m := executionTime.FindStringSubmatch(p.Text); m != nil {
		p.Execution = m[1]
	}
	return p, nil
}

// provinceDays are the per-commune arrays province-rollup takes: every
// commune of the province as of the dataset's instant.
type provinceDays struct{ ids pq.Int64Array }

func (p provinceDays) arrays(now time.Time) []any {
	n := len(p.ids)
	asOf, today, soon, tz := make(pq.StringArray, n), make(pq.StringArray, n), make(pq.StringArray, n), make(pq.StringArray, n)
	for i := range n {
		asOf[i], today[i], soon[i], tz[i] = now.Format(time.RFC3339), "2024-09-30", "2024-10-03", "Asia/Ho_Chi_Minh"
	}
	return []any{p.ids, asOf, today, soon, tz}
}
