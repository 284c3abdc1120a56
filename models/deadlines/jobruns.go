package deadlines

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tiendo/tiendo/models"
)

// ClaimSlot records that owner runs job for slot for the next lease (to be
// renewed with RenewSlot); false means another process ran the slot or holds
// it under a live lease.
func (s *Store) ClaimSlot(ctx context.Context, job string, slot time.Time, owner string, lease time.Duration) (bool, error) {
	var got []string
	err := s.jobQ.ClaimSlot.SelectContext(ctx, &got, job, slot, owner, s.Clock().Now(), interval(lease))
	return len(got) == 1, err
}

// RenewSlot extends owner's lease on a running slot.
func (s *Store) RenewSlot(ctx context.Context, job string, slot time.Time, owner string, lease time.Duration) error {
	_, err := s.jobQ.RenewSlot.ExecContext(ctx, job, slot, owner, interval(lease))
	return err
}

// FinishSlot records the outcome of owner's run of a slot; failed slots stay
// visible. A run whose slot was taken over records nothing.
func (s *Store) FinishSlot(ctx context.Context, job string, slot time.Time, owner string, runErr error, detail string) error {
	status := "done"
	if runErr != nil {
		status, detail = "failed", runErr.Error()
	}
	_, err := s.jobQ.FinishSlot.ExecContext(ctx, job, slot, s.Clock().Now(), status, detail, owner)
	return err
}

// interval is d as a PostgreSQL interval literal.
func interval(d time.Duration) string { return fmt.Sprintf("%d milliseconds", d.Milliseconds()) }

// LastSlot is the latest slot ever claimed for job (zero time if none).
func (s *Store) LastSlot(ctx context.Context, job string) (time.Time, error) {
	var t sql.NullTime
	if err := s.jobQ.LastSlot.GetContext(ctx, &t, job); err != nil {
		return time.Time{}, err
	}
	return t.Time, nil
}

// Communes lists every commune, for jobs that visit each.
func (s *Store) Communes(ctx context.Context) ([]models.CommuneInfo, error) {
	var out []models.CommuneInfo
	err := s.jobQ.CommuneClocks.SelectContext(ctx, &out)
	return out, err
}

// SweepStatuses brings every task's stored status up to date as of now, each
// commune on its own calendar, in one statement, and reports how many
// changed. Reads never depend on it (they recompute); roll-ups and reminders do.
func (s *Store) SweepStatuses(ctx context.Context, now time.Time) (int64, error) {
	cw, err := s.WindowsAt(ctx, now)
	if err != nil {
		return 0, err
	}
	res, err := s.jobQ.SweepStatuses.ExecContext(ctx, cw.IDs, cw.Today, cw.Soon, cw.TZs)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
