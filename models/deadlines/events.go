package deadlines

import (
	"context"
	"time"

	"github.com/tiendo/tiendo/models"
)

// DefaultEventLookback is how far back the event planner looks: a planner
// that was down for less than this queues every event it missed; older
// events are not announced late (their news is stale and the log has them).
const DefaultEventLookback = 24 * time.Hour

// PlanEvents queues, for every live endpoint, the events of the last
// lookback that it subscribed to (queries/events.sql has the rules). Each
// event is queued once per endpoint however often and on however many
// replicas this runs; the dispatcher sends it like any other delivery.
func (s *Store) PlanEvents(ctx context.Context, now time.Time, lookback time.Duration) (PlanResult, error) {
	if lookback <= 0 {
		lookback = DefaultEventLookback
	}
	res := PlanResult{}
	err := s.AcrossCommunes(ctx, func(t *models.Tx) error {
		clear(res) // a retried transaction counts afresh
		return countQueued(t, s.eventQ.Plan, res, now, now.Add(-lookback))
	})
	return res, err
}
