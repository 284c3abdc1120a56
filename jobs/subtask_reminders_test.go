package jobs

import (
	"context"
	"reflect"
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/plans"
)

// TestSubtaskEscalatesToTheForwarderFirst: the culture officer forwards part
// of her task to the hamlet-1 team, due Wednesday 4 September 2024. The
// team is reminded as for any task; at 5 working days overdue (11/9) the
// escalation goes to the officer who forwarded it, not the chairman; at 10
// (18/9) to the chairman. The officer's own task, not late, escalates to
// nobody.
func TestSubtaskEscalatesToTheForwarderFirst(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	w.Clock.Set(vn(8, 19, 15, 0))
	chair, p := newPlan(t, w, w.A, "19/KH-UBND")
	officer := w.A.Users[models.RoleOfficer]
	parent := assign(t, w, chair, p, "Triển khai VNeID mức 2", "2024-12-31", w.A.Office.ID, officer.ID)
	sub, err := w.Store.CreateSubtask(context.Background(), w.Actor(t, w.A, models.RoleOfficer), parent.ID,
		plans.TaskInput{Title: "VNeID mức 2 – ấp 1", LeadUnitID: w.A.Hamlet1.ID, DueOn: date(t, "2024-09-04")})
	if err != nil {
		t.Fatal(err)
	}
	job := Reminders{Store: w.JobsStore(t)}
	for day := vn(8, 20, 8, 0); !day.After(vn(9, 20, 8, 0)); day = day.AddDate(0, 0, 1) {
		plan(t, job, w, day)
	}
	want := map[string][]string{"assigned": {"08-20"}, "due_soon": {"08-28", "08-30"}, "due_today": {"09-04"},
		"overdue": {"09-05", "09-10", "09-13", "09-18"}, "escalation": {"09-11", "09-18"}}
	if got := queuedDays(t, w, w.A, sub.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("sub-task reminders:\n got  %v\n want %v", got, want)
	}
	team, chairman := w.A.Users[models.RoleTeamMember].ID, w.A.Users[models.RoleChairman].ID
	for _, d := range deliveriesOf(t, w, w.A, deadlines.DeliveryFilter{TaskID: sub.ID, Channel: "inbox"}) {
		wantTo := team
		switch {
		case d.Kind == "escalation" && d.Window == "2024-09-04/forwarder":
			wantTo = officer.ID
		case d.Kind == "escalation":
			wantTo = chairman
		}
		if d.RecipientID != wantTo {
			t.Errorf("%s %s to user %d, want %d", d.Kind, d.Window, d.RecipientID, wantTo)
		}
	}
	if got := queuedDays(t, w, w.A, parent.ID); got["escalation"] != nil {
		t.Errorf("the parent, not late, escalated: %v", got)
	}
}
