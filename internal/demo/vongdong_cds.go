package demo

// Tasks of 10/KH-UBND (propaganda) and of the 29/3 12/KH-UBND (digital
// transformation). The hamlet teams lead the work in their hamlets: toap1
// and toap2 report their own; the culture civil servant reports for the two
// hamlet teams without an account, as the commune collects their figures,
// which her unit may do because it supports those tasks.

// vneidTitle is the propaganda task each hamlet team carries.
const vneidTitle = "Tuyên truyền cải cách hành chính, hướng dẫn cài đặt và kích hoạt tài khoản VNeID mức độ 2 tại "

var vd10Tasks = []taskSpec{
	{title: vneidTitle + "ấp Trung Phú 1",
		lead: "to1", support: []string{"ca"}, assignees: []string{"toap1"},
		start: "2024-03-18", due: "2024-09-30", target: 6, unit: "buổi", log: []entry{
			{"2024-03-28 16:00", "toap1", 20, 1, "Buổi 1 tại nhà văn hóa ấp: 45 người dự, kích hoạt 28 tài khoản."},
			{"2024-05-16 15:00", "toap1", 35, 2, "Buổi 2 lồng ghép họp tổ nhân dân tự quản."},
			{"2024-07-18 15:30", "toap1", 50, 3, "Buổi 3: hướng dẫn tích hợp giấy phép lái xe, thẻ BHYT vào VNeID."},
			{"2024-08-22 16:10", "toap1", 65, 4, "Buổi 4 tại chợ ấp."},
			{"2024-09-19 15:45", "toap1", 80, 5, "Buổi 5; buổi cuối dự kiến ngày 01/10."},
		}},
	{title: vneidTitle + "ấp Trung Phú 2",
		lead: "to2", support: []string{"ca"}, assignees: []string{"toap2"},
		start: "2024-03-18", due: "2024-09-30", target: 6, unit: "buổi", log: []entry{
			{"2024-04-04 15:30", "toap2", 20, 1, "Buổi 1: 52 người dự."},
			{"2024-06-06 16:00", "toap2", 50, 3, "Đã tổ chức 3 buổi, kích hoạt 140 tài khoản."},
			{"2024-08-08 15:00", "toap2", 80, 5, "Buổi 5 kết hợp đối thoại với nhân dân ấp."},
			{"2024-09-12 16:20", "toap2", 100, 6, "Hoàn thành 06 buổi; 312 lượt người dân được hướng dẫn."},
		}},
	{title: vneidTitle + "ấp Đông Bình Nhất",
		lead: "to3", support: []string{"ca", "vhxh"},
		start: "2024-03-18", due: "2024-06-30", target: 4, unit: "buổi", log: []entry{
			{"2024-04-25 15:00", "vanhoa", 25, 1, "Theo báo cáo của Tổ công nghệ số ấp: buổi 1, 38 người dự."},
			{"2024-06-27 16:00", "vanhoa", 50, 2, "Buổi 2; hai buổi còn lại dời sang tháng 7 do mưa lớn."},
			{"2024-07-25 15:30", "vanhoa", 75, 3, "Buổi 3 tại điểm trường ấp."},
			{"2024-08-08 16:00", "vanhoa", 100, 4, "Hoàn thành 04 buổi, chậm so với kế hoạch."},
		}},
	{title: vneidTitle + "ấp Đông Bình Trạch",
		lead: "to4", support: []string{"ca", "vhxh"},
		start: "2024-03-18", due: "2024-06-30", target: 4, unit: "buổi", log: []entry{
			{"2024-05-23 15:00", "vanhoa", 25, 1, "Theo báo cáo của Tổ công nghệ số ấp: buổi 1, 30 người dự."},
			{"2024-06-20 15:30", "vanhoa", 40, 1, "Tổ trưởng nghỉ ốm, chưa tổ chức được buổi 2."},
			{"2024-08-29 09:30", "vanhoa", 50, 2, "Buổi 2 tổ chức ngày 28/8; đề nghị kiện toàn tổ trưởng Tổ công nghệ số ấp."},
		}},
	{title: "Tuyên truyền cải cách hành chính trên hệ thống truyền thanh xã (02 lần/tuần)",
		lead: "vhxh", assignees: []string{"vanhoa"},
		start: "2024-03-11", due: "2024-12-31", target: 80, unit: "lượt", log: []entry{
			{"2024-04-01 10:00", "vanhoa", 20, 6, "Tháng 3: 6 lượt phát thanh."},
			{"2024-06-03 10:10", "vanhoa", 40, 24, "Phát tin về dịch vụ công trực tuyến, thanh toán không dùng tiền mặt."},
			{"2024-08-01 09:50", "vanhoa", 60, 42, "Thêm chuyên mục “Hỏi – đáp thủ tục hành chính”."},
			{"2024-09-27 10:00", "vanhoa", 70, 58, "Lũy kế 58 lượt phát thanh."},
		}},
	{title: "Niêm yết, thay mới pa-nô, áp phích tuyên truyền cải cách hành chính tại trụ sở UBND xã và 04 ấp",
		lead: "vhxh", support: []string{"vp", "ap1", "ap2", "ap3", "ap4"}, assignees: []string{"vanhoa"},
		start: "2024-03-18", due: "2024-04-30", log: []entry{
			{"2024-03-26 14:00", "vanhoa", 30, 0, "Đã thiết kế mẫu pa-nô, xin ý kiến Chủ tịch UBND xã."},
			{"2024-04-12 09:20", "vanhoa", 60, 0, "Lắp đặt tại trụ sở UBND xã, ấp Trung Phú 1 và Trung Phú 2."},
			{"2024-04-26 15:10", "vanhoa", 100, 0, "Hoàn thành tại 04 ấp."},
		}},
}

var vd12cdsTasks = []taskSpec{
	{title: "Ban hành quyết định thành lập Ban Chỉ đạo chuyển đổi số xã",
		lead: "vp", assignees: []string{"chutich", "admin"},
		start: "2024-04-01", due: "2024-04-15", log: []entry{
			{"2024-04-02 09:00", "admin", 50, 0, "Dự thảo quyết định và danh sách thành viên Ban Chỉ đạo."},
			{"2024-04-05 16:00", "chutich", 100, 0, "Đã ký quyết định thành lập Ban Chỉ đạo chuyển đổi số xã."},
		}},
	{title: "Kiện toàn Tổ công nghệ số cộng đồng xã và 04 tổ công nghệ số cộng đồng ở ấp",
		lead: "vp", support: []string{"bcd", "ap1", "ap2", "ap3", "ap4"}, assignees: []string{"admin"},
		start: "2024-04-01", due: "2024-04-30", log: []entry{
			{"2024-04-10 10:00", "admin", 40, 0, "Các ấp đã đề cử thành viên tổ công nghệ số."},
			{"2024-04-19 14:30", "admin", 80, 0, "Dự thảo quyết định kiện toàn 05 tổ."},
			{"2024-04-24 15:00", "admin", 100, 0, "Đã ban hành quyết định kiện toàn Tổ công nghệ số cộng đồng xã và 04 tổ ở ấp."},
		}},
	{title: "Khảo sát hộ có điện thoại thông minh, tài khoản VNeID và tài khoản thanh toán tại ấp Trung Phú 1",
		lead: "to1", assignees: []string{"toap1"},
		start: "2024-04-08", due: "2024-05-10", target: 412, unit: "hộ", log: []entry{
			{"2024-04-11 16:00", "toap1", 30, 120, "Đã khảo sát 120/412 hộ."},
			{"2024-04-23 15:20", "toap1", 70, 290, "Đã khảo sát 290/412 hộ."},
			{"2024-05-08 16:30", "toap1", 100, 412, "Đủ 412 hộ: 318 hộ có điện thoại thông minh, 241 hộ có tài khoản thanh toán."},
		}},
	{title: "Phối hợp Công an xã làm sạch dữ liệu dân cư ấp Trung Phú 1",
		lead: "to1", support: []string{"ca"}, assignees: []string{"toap1"},
		start: "2024-05-02", due: "2024-06-30", log: []entry{
			{"2024-05-16 15:45", "toap1", 30, 0, "Rà soát 130 nhân khẩu có thông tin chưa khớp."},
			{"2024-06-20 16:00", "toap1", 70, 0, "Đã xác minh 95 trường hợp."},
			{"2024-07-11 10:15", "toap1", 100, 0, "Hoàn thành; 23 trường hợp chuyển Công an xã điều chỉnh. Chậm do nhiều người đi làm ăn xa."},
		}},
	{title: "Hướng dẫn người dân ấp Trung Phú 1 nộp hồ sơ trực tuyến và thanh toán không dùng tiền mặt",
		lead: "to1", support: []string{"mc"}, assignees: []string{"toap1"},
		start: "2024-06-03", due: "2024-11-29", target: 200, unit: "lượt", log: []entry{
			{"2024-06-06 16:20", "toap1", 20, 40, "Hướng dẫn 40 lượt, chủ yếu hồ sơ khai sinh, chứng thực."},
			{"2024-07-18 16:30", "toap1", 45, 90, "Lũy kế 90 lượt."},
			{"2024-08-22 16:45", "toap1", 60, 120, "Lũy kế 120 lượt; nhiều người lớn tuổi cần hỗ trợ tại nhà."},
			{"2024-09-19 16:50", "toap1", 70, 140, "Lũy kế 140 lượt."},
		}},
	{title: "Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến đạt tối thiểu 50%",
		lead: "mc", support: []string{"tcns"}, assignees: []string{"motcua"},
		start: "2024-04-01", due: "2024-12-31", target: 50, unit: "%", log: []entry{
			{"2024-05-03 09:00", "motcua", 50, 38, "Tháng 4: 38% hồ sơ nộp trực tuyến."},
			{"2024-07-01 14:00", "motcua", 80, 44, "6 tháng: 44%."},
			{"2024-09-04 09:30", "motcua", 100, 78, "Số liệu ngày 31/8/2024: chỉ tiêu dịch vụ công trực tuyến đạt 78% (yêu cầu 50%)."},
		}},
	{title: "Hỗ trợ cài đặt, kích hoạt tài khoản định danh điện tử VNeID mức độ 2 cho người dân toàn xã",
		lead: "tcns", support: []string{"ca", "to1", "to2", "to3", "to4"}, assignees: []string{"admin"},
		start: "2024-04-01", due: "2024-10-31", target: 3000, unit: "tài khoản", log: []entry{
			{"2024-05-06 15:00", "admin", 25, 760, "Lũy kế 760 tài khoản được kích hoạt."},
			{"2024-07-05 10:00", "admin", 50, 1520, "Lũy kế 1.520 tài khoản."},
			{"2024-08-30 15:30", "admin", 65, 1980, "Lũy kế 1.980 tài khoản; ấp Đông Bình Trạch còn thấp."},
			{"2024-09-25 16:00", "admin", 75, 2260, "Lũy kế 2.260 tài khoản."},
		}},
	{title: "Ban Chỉ đạo kiểm tra, đánh giá kết quả chuyển đổi số 6 tháng đầu năm tại 04 ấp",
		lead: "bcd", support: []string{"vp"}, assignees: []string{"banchidao"},
		start: "2024-07-01", due: "2024-07-31", log: []entry{
			{"2024-07-15 09:00", "banchidao", 30, 0, "Xây dựng kế hoạch kiểm tra tại 04 ấp."},
			{"2024-07-30 15:00", "banchidao", 60, 0, "Đã kiểm tra ấp Trung Phú 1 và Trung Phú 2."},
			{"2024-08-09 10:00", "banchidao", 100, 0, "Đã kiểm tra đủ 04 ấp và báo cáo Ban Chỉ đạo; chậm do trùng lịch tiếp công dân."},
		}},
}
