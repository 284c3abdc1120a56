package handlers_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/models"
)

// TestReportCSVNeutralisesFormulas (issue 13): a plan titled as an Excel
// formula comes out of every CSV variant as text (a leading single quote),
// while the report's numbers, negative ones included, stay numbers.
func TestReportCSVNeutralisesFormulas(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const title = `=HYPERLINK("http://x")`
	e.mkPlan(e.chairA(), planIn(3, map[string]any{"title": title, "issued_on": "2024-08-01"}))
	for _, sep := range []string{"", "&sep=semicolon"} {
		r := e.do(user(e.A, models.RoleTeamMember), "GET", "/api/v1/reports?period=2024-M9&format=csv"+sep, nil).
			expect(http.StatusOK)
		rd := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(r.Body.Bytes(), []byte("\ufeff"))))
		rd.FieldsPerRecord = -1
		if sep != "" {
			rd.Comma = ';'
		}
		recs, err := rd.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, rec := range recs {
			for _, cell := range rec {
				if strings.Contains(cell, "HYPERLINK") {
					found = found || cell == "'"+title || strings.HasPrefix(cell, "'")
				}
				if cell != "" && strings.ContainsRune("=+@\t\r", rune(cell[0])) {
					t.Errorf("sep %q: cell %q would run as a formula", sep, cell)
				}
			}
		}
		if !found {
			t.Errorf("sep %q: the plan's title is not in the CSV as text:\n%s", sep, r.Body.String())
		}
	}
}
