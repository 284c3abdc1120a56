package handlers

// English for the task figures (dashboard, plans) and the Decision 766
// labels, kept apart so these strings do not collide with other pages'.
func init() {
	for k, v := range map[string]string{
		"Kỳ":       "Period",
		"Đánh giá": "Assessment",
		"Hai cách đánh giá, mỗi chỉ tiêu ghi rõ cả hai:": "Two judgements, both stated for every indicator:",
		"Điểm theo Quyết định 766/QĐ-TTg (ngưỡng quốc gia): đạt ngưỡng được đủ điểm, dưới ngưỡng được tỷ lệ × điểm tối đa ÷ ngưỡng. Tổng điểm tính trên 100 điểm; chỉ tiêu chưa có số liệu không được điểm. Chỉ tiêu riêng của xã chấm theo ngưỡng của xã, không tính vào tổng 100 điểm.": "Points under Decision 766/QĐ-TTg (national threshold): full points at or above the threshold, rate × maximum ÷ threshold below it. The total is out of 100; an indicator without data scores nothing. The commune's own indicators are scored on its own threshold, outside the 100.",
		"Đạt / chưa đạt theo chỉ tiêu năm của xã (do tỉnh giao): một chỉ tiêu có thể đủ điểm theo ngưỡng 766 mà vẫn chưa đạt chỉ tiêu cao hơn của xã.":                                                                                                                                    "Met / not met against the commune's yearly target (set by the province): an indicator may earn full 766 points and still miss the commune's higher target.",
		"Đánh giá theo số liệu mới nhất.": "Judged on the latest value.",
		"không tính %d nhiệm vụ đã hủy":   "%d cancelled tasks left out",
		"đúng hạn": "on time",
		"Mọi nhiệm vụ của kế hoạch, tính đến hôm nay; cùng cách tính với báo cáo định kỳ.": "Every task of the plan, as of today, computed as the period report computes them.",
		"Nhiệm vụ trong kỳ":   "Tasks in the period",
		"nhiệm vụ đã đến hạn": "tasks due",
		"Số liệu %s, tính đến ngày %s — cùng cách tính với báo cáo định kỳ của kỳ này.":                                                                              "Figures %s, as of %s — computed as the period report computes them.",
		"Nhiệm vụ trong kỳ: đã bắt đầu trước cuối kỳ và chưa hoàn thành trước đầu kỳ, không tính %d nhiệm vụ đã hủy.":                                                "Tasks in the period: started by its end and not completed before its start; %d cancelled tasks are left out.",
		"Tỷ lệ hoàn thành = số đã hoàn thành ÷ số nhiệm vụ trong kỳ. Tỷ lệ đúng hạn = số hoàn thành đúng hạn ÷ số nhiệm vụ đã đến hạn (đã hoàn thành hoặc quá hạn).": "Completion rate = completed ÷ tasks in the period. On-time rate = completed on time ÷ tasks due (completed or overdue).",
		"%d nhiệm vụ được gia hạn, tính đúng hạn theo thời hạn mới.":                                                                                                 "%d tasks were granted an extension and are judged against the new deadline.",
		"Mỗi ngày: số liệu từ đầu năm đến ngày đó, cùng cách tính như trên.":                                                                                         "Each day: the figures from 1 January to that day, computed as above.",
		"Kèm phụ lục kiểm tra chất lượng số liệu (để xã rà soát, không gửi cấp trên)":                                                                                "Add the data-quality appendix (for the commune's own review, not for the province)",
		"Điểm theo Quyết định 766":    "Decision 766 points",
		"%d chỉ tiêu chưa có số liệu": "%d indicators without data",
		"Lời văn báo cáo":             "Report text",
		"Các phần chủ tịch viết, in kèm số liệu trong mọi định dạng (mỗi dòng là một đoạn).": "The sections the chairman writes, printed with the figures in every format (one paragraph per line).",
		"Lưu lời văn":                          "Save the text",
		"Kết quả đạt được":                     "Results achieved",
		"Tồn tại, hạn chế":                     "Shortcomings",
		"Nguyên nhân":                          "Causes",
		"Phương hướng, nhiệm vụ thời gian tới": "Directions and next tasks",
		"Kiến nghị, đề xuất":                   "Recommendations",
		"Excel tiếng Việt (CSV, dấu ;)":        "Excel, Vietnamese settings (CSV, ;)",
		"Chưa có nhiệm vụ nào trong kỳ này.":   "No tasks in this period.",
	} {
		english[k] = v
	}
}
