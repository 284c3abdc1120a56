package csvsafe_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/models/csvsafe"
)

func TestCell(t *testing.T) {
	cases := map[string]string{
		`=HYPERLINK("http://x")`: `'=HYPERLINK("http://x")`,
		"+1+cmd|' /C calc'!A0":   "'+1+cmd|' /C calc'!A0",
		"-2+3":                   "'-2+3",
		"@SUM(A1:A2)":            "'@SUM(A1:A2)",
		"\t=1":                   "'\t=1",
		"\r=1":                   "'\r=1",
		"-":                      "'-",
		"- gạch đầu dòng":        "'- gạch đầu dòng",
		// Plain numbers stay numbers.
		"-3":       "-3",
		"+5":       "+5",
		"83,2":     "83,2",
		"-83,2":    "-83,2",
		"-1.234,5": "-1.234,5",
		"-12,5 %":  "-12,5 %",
		"83,2%":    "83,2%",
		// Ordinary text is untouched.
		"Kế hoạch số 06/KH-UBND": "Kế hoạch số 06/KH-UBND",
		"a=b":                    "a=b",
		"":                       "",
	}
	for in, want := range cases {
		if got := csvsafe.Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriterNeutralisesEveryCell(t *testing.T) {
	var buf bytes.Buffer
	w := csvsafe.NewWriter(&buf, ';')
	if err := w.WriteAll([][]string{{"=1+1", "-3", "ok"}}); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "'=1+1;-3;ok\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// FuzzCell: whatever the text, the cell read back from the CSV is the text
// itself or the text after one single quote, and it never starts with a
// formula character unless it is a plain number.
func FuzzCell(f *testing.F) {
	for _, s := range []string{"=1+1", "-3", "83,2", "@x", "\t", "\r\n=1", "", "-1.234,5 %", "\"=1\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := csvsafe.Cell(s)
		if got != s && got != "'"+s {
			t.Fatalf("Cell(%q) = %q changes the text", s, got)
		}
		if got != "" && strings.ContainsRune("=+-@\t\r", rune(got[0])) && got == s {
			// Left as is: only a sign, then digits, separators and a percent.
			if strings.Trim(s[1:], "0123456789.,% ") != "" || !strings.ContainsAny(s, "0123456789") {
				t.Fatalf("Cell(%q) left a formula as is", s)
			}
		}
		var buf bytes.Buffer
		w := csvsafe.NewWriter(&buf, 0)
		if err := w.WriteAll([][]string{{s, "x"}}); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil || len(recs) != 1 || len(recs[0]) != 2 {
			// csv.Reader turns \r\n into \n inside quoted fields: only then may it differ.
			if strings.Contains(s, "\r") {
				return
			}
			t.Fatalf("read back %q: %v %q", s, err, recs)
		}
		if recs[0][0] != got && !strings.Contains(s, "\r") {
			t.Fatalf("read back %q, wrote %q", recs[0][0], got)
		}
	})
}
