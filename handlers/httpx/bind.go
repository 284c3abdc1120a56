package httpx

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// bindJSON decodes the body strictly into dst: unknown fields, trailing data
// and wrong types are 400s naming the field.
func bindJSON(c *gin.Context, dst any) error {
	var raw json.RawMessage
	dec := json.NewDecoder(c.Request.Body)
	if err := dec.Decode(&raw); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return jsonError(err)
	}
	if err := checkShape(raw, reflect.TypeOf(dst).Elem(), ""); err != nil {
		return err
	}
	strict := json.NewDecoder(bytes.NewReader(raw))
	strict.DisallowUnknownFields()
	if err := strict.Decode(dst); err != nil {
		return jsonError(err)
	}
	return nil
}

// jsonError explains a decoding failure in terms of the request's fields.
func jsonError(err error) error {
	var (
		mbe     *http.MaxBytesError
		typeErr *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &mbe):
		return err
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" { // the body itself is of the wrong type, e.g. an array
			field = "body"
		}
		if typeErr.Type == dateType {
			return models.Invalid(field, "invalid_date", "ngày không hợp lệ; dùng dạng YYYY-MM-DD")
		}
		kind := typeErr.Type.Kind().String()
		if num, ok := strings.CutPrefix(typeErr.Value, "number"); ok && typeName(kind) == "số nguyên" {
			// A number where a whole one is wanted (99.5 for percent) is a
			// number: say what is wrong with it, not that it is not one.
			if strings.ContainsAny(num, ".eE") {
				return models.Invalid(field, "not_integer", "%s phải là số nguyên", field)
			}
			return models.Invalid(field, "out_of_range", "%s quá lớn hoặc quá nhỏ", field)
		}
		return models.Invalid(field, "invalid_type", "kiểu dữ liệu không đúng (cần %s)", typeName(kind))
	case err != nil && strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return models.Invalid(field, "unknown_field", "trường %q không được hỗ trợ", field)
	}
	return models.Invalid("body", "malformed", "nội dung không phải JSON hợp lệ")
}

var dateType = reflect.TypeFor[calendar.Date]()

func typeName(kind string) string {
	switch kind {
	case "string":
		return "chuỗi"
	case "bool":
		return "true/false"
	case "slice":
		return "danh sách"
	case "struct", "map":
		return "đối tượng"
	}
	if strings.HasPrefix(kind, "int") || strings.HasPrefix(kind, "uint") {
		return "số nguyên"
	}
	return "số"
}

// query collects query-string parsing errors so a request hears all of them.
type query struct {
	c *gin.Context
	v models.ValidationError
}

// limit reads the page size; absent is the default, anything else must be
// 1..MaxPageSize (the store would read an explicit 0 as absent).
func (q *query) limit() int {
	s := q.c.Query("limit")
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > models.MaxPageSize {
		q.v.Add("limit", "out_of_range", "limit phải là số nguyên từ 1 đến %d", models.MaxPageSize)
	}
	return n
}

// intIn reads an integer parameter that must lie in lo..hi (absent: 0).
func (q *query) intIn(name string, lo, hi int) int {
	s := q.c.Query(name)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		q.v.Add(name, "out_of_range", "%s phải là số nguyên từ %d đến %d", name, lo, hi)
	}
	return n
}

// year reads a year parameter (absent: 0), within the years dates may take.
func (q *query) year() int {
	return q.intIn("year", calendar.FirstInputYear, calendar.LastInputYear)
}

func (q *query) id(name string) int64 {
	s := q.c.Query(name)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		q.v.Add(name, "invalid", "%s phải là mã số dương", name)
	}
	return n
}

func (q *query) date(name string) calendar.Date {
	s := q.c.Query(name)
	if s == "" {
		return calendar.Date{}
	}
	d, err := calendar.ParseDate(s)
	switch {
	case err != nil:
		q.v.Add(name, "invalid_date", "ngày không hợp lệ; dùng dạng YYYY-MM-DD")
	case !d.Supported():
		q.v.Add(name, "out_of_range", "ngày phải trong các năm %d–%d", calendar.FirstInputYear, calendar.LastInputYear)
	}
	return d
}

func (q *query) err() error { return q.v.Err() }

// pathID reads the :id parameter; anything but a positive integer names no
// row, so it is a 404 like an id of another commune.
func pathID(c *gin.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, models.ErrNotFound
	}
	return id, nil
}

// ifMatch reads If-Match as a version; absent or * means "any version".
func ifMatch(c *gin.Context) (int, error) {
	h := strings.TrimSpace(c.GetHeader("If-Match"))
	if h == "" || h == "*" {
		return 0, nil
	}
	v, err := strconv.Atoi(strings.Trim(strings.TrimPrefix(h, "W/"), `"`))
	if err != nil || v <= 0 {
		return 0, &models.PreconditionError{}
	}
	return v, nil
}

// setETag exposes a row's version for If-Match.
func setETag(c *gin.Context, version int) {
	c.Header("ETag", `"`+strconv.Itoa(version)+`"`)
}

// writeTarget reads what every PATCH and DELETE needs: the row id, the
// If-Match version and, when body is not nil, the JSON body.
func writeTarget(c *gin.Context, body any) (id int64, version int, err error) {
	if id, err = pathID(c); err != nil {
		return 0, 0, err
	}
	if version, err = ifMatch(c); err != nil {
		return 0, 0, err
	}
	if body != nil {
		err = bindJSON(c, body)
	}
	return id, version, err
}

// respond writes v with status, or passes err on; a nil v sends no body.
func respond(c *gin.Context, status int, v any, err error) error {
	if err != nil {
		return err
	}
	if v == nil {
		c.Status(status)
		return nil
	}
	c.JSON(status, v)
	return nil
}

// Wrap adapts a handler that returns its error to gin.
func Wrap(fn func(*gin.Context) error) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := fn(c); err != nil {
			fail(c, err)
		}
	}
}
