package statistics

import (
	"fmt"
	"math"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/vn"
)

// IndicatorResult is one indicator in a report: its value for the period
// against the yearly target (met or not) and its Decision 766 score.
type IndicatorResult struct {
	Code      string          `json:"code"`
	Group     string          `json:"group"`
	GroupName string          `json:"group_name"`
	Name      string          `json:"name"`
	Unit      string          `json:"unit"`
	Threshold float64         `json:"threshold"`
	MaxPoints float64         `json:"max_points"`
	Target    *Target         `json:"target"`
	Value     *IndicatorValue `json:"value"`
	Assessment
	Label string          `json:"label"`
	Tasks []IndicatorTask `json:"tasks"`
}

// IndicatorTask is a task that contributes to an indicator, with its own
// target and actual value.
type IndicatorTask struct {
	Indicator   string        `json:"-" db:"indicator"`
	ID          int64         `json:"id" db:"id"`
	Title       string        `json:"title" db:"title"`
	DocNumber   string        `json:"doc_number" db:"doc_number"`
	TargetValue *float64      `json:"target_value" db:"target_value"`
	TargetUnit  string        `json:"target_unit" db:"target_unit"`
	ActualValue *float64      `json:"actual_value" db:"actual_value"`
	Percent     int           `json:"percent" db:"percent"`
	Status      string        `json:"status" db:"status"`
	DueOn       calendar.Date `json:"due_on" db:"due_on"`
}

// IndicatorResults are the report's indicator section. Score is the
// Decision 766 total of the built-in indicators, out of MaxTotal (their
// full maximum, 100): an indicator without a value scores nothing, and
// Missing counts them; MaxRecorded is the maximum of those with a value.
// The commune's own indicators score apart (CustomScore of CustomMax).
type IndicatorResults struct {
	Year        int               `json:"year"`
	Rows        []IndicatorResult `json:"rows"`
	Score       float64           `json:"score"`
	MaxRecorded float64           `json:"max_recorded"`
	MaxTotal    float64           `json:"max_total"`
	Missing     int               `json:"missing"`
	CustomScore float64           `json:"custom_score"`
	CustomMax   float64           `json:"custom_max"`
	Summary     string            `json:"summary"`
}

// Score766 is an indicator's points under Decision 766/QĐ-TTg: the full
// points at or above the threshold, else rate × points ÷ threshold, to two
// decimals.
func Score766(rate, threshold, maxPoints float64) float64 {
	if threshold <= 0 || rate >= threshold {
		return maxPoints
	}
	return math.Round(rate*maxPoints/threshold*100) / 100
}

// indicatorResults evaluates every indicator for the period.
func (s *Store) indicatorResults(t *models.Tx, a *models.Actor, p Period, w deadlines.Window) (IndicatorResults, error) {
	res := IndicatorResults{Year: p.Year, Rows: []IndicatorResult{}}
	cat, err := s.catalogue(t, a.CommuneID, p.Year)
	if err != nil {
		return res, err
	}
	vals, err := s.values(t, a.CommuneID, p.Start, p.End, 0)
	if err != nil {
		return res, err
	}
	var tasks []IndicatorTask
	if err := t.Bind(s.indQ.Tasks).Select(&tasks, a.CommuneID, w.Today, w.Soon, w.TZ); err != nil {
		return res, err
	}
	for _, g := range cat.Groups {
		for _, ind := range g.Indicators {
			r := evaluate(ind, g.NameVI, p.Year, valueFor(vals, ind.Code, p))
			r.Tasks = tasksOf(tasks, ind.Code)
			res.add(r)
		}
	}
	res.Summary = res.summary()
	return res, nil
}

// evaluate scores one indicator of year against its value (nil: none recorded).
func evaluate(ind Indicator, groupName string, year int, v *IndicatorValue) IndicatorResult {
	r := IndicatorResult{Code: ind.Code, Group: ind.Group, GroupName: groupName, Name: ind.NameVI, Unit: ind.Unit,
		Threshold: ind.Threshold, MaxPoints: ind.MaxPoints, Target: ind.Target, Value: v}
	var value *float64
	if v != nil {
		value = &v.Value
	}
	r.Assessment = Assess(ind, year, value)
	r.Label = r.Assessment.Label()
	return r
}

func (res *IndicatorResults) add(r IndicatorResult) {
	res.Rows = append(res.Rows, r)
	round := func(x float64) float64 { return math.Round(x*100) / 100 }
	switch {
	case !r.In766:
		res.CustomMax += r.MaxPoints
		if r.Score != nil {
			res.CustomScore = round(res.CustomScore + *r.Score)
		}
	case r.Score == nil:
		res.MaxTotal += r.MaxPoints
		res.Missing++
	default:
		res.MaxTotal += r.MaxPoints
		res.Score = round(res.Score + *r.Score)
		res.MaxRecorded += r.MaxPoints
	}
}

// summary is the section's headline: the 766 total out of the full
// maximum, and what is missing.
func (res *IndicatorResults) summary() string {
	out := fmt.Sprintf("Tổng điểm theo Quyết định 766/QĐ-TTg: %s/%s điểm", vn.FormatNumber(res.Score, 2),
		vn.FormatNumber(res.MaxTotal, 2))
	if res.Missing > 0 {
		out += fmt.Sprintf(" (%d chỉ tiêu %s, không được tính điểm)", res.Missing, NoData)
	}
	if res.CustomMax > 0 {
		out += fmt.Sprintf("; chỉ tiêu riêng của xã: %s/%s điểm, không tính vào tổng điểm trên",
			vn.FormatNumber(res.CustomScore, 2), vn.FormatNumber(res.CustomMax, 2))
	}
	return out + "."
}

// valueFor picks the indicator's value for the period: the one recorded
// for exactly the period, else the latest recorded inside it.
func valueFor(vals []IndicatorValue, code string, p Period) *IndicatorValue {
	var best *IndicatorValue
	for i := range vals {
		v := &vals[i]
		if v.Indicator != code || v.PeriodStart.Before(p.Start) {
			continue
		}
		if v.PeriodStart == p.Start && v.PeriodEnd == p.End {
			return v
		}
		if best == nil || v.PeriodEnd.After(best.PeriodEnd) {
			best = v
		}
	}
	return best
}

func tasksOf(all []IndicatorTask, code string) []IndicatorTask {
	out := []IndicatorTask{}
	for _, t := range all {
		if t.Indicator == code {
			out = append(out, t)
		}
	}
	return out
}
