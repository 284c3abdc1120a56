package models

// The event types a commune's webhook endpoints may receive (issue 17), as
// the issue names them; they are also the kinds of their deliveries.
// EventTest is the sample "Gửi thử" sends, which no endpoint subscribes to.
const (
	EventPlanCreated        = "plan.created"
	EventTaskAssigned       = "task.assigned"
	EventTaskProgress       = "task.progress"
	EventTaskCompleted      = "task.completed"
	EventTaskOverdue        = "task.overdue"
	EventTaskReturned       = "task.returned"
	EventExtensionRequested = "extension.requested"
	EventExtensionDecided   = "extension.decided"
	EventTest               = "webhook.test"
)

// EventTypes lists the types an endpoint may subscribe to, in the order a
// task lives through them.
var EventTypes = []string{EventPlanCreated, EventTaskAssigned, EventTaskProgress, EventTaskCompleted,
	EventTaskOverdue, EventTaskReturned, EventExtensionRequested, EventExtensionDecided}

// EventTypeLabels name the event types for people.
var EventTypeLabels = map[string]Label{
	EventPlanCreated:        {"Kế hoạch mới được tạo", "Plan created"},
	EventTaskAssigned:       {"Giao nhiệm vụ", "Task assigned"},
	EventTaskProgress:       {"Báo cáo tiến độ", "Progress reported"},
	EventTaskCompleted:      {"Nhiệm vụ hoàn thành", "Task completed"},
	EventTaskOverdue:        {"Nhiệm vụ quá hạn", "Task overdue"},
	EventTaskReturned:       {"Nhiệm vụ bị trả lại", "Task returned"},
	EventExtensionRequested: {"Đề xuất gia hạn", "Extension requested"},
	EventExtensionDecided:   {"Quyết định gia hạn", "Extension decided"},
	EventTest:               {"Gửi thử", "Test event"},
}

// ChannelEvent is the outbox channel of event webhooks: its deliveries are
// addressed to an endpoint, not a person.
const ChannelEvent = "event"

// The delivery log lists, filters and names event deliveries beside the
// reminders: the event types are delivery kinds and "event" a channel. They
// are added here, beside their catalogue, rather than in labels.go's lists.
func init() {
	DeliveryKinds = append(DeliveryKinds, append(EventTypes, EventTest)...)
	for k, l := range EventTypeLabels {
		DeliveryKindLabels[k] = l
	}
	Channels = append(Channels, ChannelEvent)
	ChannelLabels[ChannelEvent] = Label{"Webhook sự kiện", "Event webhook"}
	// Migration 00034 restates the kinds with the sent reports' two (issue
	// 20, migration 00032), so that neither migration undoes the other; their
	// labels come with that work, and these stand in only until it lands.
	for k, l := range map[string]Label{"report_due": {"Đến hạn gửi báo cáo", "Report due"},
		"report_sent": {"Đã gửi báo cáo", "Report sent"}} {
		if _, ok := DeliveryKindLabels[k]; !ok {
			DeliveryKindLabels[k] = l
		}
	}
}
