package pages

import (
	"fmt"
	"html/template"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
	"github.com/tiendo/tiendo/models/vn"
)

// pageFuncs are the template functions, bound to one language. Dates are
// dd/mm/yyyy in both languages (it is how the documents print them);
// numbers use "," for decimals and "." for thousands in Vietnamese.
func pageFuncs(lang string) template.FuncMap {
	return template.FuncMap{
		"t":           func(s string, args ...any) string { return tr(lang, s, args...) },
		"status":      func(s string) string { return labelIn(lang, models.TaskStatusLabels, s) },
		"planStatus":  func(s string) string { return labelIn(lang, models.PlanStatusLabels, s) },
		"role":        func(r models.Role) string { return labelIn(lang, models.RoleLabels, string(r)) },
		"date":        formatDate,
		"datetime":    formatDateTime,
		"num":         func(v any) string { return formatNumber(lang, v, 2) },
		"pct":         func(v any) string { return formatPercent(lang, v) },
		"filesize":    func(n int64) string { return formatSize(lang, n) },
		"asset":       assetURL,
		"field":       newFieldView,
		"fieldID":     fieldID,
		"dict":        dict,
		"add":         func(a, b int) int { return a + b },
		"deadline":    func(t plans.Task, today calendar.Date) string { return deadlineNote(lang, &t, today) },
		"isOpen":      isOpen,
		"figures":     plans.TallyOf,
		"statusOrder": func() []string { return chartStatuses },
		"auditAction": func(a string) string { return tr(lang, auditActionLabel(a)) },
		"deref":       func(s *string) string { return *s },
		"derefInt":    func(n *int) int { return *n },
		"extStatus":   func(s string) string { return labelIn(lang, models.ExtensionStatusLabels, s) },
		"sentence":    capitalize,
		"cadence":     func(every string) string { return tr(lang, cadenceLabels[every]) },
	}
}

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
