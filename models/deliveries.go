package models

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// The kinds of delivery. DeliveryFailed is the admins' notice that another
// delivery ended dead; Returned, ExtensionRequested and ExtensionDecided
// announce what people did to a task.
const (
	KindAssigned           = "assigned"
	KindDueSoon            = "due_soon"
	KindDueToday           = "due_today"
	KindOverdue            = "overdue"
	KindEscalation         = "escalation"
	KindStale              = "stale"
	KindReportMissing      = "report_missing"
	KindDigest             = "digest"
	KindDeliveryFailed     = "delivery_failed"
	KindReturned           = "returned"
	KindExtensionRequested = "extension_requested"
	KindExtensionDecided   = "extension_decided"
)

// DeliveryKinds lists every kind, in the order a day's reminders are read.
var DeliveryKinds = []string{KindAssigned, KindDueSoon, KindDueToday, KindOverdue, KindEscalation, KindStale,
	KindReportMissing, KindDigest, KindDeliveryFailed, KindReport, KindReturned, KindExtensionRequested,
	KindExtensionDecided}

// DeliveryKindLabels name every delivery kind: the one place the pages, the
// messages and the notices of a dead delivery read them from.
var DeliveryKindLabels = map[string]Label{
	KindAssigned:           {"Giao việc", "Assigned"},
	KindDueSoon:            {"Sắp đến hạn", "Due soon"},
	KindDueToday:           {"Đến hạn hôm nay", "Due today"},
	KindOverdue:            {"Quá hạn", "Overdue"},
	KindEscalation:         {"Báo cáo Chủ tịch việc quá hạn", "Escalated to the chairman"},
	KindStale:              {"Lâu chưa cập nhật tiến độ", "No recent progress"},
	KindReportMissing:      {"Chưa báo cáo tiến độ định kỳ", "Periodic report missing"},
	KindDigest:             {"Tổng hợp hằng ngày", "Daily digest"},
	KindDeliveryFailed:     {"Gửi thất bại", "Delivery failed"},
	KindReport:             {"Báo cáo định kỳ đã lập", "Periodic report ready"},
	KindReturned:           {"Bị trả lại", "Returned"},
	KindExtensionRequested: {"Đề xuất gia hạn", "Extension requested"},
	KindExtensionDecided:   {"Quyết định gia hạn", "Extension decided"},
}

// DeliveryStatuses are a delivery's states: queued → sending (claimed under a
// lease) → sent, or failed (retried with backoff) → … → dead.
var DeliveryStatuses = []string{"queued", "sending", "sent", "failed", "dead"}

// Channels are the ways a delivery reaches its recipient.
var Channels = []string{"inbox", "email", "webhook"}

// Delivery is one row of the outbox as the API shows it: the evidence of
// what was sent to whom, through which channel, when, and how it went.
type Delivery struct {
	ID            int64      `json:"id" db:"id"`
	TaskID        *int64     `json:"task_id" db:"task_id"`
	TaskTitle     *string    `json:"task_title" db:"task_title"`
	RecipientID   int64      `json:"recipient_id" db:"recipient_id"`
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
	v := &ValidationError{}
	check := func(field, val string, allowed []string) {
		if val != "" && !slices.Contains(allowed, val) {
			v.Add(field, "invalid", "%s phải là một trong: %s", field, strings.Join(allowed, ", "))
		}
	}
	check("status", f.Status, DeliveryStatuses)
	check("kind", f.Kind, DeliveryKinds)
	check("channel", f.Channel, Channels)
	return v.Err()
}

type deliveryQueries struct {
	List   *sqlx.Stmt `query:"list-deliveries"`
	Get    *sqlx.Stmt `query:"get-delivery"`
	Events *sqlx.Stmt `query:"list-delivery-events"`
}

// ListDeliveries lists the commune's deliveries, newest first.
func (s *Store) ListDeliveries(ctx context.Context, a *Actor, f DeliveryFilter) (*Page[Delivery], error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	limit, after, err := IDPage(f.Limit, f.Cursor)
	if err != nil {
		return nil, err
	}
	page := &Page[Delivery]{Items: []Delivery{}}
	err = s.InCommune(ctx, a.CommuneID, func(t *Tx) error {
		return t.Bind(s.delQ.List).Select(&page.Items, a.CommuneID, a.deliveryScope(), NullID(f.TaskID),
			NullString(f.Status), NullString(f.Kind), NullString(f.Channel), NullID(after), limit+1)
	})
	if err != nil {
		return nil, err
	}
	page.Trim(limit, func(d Delivery) any { return []any{d.ID} })
	if !a.seesAllDeliveries() {
		// A transport's error text (server names, replies) is for the admins.
		for i := range page.Items {
			page.Items[i].LastError = ""
		}
	}
	return page, nil
}

// DeliveryEvents is the log of one delivery the actor may see, oldest first.
func (s *Store) DeliveryEvents(ctx context.Context, a *Actor, id int64) ([]DeliveryEvent, error) {
	events := []DeliveryEvent{}
	err := s.InCommune(ctx, a.CommuneID, func(t *Tx) error {
		var found int64
		if err := t.Bind(s.delQ.Get).Get(&found, a.CommuneID, id, a.deliveryScope()); err != nil {
			return NotFound(err)
		}
		return t.Bind(s.delQ.Events).Select(&events, a.CommuneID, id)
	})
	return events, err
}
