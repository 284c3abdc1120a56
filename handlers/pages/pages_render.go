package pages

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/plans"
	"github.com/tiendo/tiendo/web"
)

// pageSet is every page template parsed for one language.
type pageSet map[string]*template.Template

// pageTemplates holds one parsed set per language, so that translation and
// number formatting are plain template functions bound to the language
// rather than per-request state. Parsing happens at start-up: a broken
// template stops the process (and every test) before it serves, like a
// broken query does.
var pageTemplates = mustParsePages()

// assetVersions maps a static file to a short hash of its content, so that
// its URL changes when it does and browsers may cache it for long.
var assetVersions = mustHashAssets()

func mustParsePages() map[string]pageSet {
	out := map[string]pageSet{}
	for _, lang := range languages {
		set, err := parsePages(lang)
		if err != nil {
			panic(fmt.Sprintf("web templates (%s): %v", lang, err))
		}
		out[lang] = set
	}
	return out
}

// parsePages parses each page with the layout and the shared partials.
func parsePages(lang string) (pageSet, error) {
	base, err := template.New("layout.html").Funcs(pageFuncs(lang)).
		ParseFS(web.FS, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(web.FS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	set := pageSet{}
	for _, n := range names {
		t, err := template.Must(base.Clone()).ParseFS(web.FS, n)
		if err != nil {
			return nil, err
		}
		set[strings.TrimSuffix(path.Base(n), ".html")] = t
	}
	return set, nil
}

func mustHashAssets() map[string]string {
	out := map[string]string{}
	err := fs.WalkDir(web.FS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(web.FS, p)
		sum := sha256.Sum256(b)
		out[strings.TrimPrefix(p, "static/")] = hex.EncodeToString(sum[:4])
		return err
	})
	if err != nil {
		panic(err)
	}
	return out
}

// assetURL is the cache-busting URL of a static file.
func assetURL(name string) string {
	return "/static/" + name + "?v=" + assetVersions[name]
}

// view is what every page template receives: the layout's needs and the
// Page's own Data.
type view struct {
	Lang     string
	Title    string
	Nav      string // which navigation entry is current
	Actor    *models.Actor
	Flash    string
	LangLink string // this page in the other language
	Unread   int    // unread notifications, for the navigation
	Form     *form
	Data     any
}

// InAdmin reports whether the page is one of the administration pages, which
// share one entry in the navigation and a row of their own below it.
func (v *view) InAdmin() bool { return strings.HasPrefix(v.Nav, "admin-") }

// Can reports what the navigation may offer the signed-in person.
func (v *view) Can(what string) bool {
	if v.Actor == nil {
		return false
	}
	switch what {
	case "manage_plans":
		return v.Actor.CanManagePlans()
	case "read_stats": // reports, indicators, dossier statistics, data quality
		return v.Actor.CanReadStats()
	}
	return false
}

// render executes a page into a buffer first, so that a template error
// becomes a clean error page rather than half a page.
func (h *Handler) render(c *gin.Context, status int, name string, v *view) {
	lang := pageLang(c)
	v.Lang = lang
	if a, ok := c.Get(httpx.ActorKey); ok {
		v.Actor = a.(*models.Actor)
		v.Unread = h.unreadCount(c, v.Actor)
	}
	v.LangLink = langLink(c, lang)
	if v.Flash == "" {
		v.Flash = flashMessage(c.Query("flash"))
	}
	var buf bytes.Buffer
	if err := pageTemplates[lang][name].ExecuteTemplate(&buf, "layout", v); err != nil {
		h.Log.Error("render page", "page", name, "err", err)
		c.Data(http.StatusInternalServerError, "text/html; charset=utf-8", []byte(renderFailed))
		return
	}
	out := buf.Bytes()
	if v.Actor != nil {
		out = injectFormTokens(out) // pages_once.go
	}
	// Pages show one person's work: no shared cache may keep them.
	c.Header("Cache-Control", "no-store")
	c.Data(status, "text/html; charset=utf-8", out)
}

// renderFailed is the page sent when a page itself cannot be rendered.
const renderFailed = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Lỗi hệ thống</title>` +
	`<h1>Lỗi hệ thống</h1><p>Đã ghi nhận lỗi; vui lòng thử lại sau. <a href="/">Trang chủ</a></p></html>`

// flashes are the one-line confirmations a redirect may ask for by key, so
// that no URL can make a page say arbitrary text.
var flashes = map[string]string{
	"reported":            "Đã ghi nhận báo cáo tiến độ.",
	"saved":               "Đã lưu.",
	"created":             "Đã tạo mới.",
	"forwarded":           "Đã giao tiếp cho đơn vị/người thực hiện.",
	"cloned":              "Đã nhân bản kế hoạch sang năm mới (trạng thái Dự thảo).",
	"password":            "Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc.",
	"commented":           "Đã gửi ý kiến.",
	"evaluated":           "Đã ghi nhận đánh giá.",
	"extension_requested": "Đã gửi đề xuất gia hạn; Chủ tịch sẽ được thông báo.",
	"extension_decided":   "Đã ghi nhận quyết định gia hạn; người đề xuất sẽ được thông báo.",
	"deleted":             "Đã xóa.",
	"trashed":             "Đã chuyển kế hoạch và các nhiệm vụ của nó vào Thùng rác.",
	"restored":            "Đã khôi phục kế hoạch cùng các nhiệm vụ bị xóa theo nó.",
	"disabled":            "Đã khóa tài khoản. Các phiên đăng nhập của tài khoản đã kết thúc.",
	"memberships":         "Đã lưu vai trò. Người dùng cần đăng nhập lại.",
	"feed_off":            "Đã tắt lịch trên điện thoại; đường dẫn cũ không còn dùng được.",
	"webhook_test":        "Đã xếp sự kiện gửi thử; máy chủ gửi trong vòng một phút, kết quả ở danh sách bên dưới.",
	"report_sent":         "Đã gửi báo cáo lên tỉnh. Nội dung gửi đi được lưu thành một phiên bản, không thay đổi nữa.",
}

func flashMessage(key string) string { return flashes[key] }

// redirect answers a form post with 303 See Other, so that reloading the
// next page does not post again.
func redirect(c *gin.Context, to string) {
	c.Redirect(http.StatusSeeOther, to)
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// unreadCount is the badge on the navigation; a failure only hides it.
func (h *Handler) unreadCount(c *gin.Context, a *models.Actor) int {
	in, err := h.Store.ListNotifications(c.Request.Context(), a, deadlines.NotificationFilter{Limit: 1, UnreadOnly: true})
	if err != nil {
		h.Log.Warn("unread notifications", "err", err)
		return 0
	}
	return in.Unread
}

var formTag = regexp.MustCompile(`(?i)<form\b[^>]*\bmethod="post"[^>]*>`)

// injectFormTokens adds one fresh token to every post form of a page.
func injectFormTokens(html []byte) []byte {
	var b [16]byte
	_, _ = rand.Read(b[:])
	hidden := []byte(`<input type="hidden" name="` + onceField + `" value="` + hex.EncodeToString(b[:]) + `">`)
	return formTag.ReplaceAllFunc(html, func(tag []byte) []byte {
		return append(append([]byte{}, tag...), hidden...)
	})
}

// pageFuncs are the template functions, bound to one language. Dates are
// dd/mm/yyyy in both languages (it is how the documents print them);
// numbers use "," for decimals and "." for thousands in Vietnamese.
func pageFuncs(lang string) template.FuncMap {
	return template.FuncMap{
		"t":           func(s string, args ...any) string { return tr(lang, s, args...) },
		"status":      func(s string) string { return labelIn(lang, models.TaskStatusLabels, s) },
		"planStatus":  func(s string) string { return labelIn(lang, models.PlanStatusLabels, s) },
		"role":        func(r models.Role) string { return labelIn(lang, models.RoleLabels, string(r)) },
		"date":        formatDate,
		"datetime":    formatDateTime,
		"num":         func(v any) string { return formatNumber(lang, v, 2) },
		"pct":         func(v any) string { return formatPercent(lang, v) },
		"filesize":    func(n int64) string { return formatSize(lang, n) },
		"asset":       assetURL,
		"field":       newFieldView,
		"fieldID":     fieldID,
		"dict":        dict,
		"add":         func(a, b int) int { return a + b },
		"deadline":    func(t plans.Task, today calendar.Date) string { return deadlineNote(lang, &t, today) },
		"isOpen":      isOpen,
		"figures":     plans.TallyOf,
		"statusOrder": func() []string { return chartStatuses },
		"auditAction": func(a string) string { return tr(lang, auditActionLabel(a)) },
		"deref":       func(s *string) string { return *s },
		"derefInt":    func(n *int) int { return *n },
		"extStatus":   func(s string) string { return labelIn(lang, models.ExtensionStatusLabels, s) },
		"sentence":    capitalize,
		"cadence":     func(every string) string { return tr(lang, cadenceLabels[every]) },
	}
}

func taskURL(id int64) string { return "/nhiem-vu/" + strconv.FormatInt(id, 10) }

func planURL(id int64) string { return "/ke-hoach/" + strconv.FormatInt(id, 10) }

const onceField = "_once"
