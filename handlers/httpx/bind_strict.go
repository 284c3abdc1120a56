package httpx

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/tiendo/tiendo/models"
)

// encoding/json matches keys without regard to case and leaves a field as it
// was on null, so {"Title": …} or {"percent": null} would pass unnoticed and
// change nothing the client meant to. checkShape walks the body next to the
// type it will fill and refuses both, naming the field; the decoder then does
// the rest. Pointer fields are the optional ones and take null, as do types
// that read JSON themselves; slices and maps take null as empty.
func checkShape(raw json.RawMessage, t reflect.Type, path string) error {
	raw = bytes.TrimSpace(raw)
	if t == timeType || (t == timePtrType && string(raw) != "null") { // encoding/json's error would not name the field
		return checkInstant(raw, path)
	}
	if len(raw) > 0 && raw[0] == '"' {
		return jsonTextError(raw, path)
	}
	isNull := bytes.Equal(raw, []byte("null"))
	switch t.Kind() {
	case reflect.Pointer:
		if isNull {
			return nil
		}
		return checkShape(raw, t.Elem(), path)
	case reflect.Slice, reflect.Map, reflect.Interface:
		if isNull || t.Kind() != reflect.Slice || len(raw) == 0 || raw[0] != '[' {
			return nil
		}
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) != nil {
			return nil // the decoder names the error
		}
		for i, it := range items {
			if err := checkShape(it, t.Elem(), path+"["+strconv.Itoa(i)+"]"); err != nil {
				return err
			}
		}
		return nil
	}
	if t.Implements(unmarshaler) || reflect.PointerTo(t).Implements(unmarshaler) {
		return nil // it reads null itself (models.Optional: null clears)
	}
	if isNull {
		return models.Invalid(orBody(path), "null", "trường này không nhận giá trị null; bỏ trường đi nếu không đổi")
	}
	if t.Kind() != reflect.Struct || len(raw) == 0 || raw[0] != '{' {
		return nil
	}
	return checkObject(raw, t, path)
}

// checkObject checks each key of an object against the fields of struct t.
func checkObject(raw json.RawMessage, t reflect.Type, path string) error {
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return nil
	}
	fields := cachedFields(t)
	for key, val := range obj {
		ft, ok := fields[key]
		if !ok {
			if hasFold(fields, key) {
				return models.Invalid(fieldPath(path, key), "unknown_field",
					"trường %q không được hỗ trợ (tên trường phân biệt chữ hoa, chữ thường)", key)
			}
			continue // unknown altogether: the decoder's DisallowUnknownFields names it
		}
		if err := checkShape(val, ft, fieldPath(path, key)); err != nil {
			return err
		}
	}
	return nil
}

// jsonTextError checks a JSON string as written: invalid bytes before the
// decoder replaces them, escaped control characters once decoded.
func jsonTextError(raw json.RawMessage, path string) error {
	if !utf8.Valid(raw) {
		return textError(orBody(path), string(raw))
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return nil // the decoder names the error
	}
	return textError(orBody(path), s)
}

var unmarshaler = reflect.TypeFor[json.Unmarshaler]()

// fieldsOf caches jsonFields per type: the answer never changes, and every
// JSON body of the API asks for it.
var fieldsOf sync.Map // reflect.Type → map[string]reflect.Type

// cachedFields is jsonFields(t), computed once per type.
func cachedFields(t reflect.Type) map[string]reflect.Type {
	if m, ok := fieldsOf.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	m, _ := fieldsOf.LoadOrStore(t, jsonFields(t))
	return m.(map[string]reflect.Type)
}

// jsonFields maps the JSON names of t's fields, embedded ones included, to their types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case name == "-" || !f.IsExported() && !f.Anonymous:
			continue
		case f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct:
			for k, v := range jsonFields(f.Type) {
				out[k] = v
			}
			continue
		case name == "":
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}

func hasFold(fields map[string]reflect.Type, key string) bool {
	for k := range fields {
		if strings.EqualFold(k, key) {
			return true
		}
	}
	return false
}

// fieldPath names key inside path the way the models name fields
// (channels[0].received).
func fieldPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func orBody(path string) string {
	if path == "" {
		return "body"
	}
	return path
}
