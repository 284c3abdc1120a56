package handlers

import (
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/models"
)

// The administration pages (/quan-tri/…): accounts, units, the working-day
// calendar and the reminder settings. They call the same store methods as
// the API, so who may read and who may change is the models' decision: every
// member reads what the API lets them read, and only the admin sees the
// forms; a refused write is a 403 page, as the API answers 403.

// mountAdminPages registers the administration pages on the signed-in group.
func (h *handler) mountAdminPages(a *gin.RouterGroup) {
	a.GET("/quan-tri/nguoi-dung", h.page(h.adminUsersPage))
	a.POST("/quan-tri/nguoi-dung", h.page(h.createUserSubmit))
	a.GET("/quan-tri/nguoi-dung/:id", h.page(h.adminUserPage))
	a.POST("/quan-tri/nguoi-dung/:id/vai-tro", h.page(h.membershipsSubmit))
	a.POST("/quan-tri/nguoi-dung/:id/mat-khau", h.page(h.resetPasswordSubmit))
	a.POST("/quan-tri/nguoi-dung/:id/khoa", h.page(h.disableUserSubmit))
	a.GET("/quan-tri/don-vi", h.page(h.adminUnitsPage))
	a.POST("/quan-tri/don-vi", h.page(h.createUnitSubmit))
	a.GET("/quan-tri/lich", h.page(h.adminCalendarPage))
	a.POST("/quan-tri/lich", h.page(h.createOverrideSubmit))
	a.POST("/quan-tri/lich/:date/xoa", h.page(h.deleteOverrideSubmit))
	a.GET("/quan-tri/nhac-viec", h.page(h.adminSettingsPage))
	a.POST("/quan-tri/nhac-viec", h.page(h.settingsSubmit))
}

// pageGroup is the router group of every page: a panic inside a page becomes
// the HTML error page, while the API keeps recoverMiddleware's problem+json.
func (h *handler) pageGroup(r gin.IRouter) *gin.RouterGroup {
	return r.Group("", h.pageRecover, pageLangMiddleware)
}

// pageRecover answers a page that panicked with the HTML 500 page. The panic
// and its stack go to the log only: a stack trace tells a stranger how the
// server is built and tells the person in front of the page nothing.
func (h *handler) pageRecover(c *gin.Context) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if r == http.ErrAbortHandler { // net/http's way to drop a connection on purpose
			panic(r)
		}
		h.log.Error("page panic", "method", c.Request.Method, "path", c.Request.URL.Path,
			"panic", fmt.Sprint(r), "stack", string(debug.Stack()))
		c.Abort()
		if c.Writer.Written() {
			return // part of an answer is out; nothing sensible can follow it
		}
		p := problemFor(nil)
		h.render(c, p.Status, "error", &view{Title: p.Title, Data: errorPage{Status: p.Status}})
	}()
	c.Next()
}

// flashes of the administration pages, added to the shared table here so
// that the pages' authors do not edit each other's lines.
func init() {
	flashes["deleted"] = "Đã xóa."
	flashes["disabled"] = "Đã khóa tài khoản. Các phiên đăng nhập của tài khoản đã kết thúc."
	flashes["memberships"] = "Đã lưu vai trò. Người dùng cần đăng nhập lại."
}

// adminOnly refuses a form that only the commune's admin may send, before
// any work, as the store would refuse it.
func adminOnly(a *models.Actor) error {
	if !a.IsAdmin() {
		return models.ErrForbidden
	}
	return nil
}

// moveErrors puts the errors of the fields from on the field to: the model
// names fields of its input, which a page may draw as one control.
func (f *form) moveErrors(to string, from ...string) {
	for _, name := range from {
		msgs, ok := f.errs[name]
		if !ok || name == to {
			continue
		}
		delete(f.errs, name)
		if _, seen := f.errs[to]; !seen {
			f.order = append(f.order, to)
		}
		f.errs[to] = append(f.errs[to], msgs...)
	}
	kept := f.order[:0]
	for _, name := range f.order {
		if _, ok := f.errs[name]; ok && !slices.Contains(kept, name) {
			kept = append(kept, name)
		}
	}
	f.order = kept
}

// addMissing puts the field errors of a model's validation on the fields
// the form has not already faulted, so that a page names every mistake at
// once without saying one twice (its own check first, in its own words).
func (f *form) addMissing(err error) {
	var v *models.ValidationError
	if !errors.As(err, &v) {
		return
	}
	for _, fe := range v.Fields {
		if _, seen := f.errs[fe.Field]; !seen || fe.Field == "" {
			f.add(fe.Field, fe.Message)
		}
	}
}
