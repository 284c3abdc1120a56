package httpx

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/models"
)

// txWriterKey is where the request's committing writer waits in the gin
// context, for endTransaction.
const txWriterKey = "tiendo.tx"

// BeginFunc starts a request's transaction: models.Store.BeginRequest, or
// BeginReads when reads (GET and HEAD, which need no savepoints).
type BeginFunc func(ctx context.Context, reads bool) (context.Context, func(commit bool) error)

// Transaction runs the request in one database transaction (begin). It ends
// before the first byte of the answer leaves: committed unless the answer
// is a 5xx, so that a client told "saved" was told the truth; a commit that
// fails turns the answer into a 503 the client may retry. A panic rolls back.
//
// With a standby, a GET carries the client's last write (rw) to the store,
// and a write that committed tells the client when (readyourwrites.go).
func Transaction(begin BeginFunc, rw ReadYourWrites, log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		m := c.Request.Method
		reads := m == http.MethodGet || m == http.MethodHead
		ctx := c.Request.Context()
		if reads {
			ctx = rw.withLastWrite(ctx, c.Request)
		}
		ctx, end := begin(ctx, reads)
		c.Request = c.Request.WithContext(ctx)
		w := &committingWriter{ResponseWriter: c.Writer, end: end, log: log, c: c}
		if !reads {
			w.committed = func() { rw.noteWrite(c) }
		}
		c.Writer = w
		c.Set(txWriterKey, w)
		finished := false
		defer func() {
			if !finished { // a panic is on its way up to recoverMiddleware
				w.ended = true
				_ = end(false)
				c.Writer = w.ResponseWriter
			}
		}()
		c.Next()
		w.finish()
		w.leaving()
		finished = true
		c.Writer = w.ResponseWriter
	}
}

// endTransaction commits what the request has done so far; what it does
// afterwards runs in transactions of its own. The exactly-once middlewares
// need this: a claim on an Idempotency-Key must be visible to a retry while
// the first request still runs (handlers/api/idempotency.go).
func endTransaction(c *gin.Context) {
	if w, ok := c.Get(txWriterKey); ok {
		w.(*committingWriter).finish()
	}
}

// committingWriter ends the request's transaction on the first write.
type committingWriter struct {
	gin.ResponseWriter
	end   func(commit bool) error
	log   *slog.Logger
	c     *gin.Context
	ended bool
	lost  bool // the commit failed: the handler's answer is dropped for a 503

	committed func() // a write request's answer is about to leave: everything is committed
}

// leaving runs committed once, before the header of a successful answer leaves.
func (w *committingWriter) leaving() {
	if w.committed != nil && !w.lost && !w.ResponseWriter.Written() && w.ResponseWriter.Status() < http.StatusBadRequest {
		w.committed()
	}
	w.committed = nil
}

// finish commits (or, for a 5xx, rolls back) once. When the commit fails
// before anything was written, the answer becomes a 503.
func (w *committingWriter) finish() {
	if w.ended {
		return
	}
	w.ended = true
	status := w.ResponseWriter.Status()
	if len(w.c.Errors) > 0 && !w.ResponseWriter.Written() {
		status = ProblemFor(w.c.Errors.Last().Err).Status
	}
	err := w.end(status < http.StatusInternalServerError)
	if err == nil || status >= http.StatusInternalServerError {
		return
	}
	w.log.Error("commit failed", "request_id", RequestID(w.c.Request.Context()), "method", w.c.Request.Method, "path", w.c.FullPath(), "err", err)
	if w.ResponseWriter.Written() {
		return
	}
	w.lost = true
	for k := range w.ResponseWriter.Header() {
		w.ResponseWriter.Header().Del(k)
	}
	p := ProblemFor(err)
	switch {
	case models.IsUnavailable(err):
		// The connection went during COMMIT (a failover, a crash): the
		// server may have committed before it went, so nobody can say.
		// The same request again settles it: its Idempotency-Key or form
		// token replays or reports what was recorded, or records it now.
		p = Problem{Status: http.StatusServiceUnavailable, Code: "commit_unknown", Title: "Chưa rõ đã ghi được chưa",
			Detail: "kết nối tới cơ sở dữ liệu bị ngắt đúng lúc lưu; gửi lại đúng yêu cầu này (cùng khóa " +
				"Idempotency-Key) sau ít giây, hoặc tải lại trang để xem — không bị ghi hai lần", RetryAfter: 1}
	case p.Status >= http.StatusInternalServerError:
		p = Problem{Status: http.StatusServiceUnavailable, Code: "not_saved", Title: "Chưa ghi được",
			Detail: "không có gì được ghi; vui lòng gửi lại", RetryAfter: 1}
	}
	p.Type = "about:blank"
	p.Instance = RequestID(w.c.Request.Context())
	w.ResponseWriter.Header().Set(RequestIDHeader, p.Instance)
	if p.RetryAfter > 0 {
		w.ResponseWriter.Header().Set("Retry-After", strconv.Itoa(p.RetryAfter))
	}
	w.ResponseWriter.Header().Set("Content-Type", ProblemType)
	w.ResponseWriter.WriteHeader(p.Status)
	body, _ := json.Marshal(p)
	_, _ = w.ResponseWriter.Write(body)
}

// Write commits first; after a failed commit the handler's bytes go nowhere.
func (w *committingWriter) Write(b []byte) (int, error) {
	w.finish()
	w.leaving()
	if w.lost {
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}

// WriteString is Write for strings.
func (w *committingWriter) WriteString(s string) (int, error) {
	w.finish()
	w.leaving()
	if w.lost {
		return len(s), nil
	}
	return w.ResponseWriter.WriteString(s)
}

// WriteHeader records the status; a failed commit's 503 stands.
func (w *committingWriter) WriteHeader(code int) {
	if !w.lost {
		w.ResponseWriter.WriteHeader(code)
	}
}

// WriteHeaderNow sends the header, so the transaction ends first.
func (w *committingWriter) WriteHeaderNow() {
	w.finish()
	w.leaving()
	if !w.lost {
		w.ResponseWriter.WriteHeaderNow()
	}
}

// Flush sends what is buffered, so the transaction ends first.
func (w *committingWriter) Flush() {
	w.finish()
	w.leaving()
	w.ResponseWriter.Flush()
}
