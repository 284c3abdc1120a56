// Package docnumber reads the number and symbol of an administrative
// document as Decree 30/2020/NĐ-CP writes it ("06/KH-UBND",
// "25/2019/QĐ-UBND", "05-CT/TW") and gives its standard form: plans are
// told apart, and duplicates found, by that form.
package docnumber

import (
	"errors"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Number is a document's number and symbol under Decree 30/2020/NĐ-CP,
// e.g. "06/KH-UBND", "25/2019/QĐ-UBND", "123/UBND-VP" or the Party form "05-CT/TW".
type Number struct {
	No     int    // 6
	Year   int    // 2019 for legal normative documents, else 0
	Type   string // KH; empty for letters (công văn) such as 123/UBND-VP
	Issuer string // UBND
	Symbol string // KH-UBND: what must be unique with the number in a year
	Party  bool   // the hyphenated form of Party documents
}

// docTypes are the type abbreviations of Decree 30/2020/NĐ-CP (appendix III)
// and of legal documents, in their canonical spelling.
var docTypes = func() map[string]string {
	m := map[string]string{}
	for _, t := range []string{
		"NQ", "QĐ", "CT", "QC", "QyĐ", "TC", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC",
		"BB", "TTr", "HĐ", "CĐ", "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB",
		"NĐ", "TT", "TTLT", "L", "PL", "KL", "TB", "CV",
	} {
		m[strings.ToUpper(t)] = t
	}
	return m
}()

var errNumber = errors.New("số, ký hiệu văn bản phải có dạng số/LOẠI-CƠ QUAN, ví dụ 06/KH-UBND")

// Parse reads a document number and symbol as officials write it.
// It tolerates a leading "Số:", spaces around separators and any letter case
// in the type abbreviation, and returns the canonical form in String.
func Parse(s string) (Number, error) {
	s = norm.NFC.String(strings.TrimSpace(s))
	if rest, ok := cutPrefixFold(s, "số"); ok {
		s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), ":"))
	}
	s = strings.Join(strings.Fields(s), "")
	if s == "" || len(s) > 80 {
		return Number{}, errNumber
	}
	if d, ok := parseParty(s); ok {
		return d, nil
	}
	parts := strings.Split(s, "/")
	var d Number
	var err error
	if d.No, err = parseDocNo(parts[0]); err != nil {
		return Number{}, err
	}
	switch len(parts) {
	case 2:
	case 3:
		if d.Year, err = parseDocYear(parts[1]); err != nil {
			return Number{}, err
		}
	default:
		return Number{}, errNumber
	}
	sym := parts[len(parts)-1]
	if !validSymbol(sym) {
		return Number{}, errNumber
	}
	head, tail, hasIssuer := strings.Cut(sym, "-")
	if canon, known := docTypes[strings.ToUpper(head)]; known && hasIssuer {
		d.Type, d.Issuer = canon, canonIssuer(tail)
	} else {
		d.Issuer = canonIssuer(sym) // a letter: the symbol is the issuer and its office
	}
	d.Symbol = joinNonEmpty("-", d.Type, d.Issuer)
	return d, nil
}

// parseParty reads the Party form "05-CT/TW": number-TYPE/ISSUER.
func parseParty(s string) (Number, bool) {
	left, issuer, ok := strings.Cut(s, "/")
	if !ok || strings.Contains(issuer, "/") {
		return Number{}, false
	}
	num, typ, ok := strings.Cut(left, "-")
	if !ok {
		return Number{}, false
	}
	no, err := parseDocNo(num)
	canon, known := docTypes[strings.ToUpper(typ)]
	if err != nil || !known || !validSymbol(issuer) {
		return Number{}, false
	}
	issuer = canonIssuer(issuer)
	return Number{No: no, Type: canon, Issuer: issuer, Symbol: canon + "/" + issuer, Party: true}, true
}

// mixedIssuers are the issuing bodies whose abbreviation is not written in
// capitals (the Prime Minister's TTg); every other one is.
var mixedIssuers = map[string]string{"TTG": "TTg"}

// canonIssuer writes an issuer's hyphenated abbreviations in capitals, as
// Decree 30/2020 does, so that "06/KH-ubnd" is the same document as
// "06/KH-UBND" (migration 00022 puts stored numbers in this form).
func canonIssuer(s string) string {
	segs := strings.Split(strings.ToUpper(s), "-")
	for i, seg := range segs {
		if m, ok := mixedIssuers[seg]; ok {
			segs[i] = m
		}
	}
	return strings.Join(segs, "-")
}

func parseDocNo(s string) (int, error) {
	if s == "" || len(s) > 7 || strings.TrimLeft(s, "0123456789") != "" {
		return 0, errNumber
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0, errNumber
	}
	return n, nil
}

func parseDocYear(s string) (int, error) {
	y, err := strconv.Atoi(s)
	if err != nil || len(s) != 4 || y < 1900 || y > 2100 {
		return 0, errNumber
	}
	return y, nil
}

// validSymbol accepts letters and digits in hyphen-separated segments, each
// holding at least one letter.
func validSymbol(s string) bool {
	if s == "" {
		return false
	}
	for _, seg := range strings.Split(s, "-") {
		hasLetter := false
		for _, r := range seg {
			switch {
			case unicode.IsLetter(r):
				hasLetter = true
			case r >= '0' && r <= '9':
			default:
				return false
			}
		}
		if !hasLetter {
			return false
		}
	}
	return true
}

// String is the canonical written form, e.g. "06/KH-UBND" with the number
// zero-padded to two digits as officials write it.
func (d Number) String() string {
	no := strconv.Itoa(d.No)
	if d.No < 10 {
		no = "0" + no
	}
	if d.Party {
		return no + "-" + d.Symbol
	}
	if d.Year != 0 {
		return no + "/" + strconv.Itoa(d.Year) + "/" + d.Symbol
	}
	return no + "/" + d.Symbol
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
