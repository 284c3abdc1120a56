package pages

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models/plans"
)

// reportData is the Data of the progress report form.
type reportData struct {
	Task      *plans.Task
	MaxFiles  int
	Quick     []int  // the one-tap percent buttons
	ValueUnit string // " (unit)" after the actual value's label, if the task has a unit
}

// reportPage shows the progress form, filled with the task's current
// percent and value. Whoever may not report on the task gets a 403 page,
// as the API answers.
func (h *Handler) reportPage(c *gin.Context) error {
	t, err := h.reportableTask(c)
	if err != nil {
		return err
	}
	f := newForm(nil)
	f.values.Set("percent", strconv.Itoa(t.Percent))
	if t.ActualValue != nil {
		f.values.Set("actual_value", formatNumber(pageLang(c), t.ActualValue, 4))
	}
	return h.showReport(c, http.StatusOK, t, f)
}

func (h *Handler) showReport(c *gin.Context, status int, t *plans.Task, f *form) error {
	h.render(c, status, "report", &view{Title: "Báo cáo tiến độ", Nav: "mine", Form: f,
		Data: reportData{Task: t, MaxFiles: plans.MaxAttachmentsPerReport, Quick: []int{25, 50, 75, 100},
			ValueUnit: unitSuffix(t.TargetUnit)}})
	return nil
}

// reportableTask loads the task of the path and checks that the actor may
// report on it.
func (h *Handler) reportableTask(c *gin.Context) (*plans.Task, error) {
	id, err := httpx.PathID(c)
	if err != nil {
		return nil, err
	}
	return h.Store.TaskToReport(c.Request.Context(), httpx.Actor(c), id)
}

// reportSubmit records a report with its evidence in one store call, which
// reads the task under its lock; only a form that comes back reads it again,
// to show it. On an error the form comes back with what was typed; files
// must be chosen again, since no browser lets a page pre-fill a file input.
func (h *Handler) reportSubmit(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	f, files := h.readReport(c)
	in := plans.ProgressInput{Percent: f.parseInt("percent"), ActualValue: f.parseNumber("actual_value"),
		Note: f.Value("note"), Files: files, RefuseLower: f.Value("confirm_lower") == ""}
	if !f.Invalid() {
		_, err = h.Store.ReportProgress(c.Request.Context(), httpx.Actor(c), id, in)
		if err == nil {
			redirect(c, taskURL(id)+"?flash=reported")
			return nil
		}
		if !f.addError(askToConfirmLower(err)) {
			return err
		}
	}
	t, err := h.reportableTask(c)
	if err != nil {
		return err
	}
	askLower := in.Lowers(t)
	if f.Invalid() && f.Error("percent") == "" && askLower {
		// Every mistake at once, not the typing ones first and the rest after.
		f.addError(askToConfirmLower(plans.LowerPercentError(t)))
	}
	if f.Invalid() {
		f.addMissing(in.Validate())
	}
	if len(files) > 0 || f.Error("files") != "" {
		f.add("files", "vui lòng chọn lại tệp minh chứng")
	}
	if askLower || f.Value("confirm_lower") != "" {
		f.values.Set("ask_lower", "1") // keep offering the confirmation box
	}
	return h.showReport(c, http.StatusUnprocessableEntity, t, f)
}

// readReport parses the multipart form and reads the evidence files. A body
// over the limit leaves an error on the files field instead of the values.
func (h *Handler) readReport(c *gin.Context) (*form, []plans.NewAttachment) {
	err := parseBody(c) // pages_once.go; larger files spill to temporary files
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		f := newForm(nil)
		f.add("files", fmt.Sprintf("tổng dung lượng gửi lên vượt quá %d MB", httpx.MaxUploadBody>>20))
		return f, nil
	}
	if err != nil || c.Request.MultipartForm == nil {
		return newForm(postForm(c)), nil
	}
	f := newForm(url.Values(c.Request.MultipartForm.Value))
	f.addError(httpx.ValuesError(f.values)) // checkText reads url-encoded forms only
	var files []plans.NewAttachment
	for _, fh := range c.Request.MultipartForm.File["files"] {
		if fh.Size == 0 && fh.Filename == "" {
			continue // an empty file input
		}
		a, err := httpx.ReadUpload(fh)
		if err != nil {
			f.add("files", err.Error())
			continue
		}
		files = append(files, a)
	}
	return f, files
}

// attachmentFile sends one evidence file. Its bytes never change, so the
// checksum is a strong ETag; the type was detected on upload, and the
// global nosniff header keeps the browser to it.
func (h *Handler) attachmentFile(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	meta, content, err := h.Store.GetAttachment(c.Request.Context(), httpx.Actor(c), id)
	if err != nil {
		return err
	}
	etag := `"` + meta.Checksum() + `"`
	c.Header("ETag", etag)
	c.Header("Cache-Control", "private, max-age=86400")
	if c.GetHeader("If-None-Match") == etag {
		c.Status(http.StatusNotModified)
		return nil
	}
	c.Header("Content-Disposition", "inline; filename*=UTF-8''"+url.PathEscape(meta.FileName))
	c.Header("X-Checksum-SHA256", meta.Checksum())
	c.Data(http.StatusOK, meta.ContentType, content)
	return nil
}

func unitSuffix(unit string) string {
	if unit == "" {
		return ""
	}
	return " (" + unit + ")"
}
