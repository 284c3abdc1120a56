// Package jsonw appends JSON values to a byte slice exactly as encoding/json
// writes them, for the few hot lists whose encoding by reflection showed in
// the profiles (issue 15: a fifth of the server's time on "my tasks"). A type
// that writes itself with it keeps a test comparing its output with
// encoding/json's, so the two cannot drift apart.
package jsonw

import (
	"math"
	"strconv"
	"time"
	"unicode/utf8"
)

const hex = "0123456789abcdef"

// String appends s as a JSON string, escaped as encoding/json.Marshal does:
// HTML-sensitive characters, U+2028 and U+2029 as \u escapes, invalid UTF-8
// as U+FFFD.
func String(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			b = escapeByte(b, c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// escapeByte appends the escape of an ASCII byte that cannot stand as it is.
func escapeByte(b []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(b, '\\', c)
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	return append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
}

// Int appends n.
func Int(b []byte, n int64) []byte { return strconv.AppendInt(b, n, 10) }

// Float appends f as encoding/json does: plain notation between 1e-6 and
// 1e21, exponent notation outside, the shortest form that reads back.
// (encoding/json refuses NaN and infinities; no caller has them.)
func Float(b []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' { // e-09 → e-9, as encoding/json writes it
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// Bool appends v.
func Bool(b []byte, v bool) []byte { return strconv.AppendBool(b, v) }

// Time appends t in RFC 3339 with its nanoseconds, as time.Time.MarshalJSON.
func Time(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}

// Null appends null.
func Null(b []byte) []byte { return append(b, "null"...) }

// Int64s appends a list of ids; nil is null, as encoding/json writes it.
func Int64s(b []byte, ns []int64) []byte {
	if ns == nil {
		return Null(b)
	}
	b = append(b, '[')
	for i, n := range ns {
		if i > 0 {
			b = append(b, ',')
		}
		b = Int(b, n)
	}
	return append(b, ']')
}

// Ptr appends *p with write, or null when p is nil.
func Ptr[T any](b []byte, p *T, write func([]byte, T) []byte) []byte {
	if p == nil {
		return Null(b)
	}
	return write(b, *p)
}

// Key appends a member's name and its colon, after a comma unless it is
// the object's first.
func Key(b []byte, name string, first bool) []byte {
	if !first {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, name...)
	return append(b, '"', ':')
}
