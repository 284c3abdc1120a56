package models

import (
	"errors"

	"github.com/lib/pq"
)

// constraintFields tells which request field a violated constraint is about,
// so PostgreSQL can enforce the invariant and the client still hears which
// field to fix.
var constraintFields = map[string]FieldError{
	"plans_kind_fkey":                    {"kind", "unknown", "loại kế hoạch không có trong danh mục"},
	"tasks_plan_fkey":                    {"plan_id", "unknown", "kế hoạch không tồn tại"},
	"tasks_lead_unit_fkey":               {"lead_unit_id", "unknown", "đơn vị chủ trì không tồn tại trong xã"},
	"tasks_due_after_start":              {"due_on", "before_start", "thời hạn không được trước ngày bắt đầu"},
	"task_units_unit_fkey":               {"supporting_unit_ids", "unknown", "đơn vị phối hợp không tồn tại trong xã"},
	"task_assignees_user_fkey":           {"assignee_ids", "unknown", "người được giao không thuộc xã"},
	"units_parent_fkey":                  {"parent_id", "unknown", "đơn vị cấp trên không tồn tại trong xã"},
	"plans_steering_unit_fkey":           {"steering_unit_id", "not_steering_committee", "ban chỉ đạo phải là một đơn vị loại steering_committee của xã"},
	"memberships_unit_fkey":              {"unit_id", "unknown", "đơn vị không tồn tại trong xã"},
	"memberships_user_fkey":              {"user_id", "unknown", "người dùng không thuộc xã"},
	"task_series_plan_fkey":              {"plan_id", "unknown", "kế hoạch không tồn tại"},
	"task_series_lead_unit_fkey":         {"lead_unit_id", "unknown", "đơn vị chủ trì không tồn tại trong xã"},
	"task_series_ends_after_start":       {"ends_on", "before_start", "ngày kết thúc trước ngày bắt đầu"},
	"calendar_overrides_makeup_weekend":  {"date", "makeup_not_weekend", "ngày làm bù phải là thứ Bảy hoặc Chủ nhật"},
	"progress_updates_reported_at_check": {"reported_at", "out_of_range", "thời điểm báo cáo phải trong 7 ngày trước khi gửi và không ở tương lai"},
}

// conflictFields are unique constraints whose violation is a 409 on a field.
var conflictFields = map[string]FieldError{
	"units_name_key":              {"name", "taken", "tên đơn vị đã có trong xã"},
	"communes_code_key":           {"code", "taken", "mã đơn vị hành chính đã được dùng"},
	"users_username_key":          {"username", "taken", "tên đăng nhập đã được dùng"},
	"users_email_key":             {"email", "taken", "email này đã được dùng cho một tài khoản khác của xã"},
	"memberships_pkey":            {"role", "taken", "người dùng đã có vai trò này ở đơn vị này"},
	"plans_doc_number_key":        {"doc_number", "duplicate", "số kế hoạch đã được dùng trong năm"},
	"report_versions_number_key":  {"period", "sent_meanwhile", "báo cáo kỳ này vừa được gửi; tải lại trang để xem phiên bản mới"},
	"calendar_overrides_date_key": {"date", "taken", "ngày này đã có điều chỉnh lịch; xóa điều chỉnh cũ trước khi nhập lại"},
}

// MapPGError translates PostgreSQL's constraint errors into domain errors.
func MapPGError(err error) error {
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) {
		return err
	}
	if f, ok := constraintFields[pqErr.Constraint]; ok {
		return &ValidationError{Fields: []FieldError{f}}
	}
	if f, ok := conflictFields[pqErr.Constraint]; ok {
		return &ConflictError{Field: f.Field, Message: f.Message}
	}
	switch pqErr.Code.Class() {
	case "23": // integrity: an invariant we did not name is still the client's conflict
		return &ConflictError{Message: "dữ liệu mâu thuẫn với dữ liệu đã có"}
	case "22": // data exception: a value PostgreSQL cannot hold
		return Invalid("", "invalid", "giá trị không hợp lệ")
	}
	return err
}
