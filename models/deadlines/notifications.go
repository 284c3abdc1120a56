package deadlines

import (
	"context"
	"time"

	"github.com/tiendo/tiendo/models"
)

// Notification is one message of a user's in-app inbox.
type Notification struct {
	ID     int64  `json:"id" db:"id"`
	Kind   string `json:"kind" db:"kind"`
	TaskID *int64 `json:"task_id" db:"task_id"`
	// TaskPercent and TaskStatus are the task as it is now, read with the
	// notice, so an old reminder does not speak of a stale state; null for
	// a notice about no task (or a deleted one).
	TaskPercent *int       `json:"task_percent" db:"task_percent"`
	TaskStatus  *string    `json:"task_status" db:"task_status"`
	Title       string     `json:"title" db:"title"`
	Body        string     `json:"body" db:"body"`
	Link        string     `json:"link" db:"link"`
	CreatedAt   time.Time  `json:"created_at" db:"created_at"`
	ReadAt      *time.Time `json:"read_at" db:"read_at"`
}

// Inbox is one page of the caller's notifications and how many are unread
// in all.
type Inbox struct {
	models.Page[Notification]
	Unread int `json:"unread"`
}

// NotificationFilter narrows ListNotifications.
type NotificationFilter struct {
	UnreadOnly bool
	Limit      int
	Cursor     string
}

// ListNotifications is the actor's inbox, newest first. Everyone has one, and
// nobody reads another's.
func (s *Store) ListNotifications(ctx context.Context, a *models.Actor, f NotificationFilter) (*Inbox, error) {
	limit, after, err := models.IDPage(f.Limit, f.Cursor)
	if err != nil {
		return nil, err
	}
	inbox := &Inbox{Page: models.Page[Notification]{Items: []Notification{}}}
	err = s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		if err := t.Bind(s.noteQ.List).Select(&inbox.Items, a.CommuneID, a.UserID, f.UnreadOnly,
			models.NullID(after), limit+1); err != nil {
			return err
		}
		return t.Bind(s.noteQ.Unread).Get(&inbox.Unread, a.CommuneID, a.UserID)
	})
	if err != nil {
		return nil, err
	}
	inbox.Trim(limit, func(n Notification) any { return []any{n.ID} })
	return inbox, nil
}

// MarkNotificationRead marks one of the actor's notifications read; marking
// it again keeps the first time. Another user's notification is not found.
func (s *Store) MarkNotificationRead(ctx context.Context, a *models.Actor, id int64) error {
	return s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		var got int64
		return models.NotFound(t.Bind(s.noteQ.MarkRead).Get(&got, a.CommuneID, a.UserID, id, s.Clock().Now()))
	})
}

// MarkAllNotificationsRead marks every unread notification of the actor
// read and says how many it marked.
func (s *Store) MarkAllNotificationsRead(ctx context.Context, a *models.Actor) (int64, error) {
	var n int64
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		res, err := t.Bind(s.noteQ.ReadAll).Exec(a.CommuneID, a.UserID, s.Clock().Now())
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}
