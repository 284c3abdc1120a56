package handlers

// English for the recycle bin and the plan's delete confirmation (see
// pages_i18n.go for how the catalogue works).
func init() {
	for vi, en := range map[string]string{
		"Thùng rác": "Recycle bin",
		"Kế hoạch đã xóa nằm ở đây %d ngày cùng các nhiệm vụ bị xóa theo, và có thể khôi phục; sau đó bị xóa hẳn.": "Deleted plans stay here for %d days with the tasks deleted with them and can be restored; then they are removed for good.",
		"Người xóa":        "Deleted by",
		"Ngày xóa":         "Deleted on",
		"Xóa hẳn sau":      "Removed for good after",
		"Hệ thống":         "System",
		"Khôi phục":        "Restore",
		"Thùng rác trống.": "The recycle bin is empty.",
		"Xóa kế hoạch":     "Delete plan",
		"Xóa kế hoạch này cùng %d nhiệm vụ?": "Delete this plan with its %d tasks?",
		"Xóa kế hoạch này?":                  "Delete this plan?",
		"Kế hoạch và các nhiệm vụ của nó được chuyển vào Thùng rác, khôi phục được trong %d ngày.": "The plan and its tasks go to the recycle bin and can be restored for %d days.",
		"Đã chuyển kế hoạch và các nhiệm vụ của nó vào Thùng rác.":                                 "The plan and its tasks were moved to the recycle bin.",
		"Đã khôi phục kế hoạch cùng các nhiệm vụ bị xóa theo nó.":                                  "The plan was restored with the tasks deleted with it.",
	} {
		english[vi] = en
	}
}
