package deadlines

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/tiendo/tiendo/models"
)

// Delivery is one row of the outbox as the API shows it: the evidence of
// what was sent to whom, through which channel, when, and how it went.
type Delivery struct {
	ID            int64      `json:"id" db:"id"`
	TaskID        *int64     `json:"task_id" db:"task_id"`
	TaskTitle     *string    `json:"task_title" db:"task_title"`
	RecipientID   int64      `json:"recipient_id" db:"recipient_id"` // 0 for an event
	EndpointID    *int64     `json:"endpoint_id" db:"endpoint_id"`   // an event's endpoint
	RecipientName string     `json:"recipient_name" db:"recipient_name"`
	Kind          string     `json:"kind" db:"kind"`
	Channel       string     `json:"channel" db:"channel"`
	Window        string     `json:"window" db:"window_key"`
	Status        string     `json:"status" db:"status"`
	Attempts      int        `json:"attempts" db:"attempts"`
	NextAttemptAt *time.Time `json:"next_attempt_at" db:"next_attempt_at"`
	LastError     string     `json:"last_error" db:"last_error"`
	MessageID     string     `json:"message_id" db:"message_id"`
	CreatedAt     time.Time  `json:"created_at" db:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at" db:"updated_at"`
	SentAt        *time.Time `json:"sent_at" db:"sent_at"`
}

// DeliveryEvent is one line of a delivery's append-only log.
type DeliveryEvent struct {
	ID      int64     `json:"id" db:"id"`
	At      time.Time `json:"at" db:"at"`
	Event   string    `json:"event" db:"event"`
	Attempt int       `json:"attempt" db:"attempt"`
	Actor   string    `json:"actor" db:"actor"`
	Detail  string    `json:"detail" db:"detail"`
}

// DeliveryFilter narrows ListDeliveries; zero fields do not filter.
type DeliveryFilter struct {
	TaskID  int64
	Status  string
	Kind    string
	Channel string
	Limit   int
	Cursor  string
}

// Validate names every filter value that is not one of its kind's values.
func (f DeliveryFilter) Validate() error {
	v := &models.ValidationError{}
	check := func(field, val string, allowed []string) {
		if val != "" && !slices.Contains(allowed, val) {
			v.Add(field, "invalid", "%s phải là một trong: %s", field, strings.Join(allowed, ", "))
		}
	}
	check("status", f.Status, models.DeliveryStatuses)
	check("kind", f.Kind, models.DeliveryKinds)
	check("channel", f.Channel, models.Channels)
	return v.Err()
}

// ListDeliveries lists the commune's deliveries, newest first.
func (s *Store) ListDeliveries(ctx context.Context, a *models.Actor, f DeliveryFilter) (*models.Page[Delivery], error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	limit, after, err := models.IDPage(f.Limit, f.Cursor)
	if err != nil {
		return nil, err
	}
	page := &models.Page[Delivery]{Items: []Delivery{}}
	err = s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		return t.Bind(s.delQ.List).Select(&page.Items, a.CommuneID, a.DeliveryScope(), models.NullID(f.TaskID),
			models.NullString(f.Status), models.NullString(f.Kind), models.NullString(f.Channel), models.NullID(after), limit+1)
	})
	if err != nil {
		return nil, err
	}
	page.Trim(limit, func(d Delivery) any { return []any{d.ID} })
	if !a.SeesAllDeliveries() {
		// A transport's error text (server names, replies) is for the admins.
		for i := range page.Items {
			page.Items[i].LastError = ""
		}
	}
	return page, nil
}

// DeliveryEvents is the log of one delivery the actor may see, oldest first.
func (s *Store) DeliveryEvents(ctx context.Context, a *models.Actor, id int64) ([]DeliveryEvent, error) {
	events := []DeliveryEvent{}
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		var found int64
		if err := t.Bind(s.delQ.Get).Get(&found, a.CommuneID, id, a.DeliveryScope()); err != nil {
			return models.NotFound(err)
		}
		return t.Bind(s.delQ.Events).Select(&events, a.CommuneID, id)
	})
	return events, err
}
