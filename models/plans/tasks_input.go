package plans

import (
	"slices"
	"strings"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// TaskInput is the body of a task create, and the state a patch produces.
type TaskInput struct {
	Title             string        `json:"title"`
	Description       string        `json:"description"`
	LeadUnitID        int64         `json:"lead_unit_id"`
	SupportingUnitIDs []int64       `json:"supporting_unit_ids"`
	AssigneeIDs       []int64       `json:"assignee_ids"`
	StartOn           calendar.Date `json:"start_on"`
	DueOn             calendar.Date `json:"due_on"`
	TargetValue       *float64      `json:"target_value"`
	TargetUnit        string        `json:"target_unit"`
	Weight            *float64      `json:"weight"`
	// DueInWorkingDays gives the deadline as working days from a date
	// instead of DueOn (tasks_due.go).
	DueInWorkingDays *WorkingDaysDue `json:"due_in_working_days"`
	// ReportEvery (week, month, quarter; null: none) asks for a progress
	// report each period, within ReportGraceDays working days (default 3)
	// after it ends.
	ReportEvery     *string `json:"report_every"`
	ReportGraceDays *int    `json:"report_grace_days"`

	cancelled bool
}

// TaskPatch is the body of a task PATCH: absent fields stay as they are.
type TaskPatch struct {
	Title             models.Optional[string]          `json:"title"`
	Description       models.Optional[string]          `json:"description"`
	LeadUnitID        models.Optional[int64]           `json:"lead_unit_id"`
	SupportingUnitIDs models.Optional[[]int64]         `json:"supporting_unit_ids"`
	AssigneeIDs       models.Optional[[]int64]         `json:"assignee_ids"`
	StartOn           models.Optional[calendar.Date]   `json:"start_on"`
	DueOn             models.Optional[calendar.Date]   `json:"due_on"`
	TargetValue       models.Optional[*float64]        `json:"target_value"`
	TargetUnit        models.Optional[string]          `json:"target_unit"`
	Weight            models.Optional[*float64]        `json:"weight"`
	Cancelled         models.Optional[bool]            `json:"cancelled"`
	DueInWorkingDays  models.Optional[*WorkingDaysDue] `json:"due_in_working_days"`
	ReportEvery       models.Optional[*string]         `json:"report_every"`
	ReportGraceDays   models.Optional[*int]            `json:"report_grace_days"`
}

func (p TaskPatch) apply(cur *Task) TaskInput {
	due := p.DueOn.Or(cur.DueOn)
	if p.DueInWorkingDays.Value != nil && !p.DueOn.Set {
		due = calendar.Date{} // the new rule replaces the current deadline
	}
	return TaskInput{
		Title: p.Title.Or(cur.Title), Description: p.Description.Or(cur.Description),
		LeadUnitID:        p.LeadUnitID.Or(cur.LeadUnitID),
		SupportingUnitIDs: p.SupportingUnitIDs.Or(cur.SupportingUnitIDs),
		AssigneeIDs:       p.AssigneeIDs.Or(cur.AssigneeIDs),
		StartOn:           p.StartOn.Or(cur.StartOn), DueOn: due, DueInWorkingDays: p.DueInWorkingDays.Value,
		TargetValue: p.TargetValue.Or(cur.TargetValue), TargetUnit: p.TargetUnit.Or(cur.TargetUnit),
		Weight: p.Weight.Or(&cur.Weight), cancelled: p.Cancelled.Or(cur.CancelledAt != nil),
		ReportEvery: p.ReportEvery.Or(cur.ReportEvery), ReportGraceDays: p.ReportGraceDays.Or(&cur.ReportGraceDays),
	}
}

// Validate normalises the input and lists every invalid field. today fills a
// missing start date; cal resolves DueInWorkingDays and may be nil when that
// is not set.
func (in *TaskInput) Validate(today calendar.Date, cal *calendar.Calendar) error {
	v := &models.ValidationError{}
	in.Title, in.Description = models.CleanText(in.Title), models.CleanText(in.Description)
	in.TargetUnit = models.CleanText(in.TargetUnit)
	models.CheckText(v, "title", in.Title, 500, true)
	models.CheckText(v, "description", in.Description, 10000, false)
	models.CheckText(v, "target_unit", in.TargetUnit, 50, false)
	if in.LeadUnitID <= 0 {
		v.Add("lead_unit_id", "required", "cần chọn đơn vị chủ trì")
	}
	in.SupportingUnitIDs = checkIDs(v, "supporting_unit_ids", in.SupportingUnitIDs)
	if slices.Contains(in.SupportingUnitIDs, in.LeadUnitID) {
		v.Add("supporting_unit_ids", "includes_lead", "đơn vị chủ trì không đồng thời là đơn vị phối hợp")
	}
	in.AssigneeIDs = checkIDs(v, "assignee_ids", in.AssigneeIDs)
	if in.StartOn.IsZero() {
		in.StartOn = today
	}
	in.resolveDue(v, cal)
	supported(v, "start_on", in.StartOn)
	switch {
	case !in.DueOn.IsZero() && !in.DueOn.Supported():
		supported(v, "due_on", in.DueOn)
	case in.DueOn.IsZero() && in.DueInWorkingDays != nil: // resolveDue said why
	case in.DueOn.IsZero():
		v.Add("due_on", "required", "cần nhập thời hạn hoàn thành (YYYY-MM-DD)")
	case in.DueOn.Before(in.StartOn):
		v.Add("due_on", "before_start", "thời hạn %s trước ngày bắt đầu %s", in.DueOn.VN(), in.StartOn.VN())
	}
	if in.TargetValue != nil && (*in.TargetValue < 0 || !models.Finite(*in.TargetValue)) {
		v.Add("target_value", "out_of_range", "chỉ tiêu phải là số không âm")
	}
	if in.Weight == nil {
		one := 1.0
		in.Weight = &one
	} else if *in.Weight <= 0 || *in.Weight > 1000 || !models.Finite(*in.Weight) {
		v.Add("weight", "out_of_range", "trọng số phải lớn hơn 0 và không quá 1000")
	}
	in.checkCadence(v)
	return v.Err()
}

// ReportCadences are the periods a task may ask progress reports for.
var ReportCadences = []string{"week", "month", "quarter"}

// defaultReportGrace is how many working days after a period a report for
// it may still come: enough for a hamlet team that meets once a week.
const defaultReportGrace = 3

func (in *TaskInput) checkCadence(v *models.ValidationError) {
	if in.ReportEvery != nil && !slices.Contains(ReportCadences, *in.ReportEvery) {
		v.Add("report_every", "invalid", "chu kỳ báo cáo phải là week (tuần), month (tháng) hoặc quarter (quý)")
	}
	if in.ReportGraceDays == nil {
		g := defaultReportGrace
		in.ReportGraceDays = &g
	} else if *in.ReportGraceDays < 0 || *in.ReportGraceDays > 30 {
		v.Add("report_grace_days", "out_of_range", "số ngày làm việc gia hạn báo cáo phải từ 0 đến 30")
	}
}

// checkIDs sorts and de-duplicates a list of ids and rejects non-positive ones.
func checkIDs(v *models.ValidationError, field string, ids []int64) []int64 {
	if len(ids) > 100 {
		v.Add(field, "too_many", "tối đa 100 mục")
		return ids
	}
	for _, id := range ids {
		if id <= 0 {
			v.Add(field, "invalid", "mã không hợp lệ: %d", id)
			return ids
		}
	}
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// ParseStatuses reads a comma-separated status filter.
func ParseStatuses(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	out := strings.Split(s, ",")
	for _, st := range out {
		if !slices.Contains(TaskStatuses, st) {
			return nil, models.Invalid("status", "invalid", "trạng thái %q không hợp lệ; dùng: %s", st, strings.Join(TaskStatuses, ", "))
		}
	}
	return out, nil
}

// supported adds an error on field when d is set and outside the years
// tiendo accepts.
func supported(v *models.ValidationError, field string, d calendar.Date) {
	if !d.IsZero() && !d.Supported() {
		v.Add(field, "out_of_range", "ngày phải trong các năm %d–%d", calendar.FirstInputYear, calendar.LastInputYear)
	}
}
