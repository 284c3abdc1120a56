package handlers

// English for the task form (see pages_i18n.go for how the catalogue works).
func init() {
	for vi, en := range map[string]string{
		"Tên nhiệm vụ":                     "Task title",
		"Nội dung, yêu cầu":                "Details and requirements",
		"— Chọn đơn vị —":                  "— Choose a unit —",
		"Người được giao (không bắt buộc)": "Assigned people (optional)",
		"Ngày bắt đầu":                     "Start date",
		"Thời hạn hoàn thành":              "Deadline",
		"Chỉ tiêu (số)":                    "Target (number)",
		"Không bắt buộc, ví dụ 1.200":      "Optional, e.g. 1.200",
		"Đơn vị tính":                      "Unit of measure",
		"ví dụ: hồ sơ, người, %":           "e.g. dossiers, people, %",
		"Trọng số":                         "Weight",
		"Mặc định 1":                       "Default 1",
		"Hủy nhiệm vụ này":                 "Cancel this task",
		"Sửa nhiệm vụ":                     "Edit task",
		"Chỉ Chủ tịch hoặc quản trị viên được thay đổi đơn vị và người được giao.": "Only the chairman or an administrator may change the units and people.",
		"Báo cáo tiến độ định kỳ": "Periodic progress report",
		"Không yêu cầu":           "Not required",
		"Hằng tuần":               "Weekly",
		"Hằng tháng":              "Monthly",
		"Hằng quý":                "Quarterly",
		"Hạn nộp báo cáo sau kỳ (ngày làm việc)": "Report due after the period (working days)",
		"chậm nhất %d ngày làm việc sau mỗi kỳ":  "at most %d working days after each period",
		"Mặc định 3": "Default 3",
	} {
		english[vi] = en
	}
}
