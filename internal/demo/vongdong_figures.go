package demo

import "github.com/tiendo/tiendo/models/statistics"

// vongDongFigures are the seed report's figures, recorded by the one-stop
// desk officer on the day after the rates were published: the six 766 rates
// "theo số liệu công bố trên hệ thống dịch vụ công ngày 31/8/2024" against
// the levels the report quotes, and the nine months' dossiers. They are
// kept as printed, including what does not add up (75+20+18 = 113 ≠ 108;
// 406+557+24 = 987 ≠ 988), so the data-quality page has something to say.
var vongDongFigures = []figuresSpec{{
	at: "2024-09-03 09:00", by: "motcua", period: "2024-M9", asOf: "2024-08-31",
	source: "Hệ thống dịch vụ công (số liệu công bố ngày 31/8/2024)",
	rates: []rateSpec{
		{"digitization", 83.2, 100, 0},
		{"payment_online", 90.83, 50, 0},
		{"satisfaction", 100, 100, 0},
		{"on_time", 94.31, 90, 100},
		{"publicity", 100, 80, 90},
		{"online_submission", 78, 50, 0},
	},
	dossiers: statistics.DossierInput{
		Received: ptr(988), Resolved: ptr(988), NoAppointment: ptr(108),
		Source: "Báo cáo CCHC 9 tháng đầu năm 2024",
		// "Toàn trình 406/407 hồ sơ" read as resolved/received; the 28 BCCI
		// dossiers are "of which" of the partly-online line.
		Channels: []statistics.DossierLine{
			{Key: "online_full", Label: "Toàn trình", Received: ptr(407), Resolved: ptr(406)},
			{Key: "online_partial", Label: "Một phần trực tuyến", Received: ptr(557), Resolved: ptr(557)},
			{Key: "postal", Label: "dịch vụ BCCI", Parent: ptr("online_partial"), Received: ptr(28)},
			{Key: "in_person", Label: "Một phần trực tiếp", Received: ptr(24), Resolved: ptr(24)},
		},
		LinkedGroups: []statistics.DossierLine{
			{Key: "birth", Received: ptr(52)},
			{Key: "death", Received: ptr(81)},
		},
		NoAppointmentFields: []statistics.DossierLine{
			{Key: "civil_status", Received: ptr(75)},
			{Key: "certification", Received: ptr(20)},
			{Key: "employment", Received: ptr(18)},
		},
	},
}}

// ptr is the address of a literal, for the optional fields above.
func ptr[T any](v T) *T { return &v }
