package handlers

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"
)

// The page languages. Vietnamese is the source language: templates and
// handlers write Vietnamese text and English looks it up in the catalogue
// below (gettext style), so a missing translation shows Vietnamese, never a
// key. This first pass translates the layout, navigation, statuses, sign-in
// and the headings and buttons people meet every day; longer help texts and
// model messages stay Vietnamese.
const (
	langVI     = "vi"
	langEN     = "en"
	langCookie = "tiendo_lang"
	langKey    = "tiendo.lang"
)

var languages = []string{langVI, langEN}

// tr translates Vietnamese text s into lang, with fmt arguments if any.
func tr(lang, s string, args ...any) string {
	if lang == langEN {
		if e, ok := english[s]; ok {
			s = e
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// pageLangMiddleware picks the language: ?lang= (remembered in a cookie for a
// year), else the cookie, else Vietnamese.
func pageLangMiddleware(c *gin.Context) {
	setPageLang(c)
	c.Next()
}

// setPageLang is pageLangMiddleware's work, for handlers outside the page group.
func setPageLang(c *gin.Context) {
	lang := langVI
	if q := c.Query("lang"); q == langVI || q == langEN {
		lang = q
		http.SetCookie(c.Writer, &http.Cookie{Name: langCookie, Value: q, Path: "/", MaxAge: 365 * 24 * 3600,
			SameSite: http.SameSiteLaxMode, HttpOnly: true})
	} else if ck, err := c.Cookie(langCookie); err == nil && ck == langEN {
		lang = langEN
	}
	c.Set(langKey, lang)
}

// pageLang is the request's language; Vietnamese outside the page routes.
func pageLang(c *gin.Context) string {
	if l, ok := c.Get(langKey); ok {
		return l.(string)
	}
	return langVI
}

// langLink is the current page in the other language.
func langLink(c *gin.Context, lang string) string {
	other := langEN
	if lang == langEN {
		other = langVI
	}
	q := url.Values{}
	if c.Request.Method == http.MethodGet {
		q = c.Request.URL.Query()
		q.Del("flash")
	}
	q.Set("lang", other)
	p := c.Request.URL.Path
	if c.Request.Method != http.MethodGet {
		p = "/"
	}
	return p + "?" + q.Encode()
}

// english is the English catalogue, keyed by the Vietnamese text.
var english = map[string]string{
	// Layout and navigation.
	"Tiến độ":                   "Tiendo",
	"Theo dõi kế hoạch của xã":  "Commune plan tracking",
	"Việc của tôi":              "My tasks",
	"Tổng quan":                 "Overview",
	"Kế hoạch":                  "Plans",
	"Thông báo":                 "Notifications",
	"chưa đọc":                  "unread",
	"Đổi mật khẩu":              "Change password",
	"Đăng xuất":                 "Sign out",
	"Đăng nhập":                 "Sign in",
	"Chuyển đến nội dung chính": "Skip to main content",
	"Điều hướng chính":          "Main navigation",
	"Lỗi hệ thống":              "System error",
	"Không tìm thấy":            "Not found",
	"Không có quyền":            "Not allowed",
	"Quay lại trang chủ":        "Back to the home page",
	"Dữ liệu không hợp lệ":      "Invalid data",
	"Xung đột dữ liệu":          "Conflicting data",
	"Bản ghi đã thay đổi":       "The record has changed",
	"Dữ liệu gửi lên quá lớn":   "Upload too large",
	// Statuses.
	"Sắp đến hạn":         "Due soon",
	"Quá hạn":             "Overdue",
	"Hoàn thành đúng hạn": "Done on time",
	"Đã hoàn thành":       "Completed",
	// Sign-in and account.
	"Tên đăng nhập":             "Username",
	"Mật khẩu":                  "Password",
	"Mật khẩu hiện tại":         "Current password",
	"Mật khẩu mới":              "New password",
	"Nhập lại mật khẩu mới":     "Repeat the new password",
	"Lưu mật khẩu mới":          "Save the new password",
	"Vui lòng sửa các lỗi sau:": "Please correct the following:",
	"Bạn cần đổi mật khẩu trước khi tiếp tục.":                                             "You need to change your password before going on.",
	"Sau khi đổi, các phiên đăng nhập khác và mọi khóa API của tài khoản sẽ hết hiệu lực.": "After the change, your other sessions and every API token of the account stop working.",
	// Everyday headings and buttons.
	"Hôm nay":         "Today",
	"còn %d ngày":     "%d days left",
	"quá hạn %d ngày": "%d days overdue",
	"quá hạn %d ngày (%d ngày làm việc)": "%d days overdue (%d working days)",
	"hết hạn hôm nay":                    "due today",
	"Hiện tại":                           "Now",
	"Chỉ tiêu":                           "Target",
	"Thông tin nhiệm vụ":                 "Task details",
	"Đơn vị chủ trì":                     "Lead unit",
	"Đơn vị phối hợp":                    "Supporting units",
	"Người được giao":                    "Assignees",
	"Bắt đầu":                            "Start",
	"Thời hạn":                           "Deadline",
	"Ý kiến":                             "Comment",
	"Gửi ý kiến":                         "Send comment",
	"Nhật ký thay đổi":                   "Change log",
	"Tỷ lệ hoàn thành":                   "Completion rate",
	"Tỷ lệ đúng hạn":                     "On-time rate",
	"Theo loại kế hoạch":                 "By plan kind",
	"Theo đơn vị chủ trì":                "By lead unit",
	"Nhiệm vụ quá hạn":                   "Overdue tasks",
	"Sắp đến hạn trong 14 ngày":          "Due in the next 14 days",
	"Xem số liệu":                        "Show the numbers",
	"Năm kế hoạch":                       "Plan year",
	"Xem":                                "Show",
	"Chọn nhanh tỷ lệ":                   "Quick percent",
	"Chưa đọc":                           "Unread",
	"Xem nhiệm vụ":                       "Open the task",
	"Chưa có thông báo nào.":             "No notifications yet.",
	"Báo cáo tiến độ":                    "Report progress",
	"Gửi báo cáo":                        "Send report",
	"Cần làm":                            "To do",
	"Đã hoàn thành gần đây":              "Recently completed",
	"Hạn":                                "Due",
	"Tỷ lệ hoàn thành (%)":               "Completion (%)",
	"Giá trị thực hiện":                  "Actual value",
	"Ghi chú":                            "Note",
	"Tệp minh chứng":                     "Evidence files",
	"Lịch sử":                            "History",
	"Lưu":                                "Save",
	"Hủy bỏ":                             "Cancel",
	"Tìm":                                "Search",
	"Xem thêm":                           "More",
	"Tạo kế hoạch":                       "New plan",
	"Thêm nhiệm vụ":                      "Add task",
	"Sửa":                                "Edit",
	"Nhân bản sang năm sau":              "Copy to next year",
	"Nhiệm vụ":                           "Tasks",
	"Tất cả":                             "All",
	"Năm":                                "Year",
	"Loại kế hoạch":                      "Plan kind",
	"Trạng thái":                         "Status",
}
