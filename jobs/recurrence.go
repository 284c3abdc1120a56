package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/tiendo/tiendo/models/domain"
)

// Recurrence generates the occurrences of every commune's recurring tasks
// ahead of time: two weeks for weekly series, the next month or quarter for
// the others. The series remember how far they got, so a run after downtime
// catches up and a repeated run creates nothing twice.
type Recurrence struct {
	Store *domain.Store
}

// Name implements Job.
func (Recurrence) Name() string { return "recurrence" }

// Spec implements Job: daily just after midnight, when the horizon moves by
// a day; Start's catch-up covers a process that was down at 00:15.
func (Recurrence) Spec() string { return "15 0 * * *" }

// Run implements Job.
func (j Recurrence) Run(ctx context.Context, now time.Time) (string, error) {
	n, err := j.Store.GenerateOccurrences(ctx, now)
	return fmt.Sprintf("%d occurrences created", n), err
}
