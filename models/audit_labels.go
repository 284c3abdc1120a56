package models

// AuditActionNames name the audit log's actions for people (the pages and
// the plan export print these, never the codes).
var AuditActionNames = map[string]string{"create": "Tạo mới", "update": "Cập nhật", "delete": "Xóa",
	"progress": "Báo cáo tiến độ", "attach": "Đính kèm minh chứng", "comment": "Ý kiến",
	"accept": "Nghiệm thu", "return": "Trả lại", "clone": "Nhân bản", "import": "Nhập từ tệp",
	"record": "Ghi nhận số liệu", "target": "Đặt chỉ tiêu năm", "indicators": "Gắn chỉ tiêu",
	"generate": "Sinh nhiệm vụ định kỳ", "stop": "Dừng lặp lại", "revoke": "Thu hồi",
	"change_password": "Đổi mật khẩu", "restore": "Khôi phục từ thùng rác",
	"purge": "Xóa hẳn khỏi thùng rác", "request": "Đề xuất gia hạn", "decide": "Quyết định gia hạn",
	"return_extend": "Trả lại, gia hạn", "update_profile": "Cập nhật thông tin cá nhân", "login": "Đăng nhập",
	"forward":      "Giao tiếp cho cấp dưới",
	"login_failed": "Đăng nhập không thành công", "change_password_failed": "Đổi mật khẩu không thành công",
	"test": "Gửi thử", "send": "Gửi báo cáo lên tỉnh", "set_deadline": "Đặt hạn nộp báo cáo"}

// AuditEntityNames name what an audit row is about.
var AuditEntityNames = map[string]string{"plan": "Kế hoạch", "task": "Nhiệm vụ", "task_series": "Nhiệm vụ định kỳ",
	"unit": "Đơn vị", "user": "Người dùng", "indicator": "Chỉ tiêu", "indicator_value": "Số liệu chỉ tiêu",
	"dossier_stats": "Số liệu hồ sơ", "report_narrative": "Lời văn báo cáo", "report_settings": "Cài đặt báo cáo",
	"settings": "Cài đặt nhắc việc", "calendar_override": "Lịch làm việc", "api_token": "Khóa truy cập API",
	"calendar_feed":    "Lịch cá nhân (iCalendar)",
	"webhook_endpoint": "Điểm nhận sự kiện (webhook)",
	"report_version":   "Báo cáo đã gửi", "report_deadline": "Hạn nộp báo cáo"}

// NameOr is names[code], or code when it has no name yet.
func NameOr(names map[string]string, code string) string {
	if n, ok := names[code]; ok {
		return n
	}
	return code
}
