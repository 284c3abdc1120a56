package pages

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// The task page's deadline extensions ("đề xuất gia hạn"): whoever reports
// on the task asks for a date with a reason; the chairman answers "Đồng ý"
// or "Không đồng ý" with a note. Both come back to the task page.

// extensionRequestSubmit records a request for a later deadline.
func (h *Handler) extensionRequestSubmit(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	f := newForm(postForm(c))
	in := plans.ExtensionInput{DueOn: f.parseDate("ext_due_on"), Reason: f.Value("ext_reason")}
	if f.Invalid() { // a date that is not one
		return h.showTask(c, http.StatusUnprocessableEntity, f)
	}
	_, err = h.Store.RequestExtension(c.Request.Context(), httpx.Actor(c), id, in)
	return h.afterTaskForm(c, id, f, renameFields(err, map[string]string{"due_on": "ext_due_on", "reason": "ext_reason"}),
		"extension_requested")
}

// extensionDecideSubmit approves or refuses the pending request :xid of task :id.
func (h *Handler) extensionDecideSubmit(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	xid, err := strconv.ParseInt(c.Param("xid"), 10, 64)
	if err != nil || xid <= 0 {
		return models.ErrNotFound
	}
	f := newForm(postForm(c))
	in := plans.ExtensionDecision{Note: f.Value("decision_note")}
	switch f.Value("approve") {
	case "true":
		in.Approve = ptr(true)
	case "false":
		in.Approve = ptr(false)
	}
	_, err = h.Store.DecideExtension(c.Request.Context(), httpx.Actor(c), xid, in)
	return h.afterTaskForm(c, id, f, renameFields(err, map[string]string{"note": "decision_note"}), "extension_decided")
}

// inboxReadAllSubmit marks every notification of the person read.
func (h *Handler) inboxReadAllSubmit(c *gin.Context) error {
	if _, err := h.Store.MarkAllNotificationsRead(c.Request.Context(), httpx.Actor(c)); err != nil {
		return err
	}
	redirect(c, "/thong-bao")
	return nil
}

func ptr[T any](v T) *T { return &v }
