package httpx

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
)

// Problem is an RFC 9457 problem document with a per-field error list.
type Problem struct {
	Type     string              `json:"type"`
	Title    string              `json:"title"`
	Status   int                 `json:"status"`
	Detail   string              `json:"detail,omitempty"`
	Code     string              `json:"code"`
	Errors   []models.FieldError `json:"errors,omitempty"`
	Existing any                 `json:"existing,omitempty"`
	// Instance is the request's id (X-Request-Id), for whoever runs the server.
	Instance string `json:"instance,omitempty"`
	// RetryAfter, in seconds, is sent as the Retry-After header (429, 503).
	RetryAfter int `json:"-"`
}

// ProblemType is the media type of every error answer (RFC 9457).
const ProblemType = "application/problem+json"

// ProblemFor maps a model error to its HTTP answer. Anything unknown is a
// 500 whose body says nothing of the cause; the log keeps it.
func ProblemFor(err error) Problem {
	var (
		verr *models.ValidationError
		cerr *models.ConflictError
		perr *models.PreconditionError
		terr *accounts.ThrottledError
		mbe  *http.MaxBytesError
	)
	switch {
	case errors.As(err, &terr):
		return Problem{Status: 429, Code: "throttled", Title: "Thử lại sau", Detail: terr.Error(),
			RetryAfter: terr.RetryAfterSeconds()}
	case errors.Is(err, accounts.ErrPasswordChangeRequired):
		return Problem{Status: 403, Code: "password_change_required", Title: "Cần đổi mật khẩu", Detail: err.Error()}
	case errors.Is(err, models.ErrIdempotencyKeyReused):
		return Problem{Status: 422, Code: "idempotency_key_reused", Title: "Khóa Idempotency-Key đã được dùng",
			Detail: err.Error()}
	case errors.Is(err, models.ErrIdempotencyKeyInFlight):
		return Problem{Status: 409, Code: "idempotency_key_in_flight", Title: "Yêu cầu đang được xử lý",
			Detail: models.ErrIdempotencyKeyInFlight.Error(), RetryAfter: 1}
	case errors.Is(err, models.ErrIdempotencyKeyRecorded):
		return Problem{Status: 409, Code: "idempotency_key_recorded", Title: "Yêu cầu đã được ghi nhận trước đó",
			Detail: models.ErrIdempotencyKeyRecorded.Error()}
	case errors.As(err, &verr):
		return Problem{Status: 400, Code: "validation", Title: "Dữ liệu không hợp lệ", Errors: verr.Fields}
	case errors.As(err, &mbe):
		return Problem{Status: 413, Code: "too_large", Title: "Dữ liệu gửi lên quá lớn",
			Detail: "nội dung yêu cầu vượt quá giới hạn cho phép"}
	case errors.Is(err, models.ErrNotFound):
		return Problem{Status: 404, Code: "not_found", Title: "Không tìm thấy"}
	case errors.Is(err, models.ErrForbidden):
		return Problem{Status: 403, Code: "forbidden", Title: "Không có quyền", Detail: err.Error()}
	case errors.Is(err, models.ErrUnauthenticated), errors.Is(err, models.ErrBadCredentials):
		return Problem{Status: 401, Code: "unauthenticated", Title: "Chưa xác thực", Detail: err.Error()}
	case errors.As(err, &cerr):
		p := Problem{Status: 409, Code: "conflict", Title: "Xung đột dữ liệu", Detail: cerr.Message, Existing: cerr.Existing}
		if cerr.Field != "" {
			p.Errors = []models.FieldError{{Field: cerr.Field, Code: "conflict", Message: cerr.Message}}
		}
		return p
	case errors.As(err, &perr):
		return Problem{Status: 412, Code: "stale", Title: "Bản ghi đã thay đổi", Detail: perr.Error()}
	case models.IsUnavailable(err):
		return Problem{Status: 503, Code: "database_unavailable", Title: "Hệ thống tạm thời gián đoạn",
			Detail:     "cơ sở dữ liệu đang khởi động lại; không có gì được ghi, vui lòng gửi lại sau ít giây",
			RetryAfter: 5}
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return Problem{Status: 503, Code: "unavailable", Title: "Hệ thống đang bận, vui lòng thử lại"}
	}
	return Problem{Status: 500, Code: "internal", Title: "Lỗi hệ thống", Detail: "đã ghi nhận lỗi; vui lòng thử lại sau"}
}

// WriteProblem sends p as application/problem+json.
func WriteProblem(c *gin.Context, p Problem) {
	if p.Type == "" {
		p.Type = "about:blank"
	}
	p.Instance = RequestID(c.Request.Context())
	if p.Status == http.StatusUnauthorized {
		c.Header("WWW-Authenticate", `Bearer realm="tiendo"`)
	}
	if p.RetryAfter > 0 {
		c.Header("Retry-After", strconv.Itoa(p.RetryAfter))
	}
	c.Header("Content-Type", ProblemType)
	c.AbortWithStatusJSON(p.Status, p)
}

// ErrorMiddleware is the one place that turns a handler's error into HTTP.
func ErrorMiddleware(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Next()
		if len(c.Errors) == 0 || c.Writer.Written() {
			return
		}
		err := c.Errors.Last().Err
		p := ProblemFor(err)
		if p.Status >= 500 {
			log.Error("request failed", "request_id", RequestID(c.Request.Context()), "method", c.Request.Method, "path", c.FullPath(), "err", err)
		}
		WriteProblem(c, p)
	}
}

// Fail hands err to errorMiddleware and stops the chain.
func Fail(c *gin.Context, err error) {
	_ = c.Error(err)
	c.Abort()
}
