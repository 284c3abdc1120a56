// Package benchgen fills a tiendo database with a province's or the whole
// country's worth of communes for the scale benchmark (issue 7): units,
// accounts, memberships, plans, tasks with deadlines spread over a year,
// progress histories and delivered reminders. Everything is written by a
// handful of set-based INSERT … SELECT generate_series statements as the
// database owner — no row-by-row API calls — so the national preset (3,321
// communes, 1.66 million tasks, ~8 million progress reports) loads in
// minutes.
//
// The data is anchored at one instant (Options.Now, by default 30 September
// 2024 09:00 in Vietnam, the demo's "nine-month report" day): plans of 2024,
// deadlines from January to December, the past ones mostly done (some late,
// some overdue), the future ones in progress. Stored statuses are computed
// with task_status() for that instant exactly as the status sweep would, and
// Generate checks it by running the sweep, which must change nothing.
package benchgen

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/tiendo/tiendo/models/domain"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// CodePrefix starts the code of every generated commune; a database holds
// at most one generated dataset.
const CodePrefix = "BENCH-"

// DefaultNow is the instant the generated data describes.
var DefaultNow = time.Date(2024, 9, 30, 9, 0, 0, 0, models.VietnamTime)

// Options size a dataset.
type Options struct {
	Communes  int // communes, spread over Provinces provinces
	Provinces int // 0: one per 100 communes, at most 34
	Plans     int // plans per commune
	Tasks     int // tasks per plan
	Updates   int // progress reports per started task
	// Password of every generated account (username: bench-00001.chutich…);
	// hashed once with PasswordParams.
	Password       string
	PasswordParams models.PasswordParams // zero: models.DefaultPasswordParams
	Now            time.Time             // zero: DefaultNow
	Log            io.Writer             // progress lines; nil: none
}

// Presets are the named sizes of the issue.
var Presets = map[string]Options{
	"tiny":     {Communes: 3, Plans: 2, Tasks: 5, Updates: 3},
	"small":    {Communes: 20, Plans: 20, Tasks: 25, Updates: 5},
	"province": {Communes: 100, Plans: 20, Tasks: 25, Updates: 5},
	"national": {Communes: 3321, Plans: 20, Tasks: 25, Updates: 5},
}

// PresetNames lists the presets, smallest first.
func PresetNames() []string {
	names := make([]string, 0, len(Presets))
	for n := range Presets {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return Presets[names[i]].Communes < Presets[names[j]].Communes })
	return names
}

// Users per commune, in this order (username suffix, full name).
var userNames = [][2]string{
	{"chutich", "Chủ tịch UBND xã"}, {"bcd", "Thành viên Ban chỉ đạo"}, {"cb1", "Công chức 1"},
	{"cb2", "Công chức 2"}, {"cb3", "Công chức 3"}, {"to1", "Tổ công nghệ số ấp 1"},
	{"to2", "Tổ công nghệ số ấp 2"}, {"to3", "Tổ công nghệ số ấp 3"}, {"to4", "Tổ một cửa"},
}

// UsersPerCommune is len(userNames).
const UsersPerCommune = 9

// Username is the account name of the k-th (0-based) user of the n-th
// (1-based) generated commune.
func Username(commune, k int) string {
	return strings.ToLower(CommuneCode(commune)) + "." + userNames[k][0]
}

// CommuneCode is the code of the n-th (1-based) generated commune.
func CommuneCode(n int) string { return fmt.Sprintf("%s%05d", CodePrefix, n) }

// ProvinceName is the name of the p-th (1-based) generated province.
func ProvinceName(p int) string { return fmt.Sprintf("Tỉnh Bench %02d", p) }

// ProvinceUsername is the province account of the p-th province.
func ProvinceUsername(p int) string { return fmt.Sprintf("bench.tinh%02d", p) }

// Stats are what Generate wrote.
type Stats struct {
	Communes, Provinces, Users, Plans, Tasks, Progress, Deliveries int64
	StatusFixed                                                    int64 // rows the verifying sweep changed (want 0)
	Took                                                           time.Duration
	Steps                                                          []Step
}

// Step is one statement's time.
type Step struct {
	Name string        `json:"name"`
	Took time.Duration `json:"took_ns"`
	Rows int64         `json:"rows"`
}

func (o *Options) defaults() error {
	if o.Communes < 1 || o.Plans < 1 || o.Tasks < 1 || o.Updates < 0 {
		return errors.New("benchgen: --communes, --plans and --tasks must be at least 1, --updates at least 0")
	}
	if o.Communes > 99999 {
		return errors.New("benchgen: at most 99999 communes")
	}
	if o.Provinces <= 0 {
		o.Provinces = min(34, (o.Communes+99)/100)
	}
	o.Provinces = min(o.Provinces, o.Communes)
	if o.Now.IsZero() {
		o.Now = DefaultNow
	}
	if o.PasswordParams == (models.PasswordParams{}) {
		o.PasswordParams = models.DefaultPasswordParams
	}
	if len(o.Password) < 10 {
		return errors.New("benchgen: the accounts' password needs at least 10 characters")
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	return nil
}

// Existing counts the generated communes and tasks already in db.
func Existing(ctx context.Context, db *sqlx.DB) (communes, tasks int64, err error) {
	err = db.QueryRowxContext(ctx, `SELECT count(*) FROM communes WHERE code LIKE $1`, CodePrefix+"%").Scan(&communes)
	if err != nil || communes == 0 {
		return communes, 0, err
	}
	err = db.QueryRowxContext(ctx, `SELECT count(*) FROM tasks t JOIN communes c ON c.id = t.commune_id
		WHERE c.code LIKE $1`, CodePrefix+"%").Scan(&tasks)
	return communes, tasks, err
}

// Generate writes a dataset into db, which must be a migrated tiendo
// database without generated communes, connected as a role that bypasses
// row-level security (the owner in tiendo's private cluster is a superuser).
// jobs is a pool as config.JobsRole, used to verify the statuses with the
// status sweep; nil skips the check.
func Generate(ctx context.Context, db *sqlx.DB, jobs *sqlx.DB, o Options) (*Stats, error) {
	if err := o.defaults(); err != nil {
		return nil, err
	}
	var bypass bool
	if err := db.GetContext(ctx, &bypass, `SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user`); err != nil {
		return nil, fmt.Errorf("benchgen: %w", err)
	}
	if !bypass {
		return nil, errors.New("benchgen: connect as a superuser or a role WITH BYPASSRLS (tiendo's private cluster owner is one): the generator writes every commune at once")
	}
	if n, _, err := Existing(ctx, db); err != nil {
		return nil, fmt.Errorf("benchgen: %w", err)
	} else if n > 0 {
		return nil, fmt.Errorf("benchgen: the database already holds %d generated communes; use a fresh database", n)
	}
	hash, err := models.HashPassword(o.Password, o.PasswordParams)
	if err != nil {
		return nil, err
	}
	t0 := time.Now()
	g := &gen{db: db, o: o, st: &Stats{}, log: o.Log}
	today := calendar.DateOf(o.Now.In(models.VietnamTime))
	soon := calendar.Default().AddWorkingDays(today, 3) // communes' default due_soon_working_days
	g.args = map[string]any{
		"communes": o.Communes, "provinces": o.Provinces, "plans": o.Plans, "tasks": o.Tasks,
		"updates": o.Updates, "hash": hash, "now": o.Now, "today": today.String(), "soon": soon.String(),
		"prefix": CodePrefix,
	}
	if err := g.run(ctx); err != nil {
		return nil, err
	}
	if jobs != nil {
		js, err := domain.Open(jobs, models.Options{Clock: models.NewFixedClock(o.Now)})
		if err != nil {
			return nil, err
		}
		s0 := time.Now()
		g.st.StatusFixed, err = js.SweepStatuses(ctx, o.Now)
		js.Close()
		if err != nil {
			return nil, fmt.Errorf("benchgen: verifying statuses: %w", err)
		}
		g.step("verify statuses (sweep)", s0, g.st.StatusFixed)
	}
	g.st.Took = time.Since(t0)
	return g.st, nil
}

type gen struct {
	db   *sqlx.DB
	tx   *sqlx.Tx
	o    Options
	args map[string]any
	st   *Stats
	log  io.Writer
}

func (g *gen) step(name string, t0 time.Time, rows int64) {
	d := time.Since(t0)
	g.st.Steps = append(g.st.Steps, Step{Name: name, Took: d, Rows: rows})
	fmt.Fprintf(g.log, "  %-28s %10d rows %8.1fs\n", name, rows, d.Seconds())
}

// exec runs one statement whose :name placeholders name g.args.
func (g *gen) exec(ctx context.Context, name, q string) (int64, error) {
	t0 := time.Now()
	q, args := bind(q, g.args)
	res, err := g.tx.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, fmt.Errorf("benchgen: %s: %w", name, err)
	}
	n, _ := res.RowsAffected()
	g.step(name, t0, n)
	return n, nil
}

// argTypes are the SQL types of the statements' named arguments.
var argTypes = map[string]string{"communes": "int", "provinces": "int", "plans": "int", "tasks": "int",
	"updates": "int", "hash": "text", "now": "timestamptz", "today": "date", "soon": "date", "prefix": "text"}

var placeholder = regexp.MustCompile(`(^|[^:]):([a-z]+)\b`)

// bind turns :name into typed positional parameters ($1::int…).
func bind(q string, values map[string]any) (string, []any) {
	var args []any
	pos := map[string]int{}
	q = placeholder.ReplaceAllStringFunc(q, func(m string) string {
		sub := placeholder.FindStringSubmatch(m)
		typ, ok := argTypes[sub[2]]
		if !ok {
			return m
		}
		n, seen := pos[sub[2]]
		if !seen {
			args = append(args, values[sub[2]])
			n = len(args)
			pos[sub[2]] = n
		}
		return fmt.Sprintf("%s($%d::%s)", sub[1], n, typ)
	})
	return q, args
}

// The generated tasks of a plan are numbered g = 1…Tasks; h is a stable
// pseudo-random number per task (0…9999) that decides its fate, so every run
// of the same preset writes the same data.
func (g *gen) run(ctx context.Context) error {
	type stmt struct {
		name string
		q    string
		into *int64
	}
	steps := []stmt{
		{"communes", sqlCommunes, &g.st.Communes},
		{"units", sqlUnits, nil},
		{"users", sqlUsers, &g.st.Users},
		{"province accounts", sqlProvinceUsers, &g.st.Provinces},
		// Statistics of the rows just written, or the planner, which last saw
		// these tables empty, joins them with nested loops over seq scans.
		{"analyze", `ANALYZE communes, units, users`, nil},
		{"memberships", sqlMemberships, nil},
		{"plans", sqlPlans, &g.st.Plans},
		{"analyze plans", `ANALYZE memberships, plans`, nil},
		{"bench_task_src", sqlTaskSource, nil},
		{"analyze bench_task_src", `ANALYZE bench_task_src`, nil},
		{"tasks", sqlTasks, &g.st.Tasks},
		{"analyze tasks", `ANALYZE tasks`, nil},
		{"task_assignees", sqlAssignees, nil},
		{"task_units", sqlTaskUnits, nil},
		{"progress_updates", sqlProgress, &g.st.Progress},
		{"deliveries", sqlDeliveries, &g.st.Deliveries},
		{"notifications", sqlNotifications, nil},
		{"delivery_events", sqlDeliveryEvents, nil},
		{"drop bench_task_src", `DROP TABLE bench_task_src`, nil},
	}
	tx, err := g.db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	g.tx = tx
	// One transaction: a failure leaves the database as it was. Foreign-key
	// triggers are off (session_replication_role) because every reference is
	// built by a join on the rows just written; the plain indexes of the big
	// tables are dropped and rebuilt once at the end, which is several times
	// faster than maintaining them row by row.
	for _, q := range []string{`SET LOCAL session_replication_role = replica`,
		`SET LOCAL maintenance_work_mem = '256MB'`, `SET LOCAL synchronous_commit = off`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("benchgen: %s: %w", q, err)
		}
	}
	var defs []struct {
		Name string `db:"indexname"`
		Def  string `db:"indexdef"`
	}
	if err := tx.SelectContext(ctx, &defs, sqlBulkIndexes); err != nil {
		return fmt.Errorf("benchgen: %w", err)
	}
	t0 := time.Now()
	for _, d := range defs {
		if _, err := tx.ExecContext(ctx, `DROP INDEX `+pq.QuoteIdentifier(d.Name)); err != nil {
			return fmt.Errorf("benchgen: %w", err)
		}
	}
	g.step(fmt.Sprintf("drop %d indexes", len(defs)), t0, 0)
	for _, s := range steps {
		n, err := g.exec(ctx, s.name, s.q)
		if err != nil {
			return err
		}
		if s.into != nil {
			*s.into = n
		}
	}
	t0 = time.Now()
	for _, d := range defs {
		if _, err := tx.ExecContext(ctx, d.Def); err != nil {
			return fmt.Errorf("benchgen: %s: %w", d.Def, err)
		}
	}
	g.step(fmt.Sprintf("rebuild %d indexes", len(defs)), t0, 0)
	t0 = time.Now()
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("benchgen: %w", err)
	}
	g.step("commit", t0, 0)
	// VACUUM sets the visibility map (index-only scans) and leaves nothing
	// for autovacuum to do in the middle of a measurement; ANALYZE gives the
	// planner the new row counts.
	t0 = time.Now()
	if _, err := g.db.ExecContext(ctx, `VACUUM (ANALYZE)`); err != nil {
		return fmt.Errorf("benchgen: VACUUM: %w", err)
	}
	g.step("vacuum analyze", t0, 0)
	return nil
}

// sqlBulkIndexes are the indexes of the bulk-loaded tables that back no
// constraint (primary keys and unique constraints stay: ON CONFLICT needs them).
const sqlBulkIndexes = `
SELECT i.indexname, i.indexdef
FROM pg_indexes i
WHERE i.schemaname = current_schema()
  AND i.tablename IN ('tasks', 'task_assignees', 'task_units', 'progress_updates', 'deliveries',
                      'notifications', 'delivery_events')
  AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = (quote_ident(i.indexname))::regclass)
ORDER BY i.tablename, i.indexname`

// Token returns a session token for bench clients and the SHA-256 the
// sessions table keeps of it (see models/accounts/auth.go).
func Token(seed string) (token string, hash []byte) {
	sum := sha256.Sum256([]byte("tiendo-bench/" + seed))
	token = "bench" + hex.EncodeToString(sum[:])[:40]
	h := sha256.Sum256([]byte(token))
	return token, h[:]
}

const sqlCommunes = `
INSERT INTO communes (code, name, kind, province, created_at)
SELECT :prefix || lpad(n::text, 5, '0'), 'Xã Bench ' || n, CASE WHEN n % 10 = 0 THEN 'phuong' ELSE 'xa' END,
       'Tỉnh Bench ' || lpad((1 + (n - 1) % :provinces)::text, 2, '0'), :now
FROM generate_series(1, :communes) n`

// Six units per commune; the temporary numbering k is what later statements join on.
const sqlUnits = `
INSERT INTO units (commune_id, kind, name, created_at)
SELECT c.id, u.kind, u.name, :now
FROM communes c
CROSS JOIN (VALUES (1, 'office', 'Văn phòng UBND xã'), (2, 'steering_committee', 'Ban chỉ đạo chuyển đổi số'),
                   (3, 'team', 'Tổ công nghệ số ấp 1'), (4, 'team', 'Tổ công nghệ số ấp 2'),
                   (5, 'hamlet', 'Ấp 3'), (6, 'one_stop_desk', 'Bộ phận một cửa')) u(k, kind, name)
WHERE c.code LIKE :prefix || '%'
ORDER BY c.id, u.k`

const sqlUsers = `
INSERT INTO users (commune_id, username, full_name, email, password_hash, created_at)
SELECT c.id, lower(c.code) || '.' || u.suffix, u.full_name || ' ' || c.name,
       lower(c.code) || '.' || u.suffix || '@bench.example.vn', :hash, :now
FROM communes c
CROSS JOIN (VALUES (1, 'chutich', 'Chủ tịch UBND'), (2, 'bcd', 'Thành viên Ban chỉ đạo'), (3, 'cb1', 'Công chức 1'),
                   (4, 'cb2', 'Công chức 2'), (5, 'cb3', 'Công chức 3'), (6, 'to1', 'Tổ công nghệ số ấp 1'),
                   (7, 'to2', 'Tổ công nghệ số ấp 2'), (8, 'to3', 'Tổ trưởng ấp 3'), (9, 'to4', 'Bộ phận một cửa')) u(k, suffix, full_name)
WHERE c.code LIKE :prefix || '%'
ORDER BY c.id, u.k`

const sqlProvinceUsers = `
INSERT INTO users (province, username, full_name, password_hash, created_at)
SELECT 'Tỉnh Bench ' || lpad(p::text, 2, '0'), 'bench.tinh' || lpad(p::text, 2, '0'),
       'Sở Nội vụ tỉnh Bench ' || p, :hash, :now
FROM generate_series(1, :provinces) p`

// Who holds which role where: the chairman (also admin) and three officers
// in the office, a steering member, and a member in each team-like unit.
const sqlMemberships = `
INSERT INTO memberships (commune_id, user_id, unit_id, role, created_at)
SELECT u.commune_id, u.id, n.id, m.role, :now
FROM (VALUES ('chutich', 'Văn phòng UBND xã', 'chairman'), ('chutich', 'Văn phòng UBND xã', 'admin'),
             ('bcd', 'Ban chỉ đạo chuyển đổi số', 'steering_member'),
             ('cb1', 'Văn phòng UBND xã', 'officer'), ('cb2', 'Văn phòng UBND xã', 'officer'),
             ('cb3', 'Văn phòng UBND xã', 'officer'),
             ('to1', 'Tổ công nghệ số ấp 1', 'team_member'), ('to2', 'Tổ công nghệ số ấp 2', 'team_member'),
             ('to3', 'Ấp 3', 'team_member'), ('to4', 'Bộ phận một cửa', 'team_member')) m(suffix, unit, role)
JOIN communes c ON c.code LIKE :prefix || '%'
JOIN users u ON u.commune_id = c.id AND u.username = lower(c.code) || '.' || m.suffix
JOIN units n ON n.commune_id = c.id AND n.name = m.unit`

// Plans of 2024, issued a week apart from early January, of the five kinds;
// every third is steered by the steering committee.
const sqlPlans = `
INSERT INTO plans (commune_id, doc_number, doc_no, doc_type, doc_symbol, issued_on, year, kind, title, summary,
                   steering_unit_id, created_by, created_at, updated_at)
SELECT c.id, p || '/KH-UBND', p, 'KH', 'KH-UBND', d.issued, 2024,
       (ARRAY['admin_reform', 'emulation', 'propaganda', 'digital_transformation', 'other'])[1 + p % 5],
       'Kế hoạch ' || p || ' năm 2024 của ' || c.name, 'Kế hoạch sinh tự động cho kiểm thử tải',
       CASE WHEN p % 3 = 0 THEN s.id END, u.id, d.issued + time '08:00', d.issued + time '08:00'
FROM communes c
JOIN units s ON s.commune_id = c.id AND s.kind = 'steering_committee'
JOIN users u ON u.commune_id = c.id AND u.username = lower(c.code) || '.chutich'
CROSS JOIN generate_series(1, :plans) p
CROSS JOIN LATERAL (SELECT DATE '2024-01-02' + ((p - 1) * 7) % 180 AS issued) d
WHERE c.code LIKE :prefix || '%'
ORDER BY c.id, p`

// bench_task_src computes every task's fields once, so the tasks, their
// assignees and their progress histories agree. Deadlines spread over the
// year after the plan's issue; past deadlines are mostly met (one in five
// late), one in eight is still open (overdue); one in ten future tasks is
// already done; one in a hundred is cancelled. Lead units rotate over the
// office and the four team-like units; the assignee is that unit's member
// (an officer for the office), a second one for every third task.
const sqlTaskSource = `
CREATE UNLOGGED TABLE bench_task_src AS
SELECT nextval(pg_get_serial_sequence('tasks', 'id')) AS id, p.commune_id, p.id AS plan_id, g, x.h, x.due, p.issued_on AS start_on, lu.id AS lead_unit_id,
       ch.id AS chairman_id, au.id AS assignee_id, a2.id AS assignee2_id,
       CASE WHEN x.h % 100 = 0 THEN least(x.due, :today::date - 1) + time '10:00' END AS cancelled_at,
       f.completed_at, f.percent,
       CASE WHEN f.percent > 0 THEN COALESCE(f.completed_at,
              greatest(p.issued_on + time '09:00', :now::timestamptz - (1 + x.h % 30) * interval '1 day')) END
         AS last_progress_at
FROM plans p
JOIN communes c ON c.id = p.commune_id AND c.code LIKE :prefix || '%'
JOIN users ch ON ch.commune_id = p.commune_id AND ch.username = lower(c.code) || '.chutich'
CROSS JOIN generate_series(1, :tasks) g
CROSS JOIN LATERAL (SELECT ((p.id * 7919 + g * 104729) % 10000)::int AS h) hh
CROSS JOIN LATERAL (SELECT hh.h, greatest(p.issued_on + 14, DATE '2024-01-15' + (hh.h * 7 + g) % 351) AS due) x
CROSS JOIN LATERAL (SELECT (ARRAY['Văn phòng UBND xã', 'Tổ công nghệ số ấp 1', 'Tổ công nghệ số ấp 2', 'Ấp 3',
                                  'Bộ phận một cửa'])[1 + g % 5] AS unit,
                           (ARRAY['cb1', 'to1', 'to2', 'to3', 'to4'])[1 + g % 5] AS who) r
JOIN units lu ON lu.commune_id = p.commune_id AND lu.name = r.unit
JOIN users au ON au.commune_id = p.commune_id
  AND au.username = lower(c.code) || '.' || CASE WHEN r.who = 'cb1' THEN 'cb' || (1 + x.h % 3) ELSE r.who END
LEFT JOIN users a2 ON g % 3 = 0 AND a2.commune_id = p.commune_id
  AND a2.username = lower(c.code) || '.' || CASE WHEN r.who = 'cb1' THEN 'to1' ELSE 'cb1' END
CROSS JOIN LATERAL (
  SELECT CASE
           WHEN x.due < :today::date AND x.h % 8 <> 0 THEN
             least(:now::timestamptz - interval '1 hour',
                   x.due + time '16:00' + CASE WHEN x.h % 5 = 0 THEN (1 + x.h % 9) ELSE -(x.h % 6) END * interval '1 day')
           WHEN x.due >= :today::date AND x.h % 10 = 1 THEN :now::timestamptz - (1 + x.h % 20) * interval '1 day'
         END AS completed_at) cc
CROSS JOIN LATERAL (
  SELECT CASE WHEN cc.completed_at IS NOT NULL THEN greatest(cc.completed_at, p.issued_on + time '09:00') END
           AS completed_at,
         CASE WHEN cc.completed_at IS NOT NULL THEN 100
              WHEN p.issued_on >= :today::date THEN 0
              ELSE ((x.h / 10) % 5) * 20 END::smallint AS percent) f`

const sqlTasks = `
INSERT INTO tasks (id, commune_id, plan_id, title, description, lead_unit_id, start_on, due_on, percent, status,
                   completed_at, cancelled_at, last_progress_at, created_by, created_at, updated_at)
OVERRIDING SYSTEM VALUE
SELECT s.id, s.commune_id, s.plan_id, 'Nhiệm vụ ' || s.g || ': ' ||
         (ARRAY['Rà soát thủ tục hành chính', 'Tuyên truyền chuyển đổi số tại ấp', 'Hướng dẫn người dân cài đặt VNeID',
                'Số hóa hồ sơ một cửa', 'Tổ chức phong trào thi đua', 'Cập nhật cơ sở dữ liệu dân cư'])[1 + s.h % 6],
       '', s.lead_unit_id, s.start_on, s.due, s.percent,
       task_status(s.cancelled_at, s.completed_at, s.percent, s.due, :today::date, :soon::date, 'Asia/Ho_Chi_Minh'),
       s.completed_at, s.cancelled_at, s.last_progress_at, s.chairman_id,
       s.start_on + time '08:00', COALESCE(s.last_progress_at, s.start_on + time '08:00')
FROM bench_task_src s
ORDER BY s.id`

// Links each task to its source row.
const taskJoin = `
JOIN tasks t ON t.id = s.id`

const sqlAssignees = `
INSERT INTO task_assignees (commune_id, task_id, user_id)
SELECT s.commune_id, t.id, a.user_id
FROM bench_task_src s` + taskJoin + `
CROSS JOIN LATERAL (VALUES (s.assignee_id), (s.assignee2_id)) a(user_id)
WHERE a.user_id IS NOT NULL
ON CONFLICT DO NOTHING`

// Every fourth task led by a team is supported by the office.
const sqlTaskUnits = `
INSERT INTO task_units (commune_id, task_id, unit_id)
SELECT s.commune_id, t.id, o.id
FROM bench_task_src s` + taskJoin + `
JOIN units o ON o.commune_id = s.commune_id AND o.kind = 'office'
WHERE s.g % 4 = 0 AND s.lead_unit_id <> o.id`

// Updates reports per started task, by its assignee, rising evenly to the
// task's percent at last_progress_at.
const sqlProgress = `
INSERT INTO progress_updates (commune_id, task_id, author_id, percent, note, created_at)
SELECT s.commune_id, t.id, s.assignee_id, (s.percent * i / :updates)::smallint,
       CASE WHEN i = :updates AND s.percent = 100 THEN 'Đã hoàn thành' ELSE 'Cập nhật tiến độ lần ' || i END,
       s.start_on + time '09:00' + (s.last_progress_at - (s.start_on + time '09:00')) * i / :updates
FROM bench_task_src s` + taskJoin + `
CROSS JOIN generate_series(1, :updates) i
WHERE s.percent > 0
ORDER BY t.id, i`

// One delivered "assigned" reminder in the inbox of each task's assignee.
const sqlDeliveries = `
INSERT INTO deliveries (commune_id, task_id, recipient_id, kind, channel, window_key, payload, status, attempts,
                        next_attempt_at, created_at, updated_at, sent_at)
SELECT s.commune_id, t.id, s.assignee_id, 'assigned', 'inbox', s.start_on::text,
       jsonb_build_object('task_title', t.title, 'due_on', s.due), 'sent', 1,
       t.created_at, t.created_at, t.created_at, t.created_at + interval '1 minute'
FROM bench_task_src s` + taskJoin

const sqlNotifications = `
INSERT INTO notifications (commune_id, user_id, delivery_id, kind, task_id, title, body, link, created_at, read_at)
SELECT d.commune_id, d.recipient_id, d.id, d.kind, d.task_id, 'Nhiệm vụ mới được giao',
       d.payload->>'task_title', '/nhiem-vu/' || d.task_id, d.sent_at,
       CASE WHEN d.id % 4 <> 0 THEN d.sent_at + interval '2 hours' END
FROM deliveries d JOIN communes c ON c.id = d.commune_id AND c.code LIKE :prefix || '%'`

const sqlDeliveryEvents = `
INSERT INTO delivery_events (commune_id, delivery_id, at, event, attempt, actor)
SELECT d.commune_id, d.id, e.at, e.event, e.attempt, e.actor
FROM deliveries d JOIN communes c ON c.id = d.commune_id AND c.code LIKE :prefix || '%'
CROSS JOIN LATERAL (VALUES (d.created_at, 'queued', 0, ''), (d.sent_at, 'sent', 1, 'bench')) e(at, event, attempt, actor)`
