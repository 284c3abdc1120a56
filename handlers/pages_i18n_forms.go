package handlers

// English for the exactly-once and account pages: the "already recorded"
// answer, the expired-session notice, the restored draft and "Tài khoản của
// tôi" with the contact forms.
func init() {
	for k, v := range map[string]string{
		"Đã ghi nhận":            "Already recorded",
		"Báo cáo này":            "This report",
		"Ý kiến này":             "This comment",
		"Đánh giá này":           "This evaluation",
		"Kế hoạch này":           "This plan",
		"Nhiệm vụ này":           "This task",
		"Bản sao kế hoạch này":   "This copy of the plan",
		"Đề xuất gia hạn này":    "This extension request",
		"Quyết định gia hạn này": "This extension decision",
		"Nội dung này":           "This entry",
		"đã được ghi nhận lúc":   "was recorded at",
		"Nội dung này đang được ghi nhận; vui lòng chờ giây lát rồi tải lại trang.":    "This entry is being recorded; wait a moment and reload the page.",
		"Bạn vừa gửi lại một biểu mẫu đã gửi trước đó, nên không có gì được ghi thêm.": "You sent a form again that was already sent, so nothing more was recorded.",
		"Xem nội dung đã ghi nhận": "See what was recorded",
		"Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại — nội dung bạn vừa nhập vẫn được giữ.": "Your session has expired; please sign in again — what you typed has been kept.",
		"Đã khôi phục nội dung bạn đã nhập nhưng chưa gửi.":                                        "What you typed but had not sent has been restored.",
		"Vui lòng chọn lại tệp minh chứng:":                                                        "Please pick the evidence files again:",
		"Tài khoản của tôi": "My account",
		"Số điện thoại":     "Phone",
		"Để nhận nhắc việc qua email. Ví dụ ten@xa.gov.vn.": "For reminders by e-mail. E.g. name@commune.gov.vn.",
		"Ví dụ 0912 345 678.":                    "E.g. 0912 345 678.",
		"Nhận nhắc việc qua":                     "Receive reminders by",
		"Hộp thư thông báo (luôn nhận)":          "Notification inbox (always)",
		"Thông tin liên hệ":                      "Contact details",
		"Chức vụ":                                "Title",
		"Ví dụ: Công chức Văn phòng – Thống kê.": "E.g. Office – statistics officer.",
		"Tôi xác nhận tỷ lệ thấp hơn lần báo cáo trước là đúng": "I confirm the percent is lower than the last report",
		"Lưu thông tin liên hệ": "Save contact details",
	} {
		english[k] = v
	}
}
