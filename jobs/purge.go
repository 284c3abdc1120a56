package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/tiendo/tiendo/models"
)

// PurgeKeys deletes idempotency keys and page form tokens older than
// models.IdempotencyTTL, with the answers kept for their replay.
type PurgeKeys struct {
	Store *models.Store
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
