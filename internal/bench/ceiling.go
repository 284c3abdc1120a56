package bench

import (
	"context"
	"fmt"
	"time"
)

// insertCeiling measures what PostgreSQL itself does on this machine, in the
// same run, for the rows a morning's planning writes: a plain INSERT …
// SELECT of that many of the newest deliveries and as many delivery events
// into scratch tables, first bare, then carrying the same indexes (no
// foreign keys, no ON CONFLICT, nothing to derive). Each try is rolled back.
// The figure is the bare rate; the note gives both and the planner's share
// of each (rows are deliveries plus their "queued" events).
func (r *runner) insertCeiling(ctx context.Context) (*Figure, error) {
	n := r.plannedRows
	if n == 0 {
		return nil, fmt.Errorf("no planning measured")
	}
	var bare, indexed []float64
	for range 3 {
		for _, withIndexes := range []bool{false, true} {
			took, err := r.scratchInsert(ctx, n, withIndexes)
			if err != nil {
				return nil, err
			}
			rate := float64(2*n) / took.Seconds()
			if withIndexes {
				indexed = append(indexed, rate)
			} else {
				bare = append(bare, rate)
			}
		}
	}
	f := r.fig("planning_ceiling", bare)
	planned := float64(2*n) / (r.planningMedian / 1000)
	f.Note = fmt.Sprintf("%d deliveries + %d events: bare %.0f rows/s, with the same indexes %.0f rows/s; "+
		"the planner's median morning %.0f rows/s = %.1f %% of bare, %.1f %% of indexed", n, n, f.Median,
		quantile(indexed, 0.5), planned, 100*planned/f.Median, 100*planned/quantile(indexed, 0.5))
	return f, nil
}

// scratchInsert copies the n newest deliveries and events into new tables
// (with the originals' indexes or none) and rolls back.
func (r *runner) scratchInsert(ctx context.Context, n int, withIndexes bool) (time.Duration, error) {
	tx, err := r.owner.BeginTxx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	like := "INCLUDING DEFAULTS"
	if withIndexes {
		like = "INCLUDING DEFAULTS INCLUDING INDEXES"
	}
	if _, err := tx.ExecContext(ctx, `SET LOCAL jit = off;
		CREATE TABLE bench_scratch_d (LIKE deliveries `+like+`);
		CREATE TABLE bench_scratch_e (LIKE delivery_events `+like+`)`); err != nil {
		return 0, err
	}
	t0 := time.Now()
	if _, err := tx.ExecContext(ctx, `INSERT INTO bench_scratch_d SELECT * FROM deliveries ORDER BY id DESC LIMIT $1`, n); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO bench_scratch_e SELECT * FROM delivery_events ORDER BY id DESC LIMIT $1`, n); err != nil {
		return 0, err
	}
	return time.Since(t0), nil
}
