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

	ind  Indicator // what Words needs to word it again in another language
	year int
}

// NoData is how a missing value is named in every format.
const NoData = "chưa có số liệu"

// Assess judges value (nil: none recorded) of ind against its threshold
// and its target of year.
func Assess(ind Indicator, year int, value *float64) Assessment {
	a := Assessment{In766: ind.Builtin, ind: ind, year: year}
	if value != nil {
		score := Score766(*value, ind.Threshold, ind.MaxPoints)
		reached := ind.Threshold <= 0 || *value >= ind.Threshold
		a.Score, a.ThresholdMet = &score, &reached
		if ind.Target != nil {
			met := *value >= ind.Target.Low
			a.Met = &met
		}
	}
	a.ScoreLabel, a.TargetLabel = a.Words(Vietnamese)
	return a
}

// Wording is how an assessment is put into words: the documents' Vietnamese,
// or a page's language (Tr translates a Vietnamese format and fills it).
type Wording struct {
	Tr      func(format string, args ...any) string
	Number  func(v float64, decimals int) string
	Percent func(v float64) string
}

// Vietnamese is the wording of the documents and the API's labels.
var Vietnamese = Wording{Tr: fmt.Sprintf, Number: vn.FormatNumber, Percent: vn.FormatPercent}

// Words are the assessment's two judgements in w: by the threshold (with
// the points) and by the commune's target of the year ("" when no value).
func (a Assessment) Words(w Wording) (score, target string) {
	ind := a.ind
	if a.Score == nil {
		return w.Tr("Chưa có số liệu: 0/%s điểm", w.Number(ind.MaxPoints, 2)), ""
	}
	verdict := map[bool]string{true: w.Tr("Đạt"), false: w.Tr("Chưa đạt")}
	rule := w.Tr("ngưỡng Quyết định 766")
	if !ind.Builtin {
		rule = w.Tr("ngưỡng chỉ tiêu riêng của xã")
	}
	score = w.Tr("%s %s (≥ %s): %s/%s điểm", verdict[*a.ThresholdMet], rule, w.Percent(ind.Threshold),
		w.Number(*a.Score, 2), w.Number(ind.MaxPoints, 2))
	if !ind.Builtin {
		score += w.Tr(" (không tính vào tổng điểm Quyết định 766)")
	}
	if a.Met == nil {
		return score, w.Tr("Chưa đặt chỉ tiêu của xã năm %d", a.year)
	}
	return score, w.Tr("%s chỉ tiêu của xã năm %d (%s)", verdict[*a.Met], a.year, targetWords(ind.Target, w))
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
func TargetText(t *Target) string { return targetWords(t, Vietnamese) }

func targetWords(t *Target, w Wording) string {
	if t.High != nil && *t.High != t.Low {
		return w.Tr("từ %s - %s", w.Number(t.Low, 2), w.Percent(*t.High))
	}
	return w.Percent(t.Low)
}
