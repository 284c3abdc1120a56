package notify

import (
	"encoding/json"
	"fmt"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
)

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
