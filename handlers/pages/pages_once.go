package pages

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
)

// One-time form tokens. Every form a signed-in page renders with
// method="post" carries a hidden onceField (injectFormTokens, called by
// render), so a form added later has one without its author doing anything.
// A route that creates something takes h.once: the first post with a token
// runs; posting the same form again — back button, double tap, a retry on a
// slow connection — records nothing and shows when the first one was
// recorded, with a link to it. Tokens are claimed in the same table and with
// the same fence as API Idempotency-Keys (scope "form", key = path + token).

// onceNouns names what each form records, for "… đã được ghi nhận lúc …".
var onceNouns = map[string]string{
	"/nhiem-vu/:id/bao-cao":      "Báo cáo này",
	"/nhiem-vu/:id/y-kien":       "Ý kiến này",
	"/nhiem-vu/:id/danh-gia":     "Đánh giá này",
	"/ke-hoach":                  "Kế hoạch này",
	"/ke-hoach/:id/nhiem-vu":     "Nhiệm vụ này",
	"/ke-hoach/:id/nhan-ban":     "Bản sao kế hoạch này",
	"/nhiem-vu/:id/gia-han":      "Đề xuất gia hạn này",
	"/nhiem-vu/:id/gia-han/:xid": "Quyết định gia hạn này",
	"/bao-cao-dinh-ky/gui":       "Báo cáo gửi tỉnh này",
}

// recordedData is the Data of the "already recorded" page.
type recordedData struct {
	Noun    string
	At      string
	Link    string
	Pending bool // the first post is still being processed
}

// once makes a page form post take effect at most once per token.
func (h *Handler) once(c *gin.Context) {
	token := formToken(c)
	a := httpx.Actor(c)
	if token == "" || a.CommuneID == 0 {
		c.Next() // a page rendered before tokens existed: nothing to hold it to
		return
	}
	k := models.IdempotencyKey{Scope: models.ScopeForm, Key: c.Request.URL.Path + " " + token, Fingerprint: []byte{1}}
	claim, ans, err := h.ClaimWaiting(c, a, k)
	switch {
	case errors.Is(err, models.ErrIdempotencyKeyInFlight):
		h.showRecorded(c, nil)
	case err != nil:
		h.pageError(c, err)
	case ans != nil:
		h.showRecorded(c, ans)
	default:
		h.RunClaimed(c, claim, func(rec *httpx.Recorder) bool { return rec.Status() == http.StatusSeeOther })
	}
}

// formToken reads the form's token; a malformed token counts as none. The
// body is parsed here, before the handler, so parseBody keeps the outcome.
func formToken(c *gin.Context) string {
	if err := parseBody(c); err != nil {
		return ""
	}
	tok := c.Request.PostFormValue(onceField)
	if len(tok) != 32 || strings.Trim(tok, "0123456789abcdef") != "" {
		return ""
	}
	return tok
}

// showRecorded answers a form posted again: when the first post was
// recorded and where to see it, or that it is still being recorded.
func (h *Handler) showRecorded(c *gin.Context, ans *models.IdempotentAnswer) {
	c.Abort()
	noun, ok := onceNouns[c.FullPath()]
	if !ok {
		noun = "Nội dung này"
	}
	d := recordedData{Noun: noun, Pending: ans == nil, Link: "/"}
	if ans != nil {
		d.At = ans.RecordedAt.In(httpx.Actor(c).Commune.Location()).Format("15:04 02/01/2006")
		d.Link = recordedLink(ans.Headers["Location"])
	}
	h.render(c, http.StatusOK, "recorded", &view{Title: "Đã ghi nhận", Data: d})
}

// recordedLink is where the first post sent the person, without its
// one-time flash message.
func recordedLink(loc string) string {
	u, err := url.Parse(loc)
	if err != nil || !strings.HasPrefix(u.Path, "/") || u.Host != "" {
		return "/"
	}
	q := u.Query()
	q.Del("flash")
	u.RawQuery = q.Encode()
	return u.String()
}
