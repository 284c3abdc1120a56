package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// POST /api/v1/tasks/{id}/progress also takes multipart/form-data: the
// fields of the JSON body as text, evidence files ("files") and
// reported_at, the device's time of a report made without a signal. The
// app's queue (web/static/queue.js) sends this way, with an Idempotency-Key
// of its own per report and a body built once, so every retry has the same
// fingerprint and records at most once.

// reportProgressForm is reportProgress for a multipart body.
func (h *Handler) reportProgressForm(c *gin.Context) error {
	id, version, err := httpx.WriteTarget(c, nil)
	if err != nil {
		return err
	}
	in, err := readProgressForm(c)
	if err != nil {
		return err
	}
	in.IfMatch = version
	res, err := h.Store.ReportProgress(c.Request.Context(), httpx.Actor(c), id, in)
	if err != nil {
		return err
	}
	httpx.SetETag(c, res.Task.Version)
	c.JSON(http.StatusCreated, res)
	return nil
}

// readProgressForm reads the fields and files; every field it cannot read
// is named in one 400 (a body over the limit is the 413 of its error).
func readProgressForm(c *gin.Context) (plans.ProgressInput, error) {
	var in plans.ProgressInput
	if err := c.Request.ParseMultipartForm(1 << 20); err != nil { // larger files spill to temporary files
		return in, err
	}
	form := c.Request.MultipartForm
	get := func(name string) string {
		if v := form.Value[name]; len(v) > 0 {
			return strings.TrimSpace(v[0])
		}
		return ""
	}
	v := &models.ValidationError{}
	if s := get("percent"); s != "" {
		if n, err := strconv.Atoi(s); err == nil {
			in.Percent = &n
		} else {
			v.Add("percent", "invalid_type", "tỷ lệ hoàn thành phải là số nguyên")
		}
	}
	if s := get("actual_value"); s != "" {
		if n, err := strconv.ParseFloat(s, 64); err == nil {
			in.ActualValue = &n
		} else {
			v.Add("actual_value", "invalid_type", "giá trị thực hiện phải là một số, ví dụ 1250 hoặc 12.5")
		}
	}
	in.Note = get("note")
	at, err := httpx.ParseInstant(get("reported_at"))
	if err != nil {
		v.Add("reported_at", "invalid_time", "%s", err.Error())
	}
	in.ReportedAt = at
	for _, fh := range form.File["files"] {
		a, err := httpx.ReadUpload(fh)
		if err != nil {
			v.Add("files", "invalid", "%s", err.Error())
			continue
		}
		in.Files = append(in.Files, a)
	}
	return in, v.Err()
}
