package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/deadlines"
)

// getCalendar is GET /calendar?year=: the commune's days off and make-up
// days of one year (default: this year).
func (h *Handler) getCalendar(c *gin.Context) error {
	q := httpx.QueryOf(c)
	year := q.Year()
	if err := q.Err(); err != nil {
		return err
	}
	y, err := h.Store.CalendarYear(c.Request.Context(), httpx.Actor(c), year)
	return httpx.Respond(c, http.StatusOK, y, err)
}

// addWorkingDays is GET /calendar/add-working-days?from=&days=.
func (h *Handler) addWorkingDays(c *gin.Context) error {
	q := httpx.QueryOf(c)
	from, days := q.Date("from"), q.IntIn("days", -10000, 10000)
	if c.Query("from") == "" {
		q.Invalid("from", "required", "cần nhập ngày bắt đầu tính (YYYY-MM-DD)")
	}
	if c.Query("days") == "" {
		q.Invalid("days", "required", "cần nhập số ngày làm việc (có thể âm)")
	}
	if err := q.Err(); err != nil {
		return err
	}
	d, err := h.Store.AddWorkingDays(c.Request.Context(), httpx.Actor(c), from, days)
	return httpx.Respond(c, http.StatusOK, gin.H{"date": d}, err)
}

// listCalendarOverrides is GET /settings/calendar?year= (default: every year).
func (h *Handler) listCalendarOverrides(c *gin.Context) error {
	q := httpx.QueryOf(c)
	year := q.Year()
	if err := q.Err(); err != nil {
		return err
	}
	items, err := h.Store.ListCalendarOverrides(c.Request.Context(), httpx.Actor(c), year)
	return httpx.Respond(c, http.StatusOK, gin.H{"items": items, "next": nil}, err)
}

// createCalendarOverride is POST /settings/calendar (admin).
func (h *Handler) createCalendarOverride(c *gin.Context) error {
	var in deadlines.CalendarOverrideInput
	if err := httpx.BindJSON(c, &in); err != nil {
		return err
	}
	o, err := h.Store.CreateCalendarOverride(c.Request.Context(), httpx.Actor(c), in)
	if err != nil {
		return err
	}
	c.Header("Location", "/api/v1/settings/calendar/"+o.Date.String())
	c.JSON(http.StatusCreated, o)
	return nil
}

// deleteCalendarOverride is DELETE /settings/calendar/{date} (admin). A
// malformed date is a 400 naming it rather than a 404, since it cannot name
// any override.
func (h *Handler) deleteCalendarOverride(c *gin.Context) error {
	d, err := calendar.ParseDate(c.Param("date"))
	if err != nil {
		return models.Invalid("date", "invalid_date", "ngày không hợp lệ; dùng dạng YYYY-MM-DD")
	}
	err = h.Store.DeleteCalendarOverride(c.Request.Context(), httpx.Actor(c), d)
	return httpx.Respond(c, http.StatusNoContent, nil, err)
}
