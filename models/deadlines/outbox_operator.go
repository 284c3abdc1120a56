package deadlines

import (
	"context"
	"time"

	"github.com/lib/pq"

	"github.com/tiendo/tiendo/models"
)

// ReleaseDeliveries hands back claims that will not be sent (the process is
// stopping): each delivery whose claim still holds is due again at once, for
// any replica, instead of waiting for its lease to end. It returns the ids
// it released; the others had lost their claim and are someone else's.
func (s *Store) ReleaseDeliveries(ctx context.Context, ds []*Outbound, owner string) (map[int64]bool, error) {
	if len(ds) == 0 {
		return nil, nil
	}
	ids := make(pq.Int64Array, len(ds))
	attempts := make(pq.Int64Array, len(ds))
	for i, d := range ds {
		ids[i], attempts[i] = d.ID, int64(d.Attempts)
	}
	var released []int64
	err := s.AcrossCommunes(ctx, func(t *models.Tx) error {
		released = released[:0]
		return t.Bind(s.outBatchQ.Release).Select(&released, ids, attempts, s.Clock().Now(), owner)
	})
	out := make(map[int64]bool, len(released))
	for _, id := range released {
		out[id] = true
	}
	return out, err
}

// OutboxBacklog is what the outbox still has to send on one channel in one
// status (queued, sending, failed), for the operator's metrics.
type OutboxBacklog struct {
	Channel string    `db:"channel"`
	Status  string    `db:"status"`
	Count   int       `db:"n"`
	Oldest  time.Time `db:"oldest"`
}

// DeliveryBacklog reads the outbox's backlog across every commune, so it
// needs a jobs-pool store, and says what time it is by the store's clock.
func (s *Store) DeliveryBacklog(ctx context.Context) ([]OutboxBacklog, time.Time, error) {
	out := []OutboxBacklog{}
	err := s.AcrossCommunes(ctx, func(t *models.Tx) error {
		out = out[:0]
		return t.Bind(s.outBatchQ.Backlog).Select(&out)
	})
	return out, s.Clock().Now(), err
}
