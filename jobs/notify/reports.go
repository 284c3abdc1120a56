package notify

import (
	"encoding/json"
	"fmt"

	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/statistics"
)

// reportMessage is the chairman's notice that a period's report was built
// at its cut-off date; the link downloads the editable DOCX to sign.
func reportMessage(payload []byte) (title, body, link string) {
	var n statistics.ReportNotice
	_ = json.Unmarshal(payload, &n) // the planner wrote it; a bad payload still says something
	title = "Báo cáo " + n.Label + " đã được lập"
	body = fmt.Sprintf("Báo cáo kết quả thực hiện kế hoạch, nhiệm vụ, chỉ tiêu %s (số liệu chốt ngày %s) đã được "+
		"lập tự động. Đề nghị đồng chí xem, ký ban hành.", n.Label, n.CutoffOn.VN())
	if len(n.Files) > 0 {
		link = fmt.Sprintf("/api/v1/reports/built/%d", n.Files[0])
	}
	return title, body, link
}

// reportDueMessage reminds the chairmen of the report the province awaits
// (statistics.PlanReportDue): before the deadline, and once after it passed.
func reportDueMessage(payload []byte) (title, body, link string) {
	var n struct {
		Period string        `json:"period"`
		DueOn  calendar.Date `json:"due_on"`
		Late   bool          `json:"late"`
	}
	_ = json.Unmarshal(payload, &n)
	label := n.Period
	if p, err := statistics.ParsePeriod(n.Period); err == nil {
		label = p.Label
	}
	link = "/bao-cao-dinh-ky"
	if n.Late {
		return "Quá hạn nộp báo cáo " + label, fmt.Sprintf("Báo cáo %s phải gửi tỉnh trước hết ngày %s nhưng xã chưa gửi. "+
			"Đề nghị đồng chí hoàn thiện và gửi ngay.", label, n.DueOn.VN()), link
	}
	return "Sắp đến hạn nộp báo cáo " + label, fmt.Sprintf("Tỉnh đề nghị gửi báo cáo %s trước hết ngày %s. "+
		"Đề nghị đồng chí rà soát số liệu, lời văn và bấm «Gửi báo cáo».", label, n.DueOn.VN()), link
}
