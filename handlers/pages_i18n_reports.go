package handlers

// English for the statistics pages: the periodic report, indicators,
// dossier statistics and data quality. Kept apart from the main catalogue
// (pages_i18n.go) so that the pages' authors add strings without touching
// each other's lines. The report document itself stays Vietnamese: it is
// the official text the chairman signs.
func init() {
	for k, v := range map[string]string{
		// Navigation and titles.
		"Báo cáo":            "Reports",
		"Báo cáo định kỳ":    "Periodic report",
		"Hồ sơ":              "Dossiers",
		"Thống kê hồ sơ":     "Dossier statistics",
		"Chất lượng dữ liệu": "Data quality",
		// Periods.
		"Kỳ báo cáo":       "Reporting period",
		"Tháng":            "Month",
		"Tháng %d":         "Month %d",
		"Quý":              "Quarter",
		"Quý I":            "Quarter I",
		"Quý II":           "Quarter II",
		"Quý III":          "Quarter III",
		"Quý IV":           "Quarter IV",
		"6 tháng":          "6 months",
		"6 tháng đầu năm":  "First 6 months",
		"6 tháng cuối năm": "Last 6 months",
		"9 tháng":          "9 months",
		"9 tháng đầu năm":  "First 9 months",
		"Cả năm":           "Whole year",
		"— Chọn —":         "— Choose —",
		// Periodic report.
		"Xem báo cáo":  "Show report",
		"Tải về":       "Download",
		"Bản in (A4)":  "Print version (A4)",
		"In trang này": "Print this page",
		"Bản xem trước dưới đây có cùng nội dung với các tệp tải về. Bấm In của trình duyệt (Ctrl+P) để in trang này.": "The preview below has the same content as the downloaded files. Use the browser's Print (Ctrl+P) to print this page.",
		"Điểm chỉ tiêu 766 (đã có số liệu)": "Decision 766 score (indicators with data)",
		"Hồ sơ tiếp nhận":                   "Dossiers received",
		"Vấn đề dữ liệu":                    "Data issues",
		// Indicators.
		"Chấm điểm theo Quyết định 766/QĐ-TTg: đạt ngưỡng được đủ điểm, dưới ngưỡng được tỷ lệ × điểm tối đa ÷ ngưỡng. Điểm tính trên số liệu mới nhất.": "Scored under Decision 766/QĐ-TTg: at or above the threshold earns full points, below it rate × maximum ÷ threshold. The score uses the latest figure.",
		"Ghi nhận số liệu chỉ tiêu":  "Record an indicator value",
		"Tỷ lệ (%)":                  "Rate (%)",
		"Hoặc nhập tử số và mẫu số.": "Or enter a numerator and a denominator.",
		"Tử số":                 "Numerator",
		"Mẫu số":                "Denominator",
		"Số liệu tính đến ngày": "Figures as of",
		"Nguồn số liệu":         "Source",
		"Ví dụ: Cổng dịch vụ công quốc gia": "E.g. National public service portal",
		"Ngưỡng":       "Threshold",
		"Chỉ tiêu năm": "Year's target",
		"Điểm":         "Score",
		"điểm":         "points",
		// Dossiers.
		"Tiếp nhận":            "Received",
		"Kỳ trước chuyển sang": "Carried over",
		"Hồ sơ tồn của kỳ trước, giải quyết trong kỳ này; để trống là 0": "Backlog from the previous period, resolved in this one; empty means 0",
		"Đã giải quyết":                            "Resolved",
		"Tỷ lệ giải quyết":                         "Resolution rate",
		"Đúng hạn":                                 "On time",
		"Cảnh báo":                                 "Warnings",
		"Trực tuyến toàn trình":                    "Fully online",
		"Một phần trực tuyến":                      "Partly online",
		"Trực tiếp":                                "In person",
		"Qua dịch vụ bưu chính công ích (BCCI)":    "By public postal service (BCCI)",
		"Chưa có số liệu hồ sơ nào trong năm này.": "No dossier figures for this year yet.",
		"Nhập số liệu hồ sơ của một kỳ":            "Enter a period's dossier figures",
		"Nhập lại một kỳ đã có sẽ thay số liệu cũ (nhật ký vẫn lưu số cũ).": "Entering a period again replaces its figures (the audit log keeps the old ones).",
		"Số hồ sơ tiếp nhận":                                   "Dossiers received",
		"Số hồ sơ đã giải quyết":                               "Dossiers resolved",
		"Trong đó giải quyết đúng hạn":                         "Of which resolved on time",
		"“Ngày không viết – Ngày không hẹn”":                   "“No-writing, no-appointment day”",
		"Theo kênh tiếp nhận (để trống kênh không có số liệu)": "By channel (leave a channel without figures blank)",
		"tiếp nhận":     "received",
		"đã giải quyết": "resolved",
		"Vẫn ghi nhận đúng như số liệu nguồn (sẽ được đánh dấu để kiểm tra)": "Record the figures as the source prints them (they will be flagged for checking)",
		// Data quality.
		"Sai lệch":    "Contradiction",
		"Cần xem lại": "To review",
		"Lưu ý":       "Note",
		"Số liệu thực tế có thể có sai sót. Phần mềm vẫn ghi nhận đúng như nguồn và đánh dấu ở đây để kiểm tra: số văn bản trùng, ngày ban hành ngoài năm, tổng các phần khác tổng số, tử số lớn hơn mẫu số, tỷ lệ trên 100 %.": "Real figures contain mistakes. They are recorded as the source prints them and flagged here for checking: a document number used twice, an issue date outside the year, parts that do not add up to the total, a numerator above its denominator, a rate above 100 %.",
		"Không phát hiện vấn đề nào trong số liệu năm này.": "No problems found in this year's data.",
	} {
		english[k] = v
	}
}
