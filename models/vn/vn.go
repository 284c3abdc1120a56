// Package vn writes and reads numbers the Vietnamese way (1.234,5 and
// 83,2%), folds diacritics for search and duplicates, and words lateness:
// the one formatter reports, pages and messages share.
package vn

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Vietnamese number conventions: "," before decimals, "." between
// thousands (1.234; 83,2). Official documents write rates without a space
// before the sign ("đạt 83,2%"), and so does tiendo.

// FormatInt writes n with "." between thousands: 1234 → "1.234".
func FormatInt(n int) string { return FormatNumberSep(float64(n), 0, ",", ".") }

// FormatNumber writes f with at most decimals decimals, trailing zeros
// dropped: 83.2 → "83,2", 90.83 → "90,83", 1234 → "1.234".
func FormatNumber(f float64, decimals int) string { return FormatNumberSep(f, decimals, ",", ".") }

// FormatNumberSep is the one number formatter: FormatNumber with the given
// decimal and thousands separators (English pages write 1,234.5).
func FormatNumberSep(f float64, decimals int, decimal, thousands string) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "–"
	}
	// Half away from zero, as people round on paper (83,25 → 83,3);
	// FormatFloat alone would round half to even.
	p := math.Pow10(decimals)
	f = math.Round(f*p) / p
	s := strconv.FormatFloat(math.Abs(f), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	var b strings.Builder
	if math.Signbit(f) && (whole != "0" || frac != "") {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(thousands)
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString(decimal + frac)
	}
	return b.String()
}

// FormatPercent writes a rate to two decimals at most: "83,2%".
func FormatPercent(f float64) string { return FormatNumber(f, 2) + "%" }

// FormatPercentPtr is FormatPercent, or "–" when there is no rate.
func FormatPercentPtr(f *float64) string {
	if f == nil {
		return "–"
	}
	return FormatPercent(*f)
}

var thousandsOnly = regexp.MustCompile(`^\d{1,3}(\.\d{3})+$`)

var errNumber = errors.New("không phải là số (viết 1.234 hoặc 83,2)")

// ParseNumber reads a number as people type it in Vietnam or as a
// spreadsheet stores it: "1.234" and "1.234,5" use "." for thousands and ","
// for decimals; a lone "." that is not a thousands group ("83.2") is a
// decimal point. A trailing "%" and spaces (also no-break) are ignored.
func ParseNumber(s string) (float64, error) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '\u202f' {
			return -1
		}
		return r
	}, strings.TrimSuffix(strings.TrimSpace(s), "%"))
	switch {
	case s == "" || len(s) > 40:
		return 0, errNumber
	case strings.Contains(s, ","):
		s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
	case thousandsOnly.MatchString(strings.TrimPrefix(s, "-")):
		s = strings.ReplaceAll(s, ".", "")
	}
	if strings.ContainsAny(s, "eEiInNxXpP_+") { // no exponents, hex, Inf or NaN
		return 0, errNumber
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, errNumber
	}
	return f, nil
}

// Fold removes Vietnamese diacritics ("Vọng Đông" → "Vong Dong"): NFD, drop
// the combining marks, and đ/Đ, a letter of its own, by hand.
func Fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.NewReplacer("đ", "d", "Đ", "D").Replace(out)
}

// LatenessFormat is how tiendo says a task is overdue, in calendar days
// and, since deadlines are administrative, working days too. Pages translate
// it (the pages' i18n) and notices use it as is.
const LatenessFormat = "quá hạn %d ngày (%d ngày làm việc)"

// Lateness writes LatenessFormat: "quá hạn 30 ngày (19 ngày làm việc)".
func Lateness(days, workingDays int) string { return fmt.Sprintf(LatenessFormat, days, workingDays) }
