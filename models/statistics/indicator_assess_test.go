package statistics_test

import (
	"testing"

	"github.com/tiendo/tiendo/models/statistics"
)

// TestAssessLabelsBothRules: the points follow Decision 766's threshold,
// "đạt / chưa đạt" the commune's own target, and each label says which.
func TestAssessLabelsBothRules(t *testing.T) {
	digit := statistics.Indicator{Code: "digitization", Builtin: true, Threshold: 80, MaxPoints: 11,
		Target: &statistics.Target{Year: 2024, Low: 100}}
	high := 100.0
	onTime := statistics.Indicator{Code: "on_time", Builtin: true, Threshold: 90, MaxPoints: 20,
		Target: &statistics.Target{Year: 2024, Low: 90, High: &high}}
	noTarget := statistics.Indicator{Code: "data_reuse", Builtin: true, Threshold: 80, MaxPoints: 11}
	own := statistics.Indicator{Code: "zalo_oa", Threshold: 60, MaxPoints: 5, Target: &statistics.Target{Year: 2024, Low: 50}}
	v := func(f float64) *float64 { return &f }
	cases := []struct {
		name  string
		ind   statistics.Indicator
		value *float64
		score *float64
		met   *bool
		label string
	}{
		{"above threshold, below target", digit, v(83.2), v(11), new(false),
			"Đạt ngưỡng Quyết định 766 (≥ 80%): 11/11 điểm · Chưa đạt chỉ tiêu của xã năm 2024 (100%)"},
		{"below threshold, below target", digit, v(40), v(5.5), new(false),
			"Chưa đạt ngưỡng Quyết định 766 (≥ 80%): 5,5/11 điểm · Chưa đạt chỉ tiêu của xã năm 2024 (100%)"},
		{"above threshold and target (a range)", onTime, v(94.31), v(20), new(true),
			"Đạt ngưỡng Quyết định 766 (≥ 90%): 20/20 điểm · Đạt chỉ tiêu của xã năm 2024 (từ 90 - 100%)"},
		{"below threshold, no target", noTarget, v(72), v(9.9), nil,
			"Chưa đạt ngưỡng Quyết định 766 (≥ 80%): 9,9/11 điểm · Chưa đặt chỉ tiêu của xã năm 2024"},
		{"missing value", digit, nil, nil, nil, "Chưa có số liệu: 0/11 điểm"},
		{"custom indicator: below its threshold, above its target", own, v(55), v(4.58), new(true),
			"Chưa đạt ngưỡng chỉ tiêu riêng của xã (≥ 60%): 4,58/5 điểm (không tính vào tổng điểm Quyết định 766) · " +
				"Đạt chỉ tiêu của xã năm 2024 (50%)"},
	}
	for _, c := range cases {
		a := statistics.Assess(c.ind, 2024, c.value)
		if got := a.Label(); got != c.label {
			t.Errorf("%s: label\n got %q\nwant %q", c.name, got, c.label)
		}
		if !sameFloat(a.Score, c.score) || !sameBool(a.Met, c.met) || a.In766 != c.ind.Builtin {
			t.Errorf("%s: score %v met %v in766 %v", c.name, a.Score, a.Met, a.In766)
		}
	}
}

func sameFloat(a, b *float64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
func sameBool(a, b *bool) bool     { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
