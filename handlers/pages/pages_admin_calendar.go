package pages

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/deadlines"
)

// adminCalendarData is the Data of the working-day calendar page.
type adminCalendarData struct {
	Year       int
	DaysOff    []calendarRow
	MakeupDays []calendarRow
	Overrides  []calendarRow
	Working    int
	Kinds      []roleOption // what the add form offers
	CanManage  bool
}

// calendarRow is one day as the page lists it, already in the page's language.
type calendarRow struct {
	Date    calendar.Date
	Weekday string
	Kind    string // the day's kind, or "remove" for an override that cancels one
	Label   string
	Name    string
	By      string
}

// overrideChoices are the add form's choices: a kind of day, or "remove"
// to make a statutory or generated day ordinary again.
var overrideChoices = []roleOption{
	{calendar.KindHoliday, "Nghỉ lễ, Tết (thêm ngày nghỉ)"}, {calendar.KindCompensatory, "Nghỉ bù"},
	{calendar.KindSwapped, "Nghỉ hoán đổi (ngày thường được nghỉ)"}, {calendar.KindMakeup, "Làm bù (thứ Bảy, Chủ nhật đi làm)"},
	{calendar.ActionRemove, "Bỏ ngày đặc biệt (trở thành ngày thường)"},
}

// dayKindLabels name the kinds of day in the lists.
var dayKindLabels = map[string]string{calendar.KindHoliday: "Nghỉ lễ, Tết", calendar.KindCompensatory: "Nghỉ bù",
	calendar.KindSwapped: "Nghỉ hoán đổi", calendar.KindMakeup: "Làm bù", calendar.ActionRemove: "Ngày thường"}

// weekdayNames are Sunday first, as time.Weekday counts.
var weekdayNames = [7]string{"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

// adminCalendarPage shows one year (?year=, default this one) of the
// commune's calendar: days off, make-up working days and the commune's own
// decisions, with the admin's form to add and delete those.
func (h *Handler) adminCalendarPage(c *gin.Context) error {
	year, err := strconv.Atoi(c.DefaultQuery("year", "0"))
	if err != nil {
		return models.Invalid("year", "invalid", "năm phải là số nguyên")
	}
	return h.showCalendar(c, http.StatusOK, year, newForm(nil))
}

func (h *Handler) showCalendar(c *gin.Context, status, year int, f *form) error {
	ctx, a, lang := c.Request.Context(), httpx.Actor(c), pageLang(c)
	y, err := h.Store.CalendarYear(ctx, a, year)
	if err != nil {
		return err
	}
	overrides, err := h.Store.ListCalendarOverrides(ctx, a, y.Year)
	if err != nil {
		return err
	}
	d := &adminCalendarData{Year: y.Year, Working: y.WorkingDays, CanManage: a.IsAdmin(),
		DaysOff: dayRows(lang, y.DaysOff), MakeupDays: dayRows(lang, y.MakeupDays)}
	for _, o := range overrides {
		kind := o.Action
		if o.Kind != nil {
			kind = *o.Kind
		}
		d.Overrides = append(d.Overrides, calendarRow{Date: o.Date, Weekday: weekday(lang, o.Date), Kind: kind,
			Label: tr(lang, dayKindLabels[kind]), Name: o.Name, By: o.CreatedByName})
	}
	for _, k := range overrideChoices {
		d.Kinds = append(d.Kinds, roleOption{Value: k.Value, Label: tr(lang, k.Label)})
	}
	h.render(c, status, "admin_calendar", &view{Title: "Lịch làm việc", Nav: "admin-calendar", Form: f, Data: d})
	return nil
}

func dayRows(lang string, days []calendar.Day) []calendarRow {
	out := make([]calendarRow, len(days))
	for i, day := range days {
		out[i] = calendarRow{Date: day.Date, Weekday: weekday(lang, day.Date), Kind: day.Kind,
			Label: tr(lang, dayKindLabels[day.Kind]), Name: day.Name}
	}
	return out
}

func weekday(lang string, d calendar.Date) string { return tr(lang, weekdayNames[d.Weekday()]) }

// createOverrideSubmit records one of the commune's calendar decisions and
// shows its year; a refused one comes back with the errors beside the fields.
func (h *Handler) createOverrideSubmit(c *gin.Context) error {
	a := httpx.Actor(c)
	if err := a.MayAdminister(); err != nil {
		return err
	}
	f := newForm(postForm(c))
	in := deadlines.CalendarOverrideInput{Date: f.parseDate("date"), Action: calendar.ActionAdd,
		Kind: f.Value("kind"), Name: f.Value("name")}
	if in.Kind == calendar.ActionRemove {
		in.Action, in.Kind = calendar.ActionRemove, ""
	}
	if f.Value("date") == "" {
		f.add("date", "cần nhập ngày, ví dụ 30/12/2024")
	}
	if in.Kind == "" && in.Action == calendar.ActionAdd {
		f.add("kind", "cần chọn loại ngày")
	}
	if f.Invalid() {
		f.addMissing(in.Validate()) // every mistake at once
		f.moveErrors("kind", "action")
	} else {
		o, err := h.Store.CreateCalendarOverride(c.Request.Context(), a, in)
		if err == nil {
			redirect(c, "/quan-tri/lich?year="+strconv.Itoa(o.Date.Year)+"&flash=created#day-"+o.Date.String())
			return nil
		}
		if !f.addError(err) {
			return err
		}
		f.moveErrors("kind", "action")
	}
	year := in.Date.Year
	if year < 1900 || year > 2100 {
		year = h.Today(a).Year
	}
	return h.showCalendar(c, http.StatusUnprocessableEntity, year, f)
}

// deleteOverrideSubmit removes the commune's decision for the date of the
// path, which then follows the rules and official arrangements again.
func (h *Handler) deleteOverrideSubmit(c *gin.Context) error {
	d, err := calendar.ParseDate(c.Param("date"))
	if err != nil {
		return models.Invalid("date", "invalid_date", "ngày không hợp lệ; dùng dạng YYYY-MM-DD")
	}
	if err := h.Store.DeleteCalendarOverride(c.Request.Context(), httpx.Actor(c), d); err != nil {
		return err
	}
	redirect(c, "/quan-tri/lich?year="+strconv.Itoa(d.Year)+"&flash=deleted")
	return nil
}
