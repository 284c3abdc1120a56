package jobs

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// occurrenceDates lists a series' occurrences oldest first as "nominal→due".
func occurrenceDates(t testing.TB, w *testfix.World, a *models.Actor, id int64) []string {
	t.Helper()
	sr, err := w.Store.GetSeries(context.Background(), a, id)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := len(sr.Occurrences) - 1; i >= 0; i-- {
		o := sr.Occurrences[i]
		out = append(out, o.OccurrenceOn.String()+"→"+o.DueOn.String())
	}
	return out
}

func sameList(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestWeeklyThursdaysOfApril2024 follows "Ngày không viết – Ngày không hẹn",
// every Thursday of April 2024 at the one-stop desk. Thursday 18 April is
// Giỗ Tổ Hùng Vương: by default its deadline moves to Friday 19; a series
// that skips holidays has no occurrence that week. Replicas running the job
// at once, a second run and a reset of the series' progress create nothing
// twice.
func TestWeeklyThursdaysOfApril2024(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	ctx := context.Background()
	w.Clock.Set(time.Date(2024, 3, 28, 9, 0, 0, 0, models.VietnamTime))
	chair, plan := newPlan(t, w, w.A, "03/KH-UBND")
	in := plans.SeriesInput{Title: "Ngày không viết – Ngày không hẹn", LeadUnitID: w.A.Office.ID,
		SupportingUnitIDs: []int64{w.A.Hamlet1.ID}, AssigneeIDs: []int64{w.A.Users[models.RoleOfficer].ID},
		Rule: plans.RuleWeekly, Weekdays: []int{4}, StartsOn: date(t, "2024-04-01"), EndsOn: date(t, "2024-04-30")}
	moved, err := w.Store.CreateSeries(ctx, chair, plan.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	in.OnHoliday = plans.OnHolidaySkip
	skipped, err := w.Store.CreateSeries(ctx, chair, plan.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	// Created on 28/3, with a horizon of two weeks: through 11/4.
	if got, want := occurrenceDates(t, w, chair, moved.ID), []string{"2024-04-04→2024-04-04", "2024-04-11→2024-04-11"}; !sameList(got, want) {
		t.Fatalf("at creation: %v, want %v", got, want)
	}
	job := Recurrence{Store: w.JobsStore(t)}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if _, err := job.Run(ctx, at("2024-04-20T00:15:00+07:00")); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if _, err := job.Run(ctx, at("2024-04-21T00:15:00+07:00")); err != nil {
		t.Fatal(err)
	}
	wantMoved := []string{"2024-04-04→2024-04-04", "2024-04-11→2024-04-11", "2024-04-18→2024-04-19", "2024-04-25→2024-04-25"}
	wantSkipped := []string{"2024-04-04→2024-04-04", "2024-04-11→2024-04-11", "2024-04-25→2024-04-25"}
	check := func(stage string) {
		t.Helper()
		if got := occurrenceDates(t, w, chair, moved.ID); !sameList(got, wantMoved) {
			t.Errorf("%s: moved to the next working day: %v, want %v", stage, got, wantMoved)
		}
		if got := occurrenceDates(t, w, chair, skipped.ID); !sameList(got, wantSkipped) {
			t.Errorf("%s: skipping holidays: %v, want %v", stage, got, wantSkipped)
		}
	}
	check("after the job")
	// Forget how far the series got: the unique (series_id, occurrence_on) absorbs the overlap.
	execIn(t, w, w.A.Info.ID, `UPDATE task_series SET generated_until = NULL WHERE id = ANY($1)`, []int64{moved.ID, skipped.ID})
	if _, err := job.Run(ctx, at("2024-04-21T00:15:00+07:00")); err != nil {
		t.Fatal(err)
	}
	check("after a reset")
	checkOccurrenceIsATask(t, w, chair, moved.ID)
}

// checkOccurrenceIsATask checks that the holiday occurrence is a task of its
// own, with the series' template and its own deadline and status.
func checkOccurrenceIsATask(t *testing.T, w *testfix.World, a *models.Actor, seriesID int64) {
	t.Helper()
	sr, err := w.Store.GetSeries(context.Background(), a, seriesID)
	if err != nil {
		t.Fatal(err)
	}
	task, err := w.Store.GetTask(context.Background(), a, sr.Occurrences[1].TaskID) // 18/4
	if err != nil {
		t.Fatal(err)
	}
	if task.SeriesID == nil || *task.SeriesID != seriesID || task.OccurrenceOn.String() != "2024-04-18" ||
		task.DueOn.String() != "2024-04-19" || task.Title != sr.Title || len(task.SupportingUnitIDs) != 1 ||
		len(task.AssigneeIDs) != 1 || task.Status != "not_started" {
		t.Errorf("occurrence task = %+v", task)
	}
}
