package models

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNotFound means the row does not exist or lies outside the caller's scope;
// the two are deliberately indistinguishable.
var ErrNotFound = errors.New("không tìm thấy")

// ErrForbidden means the caller can see the row but their role may not do this.
var ErrForbidden = errors.New("không có quyền thực hiện thao tác này")

// ErrUnauthenticated means no valid session or token came with the request.
var ErrUnauthenticated = errors.New("chưa đăng nhập hoặc phiên đã hết hạn")

// ErrBadCredentials answers both an unknown user and a wrong password, so the
// answer does not reveal which usernames exist.
var ErrBadCredentials = errors.New("tên đăng nhập hoặc mật khẩu không đúng")

// FieldError names one invalid input field.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// ValidationError lists every invalid field of one request.
type ValidationError struct {
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Message
	}
	return "dữ liệu không hợp lệ: " + strings.Join(parts, "; ")
}

// Add records a problem with field; it returns the receiver for chaining.
func (e *ValidationError) Add(field, code, format string, args ...any) *ValidationError {
	e.Fields = append(e.Fields, FieldError{Field: field, Code: code, Message: fmt.Sprintf(format, args...)})
	return e
}

// Err returns e as an error when it holds a problem, else nil.
func (e *ValidationError) Err() error {
	if e == nil || len(e.Fields) == 0 {
		return nil
	}
	return e
}

// Invalid is a one-field ValidationError.
func Invalid(field, code, format string, args ...any) error {
	return (&ValidationError{}).Add(field, code, format, args...)
}

// ConflictError reports that the change collides with existing data, such as a
// plan number already used; Existing names the row it collides with.
type ConflictError struct {
	Field    string
	Message  string
	Existing any
}

func (e *ConflictError) Error() string { return e.Message }

// PreconditionError reports an If-Match that no longer matches the row.
type PreconditionError struct {
	Current int
}

func (e *PreconditionError) Error() string {
	return "bản ghi đã được người khác thay đổi; hãy tải lại rồi thử lại"
}

// Warning is a data-quality remark on a record that was accepted anyway.
type Warning struct {
	Code    string  `json:"code"`
	Message string  `json:"message"`
	Related []int64 `json:"related,omitempty"`
	// Field is the input field the warning is about, when there is one,
	// so that a form can show it beside that field.
	Field string `json:"-"`
}
