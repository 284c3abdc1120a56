package demo

import "github.com/tiendo/tiendo/models"

// vongDong is the commune of the seed report "Vọng Đông với công tác cải
// cách hành chính 09 tháng đầu năm 2024". Its plans, their numbers, dates
// and legal bases are the report's; the tasks and their history are
// realistic work under those plans, with the report's figures in the notes.
//
// The commune code is illustrative (a 5-digit code in An Giang's range), as
// are the hamlet names, the people and their usernames.
var vongDong = communeSpec{
	code: "30316", name: "Vọng Đông", province: "An Giang",
	since: "2024-01-02 08:00", author: "chutich",
	units: []unitSpec{
		{"vp", "", "office", "Văn phòng – Thống kê"},
		{"tp", "", "office", "Công chức Tư pháp – Hộ tịch"},
		{"vhxh", "", "office", "Công chức Văn hóa – Xã hội"},
		{"ca", "", "office", "Công an xã"},
		// The support team at the one-stop desk includes Front and mass
		// organisation staff, so the Front is a supporting unit of that task.
		{"mttq", "", "office", "Ủy ban Mặt trận Tổ quốc Việt Nam xã"},
		{"mc", "", "one_stop_desk", "Bộ phận Tiếp nhận và Trả kết quả"},
		{"bcd", "", "steering_committee", "Ban Chỉ đạo chuyển đổi số xã"},
		{"tcns", "bcd", "team", "Tổ công nghệ số cộng đồng xã"},
		// The report names "04 tổ công nghệ số cộng đồng ở ấp" but not the
		// hamlets; these names are illustrative.
		{"ap1", "", "hamlet", "Ấp Trung Phú 1"},
		{"ap2", "", "hamlet", "Ấp Trung Phú 2"},
		{"ap3", "", "hamlet", "Ấp Đông Bình Nhất"},
		{"ap4", "", "hamlet", "Ấp Đông Bình Trạch"},
		{"to1", "ap1", "team", "Tổ công nghệ số cộng đồng ấp Trung Phú 1"},
		{"to2", "ap2", "team", "Tổ công nghệ số cộng đồng ấp Trung Phú 2"},
		{"to3", "ap3", "team", "Tổ công nghệ số cộng đồng ấp Đông Bình Nhất"},
		{"to4", "ap4", "team", "Tổ công nghệ số cộng đồng ấp Đông Bình Trạch"},
	},
	users: []userSpec{
		{"chutich", "Trần Văn Hòa", "Chủ tịch UBND xã Vọng Đông, Trưởng Ban Chỉ đạo CĐS / commune chairman",
			[]roleSpec{{"vp", models.RoleChairman}, {"bcd", models.RoleSteeringMember}}},
		{"phochutich", "Lê Thị Thu Hà", "Phó Chủ tịch UBND xã / vice-chairman",
			[]roleSpec{{"vp", models.RoleChairman}}},
		{"admin", "Phạm Minh Tuấn", "Công chức Văn phòng – Thống kê, quản trị hệ thống, Tổ trưởng Tổ CNS xã / administrator",
			[]roleSpec{{"vp", models.RoleAdmin}, {"tcns", models.RoleTeamMember}}},
		{"banchidao", "Nguyễn Thị Mỹ Linh", "Thành viên Ban Chỉ đạo chuyển đổi số xã / steering-committee member",
			[]roleSpec{{"bcd", models.RoleSteeringMember}}},
		{"tuphap", "Võ Thị Ngọc Hân", "Công chức Tư pháp – Hộ tịch / civil servant, justice and civil status",
			[]roleSpec{{"tp", models.RoleOfficer}, {"mc", models.RoleOfficer}}},
		{"motcua", "Lâm Quốc Bảo", "Công chức Bộ phận Tiếp nhận và Trả kết quả / one-stop desk officer",
			[]roleSpec{{"mc", models.RoleOfficer}}},
		{"vanhoa", "Trương Thị Bích Tuyền", "Công chức Văn hóa – Xã hội / civil servant, culture and society",
			[]roleSpec{{"vhxh", models.RoleOfficer}}},
		{"toap1", "Huỳnh Văn Lợi", "Tổ CNS cộng đồng ấp Trung Phú 1 / hamlet-1 digital team",
			[]roleSpec{{"to1", models.RoleTeamMember}}},
		{"toap2", "Đỗ Thị Kim Ngân", "Tổ CNS cộng đồng ấp Trung Phú 2 / hamlet-2 digital team",
			[]roleSpec{{"to2", models.RoleTeamMember}}},
	},
	plans:   vongDongPlans,
	figures: vongDongFigures,
}

// vongDongPlans are the six 2024 plans of the report, entered in order of
// issue. Two of them carry 12/KH-UBND: the register takes numbers in issue
// order, so the 29/3 plan holds number 12 and the 19/6 one is recorded as
// a confirmed duplicate; tiendo keeps both and warns on each.
var vongDongPlans = []planSpec{
	{number: "06/KH-UBND", issued: "2024-01-31", year: 2024, kind: "admin_reform",
		title: "Cải cách hành chính năm 2024", entered: "2024-01-31 14:00",
		summary: "Công bố danh mục TTHC liên thông điện tử và dịch vụ công trực tuyến; duy trì Tổ hỗ trợ và " +
			"“Ngày không viết – Ngày không hẹn” tại Bộ phận Tiếp nhận và Trả kết quả; nâng các chỉ số phục vụ " +
			"người dân, doanh nghiệp theo Quyết định 766/QĐ-TTg.",
		refs:  []refSpec{ref766, ref2042, ref356, ref25, ref1032},
		tasks: vd06Tasks},
	{number: "08/KH-UBND", issued: "2024-03-01", year: 2024, kind: "emulation",
		title: "Tổ chức, phát động phong trào thi đua năm 2024", entered: "2024-03-01 10:00",
		tasks: vd08Tasks},
	// The report dates this plan 11/3/2023 although it is the 2024 plan:
	// kept as printed, so tiendo shows its "issued outside the year"
	// warning; it was entered on 11/3/2024, when it was most likely issued.
	{number: "10/KH-UBND", issued: "2023-03-11", year: 2024, kind: "propaganda",
		title: "Tuyên truyền cải cách hành chính năm 2024", entered: "2024-03-11 15:00",
		summary: "Tuyên truyền CCHC trên hệ thống truyền thanh, pa-nô, áp phích và tại 04 ấp; " +
			"hướng dẫn người dân cài đặt, kích hoạt tài khoản VNeID.",
		tasks: vd10Tasks},
	{number: "12/KH-UBND", issued: "2024-03-29", year: 2024, kind: "digital_transformation",
		title: "Ứng dụng công nghệ thông tin, chuyển đổi số năm 2024", entered: "2024-03-29 14:30",
		summary: "Thành lập Ban Chỉ đạo chuyển đổi số, kiện toàn Tổ công nghệ số cộng đồng xã và 04 tổ ở ấp; " +
			"đưa dịch vụ công trực tuyến và thanh toán không dùng tiền mặt đến từng hộ.",
		refs:  []refSpec{ref2042},
		tasks: vd12cdsTasks},
	{number: "12/KH-UBND", issued: "2024-06-19", year: 2024, kind: "admin_reform",
		title:   "Thực hiện các giải pháp nâng cao hiệu quả quản trị và hành chính công năm 2024",
		entered: "2024-06-19 15:00", confirmDuplicate: true,
		refs:  []refSpec{ref766},
		tasks: vd12hccTasks},
	{number: "16/KH-UBND", issued: "2024-07-17", year: 2024, kind: "other",
		title:   "Thực hiện mô hình “Chính quyền thân thiện vì nhân dân phục vụ”",
		entered: "2024-07-17 14:00",
		summary: "Gắn với Chỉ thị 05-CT/TW của Bộ Chính trị, xây dựng chính quyền thực sự của dân, do dân và vì dân.",
		refs:    []refSpec{ref05},
		tasks:   vd16Tasks},
}
