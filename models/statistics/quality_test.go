package statistics_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
	"github.com/tiendo/tiendo/models/statistics"
)

// TestQualityFindings records one of each slip the check looks for and
// expects each to be found, naming its records.
func TestQualityFindings(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	ctx := context.Background()
	chair := w.Actor(t, w.A, models.RoleChairman)
	mk := func(no, issued string) *plans.Plan {
		p, err := w.Store.CreatePlan(ctx, chair, plans.PlanInput{DocNumber: no, IssuedOn: testfix.Date(issued), Year: 2024,
			Kind: "other", Title: "Kế hoạch " + no})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	// 15 issued before 14: one of the two is misnumbered or misdated.
	p14, p15 := mk("14/KH-UBND", "2024-05-10"), mk("15/KH-UBND", "2024-04-02")
	task, err := w.Store.CreateTask(ctx, chair, p14.ID, plans.TaskInput{Title: "Tổng kết", LeadUnitID: w.A.Office.ID,
		StartOn: testfix.Date("2024-05-10"), DueOn: testfix.Date("2024-06-30")})
	if err != nil {
		t.Fatal(err)
	}
	// Marked done by a path that left no progress record (an old import, a fix in the database).
	tx := w.DB.MustBeginTx(ctx, nil)
	tx.MustExec(`SELECT set_config('tiendo.commune_id', $1, true)`, strconv.FormatInt(w.A.Info.ID, 10))
	tx.MustExec(`UPDATE tasks SET percent = 100, completed_at = now() WHERE id = $1`, task.ID)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	q1 := mustPeriod(t, "2024-Q1")
	if _, err := w.Store.RecordValue(ctx, chair, "online_submission", q1, statistics.ValueInput{Numerator: ptr(120.0),
		Denominator: ptr(100.0)}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Store.RecordDossierStats(ctx, chair, q1, statistics.DossierInput{Received: ptr(50), Resolved: ptr(40),
		ResolvedOnTime: ptr(45), Channels: []statistics.DossierLine{{Key: "online_partial", Received: ptr(50)},
			{Key: "postal", Parent: ptr("online_partial"), Received: ptr(60)}}}); err != nil {
		t.Fatal(err)
	}
	q, err := w.Store.Quality(ctx, w.Actor(t, w.A, models.RoleTeamMember), 2024)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]statistics.RecordRef{}
	for _, f := range q.Findings {
		got[f.Code] = append(got[f.Code], f.Records...)
	}
	for code, n := range map[string]int{"number_out_of_order": 2, "done_without_progress": 1,
		"numerator_above_denominator": 1, "rate_above_100": 1, "part_above_total": 2} {
		if len(got[code]) != n {
			t.Errorf("%s: %d records, want %d (%+v)", code, len(got[code]), n, q.Findings)
		}
	}
	if refs := got["number_out_of_order"]; len(refs) == 2 && (refs[0].ID != p14.ID || refs[1].ID != p15.ID) {
		t.Errorf("out of order names %+v", refs)
	}
	if refs := got["done_without_progress"]; len(refs) == 1 && refs[0].ID != task.ID {
		t.Errorf("done without progress names %+v", refs)
	}
}
