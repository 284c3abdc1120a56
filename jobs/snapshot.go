package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/tiendo/tiendo/models/domain"
)

// Snapshot records each day's task status counts per plan, per lead unit
// and per commune, so that trends can be charted later: statuses change
// with the clock, and the past cannot be recomputed from today's rows.
type Snapshot struct {
	Store *domain.Store
}

// Name implements Job.
func (Snapshot) Name() string { return "snapshot" }

// Spec implements Job: late in the day, so the counts are the day's last.
// A run after midnight (catch-up) records the new day, since statuses
// cannot be recomputed as they stood at a past instant.
func (Snapshot) Spec() string { return "50 23 * * *" }

// Run implements Job.
func (j Snapshot) Run(ctx context.Context, now time.Time) (string, error) {
	n, err := j.Store.TakeSnapshots(ctx, now)
	return fmt.Sprintf("%d snapshot rows written", n), err
}
