package models

import "fmt"

// The enumerations people read, each with its one home for labels: pages,
// sheets, reports and messages name a value from here, in Vietnamese or
// English. TestEveryEnumerationValueHasLabels holds each list to the values
// the database's CHECK constraints allow.

// Label is an enumeration value's name for people, in Vietnamese and English.
type Label struct {
	VI string
	EN string
}

// In is the label in English when english is set, else in Vietnamese.
func (l Label) In(english bool) string {
	if english {
		return l.EN
	}
	return l.VI
}

// LabelOf names value from labels, or gives value back when it has none
// (a value newer than this binary still shows something).
func LabelOf(labels map[string]Label, value string, english bool) string {
	if l, ok := labels[value]; ok {
		return l.In(english)
	}
	return value
}

// TaskStatusLabels name the task statuses as Decision 42/2014/QĐ-TTg's
// reports do.
var TaskStatusLabels = map[string]Label{
	"not_started":  {"Chưa bắt đầu", "Not started"},
	"in_progress":  {"Đang thực hiện", "In progress"},
	"due_soon":     {"Sắp đến hạn", "Due soon"},
	"overdue":      {"Quá hạn", "Overdue"},
	"done_on_time": {"Hoàn thành đúng hạn", "Done on time"},
	"done_late":    {"Hoàn thành quá hạn", "Done late"},
	"cancelled":    {"Đã hủy", "Cancelled"},
}

// PlanStatusLabels name the plan lifecycle states.
var PlanStatusLabels = map[string]Label{
	"draft":     {"Dự thảo", "Draft"},
	"active":    {"Đang thực hiện", "In progress"},
	"completed": {"Đã hoàn thành", "Completed"},
	"cancelled": {"Đã hủy", "Cancelled"},
}

// RoleLabels name the roles.
var RoleLabels = map[string]Label{
	string(RoleAdmin):          {"Quản trị", "Administrator"},
	string(RoleChairman):       {"Chủ tịch", "Chairman"},
	string(RoleSteeringMember): {"Thành viên Ban chỉ đạo", "Steering committee member"},
	string(RoleOfficer):        {"Công chức", "Civil servant"},
	string(RoleTeamMember):     {"Thành viên tổ", "Team member"},
}

// DeliveryStatusLabels name a reminder delivery's states.
var DeliveryStatusLabels = map[string]Label{
	"queued":  {"Chờ gửi", "Queued"},
	"sending": {"Đang gửi", "Sending"},
	"sent":    {"Đã gửi", "Sent"},
	"failed":  {"Lỗi, sẽ thử lại", "Failed, will retry"},
	"dead":    {"Không gửi được", "Undeliverable"},
}

// ChannelLabels name the ways a reminder reaches someone.
var ChannelLabels = map[string]Label{
	"inbox":   {"Hộp thông báo", "Notifications"},
	"email":   {"Email", "Email"},
	"webhook": {"Webhook", "Webhook"},
}

// PeriodKindLabels name the kinds of report period.
var PeriodKindLabels = map[string]Label{
	PeriodNineMonths: {"9 tháng", "9 months"},
	PeriodYear:       {"Năm", "Year"},
	PeriodHalf:       {"6 tháng", "6 months"},
	PeriodQuarter:    {"Quý", "Quarter"},
	PeriodMonth:      {"Tháng", "Month"},
	PeriodRange:      {"Khoảng thời gian", "Date range"},
}

// NamedPeriod is one period a year offers by name: the code's part after
// the year ("M9", "Q3") and its label without the year.
type NamedPeriod struct {
	Suffix string
	Label  Label
}

// PeriodsOfYear lists the named periods of a year by kind, in the order
// people ask for them: the provincial report periods first, months last.
func PeriodsOfYear() []struct {
	Kind    string
	Periods []NamedPeriod
} {
	months := make([]NamedPeriod, 12)
	for m := range 12 {
		months[m] = NamedPeriod{fmt.Sprintf("M%02d", m+1), Label{fmt.Sprintf("Tháng %d", m+1), fmt.Sprintf("Month %d", m+1)}}
	}
	quarters := make([]NamedPeriod, 4)
	for q := range 4 {
		quarters[q] = NamedPeriod{fmt.Sprintf("Q%d", q+1), Label{"Quý " + Roman[q+1], "Quarter " + Roman[q+1]}}
	}
	return []struct {
		Kind    string
		Periods []NamedPeriod
	}{
		{PeriodNineMonths, []NamedPeriod{{"M9", Label{"9 tháng đầu năm", "First 9 months"}}}},
		{PeriodYear, []NamedPeriod{{"Y", Label{"Cả năm", "Whole year"}}}},
		{PeriodHalf, []NamedPeriod{{"H1", Label{"6 tháng đầu năm", "First 6 months"}},
			{"H2", Label{"6 tháng cuối năm", "Last 6 months"}}}},
		{PeriodQuarter, quarters},
		{PeriodMonth, months},
	}
}

// KindReport is the delivery kind of a "your periodic report is ready" notice.
const KindReport = "report"

// Period kinds. Provincial practice reports by quarter, 6 months, 9 months and
// year; months and free ranges are there for ad-hoc questions.
const (
	PeriodMonth      = "month"
	PeriodQuarter    = "quarter"
	PeriodHalf       = "half"
	PeriodNineMonths = "nine_months"
	PeriodYear       = "year"
	PeriodRange      = "range"
)

// Roman numbers the quarters as Vietnamese reports write them (quý III).
var Roman = map[int]string{1: "I", 2: "II", 3: "III", 4: "IV"}

// The states of an extension request.
const (
	ExtensionPending  = "pending"
	ExtensionApproved = "approved"
	ExtensionRefused  = "refused"
)

// ExtensionStatusLabels name the states of a request for people.
var ExtensionStatusLabels = map[string]Label{
	ExtensionPending:  {"Chờ quyết định", "Pending"},
	ExtensionApproved: {"Đồng ý", "Approved"},
	ExtensionRefused:  {"Không đồng ý", "Refused"},
}

// The scopes of a calendar feed (migration 00037): a person's own open work,
// or — the chairman's — the commune's overdue and due-soon tasks.
const (
	FeedMine    = "mine"
	FeedCommune = "commune"
)

// FeedScopeLabels name the scopes of a calendar feed for people.
var FeedScopeLabels = map[string]Label{
	FeedMine:    {"Việc của tôi", "My work"},
	FeedCommune: {"Việc quá hạn, sắp đến hạn của xã", "The commune's overdue and due-soon tasks"},
}

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
	// KindReportDue reminds the chairmen of a period report the province
	// awaits by a deadline (issue 20).
	KindReportDue = "report_due"
)

// DeliveryKinds lists every kind, in the order a day's reminders are read.
var DeliveryKinds = []string{KindAssigned, KindDueSoon, KindDueToday, KindOverdue, KindEscalation, KindStale,
	KindReportMissing, KindDigest, KindDeliveryFailed, KindReport, KindReturned, KindExtensionRequested,
	KindExtensionDecided, KindReportDue}

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
	KindReportDue:          {"Hạn nộp báo cáo lên tỉnh", "Report due at the province"},
}

// DeliveryStatuses are a delivery's states: queued → sending (claimed under a
// lease) → sent, or failed (retried with backoff) → … → dead.
var DeliveryStatuses = []string{"queued", "sending", "sent", "failed", "dead"}

// Channels are the ways a delivery reaches its recipient.
var Channels = []string{"inbox", "email", "webhook"}
