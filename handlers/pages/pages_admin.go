package pages

import (
	"errors"
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
func (h *Handler) mountAdminPages(a *gin.RouterGroup) {
	a.GET("/quan-tri/nguoi-dung", h.Page(h.adminUsersPage))
	a.POST("/quan-tri/nguoi-dung", h.Page(h.createUserSubmit))
	a.GET("/quan-tri/nguoi-dung/:id", h.Page(h.adminUserPage))
	a.POST("/quan-tri/nguoi-dung/:id/vai-tro", h.Page(h.membershipsSubmit))
	a.POST("/quan-tri/nguoi-dung/:id/lien-he", h.Page(h.userContactSubmit))
	a.POST("/quan-tri/nguoi-dung/:id/mat-khau", h.Page(h.resetPasswordSubmit))
	a.POST("/quan-tri/nguoi-dung/:id/khoa", h.Page(h.disableUserSubmit))
	a.GET("/quan-tri/don-vi", h.Page(h.adminUnitsPage))
	a.POST("/quan-tri/don-vi", h.Page(h.createUnitSubmit))
	a.GET("/quan-tri/lich", h.Page(h.adminCalendarPage))
	a.POST("/quan-tri/lich", h.Page(h.createOverrideSubmit))
	a.POST("/quan-tri/lich/:date/xoa", h.Page(h.deleteOverrideSubmit))
	a.GET("/quan-tri/nhac-viec", h.Page(h.adminSettingsPage))
	a.POST("/quan-tri/nhac-viec", h.Page(h.settingsSubmit))
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
	faulted := map[string]bool{}
	for name := range f.errs {
		faulted[name] = true
	}
	for _, fe := range v.Fields {
		if !faulted[fe.Field] || fe.Field == "" {
			f.add(fe.Field, fe.Message)
		}
	}
}

// dropFindings leaves out of a validation error the findings that follow
// from a field the form already faulted (a blank year taken from a date
// that could not be read); each of which is "field" or "field/code".
func dropFindings(err error, which ...string) error {
	var v *models.ValidationError
	if !errors.As(err, &v) {
		return err
	}
	kept := &models.ValidationError{}
	for _, fe := range v.Fields {
		if !slices.Contains(which, fe.Field) && !slices.Contains(which, fe.Field+"/"+fe.Code) {
			kept.Fields = append(kept.Fields, fe)
		}
	}
	return kept.Err()
}
