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

// BindJSON decodes the body strictly into dst: unknown fields, trailing data
// and wrong types are 400s naming the field.
func BindJSON(c *gin.Context, dst any) error {
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

// Query collects query-string parsing errors so a request hears all of them.
type Query struct {
	c *gin.Context
	v models.ValidationError
}

// QueryOf reads c's query parameters.
func QueryOf(c *gin.Context) *Query { return &Query{c: c} }

// Invalid records a problem with a parameter the handler checks itself.
func (q *Query) Invalid(field, code, msg string) { q.v.Add(field, code, "%s", msg) }

// InvalidAll records every problem verr names.
func (q *Query) InvalidAll(verr *models.ValidationError) {
	q.v.Fields = append(q.v.Fields, verr.Fields...)
}

// Limit reads the page size; absent is the default, anything else must be
// 1..MaxPageSize (the store would read an explicit 0 as absent).
func (q *Query) Limit() int {
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

// IntIn reads an integer parameter that must lie in lo..hi (absent: 0).
func (q *Query) IntIn(name string, lo, hi int) int {
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

// Year reads a year parameter (absent: 0), within the years dates may take.
func (q *Query) Year() int {
	return q.IntIn("year", calendar.FirstInputYear, calendar.LastInputYear)
}

// ID reads an optional positive id parameter; 0 when absent.
func (q *Query) ID(name string) int64 {
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

// Date reads an optional YYYY-MM-DD parameter; the zero date when absent.
func (q *Query) Date(name string) calendar.Date {
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

// Err is every problem found in the parameters, nil if none.
func (q *Query) Err() error { return q.v.Err() }

// PathID reads the :id parameter; anything but a positive integer names no
// row, so it is a 404 like an id of another commune.
func PathID(c *gin.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, models.ErrNotFound
	}
	return id, nil
}

// IfMatch reads If-Match as a version; absent or * means "any version".
func IfMatch(c *gin.Context) (int, error) {
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

// SetETag exposes a row's version for If-Match.
func SetETag(c *gin.Context, version int) {
	c.Header("ETag", `"`+strconv.Itoa(version)+`"`)
}

// WriteTarget reads what every PATCH and DELETE needs: the row id, the
// If-Match version and, when body is not nil, the JSON body.
func WriteTarget(c *gin.Context, body any) (id int64, version int, err error) {
	if id, err = PathID(c); err != nil {
		return 0, 0, err
	}
	if version, err = IfMatch(c); err != nil {
		return 0, 0, err
	}
	if body != nil {
		err = BindJSON(c, body)
	}
	return id, version, err
}

// Respond writes v with status, or passes err on; a nil v sends no body.
func Respond(c *gin.Context, status int, v any, err error) error {
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

// RespondPage is Respond for a page of a list whose items write their own
// JSON (models/jsonw): the hot task lists, without reflection. A type that
// only embeds a page (the bin's, with its trash_days) goes through Respond.
func RespondPage[T any](c *gin.Context, p *models.Page[T], err error) error {
	if err != nil {
		return err
	}
	if b, ok := p.AppendJSON(make([]byte, 0, 32<<10)); ok {
		c.Data(http.StatusOK, "application/json; charset=utf-8", b)
		return nil
	}
	return Respond(c, http.StatusOK, p, nil)
}

// Wrap adapts a handler that returns its error to gin.
func Wrap(fn func(*gin.Context) error) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := fn(c); err != nil {
			Fail(c, err)
		}
	}
}

// Bool reads an optional true/false query parameter.
func (q *Query) Bool(name string) bool {
	switch q.c.Query(name) {
	case "", "false":
		return false
	case "true":
		return true
	}
	q.v.Add(name, "invalid", "%s phải là true hoặc false", name)
	return false
}
