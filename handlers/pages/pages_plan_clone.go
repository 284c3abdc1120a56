package pages

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models/plans"
)

// clonePlanPage offers to copy a plan into the next year: the person gives
// the new document number and issue date; the title's year is updated.
func (h *Handler) clonePlanPage(c *gin.Context) error {
	p, err := h.managedPlan(c)
	if err != nil {
		return err
	}
	f := newForm(nil)
	next := p.IssuedOn
	next.Year++
	f.values.Set("issued_on", next.String())
	f.values.Set("title", nextYearTitle(p.Title, p.Year))
	return h.showCloneForm(c, http.StatusOK, p, f)
}

func (h *Handler) showCloneForm(c *gin.Context, status int, p *plans.Plan, f *form) error {
	h.render(c, status, "plan_clone", &view{Title: "Nhân bản sang năm sau", Nav: "plans", Form: f, Data: p})
	return nil
}

// nextYearTitle replaces the plan's year in its title by the next one:
// "… năm 2024" becomes "… năm 2025".
func nextYearTitle(title string, year int) string {
	return strings.ReplaceAll(title, strconv.Itoa(year), strconv.Itoa(year+1))
}

// clonePlanSubmit copies the plan and opens the copy.
func (h *Handler) clonePlanSubmit(c *gin.Context) error {
	p, err := h.managedPlan(c)
	if err != nil {
		return err
	}
	f := newForm(postForm(c))
	in := plans.PlanClone{DocNumber: strings.TrimSpace(f.Value("doc_number")), IssuedOn: f.parseDate("issued_on"),
		Title: f.Value("title")}
	if !f.Invalid() {
		cp, err := h.Store.ClonePlan(c.Request.Context(), httpx.Actor(c), p.ID, in)
		if err == nil {
			redirect(c, planURL(cp.ID)+"?flash=cloned")
			return nil
		}
		if !addPlanError(f, err, nil, false) {
			return err
		}
	}
	return h.showCloneForm(c, http.StatusUnprocessableEntity, p, f)
}
