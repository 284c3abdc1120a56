package plans

import "github.com/tiendo/tiendo/models"

// LowerPercentCode is the code of the error on "percent" when a report that
// refuses a lower figure (ProgressInput.RefuseLower) would lower the task's.
const LowerPercentCode = "lower_than_before"

// Lowers reports whether the report would lower the task's percent although
// it refuses to.
func (in *ProgressInput) Lowers(t *Task) bool {
	return in.RefuseLower && in.Percent != nil && *in.Percent < t.Percent
}

// LowerPercentError is the answer to a report that Lowers the task's percent.
func LowerPercentError(t *Task) error {
	v := &models.ValidationError{}
	v.Add("percent", LowerPercentCode, "tỷ lệ thấp hơn lần báo cáo trước (%d%%)", t.Percent)
	return v
}
