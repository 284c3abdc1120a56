package handlers_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// Every form names every mistake at once: what could not be read (a date,
// a number) and what the model refuses (a missing title, a bad number of
// the document) come back together, each beside its field, and nothing is
// saved. The progress form's own test is TestReportFormLowerAsksAndAllErrorsAtOnce.

// wantFieldErrors fails unless the page shows an error beside each field
// and in the summary, and none beside the fields of notOn.
func wantFieldErrors(t *testing.T, rec *httptest.ResponseRecorder, fields []string, notOn ...string) {
	t.Helper()
	wantStatus(t, rec, http.StatusUnprocessableEntity)
	body := rec.Body.String()
	for _, f := range fields {
		if !strings.Contains(body, `id="`+f+`-error"`) || !strings.Contains(body, `href="#`+f+`"`) {
			t.Errorf("no error beside %s (or in the summary)", f)
		}
	}
	for _, f := range notOn {
		if strings.Contains(body, `id="`+f+`-error"`) {
			t.Errorf("an error beside %s, which follows from another field's", f)
		}
	}
}

func (e *pageEnv) planCount(t *testing.T) int {
	t.Helper()
	page, err := e.Store.ListPlans(context.Background(), e.chairA, plans.PlanFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	return len(page.Items)
}

func TestPlanFormsNameEveryErrorAtOnce(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	chair, before := e.user(models.RoleChairman), e.planCount(t)
	// A date that cannot be read, and a bad number, no title, no kind.
	bad := url.Values{"doc_number": {"KH số 5"}, "issued_on": {"31/02/2024"}, "title": {""}, "kind": {""},
		"summary": {"Tóm tắt"}}
	rec := e.post(chair, "/ke-hoach", bad)
	wantFieldErrors(t, rec, []string{"f-doc-number", "f-issued-on", "f-title", "f-kind"}, "f-year")
	if n := e.planCount(t); n != before {
		t.Fatalf("%d plans after a refused form, want %d", n, before)
	}
	bad.Set("version", itoa(int64(e.plan.Version)))
	rec = e.post(chair, "/ke-hoach/"+itoa(e.plan.ID), bad)
	wantFieldErrors(t, rec, []string{"f-doc-number", "f-issued-on", "f-title", "f-kind"}, "f-year")
	if p, err := e.Store.GetPlan(context.Background(), e.chairA, e.plan.ID); err != nil || p.Version != e.plan.Version {
		t.Fatalf("the plan changed after a refused form: %v", err)
	}
}

func TestTaskFormsNameEveryErrorAtOnce(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	chair, before := e.user(models.RoleChairman), len(e.planTasks(t))
	// Dates and numbers that cannot be read, and no title, lead unit or deadline.
	rec := e.post(chair, "/ke-hoach/"+itoa(e.plan.ID)+"/nhiem-vu", url.Values{"title": {""}, "lead_unit_id": {""},
		"start_on": {"hôm qua"}, "due_on": {""}, "weight": {"nặng"}, "report_grace_days": {"40"}})
	wantFieldErrors(t, rec,
		[]string{"f-title", "f-lead-unit-id", "f-start-on", "f-due-on", "f-weight", "f-report-grace-days"})
	if n := len(e.planTasks(t)); n != before {
		t.Fatalf("%d tasks after a refused form, want %d", n, before)
	}
	// The edit form, by the chairman and by an officer who may not change units.
	for _, user := range []string{chair, e.user(models.RoleOfficer)} {
		rec = e.post(user, "/nhiem-vu/"+itoa(e.office.ID), url.Values{"title": {""}, "lead_unit_id": {itoa(e.A.Office.ID)},
			"start_on": {"01/09/2024"}, "due_on": {"30/2/2024"}, "target_value": {"-4"}, "version": {itoa(int64(e.office.Version))}})
		wantFieldErrors(t, rec, []string{"f-title", "f-due-on", "f-target-value"}, "f-lead-unit-id")
	}
	if got, err := e.Store.GetTask(context.Background(), e.chairA, e.office.ID); err != nil || got.Version != e.office.Version {
		t.Fatalf("the task changed after a refused form: %v", err)
	}
}

func TestStatsFormsNameEveryErrorAtOnce(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	chair := e.user(models.RoleChairman)
	rec := e.post(chair, "/ho-so", url.Values{"period": {"2024-Q3"}, "received": {"nhiều"}, "resolved": {""},
		"channels[1].received": {"-2"}, "as_of": {"32/9/2024"}, "source": {strings.Repeat("x", 501)}})
	wantFieldErrors(t, rec,
		[]string{"f-received", "f-resolved", "f-channels-1-received", "f-as-of", "f-source"})
	e.noDossiers(t, "2024-Q3")

	rec = e.post(chair, "/chi-tieu", url.Values{"period": {"2024-M9"}, "indicator": {"satisfaction"}, "rate": {"chín mươi"},
		"numerator": {"5"}, "denominator": {"0"}, "as_of": {"hôm nay"}, "note": {strings.Repeat("x", 2001)}})
	wantFieldErrors(t, rec, []string{"f-rate", "f-denominator", "f-as-of", "f-note"})
	if n := e.valueCount(t, "satisfaction"); n != 0 {
		t.Fatalf("%d values after a refused form, want 0", n)
	}
}

func TestUserFormsNameEveryErrorAtOnce(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	admin, before := e.user(models.RoleAdmin), e.userCount()
	rec := e.post(admin, "/quan-tri/nguoi-dung", url.Values{"username": {"Trần B"}, "full_name": {""},
		"email": {"khong-phai-email"}, "unit_id": {""}, "role": {""}})
	wantFieldErrors(t, rec, []string{"f-username", "f-full-name", "f-email", "f-unit-id", "f-role"})
	if n := e.userCount(); n != before {
		t.Fatalf("%d accounts after a refused form, want %d", n, before)
	}
	team := e.A.Users[models.RoleTeamMember]
	rec = e.post(admin, "/quan-tri/nguoi-dung/"+itoa(team.ID)+"/lien-he", url.Values{"full_name": {""},
		"email": {"a@"}, "phone": {"123"}, "version": {"1"}})
	wantFieldErrors(t, rec, []string{"f-full-name", "f-email", "f-phone"})
	rec = e.post(e.team, "/tai-khoan", url.Values{"email": {"a@"}, "phone": {"123"}, "version": {"1"}})
	wantFieldErrors(t, rec, []string{"f-email", "f-phone"})
	u, err := e.Store.Profile(context.Background(), e.Actor(t, e.A, models.RoleTeamMember))
	if err != nil || u.FullName != team.FullName || u.Email != "" || u.Phone != "" {
		t.Fatalf("the account changed after refused forms: %+v %v", u, err)
	}
}
