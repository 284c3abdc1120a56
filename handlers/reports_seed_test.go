package handlers_test

import (
	"net/http"
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
	"github.com/tiendo/tiendo/models/statistics"
)

// The seed report, "Vọng Đông với công tác cải cách hành chính 09 tháng đầu
// năm 2024", recorded through the API exactly as printed, mistakes
// included. The tests in reports_formats_test.go fetch its 9-month report
// in every format and look for the seed's numbers.

// seedPlans are the six plans the seed cites, with its dates: 10/KH-UBND
// "11/3/2023" for the 2024 propaganda plan and 12/KH-UBND twice.
var seedPlans = []map[string]any{
	{"doc_number": "06/KH-UBND", "issued_on": "2024-01-31", "kind": "admin_reform", "title": "Cải cách hành chính năm 2024"},
	{"doc_number": "08/KH-UBND", "issued_on": "2024-03-01", "kind": "emulation", "title": "Tổ chức, phát động phong trào thi đua năm 2024"},
	{"doc_number": "10/KH-UBND", "issued_on": "2023-03-11", "year": 2024, "kind": "propaganda", "title": "Tuyên truyền cải cách hành chính năm 2024"},
	{"doc_number": "12/KH-UBND", "issued_on": "2024-03-29", "kind": "digital_transformation", "title": "Ứng dụng công nghệ thông tin, chuyển đổi số năm 2024"},
	{"doc_number": "12/KH-UBND", "issued_on": "2024-06-19", "kind": "admin_reform", "confirm_duplicate": true,
		"title": "Thực hiện các giải pháp nâng cao hiệu quả quản trị và hành chính công năm 2024"},
	{"doc_number": "16/KH-UBND", "issued_on": "2024-07-17", "kind": "other", "title": "Thực hiện mô hình “Chính quyền thân thiện vì nhân dân phục vụ”"},
}

// seedRates are the six rates of 31/8/2024 against the required rates.
var seedRates = []struct {
	code      string
	value     float64
	low, high float64
}{
	{"digitization", 83.2, 100, 0},
	{"payment_online", 90.83, 50, 0},
	{"satisfaction", 100, 100, 0},
	{"on_time", 94.31, 90, 100},
	{"publicity", 100, 80, 90},
	{"online_submission", 78, 50, 0},
}

// seedDossiers are the 9-month dossier counts: "Toàn trình 406/407 hồ sơ"
// read as resolved/received, BCCI as "of which" of the partly-online line.
var seedDossiers = map[string]any{
	"received": 988, "resolved": 988, "no_appointment": 108,
	"source": "Báo cáo CCHC 9 tháng đầu năm 2024",
	"channels": []map[string]any{
		{"key": "online_full", "label": "Toàn trình", "received": 407, "resolved": 406},
		{"key": "online_partial", "label": "Một phần trực tuyến", "received": 557, "resolved": 557},
		{"key": "postal", "label": "dịch vụ BCCI", "parent": "online_partial", "received": 28},
		{"key": "in_person", "label": "Một phần trực tiếp", "received": 24, "resolved": 24},
	},
	"linked_groups": []map[string]any{
		{"key": "birth", "label": "Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", "received": 52},
		{"key": "death", "label": "Đăng ký khai tử, xóa đăng ký thường trú, giải quyết mai táng phí, tử tuất", "received": 81},
	},
	"no_appointment_fields": []map[string]any{
		{"key": "civil_status", "received": 75}, {"key": "certification", "received": 20}, {"key": "employment", "received": 18},
	},
}

// recordSeed records the seed through the API: plans and two tasks by the
// chairman, targets and rates and dossier counts by the one-stop desk officer.
func (e *env) recordSeed() (seeded []plans.Plan) {
	e.t.Helper()
	chair, officer := e.chairA(), user(e.A, models.RoleOfficer)
	for _, p := range seedPlans {
		seeded = append(seeded, e.mkPlan(chair, p))
	}
	// A digitization task overdue since 30/6 with 83 %, linked to its
	// indicator, and an emulation task reported done on 30/9 (the clock),
	// late for its 15/3 deadline.
	var digit, launch plans.Task
	e.do(chair, "POST", "/api/v1/plans/"+itoa(seeded[0].ID)+"/tasks", taskIn(e.A.Office.ID, map[string]any{
		"title": "Số hóa hồ sơ, kết quả giải quyết TTHC đạt 100%", "start_on": "2024-02-01", "due_on": "2024-06-30",
		"target_value": 100, "target_unit": "%"})).expect(http.StatusCreated).decode(&digit)
	e.do(chair, "POST", "/api/v1/tasks/"+itoa(digit.ID)+"/progress", map[string]any{"percent": 83, "actual_value": 83.2}).
		expect(http.StatusCreated)
	e.do(chair, "PUT", "/api/v1/tasks/"+itoa(digit.ID)+"/indicators", map[string]any{"indicators": []string{"digitization"}}).
		expect(http.StatusOK)
	e.do(chair, "POST", "/api/v1/plans/"+itoa(seeded[1].ID)+"/tasks", taskIn(e.A.Office.ID, map[string]any{
		"title": "Phát động phong trào thi đua năm 2024", "start_on": "2024-03-04", "due_on": "2024-03-15"})).
		expect(http.StatusCreated).decode(&launch)
	e.do(chair, "POST", "/api/v1/tasks/"+itoa(launch.ID)+"/progress", map[string]any{"percent": 100}).expect(http.StatusCreated)
	for _, r := range seedRates {
		target := map[string]any{"low": r.low}
		if r.high != 0 {
			target["high"] = r.high
		}
		e.do(officer, "PUT", "/api/v1/indicators/"+r.code+"/targets/2024", target).expect(http.StatusOK)
		e.do(officer, "PUT", "/api/v1/indicators/"+r.code+"/values/2024-M9", map[string]any{"rate": r.value,
			"as_of": "2024-08-31", "source": "Hệ thống dịch vụ công"}).expect(http.StatusOK)
	}
	e.do(officer, "PUT", "/api/v1/dossiers/2024-M9", seedDossiers).expect(http.StatusOK)
	return seeded
}

func TestSeedReportJSON(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	seeded := e.recordSeed()
	var r statistics.Report
	e.do(user(e.A, models.RoleTeamMember), "GET", "/api/v1/reports?period=2024-M9", nil).expect(http.StatusOK).decode(&r)
	if len(r.Plans) != 6 || r.Plans[0].DocNumber != "10/KH-UBND" {
		t.Fatalf("plans of the 9 months: %+v", r.Plans)
	}
	// One date per report (issue 12): the cut-off date is the day the figures stand at.
	if r.CutoffOn.String() != "2024-09-30" || r.AsOf.String() != "2024-09-30" {
		t.Errorf("cut-off %s, as of %s", r.CutoffOn, r.AsOf)
	}
	d := r.Dossiers
	if d == nil || d.Received != 988 || d.Resolved != 988 || *d.ResolvedRate != 100 || *d.NoAppointment != 108 {
		t.Fatalf("dossiers: %+v", d)
	}
	tot := r.Tasks.Total
	if tot.Total != 2 || tot.DoneLate != 1 || tot.Overdue != 1 || len(r.Tasks.Overdue) != 1 || r.Tasks.Overdue[0].DaysOverdue != 92 {
		t.Errorf("task results: %+v, overdue %+v", tot, r.Tasks.Overdue)
	}
	got := map[string]statistics.IndicatorResult{}
	for _, row := range r.Indicators.Rows {
		got[row.Code] = row
	}
	for _, s := range seedRates {
		row := got[s.code]
		if row.Value == nil || row.Value.Value != s.value || row.Met == nil {
			t.Fatalf("%s: %+v", s.code, row)
		}
		if wantMet := s.value >= s.low; *row.Met != wantMet {
			t.Errorf("%s: met %v, want %v", s.code, *row.Met, wantMet)
		}
	}
	if len(got["digitization"].Tasks) != 1 || r.Indicators.Score != 78 || r.Indicators.Missing != 3 {
		t.Errorf("digitization tasks %+v; score %v of %v, missing %d", got["digitization"].Tasks,
			r.Indicators.Score, r.Indicators.MaxRecorded, r.Indicators.Missing)
	}
	// Issue 12: the total is out of the full maximum, and the digitization
	// rate earns full 766 points while missing the commune's own target.
	if r.Indicators.MaxTotal != 100 || !contains(r.Indicators.Summary, "78/100 điểm (3 chỉ tiêu chưa có số liệu") {
		t.Errorf("766 total: %v of %v, %q", r.Indicators.Score, r.Indicators.MaxTotal, r.Indicators.Summary)
	}
	if l := got["digitization"].Label; l != "Đạt ngưỡng Quyết định 766 (≥ 80%): 11/11 điểm · Chưa đạt chỉ tiêu của xã năm 2024 (100%)" {
		t.Errorf("digitization label %q", l)
	}
	checkSeedFindings(t, r.Quality, seeded)
}

// checkSeedFindings expects the seed's own inconsistencies among findings.
func checkSeedFindings(t *testing.T, fs []statistics.Finding, seeded []plans.Plan) {
	t.Helper()
	want := map[string]func(statistics.Finding) bool{
		"duplicate 12/KH-UBND": func(f statistics.Finding) bool {
			return f.Code == "duplicate_number" && len(f.Records) == 2 &&
				f.Records[0].ID == seeded[3].ID && f.Records[1].ID == seeded[4].ID
		},
		"10/KH-UBND issued in 2023": func(f statistics.Finding) bool {
			return f.Code == "issued_outside_year" && f.Records[0].ID == seeded[2].ID
		},
		"Thursday 75 + 20 + 18 ≠ 108": func(f statistics.Finding) bool {
			return f.Code == "parts_mismatch" && contains(f.Message, "75 + 20 + 18 = 113, khác tổng số 108")
		},
		"resolved by channel 406 + 557 + 24 ≠ 988": func(f statistics.Finding) bool {
			return f.Code == "parts_mismatch" && contains(f.Message, "406 + 557 + 24 = 987, khác tổng số 988")
		},
		"rates of 31/8 in a report to 30/9": func(f statistics.Finding) bool { return f.Code == "figure_before_period_end" },
	}
	for name, match := range want {
		found := false
		for _, f := range fs {
			found = found || match(f)
		}
		if !found {
			t.Errorf("no finding %q among %+v", name, fs)
		}
	}
	for _, f := range fs {
		if f.Code == "parts_mismatch" && contains(f.Message, "407 + 557 + 24") {
			t.Errorf("received by channel adds up (407 + 557 + 24 = 988) but was flagged: %s", f.Message)
		}
	}
}

func TestSeedQualityAndPermissions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	seeded := e.recordSeed()
	var q statistics.QualityReport
	e.do(user(e.A, models.RoleSteeringMember), "GET", "/api/v1/quality?year=2024", nil).expect(http.StatusOK).decode(&q)
	checkSeedFindings(t, q.Findings, seeded)
	// Reading is for every member; recording is for admin, chairman, officer.
	team := user(e.A, models.RoleTeamMember)
	e.do(team, "PUT", "/api/v1/dossiers/2024-M9", seedDossiers).expectProblem(http.StatusForbidden, "forbidden")
	e.do(team, "PUT", "/api/v1/indicators/satisfaction/values/2024-M9", map[string]any{"rate": 99}).
		expectProblem(http.StatusForbidden, "forbidden")
	// The other commune sees none of it.
	var other statistics.QualityReport
	e.do(user(e.B, models.RoleChairman), "GET", "/api/v1/quality?year=2024", nil).expect(http.StatusOK).decode(&other)
	if len(other.Findings) != 0 {
		t.Errorf("commune B sees findings: %+v", other.Findings)
	}
	e.do(user(e.B, models.RoleChairman), "GET", "/api/v1/dossiers/2024-M9", nil).expectProblem(http.StatusNotFound, "not_found")
}

// TestReportPeriodOptions: a free range equal to the 9 months finds the
// same records; as_of=cutoff counts tasks as they stood on the cut-off
// Date; the commune's cut-off setting moves it.
func TestReportPeriodOptions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.recordSeed()
	chair := e.chairA()
	var r statistics.Report
	e.do(chair, "GET", "/api/v1/reports?from=2024-01-01&to=2024-09-30&as_of=cutoff", nil).expect(http.StatusOK).decode(&r)
	if r.Period.Kind != models.PeriodRange || r.Dossiers == nil || r.Indicators.Score != 78 {
		t.Fatalf("range report: %+v, dossiers %v, score %v", r.Period, r.Dossiers, r.Indicators.Score)
	}
	// On 15/8 the emulation task reported done on 30/9 was still overdue.
	if r.AsOf.String() != "2024-08-15" || r.Tasks.Total.Overdue != 2 || r.Tasks.Total.DoneLate != 0 {
		t.Errorf("as of the cut-off: %s %+v", r.AsOf, r.Tasks.Total)
	}
	e.do(chair, "PUT", "/api/v1/reports/settings", map[string]any{"cutoff_day": 20, "cutoff_months_before_end": 0,
		"scheduled_kinds": []string{"Q", "Y"}}).expect(http.StatusOK)
	e.do(chair, "GET", "/api/v1/reports?period=2024-M9&format=json&as_of=cutoff", nil).expect(http.StatusOK).decode(&r)
	if r.CutoffOn.String() != "2024-09-20" || r.AsOf != r.CutoffOn {
		t.Errorf("cut-off with the 20th of the last month: %s", r.CutoffOn)
	}
	e.do(chair, "GET", "/api/v1/reports?period=2024-M13", nil).invalid("period")
	e.do(user(e.A, models.RoleOfficer), "PUT", "/api/v1/reports/settings", map[string]any{"cutoff_day": 10}).
		expectProblem(http.StatusForbidden, "forbidden")
}
