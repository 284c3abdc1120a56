package models

import (
	"encoding/base64"
	"encoding/json"
	"math"
	"reflect"
	"strings"

	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/jsonw"
)

// Page is one page of a list and the cursor of the next, if any.
type Page[T any] struct {
	Items []T     `json:"items"`
	Next  *string `json:"next"`
}

// JSONAppender is a value that writes its own JSON, as encoding/json would
// (models/jsonw).
type JSONAppender interface{ AppendJSON([]byte) []byte }

// AppendJSON appends the page as encoding/json would write it when its items
// write their own JSON (*T is a JSONAppender); ok is false otherwise, and
// the caller uses encoding/json.
func (p *Page[T]) AppendJSON(b []byte) (_ []byte, ok bool) {
	if len(p.Items) > 0 {
		if _, ok := any(&p.Items[0]).(JSONAppender); !ok {
			return b, false
		}
	}
	b = append(b, `{"items":`...)
	if p.Items == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range p.Items {
			if i > 0 {
				b = append(b, ',')
			}
			b = any(&p.Items[i]).(JSONAppender).AppendJSON(b)
		}
		b = append(b, ']')
	}
	b = append(b, `,"next":`...)
	if p.Next == nil {
		return append(b, "null}"...), true
	}
	return append(jsonw.String(b, *p.Next), '}'), true
}

// MaxPageSize bounds every list so that no request reads a whole table.
const MaxPageSize = 200

const defaultPageSize = 50

// PageLimit checks a requested page size: absent is the default, at most MaxPageSize.
func PageLimit(n int) (int, error) {
	switch {
	case n == 0:
		return defaultPageSize, nil
	case n < 1 || n > MaxPageSize:
		return 0, Invalid("limit", "out_of_range", "limit phải từ 1 đến %d", MaxPageSize)
	}
	return n, nil
}

// Trim cuts the one extra row fetched to learn whether a next page exists,
// and sets the cursor from the last row kept.
func (p *Page[T]) Trim(limit int, key func(T) any) {
	if len(p.Items) <= limit {
		return
	}
	p.Items = p.Items[:limit]
	b, _ := json.Marshal(key(p.Items[limit-1]))
	next := base64.RawURLEncoding.EncodeToString(b)
	p.Next = &next
}

// DecodeCursor reads a cursor made by trim into v (a struct with positional
// fields); an empty cursor leaves v zero.
func DecodeCursor(cursor string, v any) error {
	if cursor == "" {
		return nil
	}
	bad := Invalid("cursor", "invalid", "cursor không hợp lệ; hãy dùng giá trị next của trang trước")
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil || len(b) > 512 {
		return bad
	}
	var fields []json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		return bad
	}
	if err := unmarshalPositional(fields, v); err != nil || !cursorValuesFit(v) {
		return bad
	}
	return nil
}

// cursorValuesFit refuses values no page ever made and PostgreSQL cannot
// take (a year beyond int4, the date 0000-01-01, a negative id): they would
// otherwise fail in SQL as a data exception that names no parameter.
func cursorValuesFit(v any) bool {
	rv := reflect.ValueOf(v).Elem()
	for i := range rv.NumField() {
		switch f := rv.Field(i).Interface().(type) {
		case int:
			if f < math.MinInt32 || f > math.MaxInt32 {
				return false
			}
		case int64:
			if f < 0 {
				return false
			}
		case calendar.Date:
			if !f.IsZero() && (f.Year < 1 || f.Year > 9999) {
				return false
			}
		}
	}
	return true
}

// IDPage reads the limit and cursor of a list kept newest first by id: the
// row count to fetch and the id to continue below (0 on the first page).
func IDPage(limit int, cursor string) (int, int64, error) {
	limit, err := PageLimit(limit)
	if err != nil {
		return 0, 0, err
	}
	var after struct{ ID int64 }
	if err := DecodeCursor(cursor, &after); err != nil {
		return 0, 0, err
	}
	return limit, after.ID, nil
}

// SearchWords splits a free-text query into LIKE-safe words for the
// search_fold match in SQL; nil means no search.
func SearchWords(q string) any {
	words := strings.Fields(CleanText(q))
	if len(words) == 0 {
		return nil
	}
	if len(words) > 10 {
		words = words[:10]
	}
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	for i, w := range words {
		words[i] = r.Replace(w)
	}
	return StringArray(words)
}
