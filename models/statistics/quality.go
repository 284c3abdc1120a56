package statistics

import (
	"cmp"
	"context"
	"fmt"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// Finding is one data-quality problem and the records it involves.
// Severity: "error" when the data contradicts itself, "warning" when it is
// suspicious, "info" when the reader should know.
type Finding struct {
	Code     string      `json:"code"`
	Severity string      `json:"severity"`
	Message  string      `json:"message"`
	Records  []RecordRef `json:"records"`
}

// RecordRef names a record a finding involves.
type RecordRef struct {
	Kind  string `json:"kind"` // plan, task, indicator_value, dossier_stats
	ID    int64  `json:"id"`
	Label string `json:"label"`
}

// QualityReport is the data-quality check of one year.
type QualityReport struct {
	Year     int       `json:"year"`
	Findings []Finding `json:"findings"`
}

// severity of each finding code.
var severity = map[string]string{
	"duplicate_number": "error", "parts_mismatch": "error", "part_above_total": "error",
	"numerator_above_denominator": "error", "rate_above_100": "error", "deadline_before_start": "error",
	"issued_outside_year": "warning", "number_out_of_order": "warning", "rate_mismatch": "warning",
	"done_without_progress": "warning", "figure_before_period_end": "info", "no_recipient": "error",
}

func finding(code, msg string, recs ...RecordRef) Finding {
	return Finding{Code: code, Severity: severity[code], Message: msg, Records: recs}
}

// Quality lists the data-quality findings of year.
func (s *Store) Quality(ctx context.Context, a *models.Actor, year int) (*QualityReport, error) {
	if !a.CanReadStats() {
		return nil, models.ErrForbidden
	}
	if err := checkStatsYear(year); err != nil {
		return nil, err
	}
	q := &QualityReport{Year: year}
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		var err error
		q.Findings, err = s.findings(t, a, year)
		return err
	})
	return q, err
}

// findings runs every check of year, plans first, then tasks, indicator
// values and dossier statistics.
func (s *Store) findings(t *models.Tx, a *models.Actor, year int) ([]Finding, error) {
	var plans []qualityPlan
	if err := t.Bind(s.qualQ.Plans).Select(&plans, a.CommuneID, year); err != nil {
		return nil, err
	}
	out := planFindings(plans, year)
	tasks, err := s.taskFindings(t, a, year)
	if err != nil {
		return nil, err
	}
	out = append(out, tasks...)
	first, last := calendar.NewDate(year, 1, 1), calendar.NewDate(year, 12, 31)
	vals, err := s.values(t, a.CommuneID, first, last, 0)
	if err != nil {
		return nil, err
	}
	cat, err := s.catalogue(t, a.CommuneID, year)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, ind := range cat.All() {
		names[ind.Code] = ind.NameVI
	}
	out = append(out, valueFindings(vals, names)...)
	stats, err := s.dossierStats(t, a.CommuneID, first, last)
	if err != nil {
		return nil, err
	}
	for _, d := range stats {
		ref := RecordRef{Kind: "dossier_stats", ID: d.ID, Label: "Số liệu hồ sơ " + PeriodLabel(d.Period)}
		for _, w := range d.Warnings {
			out = append(out, finding(w.Code, w.Message, ref))
		}
	}
	return out, nil
}

type qualityTask struct {
	ID                  int64         `db:"id"`
	Title               string        `db:"title"`
	DocNumber           string        `db:"doc_number"`
	StartOn             calendar.Date `db:"start_on"`
	DueOn               calendar.Date `db:"due_on"`
	DoneWithoutProgress bool          `db:"done_without_progress"`
	DueBeforeStart      bool          `db:"due_before_start"`
	NoRecipient         bool          `db:"no_recipient"`
	LeadUnit            string        `db:"lead_unit"`
}

// taskFindings: a task done without any progress record has no evidence of
// the work; a deadline before its start cannot be met as planned; an open
// task nobody can report on is work nobody answers for.
func (s *Store) taskFindings(t *models.Tx, a *models.Actor, year int) ([]Finding, error) {
	var rows []qualityTask
	if err := t.Bind(s.qualQ.Tasks).Select(&rows, a.CommuneID, year); err != nil {
		return nil, err
	}
	out := []Finding{}
	for _, r := range rows {
		ref := RecordRef{Kind: "task", ID: r.ID, Label: r.Title + " (" + r.DocNumber + ")"}
		if r.DoneWithoutProgress {
			out = append(out, finding("done_without_progress",
				"nhiệm vụ đã hoàn thành nhưng không có lần báo cáo tiến độ nào", ref))
		}
		if r.NoRecipient {
			out = append(out, finding("no_recipient", fmt.Sprintf("nhiệm vụ «%s» (đơn vị chủ trì: %s) chưa có ai báo cáo "+
				"được: không có người được giao, đơn vị chủ trì và phối hợp không có cán bộ hay thành viên tổ nào; "+
				"không ai được nhắc việc", r.Title, r.LeadUnit), ref))
		}
		if r.DueBeforeStart {
			out = append(out, finding("deadline_before_start", fmt.Sprintf("thời hạn %s trước ngày bắt đầu %s",
				r.DueOn.VN(), r.StartOn.VN()), ref))
		}
	}
	return out, nil
}

// valueFindings turns the values' warnings into findings, and notes the
// figures published before their period ended (the seed's 31/8/2024 rates
// in a 9-month report), one finding per publication date and period.
func valueFindings(vals []IndicatorValue, names map[string]string) []Finding {
	out := []Finding{}
	early := map[[2]calendar.Date]int{} // (as of, period end) → index in out
	for _, v := range vals {
		ref := RecordRef{Kind: "indicator_value", ID: v.ID, Label: "Chỉ tiêu “" + cmp.Or(names[v.Indicator], v.Indicator) + "”, " +
			PeriodLabel(v.Period)}
		for _, w := range v.Warnings {
			out = append(out, finding(w.Code, w.Message, ref))
		}
		if v.AsOf.IsZero() || !v.AsOf.Before(v.PeriodEnd) {
			continue
		}
		key := [2]calendar.Date{v.AsOf, v.PeriodEnd}
		if i, ok := early[key]; ok {
			out[i].Records = append(out[i].Records, ref)
			continue
		}
		early[key] = len(out)
		out = append(out, finding("figure_before_period_end", fmt.Sprintf(
			"số liệu chốt ngày %s, trước ngày kết thúc kỳ %s", v.AsOf.VN(), v.PeriodEnd.VN()), ref))
	}
	return out
}
