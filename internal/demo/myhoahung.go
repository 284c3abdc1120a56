package demo

import "github.com/tiendo/tiendo/models"

// myHoaHung is a second, small commune of the same province. It exists so
// that tenant isolation can be seen: chutich2 signs in to one plan and
// three tasks and never sees Vọng Đông's, and Vọng Đông's users never see
// these. Like Vọng Đông's, its code, hamlet, people and tasks are
// illustrative; only its name and province are real.
var myHoaHung = communeSpec{
	code: "30292", name: "Mỹ Hòa Hưng", province: "An Giang",
	since: "2024-01-03 08:00", author: "chutich2",
	units: []unitSpec{
		{"vp", "", "office", "Văn phòng UBND xã"},
		{"ap", "", "hamlet", "Ấp Mỹ An"},
		{"to", "ap", "team", "Tổ công nghệ số cộng đồng ấp Mỹ An"},
	},
	users: []userSpec{
		{"chutich2", "Lê Hoàng Phúc", "Chủ tịch UBND xã Mỹ Hòa Hưng (xã thứ hai) / chairman of a second commune",
			[]roleSpec{{"vp", models.RoleChairman}}},
	},
	plans: []planSpec{{
		number: "05/KH-UBND", issued: "2024-01-25", year: 2024, kind: "admin_reform",
		title: "Cải cách hành chính năm 2024", entered: "2024-01-25 15:00",
		summary: "Kế hoạch cải cách hành chính của xã Mỹ Hòa Hưng (dữ liệu minh họa).",
		refs:    []refSpec{ref766, ref2042},
		tasks:   mhhTasks,
	}},
}

var mhhTasks = []taskSpec{
	{title: "Rà soát, niêm yết công khai thủ tục hành chính tại trụ sở UBND xã",
		lead: "vp", assignees: []string{"chutich2"},
		start: "2024-02-01", due: "2024-03-29", log: []entry{
			{"2024-02-20 09:30", "chutich2", 40, 0, "Đã rà soát danh mục thủ tục cấp xã."},
			{"2024-03-14 14:00", "chutich2", 80, 0, "In, niêm yết bảng công khai mới."},
			{"2024-03-27 10:00", "chutich2", 100, 0, "Hoàn thành niêm yết tại trụ sở UBND xã."},
		}},
	{title: "Hướng dẫn người dân ấp Mỹ An nộp hồ sơ trực tuyến",
		lead: "to", support: []string{"vp"}, assignees: []string{"chutich2"},
		start: "2024-03-01", due: "2024-12-31", target: 150, unit: "lượt", log: []entry{
			{"2024-05-02 15:00", "chutich2", 30, 40, "Theo báo cáo của Tổ công nghệ số ấp: 40 lượt."},
			{"2024-08-01 15:30", "chutich2", 50, 75, "Lũy kế 75 lượt."},
			{"2024-09-19 16:00", "chutich2", 65, 98, "Lũy kế 98 lượt."},
		}},
	{title: "Báo cáo kết quả cải cách hành chính 9 tháng năm 2024",
		lead:  "vp",
		start: "2024-09-16", due: "2024-09-30", log: []entry{
			{"2024-09-23 10:00", "chutich2", 40, 0, "Đang tổng hợp số liệu hồ sơ đến 15/9."},
		}},
}
