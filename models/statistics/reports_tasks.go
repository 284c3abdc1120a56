package statistics

import (
	"cmp"
	"slices"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/plans"
)

// TallyRow is the tally of one plan kind or one lead unit.
type TallyRow struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	plans.Tally
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
	Total   plans.Tally   `json:"total"`
	ByKind  []TallyRow    `json:"by_kind"`
	ByUnit  []TallyRow    `json:"by_unit"`
	Overdue []OverdueTask `json:"overdue"`
	// Upcoming are the open tasks due within upcomingDays of the as-of day,
	// soonest first: what the dashboard lists beside the overdue ones.
	Upcoming []OverdueTask `json:"-"`
	// UnitTotal is the total of ByUnit, which counts the tasks the work is
	// done in (leaves) where Total counts the plan's tasks (roots);
	// Forwarded counts the sub-tasks among the leaves (issue 19), and the
	// report's notes say how they are counted when there are any.
	UnitTotal plans.Tally `json:"-"`
	Forwarded int         `json:"-"`
}

// upcomingDays is how far ahead "upcoming deadlines" look.
const upcomingDays = 14

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
	Extended   bool          `db:"extended"`
	// OriginalDueOn is set once an extension moved the deadline.
	OriginalDueOn *calendar.Date `db:"original_due_on"`
	// ParentID and IsLeaf place the task in its tree (period_tasks, 00030).
	ParentID *int64 `db:"parent_id"`
	IsLeaf   bool   `db:"is_leaf"`
}

// reportTaskRows scans period_tasks by hand: a commune's year is hundreds
// of rows per dashboard (models.RowScanner).
var reportTaskRows = models.NewRowScanner("report-tasks", func(r *reportTaskRow) []any {
	return []any{&r.ID, &r.Title, &r.PlanID, &r.DocNumber, &r.Kind, &r.KindName, &r.LeadUnitID, &r.LeadUnit,
		&r.StartOn, &r.DueOn, &r.Percent, &r.OriginalDueOn, &r.Status, &r.Extended, &r.ParentID, &r.IsLeaf}
})

// taskResults tallies the tasks period_tasks counts for the period, by
// their status on w.Today. The report and the dashboard both call it, so
// their figures cannot differ.
func (s *Store) taskResults(t *models.Tx, a *models.Actor, p Period, w deadlines.Window) (TaskResults, error) {
	res := TaskResults{ByKind: []TallyRow{}, ByUnit: []TallyRow{}, Overdue: []OverdueTask{}, Upcoming: []OverdueTask{}}
	var rows []reportTaskRow
	q, err := t.Bind(s.repQ.Tasks).Queryx(a.CommuneID, p.Start, p.End, endOfDay(w.Today, w.TZ), w.Today, w.Soon, w.TZ)
	if err == nil {
		err = reportTaskRows.All(q, &rows)
	}
	if err != nil {
		return res, err
	}
	kinds, units := map[string]*TallyRow{}, map[string]*TallyRow{}
	for _, r := range rows {
		// Each piece of work counts once: a unit's figures count the tasks
		// it does (leaves), the plan-level ones the plan's tasks (roots),
		// whose figures are rolled up from their sub-tasks.
		if r.IsLeaf {
			res.UnitTotal.Add(r.Status, r.Extended)
			tallyRow(units, &res.ByUnit, r.LeadUnit, r.LeadUnit).Add(r.Status, r.Extended)
			if r.ParentID != nil {
				res.Forwarded++
			}
		}
		if r.ParentID != nil {
			continue
		}
		res.Total.Add(r.Status, r.Extended)
		tallyRow(kinds, &res.ByKind, r.Kind, r.KindName).Add(r.Status, r.Extended)
		if !r.Extended {
			r.OriginalDueOn = nil
		}
		line := OverdueTask{ID: r.ID, Title: r.Title, PlanID: r.PlanID, DocNumber: r.DocNumber,
			LeadUnit: r.LeadUnit, DueOn: r.DueOn, OriginalDueOn: r.OriginalDueOn,
			DaysOverdue: r.DueOn.DaysUntil(w.Today), Percent: r.Percent}
		switch {
		case r.Status == "overdue":
			res.Overdue = append(res.Overdue, line)
		case isOpen(r.Status) && !r.DueOn.After(w.Today.AddDays(upcomingDays)):
			line.DaysOverdue = 0
			res.Upcoming = append(res.Upcoming, line)
		}
	}
	res.Total.Finish()
	res.UnitTotal.Finish()
	for _, list := range [][]TallyRow{res.ByKind, res.ByUnit} {
		for i := range list {
			list[i].Finish()
		}
	}
	slices.SortStableFunc(res.ByUnit, func(x, y TallyRow) int { return cmp.Compare(x.Name, y.Name) })
	slices.SortStableFunc(res.Overdue, func(x, y OverdueTask) int { return cmp.Compare(y.DaysOverdue, x.DaysOverdue) })
	return res, nil
}

func isOpen(status string) bool {
	return status == "in_progress" || status == "due_soon" || status == "not_started"
}

// tallyRow finds or appends the tally row for key; rows keep first-seen order
// until sorted.
func tallyRow(index map[string]*TallyRow, list *[]TallyRow, key, name string) *plans.Tally {
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
