package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
)

// EventHook posts event deliveries (channel "event", migration 00034) to
// their endpoint: the reminder webhook's client, address rule, retries and
// signature scheme (webhook-id, webhook-timestamp, webhook-signature under
// the endpoint's secret), with an event body. The event id is the
// delivery's message id, the same on every attempt, so a receiver that
// keeps the ids it has seen drops the repeats at-least-once may bring.
type EventHook struct{ Webhook }

// Name implements Channel.
func (EventHook) Name() string { return models.ChannelEvent }

// Event is the JSON body of an event delivery, as the README documents it.
type Event struct {
	ID         string          `json:"id"`          // = the webhook-id header
	Type       string          `json:"type"`        // plan.created, task.progress…, webhook.test
	OccurredAt time.Time       `json:"occurred_at"` // when it happened (queued, for a test)
	Commune    EventCommune    `json:"commune"`
	Text       string          `json:"text"` // one Vietnamese sentence a chat bot may post as is
	Data       json.RawMessage `json:"data"` // the facts: plan, task, who, note…
}

// EventCommune names the commune an event happened in.
type EventCommune struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// errEndpointRemoved ends an event whose endpoint was deleted before it went out.
var errEndpointRemoved = &PermanentError{Err: errors.New(
	"điểm nhận sự kiện đã bị xóa / the endpoint was removed")}

// Send implements Channel.
func (h EventHook) Send(ctx context.Context, d *deadlines.Outbound) error {
	if d.WebhookURL == "" || d.WebhookSecret == "" {
		return errEndpointRemoved
	}
	body, err := json.Marshal(EventOf(d))
	if err != nil {
		return err
	}
	req, err := signedRequest(ctx, d, h.Clock.Now(), body)
	if err != nil {
		return err
	}
	return h.post(req, d.ID)
}

// EventOf is the body of event delivery d.
func EventOf(d *deadlines.Outbound) Event {
	var at struct {
		OccurredAt *time.Time `json:"occurred_at"`
	}
	_ = json.Unmarshal(d.Payload, &at)
	occurred := d.CreatedAt
	if at.OccurredAt != nil {
		occurred = *at.OccurredAt
	}
	return Event{ID: WebhookID(d), Type: d.Kind, OccurredAt: occurred.UTC(),
		Commune: EventCommune{ID: d.CommuneID, Name: d.CommuneName}, Text: eventText(d), Data: d.Payload}
}

// eventFacts are the payload fields the sentence of an event uses.
type eventFacts struct {
	facts
	PlanTitle       string `json:"plan_title"`
	ReportedPercent int    `json:"reported_percent"`
}

// eventText is one Vietnamese sentence saying what happened, for a chat
// bot that forwards events without reading their data.
func eventText(d *deadlines.Outbound) string {
	var f eventFacts
	_ = json.Unmarshal(d.Payload, &f) // written by the planner; a gap only blanks a word
	task := fmt.Sprintf("nhiệm vụ «%s» (kế hoạch %s)", f.TaskTitle, f.Plan)
	switch d.Kind {
	case models.EventPlanCreated:
		return fmt.Sprintf("%s: kế hoạch %s «%s» vừa được tạo.", d.CommuneName, f.Plan, f.PlanTitle)
	case models.EventTaskAssigned:
		return fmt.Sprintf("Giao %s cho %s, thời hạn %s.", task, f.Unit, f.DueOn.VN())
	case models.EventTaskProgress:
		return fmt.Sprintf("%s báo cáo tiến độ %s: %d%%.", f.By, task, f.ReportedPercent)
	case models.EventTaskCompleted:
		return fmt.Sprintf("Hoàn thành %s.", task)
	case models.EventTaskOverdue:
		return fmt.Sprintf("Quá hạn %s: hạn %s, tiến độ %d%%.", task, f.DueOn.VN(), f.Percent)
	case models.EventTaskReturned:
		return fmt.Sprintf("%s trả lại %s: %s", f.By, task, f.Note)
	case models.EventExtensionRequested:
		return fmt.Sprintf("%s đề xuất gia hạn %s đến %s.", f.By, task, f.RequestedDueOn.VN())
	case models.EventExtensionDecided:
		if f.Approved {
			return fmt.Sprintf("%s đồng ý gia hạn %s đến %s.", f.By, task, f.RequestedDueOn.VN())
		}
		return fmt.Sprintf("%s không đồng ý gia hạn %s.", f.By, task)
	}
	return fmt.Sprintf("%s: sự kiện gửi thử từ tiendo.", d.CommuneName)
}
