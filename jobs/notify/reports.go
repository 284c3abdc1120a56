package notify

import (
	"encoding/json"
	"fmt"

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
