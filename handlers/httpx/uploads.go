package httpx

import (
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"reflect"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
)

// What the progress form of the pages and the multipart progress report of
// the API (the app's queue of reports made without a signal, issue 16)
// both read: evidence files, and the device's time of the report.

// IsMultipart reports whether the request is a multipart form.
func IsMultipart(c *gin.Context) bool {
	return strings.HasPrefix(c.ContentType(), "multipart/form-data")
}

// ReadUpload reads one uploaded file, refusing an oversized one before
// reading it; the store checks the type and the limits again.
func ReadUpload(fh *multipart.FileHeader) (plans.NewAttachment, error) {
	if fh.Size > plans.MaxAttachmentBytes {
		return plans.NewAttachment{}, fmt.Errorf("tệp %q lớn hơn 10 MB", fh.Filename)
	}
	file, err := fh.Open()
	if err != nil {
		return plans.NewAttachment{}, fmt.Errorf("không đọc được tệp %q", fh.Filename)
	}
	defer file.Close()
	b, err := io.ReadAll(io.LimitReader(file, plans.MaxAttachmentBytes+1))
	if err != nil {
		return plans.NewAttachment{}, fmt.Errorf("không đọc được tệp %q", fh.Filename)
	}
	return plans.NewAttachment{FileName: fh.Filename, Content: b}, nil
}

// ParseInstant reads an instant in RFC 3339 with its offset, as a
// browser's Date.toISOString writes it ("2026-12-03T07:32:05.120Z"); empty
// is nil. A time it cannot read, or outside the years the system takes, is
// an error; the store bounds it further (models/plans/progress_reported.go).
func ParseInstant(s string) (*time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || t.Year() < calendar.FirstInputYear || t.Year() > calendar.LastInputYear {
		return nil, fmt.Errorf("thời điểm không hợp lệ; cần dạng RFC 3339, ví dụ 2026-12-03T07:32:05Z")
	}
	return &t, nil
}

var (
	timeType    = reflect.TypeFor[time.Time]()
	timePtrType = reflect.TypeFor[*time.Time]()
)

// checkInstant is ParseInstant's rule for a JSON body (bind_strict.go):
// encoding/json's own error would not name the field.
func checkInstant(raw json.RawMessage, path string) error {
	var s string
	err := json.Unmarshal(raw, &s)
	if err == nil && strings.TrimSpace(s) != "" {
		_, err = ParseInstant(s)
	}
	if err != nil || strings.TrimSpace(s) == "" {
		return models.Invalid(orBody(path), "invalid_time", "thời điểm không hợp lệ; cần dạng RFC 3339, ví dụ 2026-12-03T07:32:05Z")
	}
	return nil
}
