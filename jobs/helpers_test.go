package jobs

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
)

// date parses YYYY-MM-DD or fails the test.
func date(t testing.TB, s string) calendar.Date {
	t.Helper()
	d, err := calendar.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// newPlan makes a plan in commune c as its chairman.
func newPlan(t testing.TB, w *testfix.World, c *testfix.Commune, number string) (*models.Actor, *plans.Plan) {
	t.Helper()
	chair := w.Actor(t, c, models.RoleChairman)
	p, err := w.Store.CreatePlan(context.Background(), chair, plans.PlanInput{DocNumber: number,
		IssuedOn: calendar.NewDate(2024, time.January, 5), Kind: "other", Title: "Kế hoạch " + number})
	if err != nil {
		t.Fatal(err)
	}
	return chair, p
}

// newTask makes a task of plan p led by unit, due on due.
func newTask(t testing.TB, w *testfix.World, a *models.Actor, p *plans.Plan, unit int64, due string) *plans.Task {
	t.Helper()
	task, err := w.Store.CreateTask(context.Background(), a, p.ID, plans.TaskInput{Title: "Việc hạn " + due,
		LeadUnitID: unit, StartOn: date(t, "2024-09-01"), DueOn: date(t, due)})
	if err != nil {
		t.Fatal(err)
	}
	return task
}

// storedStatus reads the status column itself, which only writes and the
// sweep change (reads recompute it).
func storedStatus(t testing.TB, w *testfix.World, communeID, taskID int64) string {
	t.Helper()
	tx := w.DB.MustBeginTx(context.Background(), nil)
	defer tx.Rollback()
	tx.MustExec(`SELECT set_config('tiendo.commune_id', $1, true)`, strconv.FormatInt(communeID, 10))
	var s string
	if err := tx.Get(&s, `SELECT status FROM tasks WHERE id = $1`, taskID); err != nil {
		t.Fatal(err)
	}
	return s
}

// execIn runs one statement inside commune communeID, as the server's role.
func execIn(t testing.TB, w *testfix.World, communeID int64, q string, args ...any) {
	t.Helper()
	tx := w.DB.MustBeginTx(context.Background(), nil)
	tx.MustExec(`SELECT set_config('tiendo.commune_id', $1, true)`, strconv.FormatInt(communeID, 10))
	tx.MustExec(q, args...)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}
