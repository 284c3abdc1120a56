package notify_test

import (
	"testing"

	"github.com/tiendo/tiendo/jobs/notify"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
)

// TestRender pins the Vietnamese wording of every kind.
func TestRender(t *testing.T) {
	t.Parallel()
	late := `"task_title":"Rà soát TTHC","plan":"06/KH-UBND","unit":"Văn phòng","due_on":"2024-10-03","percent":40`
	base := late + `,"today":"2024-10-03"`
	cases := []struct {
		kind, payload, title, body string
	}{
		{models.KindAssigned, `{` + base + `}`, "Nhiệm vụ mới được giao",
			"Bạn được giao nhiệm vụ «Rà soát TTHC» (kế hoạch 06/KH-UBND, đơn vị chủ trì: Văn phòng), thời hạn 03/10/2024."},
		{models.KindDueSoon, `{` + base + `,"days":1,"lead":1}`, "Nhiệm vụ sắp đến hạn",
			"Nhiệm vụ «Rà soát TTHC» sẽ đến hạn vào 03/10/2024 (còn 1 ngày làm việc)."},
		{models.KindDueToday, `{` + base + `}`, "Nhiệm vụ đến hạn hôm nay",
			"Nhiệm vụ «Rà soát TTHC» đến hạn hôm nay (03/10/2024)."},
		{models.KindDueToday, `{"task_title":"Báo cáo","due_on":"2024-10-05","today":"2024-10-04"}`, "Nhiệm vụ đến hạn hôm nay",
			"Nhiệm vụ «Báo cáo» đến hạn vào 05/10/2024; hôm nay là ngày làm việc cuối cùng trước hạn."},
		{models.KindOverdue, `{` + late + `,"today":"2024-10-09","days":4}`, "Nhiệm vụ quá hạn",
			"Nhiệm vụ «Rà soát TTHC» đã quá hạn 6 ngày (4 ngày làm việc), thời hạn 03/10/2024, tiến độ 40%."},
		{models.KindEscalation, `{` + late + `,"today":"2024-10-10","days":5}`, "Báo cáo nhiệm vụ quá hạn",
			"Nhiệm vụ «Rà soát TTHC» do Văn phòng chủ trì đã quá hạn 7 ngày (5 ngày làm việc), thời hạn 03/10/2024, tiến độ 40%. Đề nghị đồng chí Chủ tịch chỉ đạo."},
		{models.KindEscalation, `{` + late + `,"today":"2024-10-10","days":5,"to":"forwarder"}`, "Nhiệm vụ con quá hạn",
			"Nhiệm vụ «Rà soát TTHC», phần việc đồng chí đã giao tiếp cho Văn phòng, đã quá hạn 7 ngày (5 ngày làm việc), " +
				"thời hạn 03/10/2024, tiến độ 40%. Đề nghị đồng chí đôn đốc; nếu còn chậm, việc sẽ được báo cáo Chủ tịch."},
		{models.KindReturned, `{` + base + `,"note":"Thiếu biên bản","by":"Trần Văn Hòa"}`, "Nhiệm vụ bị trả lại",
			"Trần Văn Hòa đã trả lại nhiệm vụ «Rà soát TTHC» (kế hoạch 06/KH-UBND), yêu cầu làm tiếp: Thiếu biên bản. Thời hạn 03/10/2024, tiến độ 40%."},
		{models.KindExtensionRequested, `{` + base + `,"note":"Mùa lũ","by":"Huỳnh Văn Lợi","previous_due_on":"2024-10-03","requested_due_on":"2024-10-31"}`,
			"Đề xuất gia hạn nhiệm vụ",
			"Huỳnh Văn Lợi đề xuất gia hạn nhiệm vụ «Rà soát TTHC» từ 03/10/2024 đến 31/10/2024. Lý do: Mùa lũ. Đề nghị đồng chí Chủ tịch xem xét, quyết định."},
		{models.KindExtensionDecided, `{` + base + `,"note":"","by":"Trần Văn Hòa","approved":true,"requested_due_on":"2024-10-31"}`,
			"Kết quả đề xuất gia hạn", "Trần Văn Hòa đã đồng ý gia hạn nhiệm vụ «Rà soát TTHC» đến 31/10/2024."},
		{models.KindExtensionDecided, `{` + base + `,"note":"Không có lý do chính đáng","by":"Trần Văn Hòa","approved":false,"requested_due_on":"2024-10-31"}`,
			"Kết quả đề xuất gia hạn", "Trần Văn Hòa không đồng ý gia hạn nhiệm vụ «Rà soát TTHC»; thời hạn vẫn là 03/10/2024. Ý kiến: Không có lý do chính đáng"},
		{models.KindStale, `{` + base + `,"days":15,"last_update":"2024-09-19"}`, "Nhiệm vụ chưa cập nhật tiến độ",
			"Nhiệm vụ «Rà soát TTHC» chưa được cập nhật tiến độ 15 ngày (lần cuối 19/09/2024), tiến độ hiện tại 40%."},
		{models.KindReportMissing, `{` + base + `,"every":"month","period_start":"2024-09-01","period_end":"2024-09-30"}`,
			"Chưa báo cáo tiến độ định kỳ",
			"Nhiệm vụ «Rà soát TTHC» chưa có báo cáo tiến độ tháng (01/09/2024 – 30/09/2024); đề nghị báo cáo ngay. " +
				"Tiến độ hiện tại 40%, thời hạn 03/10/2024."},
		{models.KindDigest, `{"date":"2024-09-30","overdue":1,"due_soon":2,"tasks":[
			{"task_id":1,"title":"A","due_on":"2024-09-25","status":"overdue","days":3},
			{"task_id":2,"title":"B","due_on":"2024-09-30","status":"due_soon","days":0}]}`,
			"Tổng hợp nhiệm vụ ngày 30/09/2024",
			"Bạn có 1 nhiệm vụ quá hạn và 2 nhiệm vụ sắp đến hạn:\n- «A» — quá hạn 5 ngày (3 ngày làm việc), hạn 25/09/2024\n" +
				"- «B» — đến hạn trong hôm nay, hạn 30/09/2024\n… và 1 nhiệm vụ khác."},
		{models.KindDeliveryFailed, `{"task_title":"A","failed_kind":"overdue","failed_channel":"email","attempts":8,
			"error":"email: 550 no such user","recipient":"Nguyễn Văn B"}`, "Không gửi được thông báo",
			"Thông báo «Quá hạn» về nhiệm vụ «A» gửi tới Nguyễn Văn B qua kênh email đã thất bại sau 8 lần thử: email: 550 no such user"},
	}
	for _, c := range cases {
		task := int64(9)
		d := &deadlines.Outbound{Kind: c.kind, TaskID: &task, Payload: []byte(c.payload)}
		if err := notify.Render(d); err != nil {
			t.Fatal(err)
		}
		if d.Title != c.title || d.Body != c.body {
			t.Errorf("%s:\n got  %q / %q\n want %q / %q", c.kind, d.Title, d.Body, c.title, c.body)
		}
	}
}
