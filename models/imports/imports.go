package imports

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/statistics"
	"github.com/tiendo/tiendo/models/vn"
)

// Grid is a table read from an uploaded spreadsheet or CSV: the first row is
// the header. Row numbers in error messages are the spreadsheet's (the
// header is row 1).
type Grid struct {
	Rows [][]string
}

// ImportColumn describes a column of an import template.
type ImportColumn struct {
	Key      string // machine name, e.g. due_on
	Label    string // Vietnamese header, e.g. Thời hạn
	Help     string // what to write
	Required bool
	Date     bool // a date column, kept as text in the template
}

// Header is the column's header cell: "Thời hạn (due_on)", readable by
// people and unambiguous for the importer.
func (c ImportColumn) Header() string { return c.Label + " (" + c.Key + ")" }

// Limits of one import: a commune's year of plans fits many times over.
const (
	maxImportRows = 5000
	maxImportCols = 60
)

// rowErrors collects the problems of an import as "row 3, column due_on".
type rowErrors struct{ models.ValidationError }

func (e *rowErrors) add(row int, col, format string, args ...any) {
	e.Add(fmt.Sprintf("row %d, column %s", row, col), "invalid", "dòng %d, cột %s: %s", row, col, fmt.Sprintf(format, args...))
}

func (e *rowErrors) has(row int, col string) bool {
	name := fmt.Sprintf("row %d, column %s", row, col)
	for _, f := range e.Fields {
		if f.Field == name {
			return true
		}
	}
	return false
}

// inDraft reports whether any row of the draft (the plan's or a task's) has an error.
func (e *rowErrors) inDraft(d *PlanDraft) bool {
	rows := map[int]bool{d.Row: true}
	for _, t := range d.Tasks {
		rows[t.Row] = true
	}
	for _, f := range e.Fields {
		var row int
		if _, err := fmt.Sscanf(f.Field, "row %d,", &row); err == nil && rows[row] {
			return true
		}
	}
	return false
}

// addFields re-labels a model validation error with its row; fields map
// input field names to template columns.
func (e *rowErrors) addFields(row int, err error, fields map[string]string) {
	verr, ok := err.(*models.ValidationError)
	if !ok {
		e.add(row, "", "%v", err)
		return
	}
	for _, f := range verr.Fields {
		col := fields[f.Field]
		if col == "" {
			col = f.Field
		}
		if e.has(row, col) {
			continue // the cell already has its (more precise) error
		}
		e.Add(fmt.Sprintf("row %d, column %s", row, col), f.Code, "dòng %d, cột %s: %s", row, col, f.Message)
	}
}

// columnIndex maps each known column to its position in the header. A
// header cell matches by its key, "Label (key)", or the label alone with or
// without diacritics.
func columnIndex(header []string, cols []ImportColumn, errs *rowErrors) map[string]int {
	idx := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		key := matchColumn(h, cols)
		if key == "" {
			errs.add(1, h, "cột không có trong mẫu")
			continue
		}
		if _, dup := idx[key]; dup {
			errs.add(1, key, "cột xuất hiện hai lần")
		}
		idx[key] = i
	}
	for _, c := range cols {
		if _, ok := idx[c.Key]; !ok && c.Required {
			errs.add(1, c.Key, "thiếu cột %s", c.Header())
		}
	}
	return idx
}

func matchColumn(h string, cols []ImportColumn) string {
	folded := strings.ToLower(vn.Fold(h))
	for _, c := range cols {
		if h == c.Key || strings.HasSuffix(h, "("+c.Key+")") || folded == strings.ToLower(vn.Fold(c.Label)) {
			return c.Key
		}
	}
	return ""
}

// cells reads one data row by column key.
type cells struct {
	row  []string
	idx  map[string]int
	num  int // spreadsheet row number
	errs *rowErrors
}

func (c cells) get(key string) string {
	i, ok := c.idx[key]
	if !ok || i >= len(c.row) {
		return ""
	}
	return models.CleanText(c.row[i])
}

// date reads dd/mm/yyyy, yyyy-mm-dd or a spreadsheet date serial.
func (c cells) date(key string) calendar.Date {
	s := c.get(key)
	if s == "" {
		return calendar.Date{}
	}
	d, ok := ParseCellDate(s)
	if !ok {
		c.errs.add(c.num, key, "ngày %q không hợp lệ; viết dd/mm/yyyy", s)
	}
	return d
}

// number reads a number written the Vietnamese way (1.234; 83,2); nil when empty.
func (c cells) number(key string) *float64 {
	s := c.get(key)
	if s == "" {
		return nil
	}
	f, err := vn.ParseNumber(s)
	if err != nil {
		c.errs.add(c.num, key, "%q %s", s, err.Error())
		return nil
	}
	return &f
}

// count reads a whole, non-negative number; nil when empty.
func (c cells) count(key string) *int {
	f := c.number(key)
	if f == nil {
		return nil
	}
	if *f != float64(int(*f)) || *f < 0 || *f > statistics.MaxDossiers {
		c.errs.add(c.num, key, "phải là số nguyên không âm")
		return nil
	}
	n := int(*f)
	return &n
}

// yes reads a yes/no cell: x, có, yes, true, 1.
func (c cells) yes(key string) bool {
	switch strings.ToLower(vn.Fold(c.get(key))) {
	case "x", "co", "yes", "true", "1":
		return true
	}
	return false
}

// ParseCellDate reads a date as people type it in Vietnam (31/01/2024,
// 1/3/2024), in ISO form (2024-01-31), or as the day number a spreadsheet
// stores (45322 is 31/01/2024).
func ParseCellDate(s string) (calendar.Date, bool) {
	s = strings.TrimSpace(s)
	if d, err := calendar.ParseDate(s); err == nil {
		return d, true
	}
	for _, layout := range []string{"2/1/2006", "02/01/2006", "2-1-2006", "02-01-2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return calendar.DateOf(t), true
		}
	}
	if n, err := strconv.Atoi(s); err == nil && n > 0 && n < 2958466 {
		// Spreadsheet day 1 is 1900-01-01 and day 60 the 29 February 1900 that
		// never was, so from day 61 on the epoch is 1899-12-30.
		return calendar.NewDate(1899, time.December, 30).AddDays(n), n > 60
	}
	return calendar.Date{}, false
}
