package httpx

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/models"
)

// The read-your-writes cookie (issue 18). With a standby, a GET reads there
// only when the standby holds the user's last write. The process that
// committed the write remembers it (models.Standby), but the next request
// may reach another tiendo process behind the load balancer: the browser
// carries the moment of its last write in this cookie to whichever process
// answers. It outlives the lag bound by a second; after that the standby
// either holds the write or is not read at all.
const lastWriteCookie = "tiendo_ghi"

// ReadYourWrites configures the cookie; zero Window turns it off (no standby).
type ReadYourWrites struct {
	Window time.Duration    // the standby's lag bound
	Secure bool             // the cookie only over HTTPS
	Note   func(user int64) // tells this process's store (models.Store.NoteWrite)
}

// withLastWrite puts the cookie's moment, if any, into the request's context.
func (r ReadYourWrites) withLastWrite(ctx context.Context, req *http.Request) context.Context {
	if r.Window <= 0 {
		return ctx
	}
	ck, err := req.Cookie(lastWriteCookie)
	if err != nil {
		return ctx
	}
	ms, err := strconv.ParseInt(ck.Value, 10, 64)
	if err != nil || ms <= 0 {
		return ctx // a cookie we did not write: the process's own memory still holds
	}
	return models.WithLastWrite(ctx, time.UnixMilli(ms))
}

// noteWrite sets the cookie, and tells the store, when a write request's
// answer is about to leave: every transaction of the request has committed
// by then (an Idempotency-Key's claim commits first, the writes after it).
func (r ReadYourWrites) noteWrite(c *gin.Context) {
	a, ok := c.Get(ActorKey)
	if r.Window <= 0 || !ok { // signing in and out: the session check reads on the primary anyway
		return
	}
	if r.Note != nil {
		r.Note(a.(*models.Actor).UserID)
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: lastWriteCookie, Value: strconv.FormatInt(time.Now().UnixMilli(), 10),
		Path: "/", MaxAge: int((r.Window + time.Second).Seconds()) + 1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: r.Secure || c.Request.TLS != nil})
}
