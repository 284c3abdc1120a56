package statistics

import (
	"fmt"

	"github.com/tiendo/tiendo/models/vn"
)

// Assessment judges one indicator's value by two rules that a report must
// not run together:
//
//   - Decision 766/QĐ-TTg's national threshold gives the points: full points
//     at or above the threshold, else rate × points ÷ threshold. Only the
//     built-in indicators make up the 766 total (100 points); a commune's
//     own indicator is scored on its own threshold but outside that total.
//   - The commune's yearly target (chỉ tiêu năm, set by the province) says
//     "đạt" or "chưa đạt"; a year without a target says neither.
//
// An indicator without a value scores nothing and is "chưa có số liệu".
type Assessment struct {
	In766        bool     `json:"in_766"`
	Score        *float64 `json:"score"`
	ThresholdMet *bool    `json:"threshold_met"`
	Met          *bool    `json:"met"`
	ScoreLabel   string   `json:"score_label"`
	TargetLabel  string   `json:"target_label"`
}

// NoData is how a missing value is named in every format.
const NoData = "chưa có số liệu"

// Assess judges value (nil: none recorded) of ind against its threshold
// and its target of year.
func Assess(ind Indicator, year int, value *float64) Assessment {
	a := Assessment{In766: ind.Builtin}
	if value == nil {
		a.ScoreLabel = fmt.Sprintf("Chưa có số liệu: 0/%s điểm", vn.FormatNumber(ind.MaxPoints, 2))
		return a
	}
	score := Score766(*value, ind.Threshold, ind.MaxPoints)
	reached := ind.Threshold <= 0 || *value >= ind.Threshold
	a.Score, a.ThresholdMet = &score, &reached
	verdict := map[bool]string{true: "Đạt", false: "Chưa đạt"}
	rule := "ngưỡng Quyết định 766"
	if !ind.Builtin {
		rule = "ngưỡng chỉ tiêu riêng của xã"
	}
	a.ScoreLabel = fmt.Sprintf("%s %s (≥ %s): %s/%s điểm", verdict[reached], rule, vn.FormatPercent(ind.Threshold),
		vn.FormatNumber(score, 2), vn.FormatNumber(ind.MaxPoints, 2))
	if !ind.Builtin {
		a.ScoreLabel += " (không tính vào tổng điểm Quyết định 766)"
	}
	if ind.Target == nil {
		a.TargetLabel = fmt.Sprintf("Chưa đặt chỉ tiêu của xã năm %d", year)
		return a
	}
	met := *value >= ind.Target.Low
	a.Met = &met
	a.TargetLabel = fmt.Sprintf("%s chỉ tiêu của xã năm %d (%s)", verdict[met], year, TargetText(ind.Target))
	return a
}

// Label is both judgements on one line, as the indicators page and every
// report format print them.
func (a Assessment) Label() string {
	if a.TargetLabel == "" {
		return a.ScoreLabel
	}
	return a.ScoreLabel + " · " + a.TargetLabel
}

// TargetText is a yearly target as the province words it: "50%", "từ 90 -
// 100%".
func TargetText(t *Target) string {
	if t.High != nil && *t.High != t.Low {
		return "từ " + vn.FormatNumber(t.Low, 2) + " - " + vn.FormatPercent(*t.High)
	}
	return vn.FormatPercent(t.Low)
}
