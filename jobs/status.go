package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/tiendo/tiendo/models/domain"
)

// Status keeps stored task statuses current as time passes: a task becomes
// due soon or overdue at midnight without anyone writing to it.
type Status struct {
	Store *domain.Store
}

// Name implements Job.
func (Status) Name() string { return "status" }

// Spec implements Job: every five minutes, so midnight's changes land by 00:05.
func (Status) Spec() string { return "*/5 * * * *" }

// Run implements Job: statuses as of now, each commune on its own calendar.
func (j Status) Run(ctx context.Context, now time.Time) (string, error) {
	n, err := j.Store.SweepStatuses(ctx, now)
	return fmt.Sprintf("%d tasks changed status", n), err
}
