package deadlines

import (
	"context"
	"sync"
	"time"

	"github.com/tiendo/tiendo/models"
)

// planLanes is how many chunks are planned at once, each in its own
// transaction on its own connection: a chunk's statements run on one core,
// and a national morning is CPU-bound in PostgreSQL. Chunk i belongs to lane
// i % planLanes, and a lane's transactions take the lane's advisory lock, so
// the planners of several replicas take turns chunk by chunk and never plan
// the same chunk at once; lanes cover disjoint communes, so their rows never
// meet (the dedup key would sort out any that did).
const planLanes = 2

// planChunks plans every chunk of in, planLanes at a time, and adds up what
// they queued. A failed chunk stops its lane; the others finish theirs.
func (s *Store) planChunks(ctx context.Context, in *planInput, now time.Time, o PlanOptions) (PlanResult, error) {
	var (
		mu       sync.Mutex
		wg       sync.WaitGroup
		total    = PlanResult{}
		firstErr error
	)
	for lane := range min(planLanes, len(in.chunks)) {
		wg.Go(func() {
			for i := lane; i < len(in.chunks); i += planLanes {
				res, err := s.planChunk(ctx, lane, in.chunks[i], in, now, o)
				mu.Lock()
				for k, n := range res {
					total[k] += n
				}
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
				if err != nil {
					return
				}
			}
		})
	}
	wg.Wait()
	return total, firstErr
}

// planChunk runs the three planning statements over one chunk of communes
// in one transaction, under its lane's lock.
func (s *Store) planChunk(ctx context.Context, lane int, communes string, in *planInput, now time.Time,
	o PlanOptions) (PlanResult, error) {
	base := []any{communes, in.distances, lookupPast, lookupStride, now}
	since := now.Add(-o.AssignedLookback)
	res := PlanResult{}
	err := s.AcrossCommunes(ctx, func(t *models.Tx) error {
		clear(res) // a retried transaction counts afresh
		if _, err := t.Bind(s.remQ.Lock).Exec(lane); err != nil {
			return err
		}
		if err := countQueued(t, s.remQ.Tasks, res, append(base, since)...); err != nil {
			return err
		}
		if err := countQueued(t, s.remQ.Events, res, communes, now, since); err != nil {
			return err
		}
		return countQueued(t, s.remQ.Digests, res, base...)
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}
