package demo

import (
	"context"
	"slices"
	"testing"

	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/domain"
	"github.com/tiendo/tiendo/models/plans"

	"github.com/tiendo/tiendo/internal/config"
	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// TestHamletTaskReachesToap1: in the demo the chairman gives a task to the
// hamlet "Ấp Trung Phú 1" rather than to its digital team. toap1, a member of
// that team, finds it in "Việc của tôi", may report on it, and is reminded
// by the real planner (the jobs' pool, a fixed clock), and no warning is
// raised; a task of "Ấp Đông Bình Nhất", whose team has no account, warns.
func TestHamletTaskReachesToap1(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := testdb.NewDSN(t)
	db, err := config.ConnectApp(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := Load(ctx, db, testOptions(testPassword)); err != nil {
		t.Fatal(err)
	}
	s := storeAt(t, db)
	chutich, toap1 := login(t, s, "chutich", testPassword), login(t, s, "toap1", testPassword)
	units, err := s.ListUnits(ctx, chutich)
	if err != nil {
		t.Fatal(err)
	}
	unit := func(name string) int64 {
		i := slices.IndexFunc(units, func(u accounts.Unit) bool { return u.Name == name })
		if i < 0 {
			t.Fatalf("no unit %q", name)
		}
		return units[i].ID
	}
	plan := plans2024(t, s, chutich)[0]
	task, err := s.CreateTask(ctx, chutich, plan.ID, plans.TaskInput{Title: "Hỗ trợ người dân ấp Trung Phú 1 cài VNeID",
		LeadUnitID: unit("Ấp Trung Phú 1"), DueOn: calendar.NewDate(2024, 10, 31)})
	if err != nil || len(task.Warnings) != 0 {
		t.Fatalf("create: %v %+v", err, task)
	}
	page, err := s.ListTasks(ctx, toap1, plans.TaskFilter{Mine: true, Limit: models.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(page.Items, func(x plans.Task) bool { return x.ID == task.ID }) || !task.CanReportProgress(toap1) {
		t.Fatal("toap1 neither sees nor may report on the hamlet's task")
	}
	jobsDB, err := config.ConnectAs(ctx, dsn, config.JobsRole, 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { jobsDB.Close() })
	jobs, err := domain.Open(jobsDB, models.Options{Clock: models.NewFixedClock(sept30), Password: models.TestPasswordParams})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(jobs.Close)
	if _, err := jobs.PlanReminders(ctx, sept30, deadlines.PlanOptions{}); err != nil {
		t.Fatal(err)
	}
	ds, err := s.ListDeliveries(ctx, toap1, deadlines.DeliveryFilter{TaskID: task.ID})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(ds.Items, func(d deadlines.Delivery) bool { return d.Kind == models.KindAssigned }) {
		t.Fatalf("toap1 is not reminded of the hamlet's task: %+v", ds.Items)
	}
	orphan, err := s.CreateTask(ctx, chutich, plan.ID, plans.TaskInput{Title: "Tuyên truyền tại ấp Đông Bình Nhất",
		LeadUnitID: unit("Ấp Đông Bình Nhất"), DueOn: calendar.NewDate(2024, 10, 31)})
	if err != nil || len(orphan.Warnings) != 1 || orphan.Warnings[0].Code != "no_recipient" {
		t.Fatalf("a hamlet nobody reports for: %v %+v", err, orphan)
	}
}
