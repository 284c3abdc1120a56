package reports_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
	"github.com/tiendo/tiendo/models/statistics"
	"github.com/tiendo/tiendo/models/statistics/reports"
)

// bigReport is a busy commune's year: 60 plans, 12 units, 150 overdue
// tasks, the nine indicators and 40 findings.
func bigReport() *statistics.Report {
	r := hostile()
	r.Plans = nil
	for i := range 60 {
		r.Plans = append(r.Plans, statistics.ReportPlan{DocNumber: fmt.Sprintf("%02d/KH-UBND", i+1),
			IssuedOn: calendar.NewDate(2024, time.Month(1+i%12), 1+i%28), KindName: "Cải cách hành chính",
			Title: "Kế hoạch thực hiện nhiệm vụ cải cách hành chính, chuyển đổi số năm 2024"})
	}
	rate := 83.2
	for i := range 12 {
		r.Tasks.ByUnit = append(r.Tasks.ByUnit, statistics.TallyRow{Key: fmt.Sprint(i), Name: fmt.Sprintf("Tổ công nghệ số ấp %d", i),
			Tally: plans.Tally{Total: 80, DoneOnTime: 40, DoneLate: 10, InProgress: 20, Overdue: 10, CompletionRate: &rate, OnTimeRate: &rate}})
	}
	for i := range 150 {
		r.Tasks.Overdue = append(r.Tasks.Overdue, statistics.OverdueTask{Title: fmt.Sprintf("Nhiệm vụ quá hạn số %d", i),
			DocNumber: "06/KH-UBND", LeadUnit: "Văn phòng UBND xã", DueOn: calendar.NewDate(2024, 6, 30), DaysOverdue: 92})
	}
	for i := range 9 {
		v := &statistics.IndicatorValue{Value: 80 + float64(i)}
		met, score := true, 10.0
		r.Indicators.Rows = append(r.Indicators.Rows, statistics.IndicatorResult{Code: fmt.Sprint(i), Name: "Chỉ tiêu", Threshold: 80,
			MaxPoints: 10, Value: v, Assessment: statistics.Assessment{In766: true, Met: &met, Score: &score}})
	}
	for range 40 {
		r.Quality = append(r.Quality, statistics.Finding{Code: "parts_mismatch", Severity: "error",
			Message: "75 + 20 + 18 = 113, khác tổng số 108", Records: []statistics.RecordRef{{Label: "Số liệu hồ sơ kỳ 2024-M9"}}})
	}
	return r
}

// BenchmarkRender times rendering alone (no database), per format:
//
//	go test -run XXX -bench Render ./models/statistics/reports/
func BenchmarkRender(b *testing.B) {
	r := bigReport()
	for _, format := range reports.Formats {
		b.Run(format, func(b *testing.B) {
			var size int
			for range b.N {
				f, err := reports.Render(r, format)
				if err != nil {
					b.Fatal(err)
				}
				size = len(f.Content)
			}
			b.ReportMetric(float64(size), "bytes/report")
		})
	}
}
