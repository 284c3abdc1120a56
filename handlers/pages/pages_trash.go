package pages

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// The recycle bin ("Thùng rác") for people: deleting a plan from its page
// (after a confirmation that says how many tasks go with it), the list of
// deleted plans and their restore. The API is handlers/api/trash.go.

// trashData is the Data of the recycle bin page.
type trashData struct {
	Items     []plans.TrashedPlan
	TrashDays int
	Next      string // URL of the next page, "" on the last
}

func (h *Handler) trashPage(c *gin.Context) error {
	return h.showTrash(c, http.StatusOK, newForm(nil))
}

func (h *Handler) showTrash(c *gin.Context, status int, f *form) error {
	page, err := h.Store.ListTrash(c.Request.Context(), httpx.Actor(c),
		plans.TrashFilter{Limit: 50, Cursor: c.Query("cursor")})
	if err != nil {
		return err
	}
	d := &trashData{Items: page.Items, TrashDays: plans.TrashDays}
	if page.Next != nil {
		d.Next = "/thung-rac?cursor=" + url.QueryEscape(*page.Next)
	}
	h.render(c, status, "trash", &view{Title: "Thùng rác", Nav: "plans", Form: f, Data: d})
	return nil
}

// deletePlanSubmit is the confirmed delete of the plan page; the version the
// Page showed guards against deleting a plan someone changed meanwhile.
func (h *Handler) deletePlanSubmit(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(postForm(c).Get("version"))
	if _, err := h.Store.DeletePlan(c.Request.Context(), httpx.Actor(c), id, version); err != nil {
		return err
	}
	redirect(c, "/thung-rac?flash=trashed")
	return nil
}

// restorePlanSubmit restores a plan; a number taken meanwhile is said on the
// bin's page, which the person is still looking at.
func (h *Handler) restorePlanSubmit(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	_, err = h.Store.RestorePlan(c.Request.Context(), httpx.Actor(c), id)
	var conflict *models.ConflictError
	if errors.As(err, &conflict) {
		f := newForm(nil)
		f.add("", conflict.Message)
		return h.showTrash(c, http.StatusConflict, f)
	}
	if err != nil {
		return err
	}
	redirect(c, planURL(id)+"?flash=restored")
	return nil
}
