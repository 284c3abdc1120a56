package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models/accounts"
)

// FuzzSendAndDeadlineInputs sends arbitrary bytes as the body of a report
// send and of a province deadline, and as the period, sort and direction
// the province page reads: whatever they are, the answer is a 4xx or a
// success the document describes, never a 5xx. Without -fuzz it runs the
// seeds as a test.
func FuzzSendAndDeadlineInputs(f *testing.F) {
	for _, seed := range []string{
		`{"note":"Bổ sung số liệu"}`, `{"note":null}`, `{"note":"\u0000"}`, `{"Note":"x"}`, `{"due_on":"2024-09-20"}`,
		`{"due_on":"2024-02-30"}`, `{"due_on":"1899-12-31"}`, `{"due_on":null}`, `{}`, `[]`, `null`, ``, `{"a":`,
		"\xff", `2024-M9`, `2024-01-01..2024-09-30`, `9999-Y`, `tong`,
	} {
		f.Add([]byte(seed))
	}
	e := newEnvTB(f)
	e.lenient = true
	if _, err := e.Store.CreateProvinceUser(context.Background(), accounts.NewProvinceUser{Province: "An Giang",
		Username: "tinh_ag", FullName: "Sở Nội vụ An Giang", Password: testfix.Password}); err != nil {
		f.Fatal(err)
	}
	chair := e.chairA()
	f.Fuzz(func(t *testing.T, body []byte) {
		ok := func(path string, r response, codes ...int) {
			t.Helper()
			for _, c := range append(codes, http.StatusBadRequest, http.StatusRequestEntityTooLarge) {
				if r.Code == c {
					return
				}
			}
			t.Fatalf("%s %q: unexpected %d %s", path, body, r.Code, r.Body)
		}
		w := e.with(t)
		ok("send", w.do(chair, "POST", "/api/v1/reports/2024-M9/send", body), http.StatusCreated, http.StatusConflict)
		ok("deadline", w.do("tinh_ag", "PUT", "/api/v1/province/report-deadlines/2024-M9", body), http.StatusOK)
		q := url.QueryEscape(string(body))
		ok("period", w.do("tinh_ag", "GET", "/api/v1/province/overview?period="+q, nil), http.StatusOK)
		// A period with a slash names another route (or none): not this one's input.
		if !strings.ContainsAny(string(body), "/%") {
			ok("sent period", w.do(chair, "GET", "/api/v1/reports/"+url.PathEscape(string(body))+"/versions", nil),
				http.StatusOK)
		}
	})
}
