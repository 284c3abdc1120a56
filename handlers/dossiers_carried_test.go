package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/statistics"
)

// TestDossierCarriedOver: 10 resolved of 5 received is a 400 naming
// resolved and records nothing; with 6 carried over from the period before
// it is recorded, and the rate 10 ÷ (5 + 6) = 90,91 % is the one the API, the
// JSON report and every report format print. A body without carried_over
// means 0.
func TestDossierCarriedOver(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	officer := e.chairA()
	e.do(officer, "PUT", "/api/v1/dossiers/2024-M9", map[string]any{"received": 5, "resolved": 10}).invalid("resolved")
	e.do(officer, "GET", "/api/v1/dossiers/2024-M9", nil).expect(http.StatusNotFound)

	var d statistics.DossierStats
	e.do(officer, "PUT", "/api/v1/dossiers/2024-M9", map[string]any{"received": 5, "carried_over": 6, "resolved": 10}).
		expect(http.StatusOK).decode(&d)
	if d.CarriedOver != 6 || d.ResolvedRate == nil || *d.ResolvedRate != 90.91 || len(d.Warnings) != 0 {
		t.Fatalf("recorded %+v (rate %v), want carried over 6 and 90.91 %%", d, d.ResolvedRate)
	}
	var rep statistics.Report
	e.do(officer, "GET", "/api/v1/reports?period=2024-M9", nil).expect(http.StatusOK).decode(&rep)
	if rep.Dossiers == nil || rep.Dossiers.ResolvedRate == nil || *rep.Dossiers.ResolvedRate != 90.91 {
		t.Errorf("the JSON report's dossiers %+v", rep.Dossiers)
	}
	formats := map[string]func(testing.TB, []byte) string{"xlsx": xlsxText, "csv": csvText, "docx": docxText, "html": htmlText}
	for format, text := range formats {
		body := text(t, e.do(officer, "GET", "/api/v1/reports?period=2024-M9&format="+format, nil).expect(http.StatusOK).Body.Bytes())
		for _, want := range []string{"kỳ trước chuyển sang 6 hồ sơ", "Kết quả giải quyết 10 hồ sơ đạt 90,91%"} {
			if !contains(body, want) {
				t.Errorf("%s report does not say %q", format, want)
			}
		}
	}
	e.do(officer, "PUT", "/api/v1/dossiers/2024-Q1", map[string]any{"received": 5, "resolved": 5}).expect(http.StatusOK).decode(&d)
	if d.CarriedOver != 0 || *d.ResolvedRate != 100 {
		t.Errorf("without carried_over: %+v", d)
	}
}

// TestOverResolvedStoredRowIsAFinding: a record stored before carried_over
// existed (carried over 0) may say 10 resolved of 5 received; the
// data-quality check lists it, naming the record.
func TestOverResolvedStoredRowIsAFinding(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	var d statistics.DossierStats
	e.do(chair, "PUT", "/api/v1/dossiers/2024-M9", map[string]any{"received": 5, "resolved": 5}).expect(http.StatusOK).decode(&d)
	tx := e.DB.MustBeginTx(context.Background(), nil)
	tx.MustExec(`SELECT set_config('tiendo.commune_id', $1, true)`, strconv.FormatInt(e.A.Info.ID, 10))
	tx.MustExec(`UPDATE dossier_stats SET resolved = 10 WHERE id = $1`, d.ID)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	var q statistics.QualityReport
	e.do(chair, "GET", "/api/v1/quality?year=2024", nil).expect(http.StatusOK).decode(&q)
	found := false
	for _, f := range q.Findings {
		if f.Code == "numerator_above_denominator" && len(f.Records) == 1 && f.Records[0].Kind == "dossier_stats" &&
			f.Records[0].ID == d.ID && contains(f.Message, "số đã giải quyết 10 lớn hơn số phải giải quyết 5") {
			found = true
		}
	}
	if !found {
		t.Errorf("no finding for 10 resolved of 5: %+v", q.Findings)
	}
}

// TestImportDossiersCarriedOver: the template has the column; a total row
// resolving more than it received plus carried over is refused at its row.
func TestImportDossiersCarriedOver(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	officer := e.chairA()
	head := []string{"period", "section", "received", "Kỳ trước chuyển sang", "resolved"}
	e.upload(officer, "/api/v1/import/dossiers", "ho-so.csv", csvOf(head, []string{"2024-M9", "total", "5", "6", "10"})).
		expect(http.StatusCreated)
	var d statistics.DossierStats
	e.do(officer, "GET", "/api/v1/dossiers/2024-M9", nil).expect(http.StatusOK).decode(&d)
	if d.CarriedOver != 6 || *d.ResolvedRate != 90.91 {
		t.Fatalf("imported %+v", d)
	}
	p := e.upload(officer, "/api/v1/import/dossiers", "ho-so.csv", csvOf(head, []string{"2024-Q1", "total", "5", "", "10"})).
		expectProblem(http.StatusBadRequest, "validation")
	if len(p.Errors) != 1 || p.Errors[0].Field != "row 2, column resolved" {
		t.Fatalf("errors %+v", p.Errors)
	}
	tmpl := e.do(officer, "GET", "/api/v1/import/templates/dossiers.csv", nil).expect(http.StatusOK)
	if !contains(csvText(t, tmpl.Body.Bytes()), "Kỳ trước chuyển sang") {
		t.Errorf("the dossier template has no carried-over column")
	}
}

// TestDossierPageCarriedOver: the form has the field, refuses 10 of 5
// beside resolved, records 10 of 5 + 6 and lists the column.
func TestDossierPageCarriedOver(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	chair := e.user(models.RoleChairman)
	wantBody(t, e.get(chair, "/ho-so?year=2024"), `name="carried_over"`, "Kỳ trước chuyển sang")
	form := url.Values{"period": {"2024-M9"}, "received": {"5"}, "resolved": {"10"}}
	bad := e.post(chair, "/ho-so", form)
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	wantBody(t, bad, "lớn hơn số phải giải quyết", `id="f-resolved-error"`)
	form.Set("carried_over", "6")
	wantStatus(t, e.post(chair, "/ho-so", form), http.StatusSeeOther)
	wantBody(t, e.get(chair, "/ho-so?year=2024"), "<td class=\"num\">6</td>", "90,9%")
}
