package jobs

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
)

// TestPlannerLanesQueueOnce plans one commune per transaction, so the two
// communes are planned in two lanes at once, from three replicas at once:
// both communes get their reminders, each once, and the replicas' counts
// add up to what the outbox holds.
func TestPlannerLanesQueueOnce(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	w.Clock.Set(vn(9, 25, 10, 0))
	for _, c := range []*testfix.Commune{w.A, w.B} {
		chair, p := newPlan(t, w, c, "25/KH-UBND")
		for i := range 10 {
			assign(t, w, chair, p, fmt.Sprintf("Việc %d", i), fmt.Sprintf("2024-09-%02d", 26+i%5), c.Office.ID,
				c.Users[models.RoleOfficer].ID)
		}
	}
	var mu sync.Mutex
	total := 0
	var wg sync.WaitGroup
	for range 3 {
		job := Reminders{Store: w.JobsStore(t), Options: deadlines.PlanOptions{ChunkSize: 1}}
		wg.Go(func() {
			res, err := job.Store.PlanReminders(context.Background(), vn(9, 26, 8, 0), job.Options)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				t.Error(err)
			}
			total += res.Total()
		})
	}
	wg.Wait()
	held := 0
	for _, c := range []*testfix.Commune{w.A, w.B} {
		rows := deliveriesOf(t, w, c, deadlines.DeliveryFilter{})
		seen := map[string]bool{}
		kinds := map[string]int{}
		for _, d := range rows {
			key := fmt.Sprint(d.TaskID, d.RecipientID, d.Kind, d.Channel, d.Window)
			if seen[key] {
				t.Fatalf("queued twice: %s", key)
			}
			seen[key] = true
			kinds[d.Kind]++
		}
		if kinds["assigned"] != 10 || kinds["due_soon"] == 0 || kinds["digest"] == 0 {
			t.Errorf("commune %s: %v; want 10 assigned, due soon and digests", c.Info.Name, kinds)
		}
		held += len(rows)
	}
	if total != held {
		t.Fatalf("the planners reported %d queued, the outbox holds %d", total, held)
	}
}
