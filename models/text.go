package models

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// CleanText trims and normalises user text to NFC, so that the same words
// typed on different keyboards compare and search equal.
func CleanText(s string) string {
	return norm.NFC.String(strings.TrimFunc(s, invisible))
}

// invisible is white space or a character that shows nothing (zero-width space
// and joiners, word joiner, byte-order mark, soft hyphen): a title of only
// such characters is empty.
func invisible(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
		return true
	}
	return unicode.IsSpace(r)
}

// CheckText enforces presence and a length limit in characters.
func CheckText(v *ValidationError, field, s string, max int, required bool) {
	switch n := len([]rune(s)); {
	case required && n == 0:
		v.Add(field, "required", "không được để trống")
	case n > max:
		v.Add(field, "too_long", "tối đa %d ký tự", max)
	case strings.ContainsRune(s, 0):
		// PostgreSQL text cannot hold NUL; refused here, the client hears which field.
		v.Add(field, "invalid", "không được chứa ký tự NUL")
	}
}

// Finite reports whether f is a number (not NaN or infinite).
func Finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// Itoa is strconv.Itoa, short for the many messages that print a number.
func Itoa(n int) string { return strconv.Itoa(n) }
