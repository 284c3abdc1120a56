package demo

// Tasks of 06/KH-UBND (administrative reform) and 08/KH-UBND (emulation).
// The figures in the notes are the report's: 988 dossiers in 9 months,
// digitisation 83,2 %, online payment 90,83 %, handling progress 94,31 %,
// 108 "no writing, no appointment" dossiers. Where the report's breakdowns
// do not add up (406 + 557 + 24 ≠ 988; 75 + 20 + 18 ≠ 108) the notes keep
// them as printed, as an official copying the report would.

// nkvTitle is the recurring Thursday model, one task per quarter so each
// occurrence period has its own status.
const nkvTitle = "Thực hiện “Ngày không viết” và “Ngày không hẹn” vào thứ Năm hằng tuần tại Bộ phận Tiếp nhận và Trả kết quả – "

var vd06Tasks = []taskSpec{
	{title: "Công bố Danh mục 02 nhóm thủ tục hành chính liên thông điện tử (khai sinh – thường trú – BHYT trẻ em dưới 6 tuổi; khai tử – xóa thường trú – mai táng phí, tử tuất)",
		lead: "tp", support: []string{"mc", "ca"}, assignees: []string{"tuphap"},
		start: "2024-02-01", due: "2024-02-29", log: []entry{
			{"2024-02-05 09:20", "tuphap", 30, 0, "Đã rà soát hướng dẫn của tỉnh về 02 nhóm thủ tục liên thông điện tử."},
			{"2024-02-20 10:05", "tuphap", 70, 0, "Dự thảo quyết định công bố danh mục, trình Chủ tịch UBND xã ký."},
			{"2024-02-27 15:30", "tuphap", 100, 0, "Đã niêm yết danh mục tại Bộ phận Tiếp nhận và Trả kết quả và trên trang thông tin điện tử xã."},
		}},
	{title: "Công bố Danh mục thủ tục hành chính dịch vụ công trực tuyến mức độ 2, 3 và 4 theo Quyết định 2042/QĐ-UBND",
		lead: "vp", support: []string{"mc"}, assignees: []string{"admin"},
		start: "2024-02-01", due: "2024-03-15", log: []entry{
			{"2024-02-22 14:10", "admin", 40, 0, "Đối chiếu danh mục của tỉnh với các thủ tục đang thực hiện tại xã."},
			{"2024-03-11 09:40", "admin", 80, 0, "Chờ tỉnh cập nhật danh mục sau khi bãi bỏ một số thủ tục."},
			{"2024-03-25 16:00", "admin", 100, 0, "Đã công bố và niêm yết; chậm 10 ngày do chờ danh mục cập nhật của tỉnh."},
		}},
	{title: "Duy trì Tổ hỗ trợ hướng dẫn kê khai thủ tục hành chính tại Bộ phận Tiếp nhận và Trả kết quả (có cán bộ Mặt trận – đoàn thể xã tham gia)",
		lead: "mc", support: []string{"mttq"}, assignees: []string{"motcua"},
		start: "2024-02-01", due: "2024-12-31", log: []entry{
			{"2024-03-01 08:30", "motcua", 20, 0, "Đã phân công lịch trực của Tổ hỗ trợ, mỗi ngày 01 cán bộ Mặt trận – đoàn thể."},
			{"2024-05-03 10:15", "motcua", 40, 0, "Tổ hỗ trợ đã hướng dẫn kê khai cho 214 lượt người dân."},
			{"2024-07-01 09:00", "motcua", 60, 0, "6 tháng: 356 lượt được hướng dẫn; người dân đánh giá tốt."},
			{"2024-09-04 15:20", "motcua", 75, 0, "Bổ sung 01 đoàn viên thanh niên hỗ trợ người dân nộp hồ sơ trực tuyến."},
		}},
	{title: "Giải quyết hồ sơ thủ tục hành chính đúng và trước hạn (chỉ tiêu tiến độ giải quyết 90–100%)",
		lead: "mc", support: []string{"tp"}, assignees: []string{"motcua", "tuphap"},
		start: "2024-01-02", due: "2024-12-31", target: 100, unit: "%", log: []entry{
			{"2024-04-02 09:30", "motcua", 25, 96.5, "Quý I: tiếp nhận 301 hồ sơ, giải quyết đúng hạn 96,5%."},
			{"2024-07-02 10:00", "motcua", 50, 95.2, "6 tháng: tiếp nhận 642 hồ sơ, đã giải quyết 642 hồ sơ; đúng hạn 95,2%."},
			{"2024-09-04 08:45", "motcua", 70, 94.31, "Số liệu Cổng dịch vụ công ngày 31/8/2024: chỉ tiêu tiến độ giải quyết đạt 94,31%."},
			{"2024-09-27 16:10", "motcua", 75, 94.31, "9 tháng: tiếp nhận 988 hồ sơ, giải quyết 988 hồ sơ (100%). Toàn trình 406/407; một phần trực tuyến 557/557 (28 hồ sơ BCCI); trực tiếp 24/24."},
		}},
	{title: "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính (chứng thực điện tử) đạt 100%",
		lead: "tp", support: []string{"mc"}, assignees: []string{"tuphap"},
		start: "2024-02-01", due: "2024-06-30", target: 100, unit: "%", log: []entry{
			{"2024-03-04 14:00", "tuphap", 30, 62, "Đã số hóa 62% hồ sơ chứng thực; Bộ phận một cửa thiếu máy quét."},
			{"2024-05-02 09:10", "tuphap", 55, 74.5, "Được trang bị thêm 01 máy quét; tỷ lệ số hóa 74,5%."},
			{"2024-06-28 16:30", "tuphap", 75, 80.1, "Đến 28/6 đạt 80,1%, chưa đạt chỉ tiêu 100%."},
			{"2024-09-04 10:20", "tuphap", 83, 83.2, "Số liệu Cổng dịch vụ công ngày 31/8/2024: số hóa hồ sơ đạt 83,2% (yêu cầu 100%)."},
		}},
	{title: "Thanh toán trực tuyến phí, lệ phí thủ tục hành chính đạt tối thiểu 50%",
		lead: "mc", support: []string{"tcns"}, assignees: []string{"motcua"},
		start: "2024-02-01", due: "2024-09-30", target: 50, unit: "%", log: []entry{
			{"2024-04-01 15:00", "motcua", 40, 35.5, "Quý I: 35,5% hồ sơ có phí được thanh toán trực tuyến."},
			{"2024-06-03 09:45", "motcua", 80, 47, "Tổ công nghệ số hướng dẫn người dân dùng ngân hàng số, ví điện tử; đạt 47%."},
			{"2024-09-04 14:30", "motcua", 100, 90.83, "Số liệu ngày 31/8/2024: thanh toán trực tuyến đạt 90,83%, vượt chỉ tiêu 50%."},
		}},
	{title: nkvTitle + "quý I/2024",
		lead: "mc", support: []string{"tp"}, assignees: []string{"motcua", "tuphap"},
		start: "2024-01-04", due: "2024-03-31", log: []entry{
			{"2024-02-15 16:30", "motcua", 30, 0, "Thứ Năm 15/02: 5 hồ sơ không ghi giấy tiếp nhận, không hẹn ngày trả."},
			{"2024-03-07 16:20", "tuphap", 60, 0, "Thứ Năm 07/3: 4 hồ sơ hộ tịch trả ngay trong ngày."},
			{"2024-03-28 16:40", "motcua", 100, 0, "Quý I: 34 hồ sơ thực hiện “Ngày không viết – Ngày không hẹn”."},
		}},
	{title: nkvTitle + "quý II/2024",
		lead: "mc", support: []string{"tp"}, assignees: []string{"motcua", "tuphap"},
		start: "2024-04-01", due: "2024-06-30", log: []entry{
			{"2024-04-11 16:15", "motcua", 25, 0, "Thứ Năm 11/4: 3 hồ sơ kết hôn, 2 hồ sơ chứng thực trả ngay."},
			{"2024-05-16 16:30", "tuphap", 60, 0, "Duy trì đều các ngày thứ Năm; có 2 hồ sơ việc làm."},
			{"2024-06-13 16:20", "motcua", 85, 0, "Lũy kế quý II: 31 hồ sơ."},
			{"2024-07-04 09:00", "motcua", 100, 0, "Quý II: 38 hồ sơ; báo cáo gửi chậm do chờ số liệu chứng thực."},
		}},
	{title: nkvTitle + "quý III/2024",
		lead: "mc", support: []string{"tp"}, assignees: []string{"motcua", "tuphap"},
		start: "2024-07-01", due: "2024-09-30", log: []entry{
			{"2024-07-11 16:25", "motcua", 30, 0, "Thứ Năm 11/7: khai tử, chứng thực trả ngay 4 hồ sơ."},
			{"2024-08-15 16:35", "tuphap", 60, 0, "Tháng 7 và tháng 8: 24 hồ sơ."},
			{"2024-09-26 16:45", "motcua", 90, 0, "Lũy kế 9 tháng: 108 hồ sơ, trong đó hộ tịch 75, chứng thực 20, việc làm 18 (cộng lại 113, cần đối chiếu)."},
		}},
	{title: nkvTitle + "quý IV/2024",
		lead: "mc", support: []string{"tp"}, assignees: []string{"motcua", "tuphap"},
		start: "2024-10-01", due: "2024-12-31"},
}

var vd08Tasks = []taskSpec{
	{title: "Tổ chức phát động phong trào thi đua năm 2024 trong cán bộ, công chức và nhân dân 04 ấp",
		lead: "vp", support: []string{"mttq"}, assignees: []string{"admin"},
		start: "2024-03-04", due: "2024-03-15", log: []entry{
			{"2024-03-05 10:00", "admin", 40, 0, "Chuẩn bị nội dung, gửi giấy mời các ấp, đoàn thể."},
			{"2024-03-12 08:30", "admin", 80, 0, "Tổ chức lễ phát động tại hội trường UBND xã."},
			{"2024-03-14 15:00", "admin", 100, 0, "Đã phát động; 04/04 ấp ký giao ước thi đua."},
		}},
	{title: "Đăng ký danh hiệu thi đua tập thể, cá nhân năm 2024",
		lead: "vp", support: []string{"ap1", "ap2", "ap3", "ap4"}, assignees: []string{"admin"},
		start: "2024-03-04", due: "2024-03-29", log: []entry{
			{"2024-03-15 09:00", "admin", 30, 0, "Đã gửi mẫu đăng ký đến các bộ phận và 04 ấp."},
			{"2024-03-28 14:20", "admin", 70, 0, "Còn 01 ấp chưa nộp bản đăng ký."},
			{"2024-04-05 10:30", "admin", 100, 0, "Đã tổng hợp đủ, trình Hội đồng Thi đua – Khen thưởng xã (chậm 1 tuần)."},
		}},
	{title: "Xây dựng mô hình “Dân vận khéo” trong chuyển đổi số tại ấp Trung Phú 1",
		lead: "to1", support: []string{"mttq"}, assignees: []string{"toap1"},
		start: "2024-04-01", due: "2024-08-31", log: []entry{
			{"2024-04-15 15:30", "toap1", 20, 0, "Tổ họp, chọn 03 tổ nhân dân tự quản làm điểm."},
			{"2024-06-14 10:00", "toap1", 40, 0, "Đã hỗ trợ 85 hộ cài đặt VNeID, ngân hàng số."},
			{"2024-08-16 16:00", "toap1", 60, 0, "Đã hỗ trợ 120 hộ; chưa sơ kết mô hình do trùng mùa thu hoạch lúa Hè Thu."},
		}},
	{title: "Sơ kết phong trào thi đua 6 tháng đầu năm 2024",
		lead: "vp", assignees: []string{"phochutich", "admin"},
		start: "2024-07-01", due: "2024-07-15", log: []entry{
			{"2024-07-03 09:00", "admin", 40, 0, "Tổng hợp báo cáo của các bộ phận và 04 ấp."},
			{"2024-07-09 14:00", "phochutich", 80, 0, "Dự thảo báo cáo sơ kết, xin ý kiến Đảng ủy xã."},
			{"2024-07-12 10:30", "phochutich", 100, 0, "Đã tổ chức hội nghị sơ kết; khen thưởng 02 tập thể, 05 cá nhân."},
		}},
	{title: "Tổng kết phong trào thi đua, đề nghị khen thưởng năm 2024",
		lead: "vp", support: []string{"mttq"}, assignees: []string{"phochutich"},
		start: "2024-11-15", due: "2024-12-20"},
}
