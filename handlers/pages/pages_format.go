package pages

import (
	"fmt"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
	"github.com/tiendo/tiendo/models/vn"
)

func formatDate(d calendar.Date) string {
	if d.IsZero() {
		return "—"
	}
	return d.VN()
}

// formatDateTime shows an instant in Vietnam's time; nil shows a dash.
func formatDateTime(v any) string {
	var t time.Time
	switch x := v.(type) {
	case time.Time:
		t = x
	case *time.Time:
		if x == nil {
			return "—"
		}
		t = *x
	}
	return t.In(models.VietnamTime).Format("02/01/2006 15:04")
}

// formatNumber writes a number with at most decimals fraction digits,
// trailing zeros dropped; nil pointers show a dash.
func formatNumber(lang string, v any, decimals int) string {
	var f float64
	switch x := v.(type) {
	case int:
		f = float64(x)
	case int64:
		f = float64(x)
	case float64:
		f = x
	case *float64:
		if x == nil {
			return "—"
		}
		f = *x
	case *int:
		if x == nil {
			return "—"
		}
		f = float64(*x)
	default:
		return fmt.Sprint(v)
	}
	if lang == langEN {
		return vn.FormatNumberSep(f, decimals, ".", ",")
	}
	return vn.FormatNumber(f, decimals)
}

// formatPercent writes a rate to one decimal with a percent sign.
func formatPercent(lang string, v any) string {
	if p, ok := v.(*float64); ok && p == nil {
		return "—"
	}
	return formatNumber(lang, v, 1) + "%"
}

func formatSize(lang string, n int64) string {
	switch {
	case n >= 1<<20:
		return formatNumber(lang, float64(n)/(1<<20), 1) + " MB"
	case n >= 1<<10:
		return formatNumber(lang, float64(n)/(1<<10), 0) + " KB"
	}
	return formatNumber(lang, int(n), 0) + " B"
}

// deadlineNote says how far the deadline is, in calendar days, the way a
// person reads it on a list: "còn 3 ngày", "hôm nay", and lateness as the
// notices say it: "quá hạn 30 ngày (19 ngày làm việc)".
func deadlineNote(lang string, t *plans.Task, today calendar.Date) string {
	if !isOpen(t.Status) {
		return ""
	}
	switch n := today.DaysUntil(t.DueOn); {
	case n == 0:
		return tr(lang, "hết hạn hôm nay")
	case n > 0:
		return tr(lang, "còn %d ngày", n)
	case t.LateDays > 0:
		return tr(lang, latenessVI, t.LateDays, t.LateWorkingDays)
	default:
		return tr(lang, "quá hạn %d ngày", -n)
	}
}

// latenessVI is vn.LatenessFormat, written out for the English
// catalogue (TestLatenessSaidOneWay keeps the two equal).
const latenessVI = "quá hạn %d ngày (%d ngày làm việc)"

// isOpen reports whether a task status still asks for work.
func isOpen(status string) bool {
	switch status {
	case "done_on_time", "done_late", "cancelled":
		return false
	}
	return true
}

// dict builds a map for passing several values to a partial template.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// auditActionLabel names an audit log action; unknown ones show as stored.
func auditActionLabel(a string) string { return models.NameOr(models.AuditActionNames, a) }

// reportCadences are the choices of the form's report cadence.
var reportCadences = []choice{
	{"", "Không yêu cầu"}, {"week", "Hằng tuần"}, {"month", "Hằng tháng"}, {"quarter", "Hằng quý"},
}

// cadenceLabels name a report cadence ("month": "Hằng tháng") on the task page.
var cadenceLabels = func() map[string]string {
	m := map[string]string{}
	for _, c := range reportCadences {
		m[c.Code] = c.Label
	}
	return m
}()
