package statistics

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// Period is a reporting period (kỳ báo cáo): calendar days Start..End, both
// included, with the code it is asked for by and a Vietnamese label.
type Period struct {
	Code  string        `json:"code"`
	Kind  string        `json:"kind"`
	Year  int           `json:"year"`
	Start calendar.Date `json:"start"`
	End   calendar.Date `json:"end"`
	Label string        `json:"label"`
}

// PeriodHelp tells a civil servant how to write a period code.
const PeriodHelp = "kỳ báo cáo có dạng 2024-M9 (9 tháng), 2024-Q1…Q4, 2024-H1/H2, 2024-Y (năm), " +
	"2024-M01…M12 (tháng) hoặc 2024-01-01..2024-09-30"

// maxRangeDays bounds a free range: a report over decades is a mistake.
const maxRangeDays = 5 * 366

// ParsePeriod reads a period code: 2024-M9 (nine months), 2024-Q3, 2024-H1,
// 2024-Y, 2024-M05 (one month: the number has two digits, which is what keeps
// September, 2024-M09, apart from the nine months) or a range
// 2024-01-01..2024-09-30. Letters may be in either case.
func ParsePeriod(s string) (Period, error) {
	s = strings.TrimSpace(s)
	bad := models.Invalid("period", "invalid", "%s", PeriodHelp)
	if from, to, ok := strings.Cut(s, ".."); ok {
		f, err1 := calendar.ParseDate(from)
		t, err2 := calendar.ParseDate(to)
		if err1 != nil || err2 != nil {
			return Period{}, bad
		}
		return RangePeriod(f, t)
	}
	ys, rest, ok := strings.Cut(strings.ToUpper(s), "-")
	year, err := strconv.Atoi(ys)
	if !ok || err != nil || len(ys) != 4 || year < 2000 || year > 2100 || rest == "" {
		return Period{}, bad
	}
	p, ok := namedPeriod(year, rest)
	if !ok {
		return Period{}, bad
	}
	return p, nil
}

// namedPeriod builds the period of year that rest (M9, Q3, H1, Y, M05) names.
func namedPeriod(year int, rest string) (Period, bool) {
	first := calendar.NewDate(year, time.January, 1)
	monthEnd := func(m int) calendar.Date { return calendar.NewDate(year, time.Month(m)+1, 0) }
	num := func(prefix string, digits, lo, hi int) (int, bool) {
		ds, ok := strings.CutPrefix(rest, prefix)
		if !ok || len(ds) != digits || strings.Trim(ds, "0123456789") != "" {
			return 0, false
		}
		n, _ := strconv.Atoi(ds)
		return n, n >= lo && n <= hi
	}
	code := fmt.Sprintf("%d-%s", year, rest)
	switch {
	case rest == "Y":
		return Period{code, models.PeriodYear, year, first, monthEnd(12), fmt.Sprintf("năm %d", year)}, true
	case rest == "M9":
		return Period{code, models.PeriodNineMonths, year, first, monthEnd(9), fmt.Sprintf("9 tháng đầu năm %d", year)}, true
	}
	if n, ok := num("Q", 1, 1, 4); ok {
		start := calendar.NewDate(year, time.Month(3*n-2), 1)
		return Period{code, models.PeriodQuarter, year, start, monthEnd(3 * n), fmt.Sprintf("quý %s năm %d", models.Roman[n], year)}, true
	}
	if n, ok := num("H", 1, 1, 2); ok {
		label := map[int]string{1: "6 tháng đầu năm", 2: "6 tháng cuối năm"}[n]
		start := calendar.NewDate(year, time.Month(6*n-5), 1)
		return Period{code, models.PeriodHalf, year, start, monthEnd(6 * n), fmt.Sprintf("%s %d", label, year)}, true
	}
	if n, ok := num("M", 2, 1, 12); ok {
		start := calendar.NewDate(year, time.Month(n), 1)
		return Period{code, models.PeriodMonth, year, start, monthEnd(n), fmt.Sprintf("tháng %d năm %d", n, year)}, true
	}
	return Period{}, false
}

// RangePeriod is the free period from..to, both days included.
func RangePeriod(from, to calendar.Date) (Period, error) {
	v := &models.ValidationError{}
	switch {
	case from.IsZero() || to.IsZero():
		v.Add("period", "required", "cần cả ngày bắt đầu và ngày kết thúc")
	case to.Before(from):
		v.Add("to", "before_start", "ngày kết thúc %s trước ngày bắt đầu %s", to.VN(), from.VN())
	case from.DaysUntil(to) > maxRangeDays:
		v.Add("to", "out_of_range", "kỳ báo cáo tối đa 5 năm")
	case from.Year < 2000 || to.Year > 2100:
		v.Add("period", "out_of_range", "kỳ báo cáo phải trong các năm 2000–2100")
	}
	if err := v.Err(); err != nil {
		return Period{}, err
	}
	return Period{Code: from.String() + ".." + to.String(), Kind: models.PeriodRange, Year: to.Year, Start: from, End: to,
		Label: "từ ngày " + from.VN() + " đến ngày " + to.VN()}, nil
}

// Contains reports whether d falls in the period.
func (p Period) Contains(d calendar.Date) bool { return !d.Before(p.Start) && !d.After(p.End) }

// Cutoff is the data cut-off date (ngày chốt số liệu) of the period: day
// `day` of the month monthsBefore months before the period's last month.
// With the defaults (15, 1) the 9 months of 2024 close on 15/8/2024.
func (p Period) Cutoff(day, monthsBefore int) calendar.Date {
	c := calendar.NewDate(p.End.Year, p.End.Month-time.Month(monthsBefore), day)
	if c.After(p.End) {
		return p.End
	}
	return c
}

// Title is the label with a capital first letter, for headings.
func (p Period) Title() string {
	if p.Label == "" {
		return ""
	}
	r := []rune(p.Label)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// PeriodLabel names a period code for people ("9 tháng đầu năm 2024"); a
// code that does not parse is shown as it is.
func PeriodLabel(code string) string {
	if p, err := ParsePeriod(code); err == nil {
		return p.Label
	}
	return code
}
