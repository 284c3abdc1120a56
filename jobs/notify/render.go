package notify

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/vn"
)

// facts is what the planner captured in a delivery's payload.
type facts struct {
	TaskTitle  string        `json:"task_title"`
	Plan       string        `json:"plan"`
	Unit       string        `json:"unit"`
	DueOn      calendar.Date `json:"due_on"`
	Today      calendar.Date `json:"today"`
	Percent    int           `json:"percent"`
	Days       *int          `json:"days"`
	LastUpdate calendar.Date `json:"last_update"`
	// A missing periodic report.
	Every       string        `json:"every"`
	PeriodStart calendar.Date `json:"period_start"`
	PeriodEnd   calendar.Date `json:"period_end"`
	// A digest.
	Date    calendar.Date `json:"date"`
	Overdue int           `json:"overdue"`
	DueSoon int           `json:"due_soon"`
	Tasks   []digestLine  `json:"tasks"`
	// A notice of a dead delivery.
	FailedKind    string `json:"failed_kind"`
	FailedChannel string `json:"failed_channel"`
	Attempts      int    `json:"attempts"`
	Error         string `json:"error"`
	Recipient     string `json:"recipient"`
	// What someone did: a return or an extension request or decision.
	Note           string        `json:"note"`
	By             string        `json:"by"`
	Approved       bool          `json:"approved"`
	RequestedDueOn calendar.Date `json:"requested_due_on"`
	PreviousDueOn  calendar.Date `json:"previous_due_on"`
	// To is "forwarder" on the first escalation of a sub-task, which goes
	// to whoever forwarded it rather than the chairman.
	To string `json:"to"`
}

type digestLine struct {
	TaskID int64         `json:"task_id"`
	Title  string        `json:"title"`
	DueOn  calendar.Date `json:"due_on"`
	Status string        `json:"status"`
	Days   *int          `json:"days"`
}

// Render writes d's title, body and link (Vietnamese) from its payload.
func Render(d *deadlines.Outbound) error {
	var f facts
	if err := json.Unmarshal(d.Payload, &f); err != nil {
		return fmt.Errorf("delivery %d: payload: %w", d.ID, err)
	}
	d.Link = ""
	if d.TaskID != nil {
		d.Link = fmt.Sprintf("/nhiem-vu/%d", *d.TaskID)
	}
	switch d.Kind {
	case models.KindDigest:
		d.Title, d.Body, d.Link = "Tổng hợp nhiệm vụ ngày "+f.Date.VN(), digestBody(f), "/viec-cua-toi"
	case models.KindReport: // reports.go
		d.Title, d.Body, d.Link = reportMessage(d.Payload)
	case models.KindReportDue: // reports.go
		d.Title, d.Body, d.Link = reportDueMessage(d.Payload)
	case models.KindReturned, models.KindExtensionRequested, models.KindExtensionDecided:
		d.Title, d.Body = eventMessage(d.Kind, f)
	case models.KindDeliveryFailed:
		d.Title = "Không gửi được thông báo"
		d.Body = fmt.Sprintf("Thông báo «%s» về nhiệm vụ «%s» gửi tới %s qua kênh %s đã thất bại sau %d lần thử: %s",
			models.DeliveryKindLabels[f.FailedKind].VI, f.TaskTitle, f.Recipient, f.FailedChannel, f.Attempts, f.Error)
	default:
		d.Title, d.Body = taskMessage(d.Kind, f)
	}
	return nil
}

// taskMessage is the title and body of a reminder about one task.
func taskMessage(kind string, f facts) (title, body string) {
	task := "Nhiệm vụ «" + f.TaskTitle + "»"
	switch kind {
	case models.KindAssigned:
		return "Nhiệm vụ mới được giao", fmt.Sprintf("Bạn được giao nhiệm vụ «%s» (kế hoạch %s, đơn vị chủ trì: %s), thời hạn %s.",
			f.TaskTitle, f.Plan, f.Unit, f.DueOn.VN())
	case models.KindDueSoon:
		return "Nhiệm vụ sắp đến hạn", fmt.Sprintf("%s sẽ đến hạn vào %s (còn %d ngày làm việc).", task, f.DueOn.VN(), deref(f.Days))
	case models.KindDueToday:
		if f.DueOn == f.Today {
			return "Nhiệm vụ đến hạn hôm nay", fmt.Sprintf("%s đến hạn hôm nay (%s).", task, f.DueOn.VN())
		}
		return "Nhiệm vụ đến hạn hôm nay", fmt.Sprintf("%s đến hạn vào %s; hôm nay là ngày làm việc cuối cùng trước hạn.",
			task, f.DueOn.VN())
	case models.KindOverdue:
		return "Nhiệm vụ quá hạn", fmt.Sprintf("%s %s, tiến độ %d%%.", task, overdueFor(f), f.Percent)
	case models.KindEscalation:
		if f.To == "forwarder" {
			return "Nhiệm vụ con quá hạn", fmt.Sprintf("%s, phần việc đồng chí đã giao tiếp cho %s, %s, tiến độ %d%%. "+
				"Đề nghị đồng chí đôn đốc; nếu còn chậm, việc sẽ được báo cáo Chủ tịch.", task, f.Unit, overdueFor(f), f.Percent)
		}
		return "Báo cáo nhiệm vụ quá hạn", fmt.Sprintf("%s do %s chủ trì %s, tiến độ %d%%. Đề nghị đồng chí Chủ tịch chỉ đạo.",
			task, f.Unit, overdueFor(f), f.Percent)
	case models.KindReportMissing:
		return "Chưa báo cáo tiến độ định kỳ", fmt.Sprintf("%s chưa có báo cáo tiến độ %s (%s – %s); đề nghị báo cáo ngay. "+
			"Tiến độ hiện tại %d%%, thời hạn %s.", task, cadenceNames[f.Every], f.PeriodStart.VN(), f.PeriodEnd.VN(),
			f.Percent, f.DueOn.VN())
	case models.KindStale:
		return "Nhiệm vụ chưa cập nhật tiến độ", fmt.Sprintf("%s chưa được cập nhật tiến độ %d ngày (lần cuối %s), tiến độ hiện tại %d%%.",
			task, deref(f.Days), f.LastUpdate.VN(), f.Percent)
	}
	return "Thông báo", task
}

// cadenceNames name a report cadence as the period's report is called.
var cadenceNames = map[string]string{"week": "tuần", "month": "tháng", "quarter": "quý"}

// overdueFor says how late the task is, in the words the task lists use.
func overdueFor(f facts) string {
	if f.Days == nil {
		return "đã quá hạn từ " + f.DueOn.VN()
	}
	return fmt.Sprintf("đã %s, thời hạn %s", vn.Lateness(f.DueOn.DaysUntil(f.Today), *f.Days), f.DueOn.VN())
}

// eventMessage is the title and body of a notice of what someone did to a
// task: returned it, asked for a later deadline, or decided on that.
func eventMessage(kind string, f facts) (title, body string) {
	task := "nhiệm vụ «" + f.TaskTitle + "»"
	switch kind {
	case models.KindReturned:
		body = fmt.Sprintf("%s đã trả lại %s (kế hoạch %s), yêu cầu làm tiếp: %s. Thời hạn %s, tiến độ %d%%.",
			f.By, task, f.Plan, f.Note, f.DueOn.VN(), f.Percent)
		return "Nhiệm vụ bị trả lại", body
	case models.KindExtensionRequested:
		return "Đề xuất gia hạn nhiệm vụ", fmt.Sprintf("%s đề xuất gia hạn %s từ %s đến %s. Lý do: %s. Đề nghị đồng chí "+
			"Chủ tịch xem xét, quyết định.", f.By, task, f.PreviousDueOn.VN(), f.RequestedDueOn.VN(), f.Note)
	}
	if f.Approved {
		body = fmt.Sprintf("%s đã đồng ý gia hạn %s đến %s.", f.By, task, f.RequestedDueOn.VN())
	} else {
		body = fmt.Sprintf("%s không đồng ý gia hạn %s; thời hạn vẫn là %s.", f.By, task, f.DueOn.VN())
	}
	if f.Note != "" {
		body += " Ý kiến: " + f.Note
	}
	return "Kết quả đề xuất gia hạn", body
}

// digestBody lists a person's urgent tasks, most urgent first.
func digestBody(f facts) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Bạn có %d nhiệm vụ quá hạn và %d nhiệm vụ sắp đến hạn:", f.Overdue, f.DueSoon)
	for _, l := range f.Tasks {
		state := fmt.Sprintf("còn %d ngày làm việc", deref(l.Days))
		if deref(l.Days) == 0 {
			state = "đến hạn trong hôm nay"
		}
		if l.Status == "overdue" {
			state = "quá hạn"
			if l.Days != nil {
				state = vn.Lateness(l.DueOn.DaysUntil(f.Date), *l.Days)
			}
		}
		fmt.Fprintf(&b, "\n- «%s» — %s, hạn %s", l.Title, state, l.DueOn.VN())
	}
	if more := f.Overdue + f.DueSoon - len(f.Tasks); more > 0 {
		fmt.Fprintf(&b, "\n… và %d nhiệm vụ khác.", more)
	}
	return b.String()
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
