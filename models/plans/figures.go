package plans

import "math"

// Tally is the one definition of the task figures every page and report
// prints. The tasks it counts are those the SQL function period_tasks
// (migration 00018) returns for a period and an as-of day; Tally sorts
// them into the statuses Decision 42/2014/QĐ-TTg reports and derives the
// rates:
//
//   - Total: the tasks at work in the period, cancelled ones left out
//     (Total = DoneOnTime + DoneLate + InProgress + Overdue + NotStarted).
//   - InProgress: under way within the deadline; DueSoon is the part of it
//     whose deadline is within the warning window.
//   - Cancelled: counted apart, in no rate.
//   - Extended: tasks (of Total) whose deadline was moved by an approved
//     extension; they are judged against the new deadline.
//   - Due: the tasks whose deadline has come or which are done
//     (DoneOnTime + DoneLate + Overdue).
//   - CompletionRate = (DoneOnTime + DoneLate) ÷ Total.
//   - OnTimeRate = DoneOnTime ÷ Due: a task not yet due is neither on time
//     nor late, and an overdue task counts against the rate.
//
// Rates are percentages to one decimal, nil when the denominator is zero.
type Tally struct {
	Total          int      `json:"total"`
	DoneOnTime     int      `json:"done_on_time"`
	DoneLate       int      `json:"done_late"`
	InProgress     int      `json:"in_progress"`
	DueSoon        int      `json:"due_soon"`
	Overdue        int      `json:"overdue"`
	NotStarted     int      `json:"not_started"`
	Cancelled      int      `json:"cancelled"`
	Extended       int      `json:"extended"`
	Done           int      `json:"done"`
	Due            int      `json:"due"`
	CompletionRate *float64 `json:"completion_rate"`
	OnTimeRate     *float64 `json:"on_time_rate"`
}

// Add counts one task of the given status.
func (t *Tally) Add(status string, extended bool) { t.addN(status, extended, 1) }

func (t *Tally) addN(status string, extended bool, n int) {
	switch status {
	case "cancelled":
		t.Cancelled += n
		return
	case "done_on_time":
		t.DoneOnTime += n
	case "done_late":
		t.DoneLate += n
	case "overdue":
		t.Overdue += n
	case "not_started":
		t.NotStarted += n
	case "due_soon":
		t.DueSoon += n
		t.InProgress += n
	default:
		t.InProgress += n
	}
	if extended {
		t.Extended += n
	}
	t.Total += n
}

// Finish derives Done, Due and the rates from the counts.
func (t *Tally) Finish() {
	t.Done = t.DoneOnTime + t.DoneLate
	t.Due = t.Done + t.Overdue
	t.CompletionRate, t.OnTimeRate = rate(t.Done, t.Total), rate(t.DoneOnTime, t.Due)
}

// rate is n ÷ of in percent to one decimal; nil when of is zero.
func rate(n, of int) *float64 {
	if of == 0 {
		return nil
	}
	r := math.Round(float64(n)*1000/float64(of)) / 10
	return &r
}

// TallyOf derives the figures from counts per status (a plan's tasks, a
// snapshot, a roll-up line), by the same rules as a report.
func TallyOf(c StatusCounts) Tally {
	var t Tally
	for _, st := range TaskStatuses {
		t.addN(st, false, c[st])
	}
	// A count with a total (a snapshot row) answers for its total even when
	// its parts were not all listed.
	if total, ok := c["total"]; ok && total-t.Cancelled > t.Total {
		t.Total = total - t.Cancelled
	}
	t.Finish()
	return t
}

// StatusCounts spreads the figures back over the statuses, for the
// stacked bars (in progress without the due-soon part).
func (t Tally) StatusCounts() StatusCounts {
	return StatusCounts{"total": t.Total + t.Cancelled, "not_started": t.NotStarted,
		"in_progress": t.InProgress - t.DueSoon, "due_soon": t.DueSoon, "overdue": t.Overdue,
		"done_on_time": t.DoneOnTime, "done_late": t.DoneLate, "cancelled": t.Cancelled}
}
