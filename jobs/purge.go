package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/tiendo/tiendo/models/domain"
)

// PurgeKeys deletes idempotency keys and page form tokens older than
// models.IdempotencyTTL, with the answers kept for their replay.
type PurgeKeys struct {
	Store *domain.Store
}

// Name implements Job.
func (PurgeKeys) Name() string { return "purge-keys" }

// Spec implements Job: hourly; a key outliving its day by an hour is harmless,
// since a claim treats an expired key as free.
func (PurgeKeys) Spec() string { return "41 * * * *" }

// Run implements Job.
func (j PurgeKeys) Run(ctx context.Context, now time.Time) (string, error) {
	n, err := j.Store.PurgeIdempotencyKeys(ctx, now)
	return fmt.Sprintf("%d idempotency keys purged", n), err
}

// PurgeTrash takes plans that have lain TrashDays in the recycle bin out of
// it for good (a mark with an audit row, see models.PurgeTrash).
type PurgeTrash struct {
	Store *domain.Store
}

// Name implements Job.
func (PurgeTrash) Name() string { return "purge-trash" }

// Spec implements Job: daily, at night, when nobody is restoring; a plan
// kept a few hours past its 30 days is harmless.
func (PurgeTrash) Spec() string { return "23 2 * * *" }

// Run implements Job.
func (j PurgeTrash) Run(ctx context.Context, now time.Time) (string, error) {
	n, err := j.Store.PurgeTrash(ctx, now)
	return fmt.Sprintf("%d plans purged from the recycle bin", n), err
}
