package httpx

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/models"
)

// fakeTx records how the request's transaction ended and whether any byte
// of the answer had left before it did.
type fakeTx struct {
	ends      []bool
	sentFirst bool
	rec       *httptest.ResponseRecorder
	fail      error
}

func (f *fakeTx) begin(ctx context.Context, _ bool) (context.Context, func(bool) error) {
	return ctx, func(commit bool) error {
		f.ends = append(f.ends, commit)
		f.sentFirst = f.rec.Body.Len() > 0 || f.rec.Code != http.StatusOK
		if commit {
			return f.fail
		}
		return nil
	}
}

func serveThrough(t *testing.T, f *fakeTx, h gin.HandlerFunc) *httptest.ResponseRecorder {
	t.Helper()
	r := gin.New()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	r.Use(RecoverMiddleware(log), Transaction(f.begin, ReadYourWrites{}, log), ErrorMiddleware(log))
	r.POST("/x", h)
	f.rec = httptest.NewRecorder()
	r.ServeHTTP(f.rec, httptest.NewRequest("POST", "/x", nil))
	return f.rec
}

func TestTransactionEndsBeforeTheAnswer(t *testing.T) {
	cases := []struct {
		name       string
		handler    gin.HandlerFunc
		fail       error
		wantStatus int
		wantEnds   []bool
	}{
		{"created", func(c *gin.Context) { c.JSON(201, gin.H{"id": 1}) }, nil, 201, []bool{true}},
		{"no body", func(c *gin.Context) { c.Status(204) }, nil, 204, []bool{true}},
		{"redirect", func(c *gin.Context) { c.Redirect(303, "/y") }, nil, 303, []bool{true}},
		{"client error commits", func(c *gin.Context) { Fail(c, models.Invalid("title", "required", "cần tên")) },
			nil, 400, []bool{true}},
		{"server error rolls back", func(c *gin.Context) { Fail(c, errors.New("boom")) }, nil, 500, []bool{false}},
		{"panic rolls back", func(c *gin.Context) { panic("boom") }, nil, 500, []bool{false}},
		{"failed commit is a 503", func(c *gin.Context) { c.JSON(201, gin.H{"id": 1}) },
			errors.New("could not serialize"), 503, []bool{true}},
		{"commit cut off is a 503 of unknown outcome", func(c *gin.Context) { c.JSON(201, gin.H{"id": 1}) },
			io.ErrUnexpectedEOF, 503, []bool{true}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeTx{fail: tc.fail}
			rec := serveThrough(t, f, tc.handler)
			if rec.Code != tc.wantStatus {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.wantStatus, rec.Body)
			}
			if len(f.ends) != len(tc.wantEnds) || (len(f.ends) > 0 && f.ends[0] != tc.wantEnds[0]) {
				t.Fatalf("transaction ended %v, want %v", f.ends, tc.wantEnds)
			}
			if f.sentFirst {
				t.Fatal("bytes of the answer left before the transaction ended")
			}
			if tc.fail != nil && (rec.Header().Get("Retry-After") == "" ||
				rec.Header().Get("Content-Type") != ProblemType || rec.Body.String() == `{"id":1}`) {
				t.Fatalf("failed commit: want a problem with Retry-After, got %v %s", rec.Header(), rec.Body)
			}
			// Only a commit known to have failed may say nothing was written.
			unknown := models.IsUnavailable(tc.fail)
			if tc.fail != nil && strings.Contains(rec.Body.String(), "commit_unknown") != unknown {
				t.Fatalf("commit error %v answered %s", tc.fail, rec.Body)
			}
		})
	}
}
