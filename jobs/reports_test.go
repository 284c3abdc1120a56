package jobs

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
)

// TestReportJobBuildsOnceAtCutoff runs the report job on 15/8/2024, the
// default cut-off of the 9 months and of the third quarter: each commune
// gets both reports (DOCX and XLSX kept), its chairman an inbox notice, and
// a second run builds nothing.
func TestReportJobBuildsOnceAtCutoff(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := testfix.New(t)
	chair, _ := newPlan(t, w, w.A, "06/KH-UBND")
	w.Clock.Set(time.Date(2024, 8, 15, 6, 15, 0, 0, models.VietnamTime))
	js := w.JobsStore(t)
	job := Reports{Store: js}
	detail, err := job.Run(ctx, js.Clock().Now())
	if err != nil || detail != "4 reports built" {
		t.Fatalf("first run: %q, %v", detail, err)
	}
	if detail, err = job.Run(ctx, js.Clock().Now()); err != nil || detail != "0 reports built" {
		t.Fatalf("second run: %q, %v", detail, err)
	}
	built, err := w.Store.ListBuiltReports(ctx, w.Actor(t, w.A, models.RoleTeamMember))
	if err != nil || len(built) != 4 {
		t.Fatalf("commune A keeps %d files (%v), want 2 periods × 2 formats", len(built), err)
	}
	for _, b := range built {
		if b.CutoffOn.String() != "2024-08-15" || b.BuiltBy != "scheduler" || (b.Period != "2024-M9" && b.Period != "2024-Q3") {
			t.Errorf("kept %+v", b)
		}
	}
	// The file is there for the commune, and another commune cannot fetch it.
	if f, err := w.Store.BuiltReportFile(ctx, chair, built[0].ID); err != nil || len(f.Content) == 0 {
		t.Fatalf("download: %v", err)
	}
	if _, err := w.Store.BuiltReportFile(ctx, w.Actor(t, w.B, models.RoleChairman), built[0].ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("other commune: %v", err)
	}
	// The outbox delivers the notice to the chairman's inbox.
	run(t, newDispatch(t, js, "test", nil))
	inbox, err := w.Store.ListNotifications(ctx, chair, deadlines.NotificationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]bool{}
	for _, n := range inbox.Items {
		titles[n.Title] = n.Kind == models.KindReport && n.Link != ""
	}
	if !titles["Báo cáo 9 tháng đầu năm 2024 đã được lập"] || !titles["Báo cáo quý III năm 2024 đã được lập"] {
		t.Fatalf("chairman's inbox: %+v", inbox.Items)
	}
}

// TestReportJobWaitsForCutoff: the day before the cut-off nothing is due.
func TestReportJobWaitsForCutoff(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	w.Clock.Set(time.Date(2024, 8, 14, 23, 0, 0, 0, models.VietnamTime))
	js := w.JobsStore(t)
	// Halves and the year close later; the first half closed on 15/5, more
	// than catchUpDays ago, so it is not built retroactively.
	if detail, err := (Reports{Store: js}).Run(context.Background(), js.Clock().Now()); err != nil || detail != "0 reports built" {
		t.Fatalf("run: %q, %v", detail, err)
	}
}
