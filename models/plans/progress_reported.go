package plans

import (
	"time"

	"github.com/tiendo/tiendo/models"
)

// A report made where there is no signal is kept on the phone and sent
// later (issue 16). It carries reported_at, the device's time when it was
// made: the task history shows it beside the time the server received it,
// and the task's completion goes by it, so a report made before the
// deadline is on time however late the signal came back. Bounded so that a
// wrong clock or an old report cannot rewrite the record: not in the future
// (beyond clock skew), not before the task's start, at most 7 days back.

// ReportedSkew is how far ahead of the server a device's clock may be: a
// report up to this far in the future is taken at the server's time.
const ReportedSkew = 5 * time.Minute

// ReportedMaxAge is how long a report may wait on a device.
const ReportedMaxAge = 7 * 24 * time.Hour

// validateAt is Validate with the device's time checked against the task
// and now: every invalid field in one answer.
func (in *ProgressInput) validateAt(task *Task, now time.Time, tz string) error {
	v, _ := in.Validate().(*models.ValidationError)
	if v == nil {
		v = &models.ValidationError{}
	}
	if b, ok := in.boundReportedAt(task, now, tz).(*models.ValidationError); ok {
		v.Fields = append(v.Fields, b.Fields...)
	}
	return v.Err()
}

// boundReportedAt checks the device's time against now (the server's) and
// the task's start in the commune's zone tz, and clamps a time within the
// skew to now. A time out of bounds is a 400 naming reported_at.
func (in *ProgressInput) boundReportedAt(task *Task, now time.Time, tz string) error {
	if in.ReportedAt == nil {
		return nil
	}
	at := *in.ReportedAt
	start := task.StartOn.In(models.ZoneOf(tz))
	switch {
	case at.After(now.Add(ReportedSkew)):
		return models.Invalid("reported_at", "in_future",
			"thời điểm báo cáo (%s) ở tương lai; kiểm tra ngày giờ của điện thoại", stamp(at, tz))
	case at.Before(now.Add(-ReportedMaxAge)):
		return models.Invalid("reported_at", "too_old",
			"báo cáo làm lúc %s, đã quá 7 ngày nên không nhận; hãy báo cáo lại tình hình hiện tại", stamp(at, tz))
	case !task.StartOn.IsZero() && at.Before(start):
		return models.Invalid("reported_at", "before_start",
			"thời điểm báo cáo (%s) trước ngày bắt đầu của nhiệm vụ (%s)", stamp(at, tz), start.Format("02/01/2006"))
	}
	if at.After(now) {
		at = now
	}
	at = at.UTC().Round(time.Microsecond) // as PostgreSQL keeps it, so the answer is what is stored
	in.ReportedAt = &at
	return nil
}

// completedMeanwhile refuses a report made before someone else completed
// the task: recorded now, a report below 100 % would reopen a task its
// maker did not know was done. A report made after the completion is a
// correction, as from the pages.
func (in *ProgressInput) completedMeanwhile(task *Task, tz string) error {
	if in.ReportedAt == nil || task.CompletedAt == nil || !task.CompletedAt.After(*in.ReportedAt) {
		return nil
	}
	return &models.ConflictError{Field: "task", Message: "nhiệm vụ đã được báo cáo hoàn thành lúc " +
		stamp(*task.CompletedAt, tz) + ", sau khi báo cáo này được làm"}
}

// stamp is a time as people read it in the commune's zone: 14:32 03/12/2026.
func stamp(t time.Time, tz string) string {
	return t.In(models.ZoneOf(tz)).Format("15:04 02/01/2006")
}
