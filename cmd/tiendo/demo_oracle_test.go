package main

import (
	"database/sql"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// demoOracle reads the reminder rules (default settings) straight from the
// product's description and applies them in Go to the database's tasks,
// independently of the planner's SQL: the deliveries per "channel/kind" due
// at now, for every commune. now must be a working-day morning after 07:30.
func demoOracle(t *testing.T, db *sqlx.DB, now time.Time) map[string]int {
	t.Helper()
	w := loadWorld(t, db)
	today := calendar.LocalDate(now)
	out := map[string]int{}
	digest := map[int64]bool{}
	add := func(kind string, users []int64) {
		for _, u := range users {
			out["inbox/"+kind]++
			if w.email[u] {
				out["email/"+kind]++
			}
		}
	}
	for _, task := range w.tasks {
		cal, people := w.calendar(t, task.CommuneID), w.people(task)
		soon := cal.AddWorkingDays(today, w.dueSoonDays[task.CommuneID])
		since := now.Add(-7 * 24 * time.Hour)
		if !task.CreatedAt.Before(since) || !w.reassigned[task.ID].Before(since) {
			add(models.KindAssigned, people)
		}
		for _, kind := range deadlineKinds(cal, today, task.DueOn) {
			if kind == models.KindEscalation {
				add(kind, w.chairmen[task.CommuneID])
			} else {
				add(kind, people)
			}
		}
		inProgress := task.Percent > 0 && task.DueOn.After(soon)
		if inProgress && calendar.LocalDate(task.LastUpdate).DaysUntil(today) >= 14 {
			add(models.KindStale, people)
		}
		if !task.DueOn.After(soon) {
			for _, u := range people {
				digest[u] = true
			}
		}
	}
	for u := range digest {
		add(models.KindDigest, []int64{u})
	}
	for commune, n := range reportsDue(t, db, today) {
		out["inbox/report_due"] += n * len(w.chairmen[commune]) // the chairmen, in the inbox only
	}
	return out
}

// reportsDue counts, per commune, the reminders of a period report its
// province wants (report_deadlines) and it has not sent: one from three days
// before the deadline to the day itself, one once the day has passed.
func reportsDue(t *testing.T, db *sqlx.DB, today calendar.Date) map[int64]int {
	t.Helper()
	var rows []struct {
		Commune int64     `db:"commune_id"`
		DueOn   time.Time `db:"due_on"`
	}
	err := db.Select(&rows, `SELECT c.id AS commune_id, d.due_on FROM report_deadlines d
		JOIN communes c ON c.province = d.province
		WHERE NOT EXISTS (SELECT FROM report_versions v WHERE v.commune_id = c.id
		                    AND v.period_start = d.period_start AND v.period_end = d.period_end)`)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]int{}
	for _, r := range rows {
		due := calendar.DateOf(r.DueOn)
		if !today.Before(due.AddDays(-3)) {
			out[r.Commune]++
		}
	}
	return out
}

// deadlineKinds are a task's deadline reminders today under the default
// rules: 3 and 1 working days before (the smaller lead once fewer days are
// left), on the last working day, overdue on the 1st, 4th, 7th… working day
// after (the current window), escalation from the 5th.
func deadlineKinds(cal *calendar.Calendar, today, due calendar.Date) []string {
	if !due.Before(today) {
		switch left := cal.WorkingDaysBetween(today, due); {
		case left == 0:
			return []string{models.KindDueToday}
		case left <= 3:
			return []string{models.KindDueSoon}
		}
		return nil
	}
	late := cal.WorkingDaysBetween(due, today)
	if late >= 5 {
		return []string{models.KindOverdue, models.KindEscalation}
	}
	return []string{models.KindOverdue}
}

// oracleTask is an open task of an active plan.
type oracleTask struct {
	ID         int64         `db:"id"`
	CommuneID  int64         `db:"commune_id"`
	LeadUnitID int64         `db:"lead_unit_id"`
	DueOn      calendar.Date `db:"due_on"`
	Percent    int           `db:"percent"`
	CreatedAt  time.Time     `db:"created_at"`
	LastUpdate time.Time     `db:"last_update"`
	Supporting pq.Int64Array `db:"supporting"`
}

// oracleWorld is the database read plainly.
type oracleWorld struct {
	tasks       []oracleTask
	assignees   map[int64][]int64 // task → active users
	workers     map[int64][]int64 // unit → active officers and team members
	parent      map[int64]int64   // unit → its parent unit
	chairmen    map[int64][]int64 // commune → active chairmen
	email       map[int64]bool
	dueSoonDays map[int64]int
	overrides   map[int64][]calendar.Override
	reassigned  map[int64]time.Time // task → its last change of assignees or lead unit
}

// people is who is told about a task: its assignees, else whoever reports
// for the lead unit (its workers and its sub-units'), else for the
// supporting units.
func (w *oracleWorld) people(task oracleTask) []int64 {
	if a := w.assignees[task.ID]; len(a) > 0 {
		return a
	}
	if l := w.reporters(task.LeadUnitID); len(l) > 0 {
		return l
	}
	var out []int64
	for _, u := range task.Supporting {
		for _, p := range w.reporters(u) {
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// reporters are the workers of unit and of the units whose parent it is.
func (w *oracleWorld) reporters(unit int64) []int64 {
	out := slices.Clone(w.workers[unit])
	for child, parent := range w.parent {
		if parent != unit {
			continue
		}
		for _, p := range w.workers[child] {
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

func (w *oracleWorld) calendar(t *testing.T, communeID int64) *calendar.Calendar {
	if len(w.overrides[communeID]) == 0 {
		return calendar.Default()
	}
	return calendar.New(append(calendar.Official(), w.overrides[communeID]...))
}

func loadWorld(t *testing.T, db *sqlx.DB) *oracleWorld {
	t.Helper()
	w := &oracleWorld{assignees: map[int64][]int64{}, workers: map[int64][]int64{}, chairmen: map[int64][]int64{},
		email: map[int64]bool{}, dueSoonDays: map[int64]int{}, overrides: map[int64][]calendar.Override{},
		reassigned: map[int64]time.Time{}, parent: map[int64]int64{}}
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.Select(&w.tasks, `SELECT t.id, t.commune_id, t.lead_unit_id, t.due_on, t.percent, t.created_at,
		COALESCE(t.last_progress_at, t.created_at) AS last_update,
		ARRAY(SELECT tu.unit_id FROM task_units tu WHERE tu.task_id = t.id) AS supporting
		FROM tasks t JOIN plans p ON p.id = t.plan_id
		WHERE t.deleted_at IS NULL AND t.completed_at IS NULL AND t.cancelled_at IS NULL
		  AND p.deleted_at IS NULL AND p.status = 'active'`))
	var pairs []struct {
		Key  int64  `db:"k"`
		User int64  `db:"u"`
		Kind string `db:"kind"`
	}
	must(db.Select(&pairs, `SELECT a.task_id AS k, a.user_id AS u, 'assignee' AS kind FROM task_assignees a
		JOIN users u ON u.id = a.user_id AND u.disabled_at IS NULL
		UNION SELECT m.unit_id, m.user_id, 'worker' FROM memberships m JOIN users u ON u.id = m.user_id AND u.disabled_at IS NULL
		WHERE m.role IN ('officer', 'team_member')
		UNION SELECT m.commune_id, m.user_id, 'chairman' FROM memberships m JOIN users u ON u.id = m.user_id AND u.disabled_at IS NULL
		WHERE m.role = 'chairman'`))
	for _, p := range pairs {
		m := map[string]map[int64][]int64{"assignee": w.assignees, "worker": w.workers, "chairman": w.chairmen}[p.Kind]
		if !slices.Contains(m[p.Key], p.User) {
			m[p.Key] = append(m[p.Key], p.User)
		}
	}
	var users []struct {
		ID    int64  `db:"id"`
		Email string `db:"email"`
	}
	must(db.Select(&users, `SELECT id, email FROM users`))
	for _, u := range users {
		w.email[u.ID] = u.Email != ""
	}
	var communes []struct {
		ID   int64 `db:"id"`
		Days int   `db:"due_soon_working_days"`
	}
	must(db.Select(&communes, `SELECT id, due_soon_working_days FROM communes`))
	for _, c := range communes {
		w.dueSoonDays[c.ID] = c.Days
	}
	var ovs []struct {
		CommuneID int64          `db:"commune_id"`
		Date      calendar.Date  `db:"date"`
		Action    string         `db:"action"`
		Kind      sql.NullString `db:"kind"`
	}
	must(db.Select(&ovs, `SELECT commune_id, date, action, kind FROM calendar_overrides`))
	for _, o := range ovs {
		w.overrides[o.CommuneID] = append(w.overrides[o.CommuneID],
			calendar.Override{Date: o.Date, Action: o.Action, Kind: o.Kind.String})
	}
	var units []struct {
		ID     int64 `db:"id"`
		Parent int64 `db:"parent_id"`
	}
	must(db.Select(&units, `SELECT id, parent_id FROM units WHERE parent_id IS NOT NULL`))
	for _, u := range units {
		w.parent[u.ID] = u.Parent
	}
	loadReassignments(t, db, w)
	return w
}

// loadReassignments reads, from the audit log, when each task last changed
// hands (assignees or lead unit).
func loadReassignments(t *testing.T, db *sqlx.DB, w *oracleWorld) {
	var audits []struct {
		TaskID int64     `db:"entity_id"`
		At     time.Time `db:"at"`
		Before []byte    `db:"before"`
		After  []byte    `db:"after"`
	}
	if err := db.Select(&audits, `SELECT entity_id, at, before, after FROM audit_log
		WHERE entity = 'task' AND action = 'update'`); err != nil {
		t.Fatal(err)
	}
	type hands struct {
		Assignees []int64 `json:"assignee_ids"`
		Lead      int64   `json:"lead_unit_id"`
	}
	for _, a := range audits {
		var before, after hands
		if json.Unmarshal(a.Before, &before) != nil || json.Unmarshal(a.After, &after) != nil {
			t.Fatalf("audit of task %d: unreadable", a.TaskID)
		}
		if (before.Lead != after.Lead || !slices.Equal(before.Assignees, after.Assignees)) && a.At.After(w.reassigned[a.TaskID]) {
			w.reassigned[a.TaskID] = a.At
		}
	}
}
