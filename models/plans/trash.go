package plans

import (
	"context"
	"time"

	"github.com/tiendo/tiendo/models"
)

// TrashDays is how long a deleted plan waits in the recycle bin ("Thùng
// rác") before the daily purge takes it away for good.
const TrashDays = 30

// TrashedPlan is a plan in the recycle bin: who deleted it, when, how many
// tasks went with it and from when the purge may take it.
type TrashedPlan struct {
	ID            int64     `json:"id" db:"id"`
	DocNumber     string    `json:"doc_number" db:"doc_number"`
	Title         string    `json:"title" db:"title"`
	Year          int       `json:"year" db:"year"`
	Kind          string    `json:"kind" db:"kind"`
	TaskCount     int       `json:"task_count" db:"task_count"`
	DeletedAt     time.Time `json:"deleted_at" db:"deleted_at"`
	DeletedBy     *int64    `json:"deleted_by" db:"deleted_by"`
	DeletedByName string    `json:"deleted_by_name" db:"deleted_by_name"`
	PurgeAfter    time.Time `json:"purge_after" db:"-"`
	DocSymbol     string    `json:"-" db:"doc_symbol"`
	DocNo         int       `json:"-" db:"doc_no"`
}

// DeletedPlan is what a delete did: the plan and its tasks are in the bin
// until PurgeAfter.
type DeletedPlan struct {
	TaskCount  int       `json:"task_count"`
	PurgeAfter time.Time `json:"purge_after"`
}

// purgeAfter is when a plan deleted at deleted leaves the bin.
func purgeAfter(deleted time.Time) time.Time { return deleted.AddDate(0, 0, TrashDays) }

// ListTrash lists the commune's recycle bin, newest deletion first. The bin
// is for those who may delete plans, since only they can act on it. A month
// of deletions (an import undone, say) can be more than one page, so it pages
// by (deleted_at, id) like every other list.
func (s *Store) ListTrash(ctx context.Context, a *models.Actor, f TrashFilter) (*models.Page[TrashedPlan], error) {
	if !a.CanManagePlans() {
		return nil, models.ErrForbidden
	}
	limit, err := models.PageLimit(f.Limit)
	if err != nil {
		return nil, err
	}
	var after struct {
		DeletedAt time.Time
		ID        int64
	}
	if err := models.DecodeCursor(f.Cursor, &after); err != nil {
		return nil, err
	}
	page := &models.Page[TrashedPlan]{Items: []TrashedPlan{}}
	err = s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		return t.Bind(s.trashQ.List).Select(&page.Items, a.CommuneID, models.NullTime(after.DeletedAt), after.ID, limit+1)
	})
	if err != nil {
		return nil, err
	}
	page.Trim(limit, func(p TrashedPlan) any { return []any{p.DeletedAt, p.ID} })
	for i := range page.Items {
		page.Items[i].PurgeAfter = purgeAfter(page.Items[i].DeletedAt)
	}
	return page, nil
}

// TrashFilter pages the bin: Limit plans (default 50) after Cursor.
type TrashFilter struct {
	Limit  int
	Cursor string
}

// RestorePlan takes a plan out of the bin with the tasks that went with it
// (not those deleted on their own before). A number another live plan took
// meanwhile is a ConflictError on doc_number naming that plan.
func (s *Store) RestorePlan(ctx context.Context, a *models.Actor, id int64) (*Plan, error) {
	w := s.WindowFor(ctx, a.Commune)
	var after *Plan
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		tp, err := s.lockTrashed(t, a, id)
		if err != nil {
			return err
		}
		if err := s.restoreRow(t, a, tp); err != nil {
			return err
		}
		if _, err := t.Bind(s.trashQ.RestoreTs).Exec(a.CommuneID, id, tp.DeletedAt, w.Today, w.Soon, w.TZ); err != nil {
			return err
		}
		if after, err = s.LoadPlan(t, a, id); err != nil {
			return err
		}
		return s.Audit(t, a, "restore", "plan", id, tp, after)
	})
	return after, err
}

// lockTrashed loads a plan of the bin for a restore: 404 when it is not in
// this commune's bin, 403 when the actor may not manage plans.
func (s *Store) lockTrashed(t *models.Tx, a *models.Actor, id int64) (*TrashedPlan, error) {
	var tp TrashedPlan
	if err := t.Bind(s.trashQ.Lock).Get(&tp, a.CommuneID, id); err != nil {
		return nil, models.NotFound(err)
	}
	if !a.CanManagePlans() {
		return nil, models.ErrForbidden
	}
	tp.PurgeAfter = purgeAfter(tp.DeletedAt)
	return &tp, nil
}

// restoreRow brings the plan's row back; the unique index on live numbers
// refuses it when the number was taken, and the savepoint keeps the
// transaction usable to name the plan that took it.
func (s *Store) restoreRow(t *models.Tx, a *models.Actor, tp *TrashedPlan) error {
	err := t.Savepoint(func() error {
		_, err := t.Bind(s.trashQ.Restore).Exec(a.CommuneID, tp.ID, s.Clock().Now())
		return err
	})
	c, ok := models.MapPGError(err).(*models.ConflictError)
	if !ok || c.Field != "doc_number" {
		return err
	}
	ex, err := s.planHolding(t, a.CommuneID, tp.Year, tp.DocSymbol, tp.DocNo)
	if err != nil {
		return err
	}
	return &models.ConflictError{Field: "doc_number", Existing: ex,
		Message: "số " + tp.DocNumber + " nay đã được dùng cho kế hoạch \"" + ex.Title + "\" năm " + models.Itoa(tp.Year) +
			"; đổi số của kế hoạch đó rồi khôi phục lại"}
}

// PurgeTrash marks purged, in every commune, the plans that have been in the
// bin for TrashDays, each with an audit row (the system's act). It is a mark
// and not a DELETE: the tasks' history is append-only (see migration 00023).
// Runs on the jobs' pool.
func (s *Store) PurgeTrash(ctx context.Context, now time.Time) (int64, error) {
	var n int64
	err := s.AcrossCommunes(ctx, func(t *models.Tx) error {
		res, err := t.Bind(s.trashQ.Purge).Exec(now.AddDate(0, 0, -TrashDays), now)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}
