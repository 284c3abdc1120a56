package pages

import (
	"errors"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/calendar"
)

// form is a submitted (or blank) form: what the person typed, to show it
// again after a failed submit, and the errors to show next to each field.
// Field names are the models' own (title, due_on, references[0].issuer…),
// so a models.ValidationError maps onto the form by name.
type form struct {
	values  url.Values
	errs    map[string][]string
	order   []string
	general []string
	// duplicate is set when the plan number collides and the form should
	// offer to record it anyway.
	duplicate bool
	// noRecipient is set when the task as filled in reaches nobody who can
	// report on it, and the form asks to confirm before saving.
	noRecipient bool
}

// NoRecipient reports whether the form asks to confirm a task nobody can
// report on.
func (f *form) NoRecipient() bool { return f.noRecipient }

func newForm(values url.Values) *form {
	if values == nil {
		values = url.Values{}
	}
	return &form{values: values, errs: map[string][]string{}}
}

// Value is the typed value of a field.
func (f *form) Value(name string) string { return f.values.Get(name) }

// Has reports whether a multi-value field (checkboxes, select) holds value.
func (f *form) Has(name string, value any) bool {
	return slices.Contains(f.values[name], toString(value))
}

// Error is the message to show beside a field, "" when it is fine.
func (f *form) Error(name string) string { return strings.Join(f.errs[name], "; ") }

// Invalid reports whether the form has any error.
func (f *form) Invalid() bool { return len(f.errs) > 0 || len(f.general) > 0 }

// fieldMessage is one line of the error summary at the top of a form.
type fieldMessage struct {
	ID      string // the input to jump to; "" for a form-level error
	Message string
}

// Summary lists every error, form-level ones first, for the box at the top
// of the form whose links move the focus to each field.
func (f *form) Summary() []fieldMessage {
	var out []fieldMessage
	for _, m := range f.general {
		out = append(out, fieldMessage{Message: m})
	}
	for _, name := range f.order {
		for _, m := range f.errs[name] {
			out = append(out, fieldMessage{ID: fieldID(name), Message: m})
		}
	}
	return out
}

// add records an error on a field; an empty name is a form-level error.
// Model messages start in lower case, as they sit inside API answers; on a
// Page each is a sentence of its own.
func (f *form) add(field, msg string) {
	msg = capitalize(msg)
	if field == "" {
		f.general = append(f.general, msg)
		return
	}
	if _, seen := f.errs[field]; !seen {
		f.order = append(f.order, field)
	}
	f.errs[field] = append(f.errs[field], msg)
}

// addError puts a model error on the form and reports whether it was about
// the input; false means the caller should show an error page instead.
func (f *form) addError(err error) bool {
	var (
		v *models.ValidationError
		c *models.ConflictError
		p *models.PreconditionError
		t *accounts.ThrottledError
	)
	switch {
	case errors.As(err, &v):
		for _, fe := range v.Fields {
			f.add(fe.Field, fe.Message)
		}
	case errors.As(err, &c):
		field := c.Field
		if field == "task" { // about the task as a whole, not one of its fields
			field = ""
		}
		f.add(field, c.Message)
	case errors.As(err, &p), errors.As(err, &t), errors.Is(err, models.ErrBadCredentials):
		f.add("", err.Error())
	default:
		return false
	}
	return true
}

func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// fieldID is the HTML id of a field's input: references[0].issuer → f-references-0-issuer.
func fieldID(name string) string {
	r := strings.NewReplacer("[", "-", "]", "", ".", "-", "_", "-")
	return "f-" + r.Replace(name)
}

// fieldView is what the "field" partial needs to draw one labelled input.
type fieldView struct {
	Name, ID, Label, Type, Value, Error string
	Required                            bool
	Hint, Autocomplete, InputMode       string
	Min, Max, Step, Placeholder         string
}

// newFieldView describes an input; opts are "required" or key:value pairs
// (hint, autocomplete, inputmode, min, max, step, placeholder).
//
// Type "date" is a text input holding dd/mm/yyyy: a browser's own date
// input shows the phone's locale (mm/dd/yyyy on an English phone), while
// the documents and the people using them write dates the Vietnamese way.
func newFieldView(f *form, name, label, typ string, opts ...string) fieldView {
	v := fieldView{Name: name, ID: fieldID(name), Label: label, Type: typ, Value: f.Value(name), Error: f.Error(name)}
	if typ == "date" {
		v.Type, v.Placeholder, v.Autocomplete = "text", "dd/mm/yyyy", "off"
		if d, err := calendar.ParseDate(v.Value); err == nil {
			v.Value = d.VN()
		}
	}
	for _, o := range opts {
		key, val, _ := strings.Cut(o, ":")
		switch key {
		case "required":
			v.Required = true
		case "hint":
			v.Hint = val
		case "autocomplete":
			v.Autocomplete = val
		case "inputmode":
			v.InputMode = val
		case "min":
			v.Min = val
		case "max":
			v.Max = val
		case "step":
			v.Step = val
		case "placeholder":
			v.Placeholder = val
		}
	}
	return v
}

func toString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	}
	return ""
}

// parseDate reads dd/mm/yyyy as people type it — with "/", "-", "." or
// spaces, or eight digits on a phone's number pad — and also YYYY-MM-DD.
// Empty is the zero date.
func (f *form) parseDate(name string) calendar.Date {
	s := strings.TrimSpace(f.Value(name))
	if s == "" {
		return calendar.Date{}
	}
	if d, err := calendar.ParseDate(s); err == nil {
		return d
	}
	s = dateSeparators.ReplaceAllString(s, "/")
	if len(s) == 8 && !strings.Contains(s, "/") {
		s = s[:2] + "/" + s[2:4] + "/" + s[4:]
	}
	if t, err := time.Parse("2/1/2006", s); err == nil {
		return calendar.DateOf(t)
	}
	f.add(name, "ngày không hợp lệ; nhập theo dạng dd/mm/yyyy, ví dụ 30/09/2024")
	return calendar.Date{}
}

var dateSeparators = regexp.MustCompile(`\s*[-./\s]\s*`)

// parseNumber reads a number the Vietnamese way — "1.234,5" — and also
// "1234.5"; a dot followed by groups of exactly three digits is taken as a
// thousands separator. Empty is nil.
func (f *form) parseNumber(name string) *float64 {
	s := strings.ReplaceAll(strings.TrimSpace(f.Value(name)), " ", "")
	if s == "" {
		return nil
	}
	switch {
	case strings.Contains(s, ","):
		s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
	case thousandsOnly(s):
		s = strings.ReplaceAll(s, ".", "")
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil {
		f.add(name, "cần nhập một số, ví dụ 1.250 hoặc 12,5")
		return nil
	}
	return &n
}

// thousandsOnly reports whether every dot of s separates groups of three digits.
func thousandsOnly(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) < 2 || parts[0] == "" || len(parts[0]) > 3 {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 {
			return false
		}
	}
	return true
}

// parseInt reads a whole number; empty is nil.
func (f *form) parseInt(name string) *int {
	s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(f.Value(name)), "%"))
	if s == "" {
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		f.add(name, "cần nhập một số nguyên")
		return nil
	}
	return &n
}

// parseIDs reads the checked ids of a checkbox group.
func (f *form) parseIDs(name string) []int64 {
	ids := []int64{}
	for _, s := range f.values[name] {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 {
			ids = append(ids, id)
		}
	}
	return ids
}

// parseID reads one id (a select); empty or invalid is 0.
func (f *form) parseID(name string) int64 {
	id, _ := strconv.ParseInt(f.Value(name), 10, 64)
	return max(id, 0)
}

// choice is one option of a select: a reporting period (the part of the
// code after the year: M9, Q3, M05…) or an indicator, and its name.
type choice struct {
	Code, Label string
}
