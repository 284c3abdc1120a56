package jobs

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/domain"
)

// Reminders plans the day's reminders (models.PlanReminders has the rules):
// it derives from the tasks' state which deliveries are due as of now and
// queues them in the outbox, where Dispatch picks them up. A run that comes
// late (downtime) queues what is still relevant; a run repeated, or racing
// another replica, queues nothing twice.
type Reminders struct {
	Store   *domain.Store
	Options deadlines.PlanOptions
}

// Name implements Job.
func (Reminders) Name() string { return "reminders" }

// Spec implements Job: every ten minutes, so an assignment is announced
// within ten minutes and the 07:30 reminders go out at 07:30.
func (Reminders) Spec() string { return "*/10 * * * *" }

// Run implements Job.
func (j Reminders) Run(ctx context.Context, now time.Time) (string, error) {
	res, err := j.Store.PlanReminders(ctx, now, j.Options)
	if err != nil {
		return "", err
	}
	// Period reports the province awaits (statistics/report_deadlines.go).
	if res[models.KindReportDue], err = j.Store.PlanReportDue(ctx, now); err != nil {
		return "", err
	}
	return describePlan(res), nil
}

// describePlan is the job_runs detail, e.g. "queued 5: due_soon 3, overdue 2".
func describePlan(res deadlines.PlanResult) string {
	var parts []string
	for _, k := range models.DeliveryKinds {
		if n := res[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", k, n))
		}
	}
	if len(parts) == 0 {
		return "queued 0"
	}
	return fmt.Sprintf("queued %d: %s", res.Total(), strings.Join(parts, ", "))
}
