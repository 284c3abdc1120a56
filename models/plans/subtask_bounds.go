package plans

import (
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// A sub-task is never due after its parent, on every path that moves a
// deadline: an edit, an approved extension, a return with a new deadline.
// Nor may a parent move before one of its live sub-tasks. Either would make
// the whole late by construction, or a part of it due after the whole.

// dueBounds are a task's bounds (nil: none).
type dueBounds struct {
	ParentDue        *calendar.Date `db:"parent_due"`
	LatestSubtaskDue *calendar.Date `db:"latest_subtask_due"`
}

// checkDueBounds is the 400 naming due_on when due leaves task id's bounds.
func (s *Store) checkDueBounds(t *models.Tx, a *models.Actor, id int64, due calendar.Date) error {
	var b dueBounds
	if err := t.Bind(s.subQ.Bounds).Get(&b, a.CommuneID, id); err != nil {
		return err
	}
	v := &models.ValidationError{}
	if b.ParentDue != nil && due.After(*b.ParentDue) {
		v.Add("due_on", "after_parent", "thời hạn %s sau thời hạn của nhiệm vụ cấp trên (%s): hãy gia hạn nhiệm vụ cấp trên trước",
			due.VN(), b.ParentDue.VN())
	}
	if b.LatestSubtaskDue != nil && due.Before(*b.LatestSubtaskDue) {
		v.Add("due_on", "before_subtask", "thời hạn %s trước thời hạn của nhiệm vụ con (%s): hãy đổi thời hạn nhiệm vụ con trước",
			due.VN(), b.LatestSubtaskDue.VN())
	}
	return v.Err()
}
