package demo

// Tasks of the 19/6 12/KH-UBND (public administration and governance) and
// of 16/KH-UBND (“Chính quyền thân thiện vì nhân dân phục vụ”). The report
// quotes the commune's rates against the required ones on 31/8/2024
// (publicity 100 % against 80–90 %, satisfaction 100 % against 100 %); the
// dialogues with citizens and businesses are the report's too, and the
// satisfaction QR code and waiting-area tasks are what "friendly
// government" programmes typically ask of a one-stop desk. One task is
// given a later deadline and one is cancelled, so the demo shows edits as
// well as progress.

var vd12hccTasks = []taskSpec{
	{title: "Rà soát, khắc phục các chỉ số còn thấp theo Bộ chỉ số 766/QĐ-TTg (tiến độ giải quyết, số hóa hồ sơ)",
		lead: "vp", support: []string{"mc", "tp"}, assignees: []string{"phochutich"},
		start: "2024-06-20", due: "2024-08-31", log: []entry{
			{"2024-06-28 10:00", "phochutich", 20, 0, "Đã rà soát 06 nhóm chỉ số; số hóa và tiến độ giải quyết chưa đạt."},
			{"2024-07-26 14:30", "phochutich", 50, 0, "Giao công chức Tư pháp – Hộ tịch số hóa bổ sung hồ sơ tồn."},
			{"2024-08-23 15:00", "phochutich", 80, 0, "Số hóa khoảng 83%, tiến độ giải quyết khoảng 94%: chưa đạt yêu cầu."},
		}},
	{title: "Công khai, minh bạch thông tin thủ tục hành chính trên Cổng dịch vụ công và tại trụ sở (chỉ tiêu 80–90%)",
		lead: "mc", assignees: []string{"motcua"},
		start: "2024-06-20", due: "2024-09-30", target: 90, unit: "%", log: []entry{
			{"2024-07-05 09:30", "motcua", 50, 95, "Cập nhật đủ thủ tục trên Cổng dịch vụ công."},
			{"2024-08-02 10:00", "motcua", 80, 98, "Niêm yết lại bảng công khai tại Bộ phận một cửa."},
			{"2024-09-04 11:00", "motcua", 100, 100, "Số liệu ngày 31/8/2024: chỉ tiêu công khai, minh bạch đạt 100%."},
		}},
	{title: "Khảo sát, nâng mức độ hài lòng của người dân, doanh nghiệp (chỉ tiêu 100%)",
		lead: "vp", support: []string{"mc"}, assignees: []string{"admin"},
		start: "2024-06-24", due: "2024-09-30", target: 100, unit: "%", log: []entry{
			{"2024-07-17 14:00", "admin", 30, 98.5, "Tháng 6–7: mức độ hài lòng 98,5%."},
			{"2024-08-21 15:00", "admin", 60, 100, "Cổng dịch vụ công ghi nhận 100%; chờ phiếu khảo sát trực tiếp."},
			{"2024-09-24 16:00", "admin", 70, 100, "Đã thu 210/300 phiếu khảo sát."},
		},
		changes: []change{{at: "2024-09-20 10:00", by: "chutich", due: "2024-10-31",
			note: "Gia hạn đến 31/10/2024 để khảo sát cả hồ sơ quý III."}}},
	{title: "Niêm yết số điện thoại đường dây nóng, hộp thư góp ý tại trụ sở UBND xã và 04 ấp",
		lead: "vp", support: []string{"ap1", "ap2", "ap3", "ap4"}, assignees: []string{"admin"},
		start: "2024-06-24", due: "2024-07-15", log: []entry{
			{"2024-06-27 10:00", "admin", 20, 0, "Đặt làm 05 hộp thư góp ý."},
			{"2024-07-03 09:30", "admin", 60, 0, "Đã niêm yết tại trụ sở UBND xã."},
			{"2024-07-12 15:00", "admin", 100, 0, "Hoàn thành tại 04 ấp."},
		}},
	{title: "Bồi dưỡng kỹ năng giao tiếp, ứng xử cho công chức Bộ phận Tiếp nhận và Trả kết quả",
		lead: "vp", support: []string{"mc"}, assignees: []string{"phochutich"},
		start: "2024-10-01", due: "2024-11-29"},
	{title: "Tiếp nhận, xử lý phản ánh, kiến nghị của người dân, doanh nghiệp về quy định hành chính",
		lead: "vp", support: []string{"mc"}, assignees: []string{"admin"},
		start: "2024-06-20", due: "2024-12-31", log: []entry{
			{"2024-07-31 09:00", "admin", 30, 0, "Tháng 7: 03 phản ánh, đã xử lý 03."},
			{"2024-08-30 09:00", "admin", 50, 0, "Tháng 8: 02 phản ánh về thời gian trả kết quả chứng thực, đã xử lý."},
			{"2024-09-27 14:00", "admin", 70, 0, "Tháng 9: 01 phản ánh đang xác minh."},
		}},
}

var vd16Tasks = []taskSpec{
	{title: "Tổ chức gặp gỡ, đối thoại với nhân dân và doanh nghiệp về cải cách hành chính",
		lead: "vp", support: []string{"mttq"}, assignees: []string{"chutich"},
		start: "2024-07-22", due: "2024-09-30", target: 2, unit: "buổi", log: []entry{
			{"2024-07-29 10:00", "chutich", 20, 0, "Thống nhất với Mặt trận lịch đối thoại tại ấp Trung Phú 2 và với doanh nghiệp."},
			{"2024-08-08 16:00", "chutich", 50, 1, "Đối thoại với nhân dân ấp Trung Phú 2: 65 người dự, 9 ý kiến; trả lời tại chỗ 7 ý kiến."},
			{"2024-09-20 16:30", "chutich", 100, 2, "Đối thoại với doanh nghiệp, hộ kinh doanh: 21 đại biểu; tiếp thu 4 kiến nghị về thanh toán trực tuyến."},
		}},
	{title: "Quán triệt cán bộ, công chức thực hiện mô hình “Chính quyền thân thiện vì nhân dân phục vụ” gắn với Chỉ thị 05-CT/TW",
		lead: "vp", support: []string{"mttq"}, assignees: []string{"chutich"},
		start: "2024-07-18", due: "2024-07-31", log: []entry{
			{"2024-07-19 09:00", "phochutich", 50, 0, "Phân công nội dung cho từng bộ phận."},
			{"2024-07-26 10:30", "chutich", 100, 0, "Đã tổ chức hội nghị quán triệt cho 100% cán bộ, công chức xã."},
		}},
	{title: "Bố trí ghế chờ, nước uống, wifi miễn phí và bảng hướng dẫn tại Bộ phận Tiếp nhận và Trả kết quả",
		lead: "mc", support: []string{"vp"}, assignees: []string{"motcua"},
		start: "2024-07-18", due: "2024-08-15", log: []entry{
			{"2024-07-25 15:00", "motcua", 40, 0, "Đã lắp wifi, bố trí nước uống."},
			{"2024-08-14 09:00", "motcua", 70, 0, "Chờ kinh phí mua ghế chờ."},
			{"2024-08-27 15:30", "motcua", 100, 0, "Đã bố trí 12 ghế chờ và bảng hướng dẫn."},
		}},
	{title: "Triển khai mã QR khảo sát mức độ hài lòng tại Bộ phận Tiếp nhận và Trả kết quả",
		lead: "mc", support: []string{"tcns"}, assignees: []string{"motcua"},
		start: "2024-07-18", due: "2024-08-30", log: []entry{
			{"2024-07-24 10:00", "motcua", 30, 0, "Đăng ký mã QR khảo sát trên Cổng dịch vụ công của tỉnh."},
			{"2024-08-07 15:00", "motcua", 70, 0, "In, dán mã QR tại quầy tiếp nhận."},
			{"2024-08-20 09:30", "motcua", 100, 0, "Người dân quét mã sau khi nhận kết quả; 46 lượt đánh giá trong tuần đầu."},
		}},
	{title: "Tiếp nhận, chuyển phản ánh của người dân ấp Trung Phú 1 qua nhóm Zalo của ấp",
		lead: "to1", support: []string{"vp"}, assignees: []string{"toap1"},
		start: "2024-07-22", due: "2024-09-13", log: []entry{
			{"2024-07-25 16:00", "toap1", 15, 0, "Lập nhóm Zalo của ấp, mời các hộ tham gia."},
			{"2024-08-01 16:00", "toap1", 30, 0, "Nhóm Zalo có 180 thành viên."},
			{"2024-08-29 16:15", "toap1", 50, 0, "Đã chuyển 06 phản ánh đến Văn phòng UBND xã; chưa thống nhất quy trình phản hồi."},
		}},
	{title: "Sơ kết mô hình “Chính quyền thân thiện vì nhân dân phục vụ” năm 2024",
		lead: "vp", support: []string{"mttq"}, assignees: []string{"phochutich"},
		start: "2024-11-01", due: "2024-12-20"},
	{title: "Tổ chức hội thi “Công chức thân thiện” cấp xã",
		lead: "vp", support: []string{"mttq"}, assignees: []string{"phochutich"},
		start: "2024-08-01", due: "2024-10-15", log: []entry{
			{"2024-08-12 10:00", "phochutich", 10, 0, "Dự thảo thể lệ hội thi."},
		},
		changes: []change{{at: "2024-09-12 14:00", by: "chutich", cancel: true,
			note: "Hủy: lồng ghép nội dung hội thi vào hội nghị sơ kết mô hình cuối năm."}}},
}
