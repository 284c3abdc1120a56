package models

import (
	"cmp"
	"math"
	"slices"

	"github.com/tiendo/tiendo/models/calendar"
)

// Tally counts tasks the way Decision 42/2014/QĐ-TTg reports them: done on
// time, done late, in progress within the deadline (not started and due
// soon included), overdue. Cancelled tasks are counted apart and left out
// of Total and the rates.
type Tally struct {
	Total      int `json:"total"`
	DoneOnTime int `json:"done_on_time"`
	DoneLate   int `json:"done_late"`
	InProgress int `json:"in_progress"`
	Overdue    int `json:"overdue"`
	Cancelled  int `json:"cancelled"`
	// Extended counts the tasks whose deadline an extension moved
	// (original_due_on differs from due_on); they count against the new one.
	Extended       int      `json:"extended"`
	CompletionRate *float64 `json:"completion_rate"`
	OnTimeRate     *float64 `json:"on_time_rate"`
}

// TallyRow is the tally of one plan kind or one lead unit.
type TallyRow struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	Tally
}

// OverdueTask is a line of the overdue list.
type OverdueTask struct {
	ID        int64         `json:"id"`
	Title     string        `json:"title"`
	PlanID    int64         `json:"plan_id"`
	DocNumber string        `json:"doc_number"`
	LeadUnit  string        `json:"lead_unit"`
	DueOn     calendar.Date `json:"due_on"`
	// OriginalDueOn is the first deadline of an extended task, printed
	// beside the approved one; null otherwise.
	OriginalDueOn *calendar.Date `json:"original_due_on"`
	DaysOverdue   int            `json:"days_overdue"`
	Percent       int            `json:"percent"`
}

// TaskResults are the report's task section.
type TaskResults struct {
	Total   Tally         `json:"total"`
	ByKind  []TallyRow    `json:"by_kind"`
	ByUnit  []TallyRow    `json:"by_unit"`
	Overdue []OverdueTask `json:"overdue"`
}

type reportTaskRow struct {
	ID         int64         `db:"id"`
	Title      string        `db:"title"`
	PlanID     int64         `db:"plan_id"`
	DocNumber  string        `db:"doc_number"`
	Kind       string        `db:"kind"`
	KindName   string        `db:"kind_name"`
	LeadUnitID int64         `db:"lead_unit_id"`
	LeadUnit   string        `db:"lead_unit"`
	StartOn    calendar.Date `db:"start_on"`
	DueOn      calendar.Date `db:"due_on"`
	Percent    int           `db:"percent"`
	Status     string        `db:"status"`
	// OriginalDueOn is set once an extension moved the deadline.
	OriginalDueOn *calendar.Date `db:"original_due_on"`
}

// taskResults tallies the tasks at work during the period by their status
// on w.Today.
func (s *Store) taskResults(t *tx, a *Actor, p Period, w window) (TaskResults, error) {
	res := TaskResults{ByKind: []TallyRow{}, ByUnit: []TallyRow{}, Overdue: []OverdueTask{}}
	var rows []reportTaskRow
	if err := t.stmt(s.repQ.Tasks).Select(&rows, a.CommuneID, p.Start, p.End, endOfDay(w.Today, w.TZ), w.Today,
		w.Soon, w.TZ); err != nil {
		return res, err
	}
	kinds, units := map[string]*TallyRow{}, map[string]*TallyRow{}
	for _, r := range rows {
		res.Total.add(r.Status)
		byKind, byUnit := tallyRow(kinds, &res.ByKind, r.Kind, r.KindName), tallyRow(units, &res.ByUnit, r.LeadUnit, r.LeadUnit)
		byKind.add(r.Status)
		byUnit.add(r.Status)
		if r.OriginalDueOn != nil && *r.OriginalDueOn != r.DueOn {
			res.Total.Extended, byKind.Extended, byUnit.Extended = res.Total.Extended+1, byKind.Extended+1, byUnit.Extended+1
		} else {
			r.OriginalDueOn = nil
		}
		if r.Status == "overdue" {
			res.Overdue = append(res.Overdue, OverdueTask{ID: r.ID, Title: r.Title, PlanID: r.PlanID,
				DocNumber: r.DocNumber, LeadUnit: r.LeadUnit, DueOn: r.DueOn, OriginalDueOn: r.OriginalDueOn,
				DaysOverdue: r.DueOn.DaysUntil(w.Today), Percent: r.Percent})
		}
	}
	res.Total.finish()
	for _, list := range [][]TallyRow{res.ByKind, res.ByUnit} {
		for i := range list {
			list[i].finish()
		}
	}
	slices.SortStableFunc(res.ByUnit, func(x, y TallyRow) int { return cmp.Compare(x.Name, y.Name) })
	slices.SortStableFunc(res.Overdue, func(x, y OverdueTask) int { return cmp.Compare(y.DaysOverdue, x.DaysOverdue) })
	return res, nil
}

// tallyRow finds or appends the tally row for key; rows keep first-seen order
// until sorted.
func tallyRow(index map[string]*TallyRow, list *[]TallyRow, key, name string) *Tally {
	if r, ok := index[key]; ok {
		return &r.Tally
	}
	*list = append(*list, TallyRow{Key: key, Name: name})
	// Re-point every index entry: append may have moved the backing array.
	for i := range *list {
		index[(*list)[i].Key] = &(*list)[i]
	}
	return &(*list)[len(*list)-1].Tally
}

func (t *Tally) add(status string) {
	switch status {
	case "cancelled":
		t.Cancelled++
		return
	case "done_on_time":
		t.DoneOnTime++
	case "done_late":
		t.DoneLate++
	case "overdue":
		t.Overdue++
	default:
		t.InProgress++
	}
	t.Total++
}

// finish computes the rates to one decimal.
func (t *Tally) finish() {
	if t.Total == 0 {
		return
	}
	pct := func(n int) *float64 {
		r := math.Round(float64(n)*1000/float64(t.Total)) / 10
		return &r
	}
	t.CompletionRate, t.OnTimeRate = pct(t.DoneOnTime+t.DoneLate), pct(t.DoneOnTime)
}
