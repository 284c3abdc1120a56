package httpx

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/models"
)

// Text that reaches the models is valid UTF-8 without control characters
// other than tab and line breaks: encoding/json would turn invalid bytes into
// "�" and store them, and a stray NUL or escape code breaks exports and the
// printed report. The JSON body is checked field by field in checkShape;
// CheckText covers the query string and url-encoded form posts, naming the
// parameter or field.
func CheckText(c *gin.Context) {
	if err := queryError(c.Request.URL.RawQuery); err != nil {
		Fail(c, err)
		return
	}
	if strings.HasPrefix(c.ContentType(), "application/x-www-form-urlencoded") && c.Request.ParseForm() == nil {
		if err := ValuesError(c.Request.PostForm); err != nil {
			Fail(c, err)
			return
		}
	}
	c.Next()
}

// queryError refuses a query string that does not decode (q=%zz would
// otherwise drop the filter silently and answer everything) or whose values
// are not clean text, in one pass over it: it runs on every request.
func queryError(raw string) error {
	for pair := range strings.SplitSeq(raw, "&") {
		key, value, _ := strings.Cut(pair, "=")
		k, kerr := url.QueryUnescape(key)
		v, verr := url.QueryUnescape(value)
		if kerr != nil {
			k = key
		}
		if k == "" { // "?=%00": a value without a name is named by where it is
			k = "query"
		}
		if kerr != nil || verr != nil {
			return models.Invalid(k, "malformed", "tham số %q không giải mã được (mã %%XX sai)", k)
		}
		if err := textError(k, v); err != nil {
			return err
		}
	}
	return nil
}

// ValuesError names the first field whose value is not clean text.
func ValuesError(values url.Values) error {
	for k, vs := range values {
		for _, v := range vs {
			if err := textError(k, v); err != nil {
				return err
			}
		}
	}
	return nil
}

// textError refuses invalid UTF-8 and control characters other than tab,
// line feed and carriage return (C0, DEL and C1), naming field.
func textError(field, s string) error {
	if !utf8.ValidString(s) {
		return models.Invalid(field, "invalid_utf8", "nội dung có ký tự không hợp lệ (không phải UTF-8)")
	}
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r <= 0x9f {
			return models.Invalid(field, "control_character", "nội dung có ký tự điều khiển không được phép (mã %U)", r)
		}
	}
	return nil
}
