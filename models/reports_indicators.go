package models

import (
	"math"

	"github.com/tiendo/tiendo/models/calendar"
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
	Met       *bool           `json:"met"`
	Score     *float64        `json:"score"`
	Tasks     []IndicatorTask `json:"tasks"`
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

// IndicatorResults are the report's indicator section. Score adds the
// points of the indicators with a value, out of MaxRecorded; MaxTotal is
// what all of them could earn, and Missing counts those without a value.
type IndicatorResults struct {
	Year        int               `json:"year"`
	Rows        []IndicatorResult `json:"rows"`
	Score       float64           `json:"score"`
	MaxRecorded float64           `json:"max_recorded"`
	MaxTotal    float64           `json:"max_total"`
	Missing     int               `json:"missing"`
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

// Meets reports whether value meets the target, or the threshold when the
// year has no target.
func Meets(value float64, target *Target, threshold float64) bool {
	if target != nil {
		return value >= target.Low
	}
	return value >= threshold
}

// indicatorResults evaluates every indicator for the period.
func (s *Store) indicatorResults(t *tx, a *Actor, p Period, w window) (IndicatorResults, error) {
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
	if err := t.stmt(s.indQ.Tasks).Select(&tasks, a.CommuneID, w.Today, w.Soon, w.TZ); err != nil {
		return res, err
	}
	for _, g := range cat.Groups {
		for _, ind := range g.Indicators {
			r := evaluate(ind, g.NameVI, valueFor(vals, ind.Code, p))
			r.Tasks = tasksOf(tasks, ind.Code)
			res.add(r)
		}
	}
	return res, nil
}

// evaluate scores one indicator against its value (nil: none recorded).
func evaluate(ind Indicator, groupName string, v *IndicatorValue) IndicatorResult {
	name := ind.NameVI
	r := IndicatorResult{Code: ind.Code, Group: ind.Group, GroupName: groupName, Name: name, Unit: ind.Unit,
		Threshold: ind.Threshold, MaxPoints: ind.MaxPoints, Target: ind.Target, Value: v}
	if v != nil {
		met := Meets(v.Value, ind.Target, ind.Threshold)
		score := Score766(v.Value, ind.Threshold, ind.MaxPoints)
		r.Met, r.Score = &met, &score
	}
	return r
}

func (res *IndicatorResults) add(r IndicatorResult) {
	res.Rows = append(res.Rows, r)
	res.MaxTotal += r.MaxPoints
	if r.Score == nil {
		res.Missing++
		return
	}
	res.Score = math.Round((res.Score+*r.Score)*100) / 100
	res.MaxRecorded += r.MaxPoints
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
