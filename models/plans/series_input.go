package plans

import (
	"slices"
	"strings"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/deadlines"
)

// SeriesInput is the body of POST /plans/{id}/series, and the state a
// patch produces.
type SeriesInput struct {
	Title             string        `json:"title"`
	Description       string        `json:"description"`
	LeadUnitID        int64         `json:"lead_unit_id"`
	SupportingUnitIDs []int64       `json:"supporting_unit_ids"`
	AssigneeIDs       []int64       `json:"assignee_ids"`
	Rule              string        `json:"rule"`
	Weekdays          []int         `json:"weekdays"`
	DayOfMonth        *int          `json:"day_of_month"`
	OnHoliday         string        `json:"on_holiday"`
	StartsOn          calendar.Date `json:"starts_on"`
	EndsOn            calendar.Date `json:"ends_on"`

	existing bool // a patched series: its start may lie far in the past
}

// SeriesPatch is the body of PATCH /series/{id}: absent fields stay. A new
// rule or template applies to occurrences not generated yet; those already
// generated are tasks of their own, edited one by one. The start date is
// fixed once the series exists.
type SeriesPatch struct {
	Title             models.Optional[string]        `json:"title"`
	Description       models.Optional[string]        `json:"description"`
	LeadUnitID        models.Optional[int64]         `json:"lead_unit_id"`
	SupportingUnitIDs models.Optional[[]int64]       `json:"supporting_unit_ids"`
	AssigneeIDs       models.Optional[[]int64]       `json:"assignee_ids"`
	Rule              models.Optional[string]        `json:"rule"`
	Weekdays          models.Optional[[]int]         `json:"weekdays"`
	DayOfMonth        models.Optional[*int]          `json:"day_of_month"`
	OnHoliday         models.Optional[string]        `json:"on_holiday"`
	EndsOn            models.Optional[calendar.Date] `json:"ends_on"`
}

func (p SeriesPatch) apply(cur *Series) SeriesInput {
	weekdays := make([]int, len(cur.Weekdays))
	for i, w := range cur.Weekdays {
		weekdays[i] = int(w)
	}
	in := SeriesInput{
		Title: p.Title.Or(cur.Title), Description: p.Description.Or(cur.Description),
		LeadUnitID: p.LeadUnitID.Or(cur.LeadUnitID), SupportingUnitIDs: p.SupportingUnitIDs.Or(cur.SupportingUnitIDs),
		AssigneeIDs: p.AssigneeIDs.Or(cur.AssigneeIDs), Rule: p.Rule.Or(cur.Rule),
		Weekdays: p.Weekdays.Or(weekdays), DayOfMonth: p.DayOfMonth.Or(cur.DayOfMonth),
		OnHoliday: p.OnHoliday.Or(cur.OnHoliday), StartsOn: cur.StartsOn, EndsOn: p.EndsOn.Or(cur.EndsOn),
		existing: true,
	}
	// Switching rule drops the old rule's field unless the patch sets it.
	if in.Rule == RuleWeekly && !p.DayOfMonth.Set {
		in.DayOfMonth = nil
	}
	if in.Rule != RuleWeekly && !p.Weekdays.Set {
		in.Weekdays = nil
	}
	return in
}

// maxBackfillDays bounds how far back a new series may start: its past
// occurrences are generated at once, and a mistyped year would otherwise
// create hundreds of overdue tasks.
const maxBackfillDays = 366

// Validate normalises the input and lists every invalid field; today fills
// a missing start date.
func (in *SeriesInput) Validate(today calendar.Date) error {
	v := &models.ValidationError{}
	in.Title, in.Description = models.CleanText(in.Title), models.CleanText(in.Description)
	models.CheckText(v, "title", in.Title, 500, true)
	models.CheckText(v, "description", in.Description, 10000, false)
	if in.LeadUnitID <= 0 {
		v.Add("lead_unit_id", "required", "cần chọn đơn vị chủ trì")
	}
	in.SupportingUnitIDs = checkIDs(v, "supporting_unit_ids", in.SupportingUnitIDs)
	if slices.Contains(in.SupportingUnitIDs, in.LeadUnitID) {
		v.Add("supporting_unit_ids", "includes_lead", "đơn vị chủ trì không đồng thời là đơn vị phối hợp")
	}
	in.AssigneeIDs = checkIDs(v, "assignee_ids", in.AssigneeIDs)
	in.validateRule(v)
	in.validateDates(v, today)
	return v.Err()
}

// validateRule checks the rule and the fields it needs, and only those.
func (in *SeriesInput) validateRule(v *models.ValidationError) {
	if in.OnHoliday == "" {
		in.OnHoliday = OnHolidayNextWorkingDay
	}
	if !slices.Contains(OnHolidayRules, in.OnHoliday) {
		v.Add("on_holiday", "invalid", "on_holiday phải là một trong: %s", strings.Join(OnHolidayRules, ", "))
	}
	switch in.Rule {
	case RuleWeekly:
		in.Weekdays = checkWeekdays(v, in.Weekdays)
		if in.DayOfMonth != nil {
			v.Add("day_of_month", "not_allowed", "lịch hằng tuần dùng weekdays, không dùng day_of_month")
		}
	case RuleMonthly, RuleQuarterly:
		if len(in.Weekdays) > 0 {
			v.Add("weekdays", "not_allowed", "lịch hằng tháng, hằng quý dùng day_of_month, không dùng weekdays")
		}
		if in.DayOfMonth == nil || *in.DayOfMonth < 1 || *in.DayOfMonth > 31 {
			v.Add("day_of_month", "out_of_range", "cần nhập ngày trong tháng từ 1 đến 31 (quá số ngày của tháng thì lấy ngày cuối tháng)")
		}
	default:
		v.Add("rule", "invalid", "rule phải là một trong: %s", strings.Join(SeriesRules, ", "))
	}
}

// checkWeekdays sorts and de-duplicates ISO weekdays and rejects others.
func checkWeekdays(v *models.ValidationError, days []int) []int {
	if len(days) == 0 {
		v.Add("weekdays", "required", "cần chọn ít nhất một ngày trong tuần (1 = thứ Hai … 7 = Chủ nhật)")
		return days
	}
	for _, d := range days {
		if d < 1 || d > 7 {
			v.Add("weekdays", "out_of_range", "ngày trong tuần theo ISO: 1 = thứ Hai … 4 = thứ Năm … 7 = Chủ nhật")
			return days
		}
	}
	out := slices.Clone(days)
	slices.Sort(out)
	return slices.Compact(out)
}

// validateDates checks the span of the series.
func (in *SeriesInput) validateDates(v *models.ValidationError, today calendar.Date) {
	if in.StartsOn.IsZero() {
		in.StartsOn = today
	}
	if deadlines.CheckYear("starts_on", in.StartsOn.Year) != nil {
		v.Add("starts_on", "out_of_range", "năm phải từ %d đến %d", deadlines.MinAPIYear, deadlines.MaxAPIYear)
	} else if !in.existing && in.StartsOn.Before(today.AddDays(-maxBackfillDays)) {
		v.Add("starts_on", "too_early", "ngày bắt đầu không được sớm hơn %d ngày trước hôm nay", maxBackfillDays)
	}
	switch {
	case in.EndsOn.IsZero():
	case deadlines.CheckYear("ends_on", in.EndsOn.Year) != nil:
		v.Add("ends_on", "out_of_range", "năm phải từ %d đến %d", deadlines.MinAPIYear, deadlines.MaxAPIYear)
	case in.EndsOn.Before(in.StartsOn):
		v.Add("ends_on", "before_start", "ngày kết thúc %s trước ngày bắt đầu %s", in.EndsOn.VN(), in.StartsOn.VN())
	}
}
