package handlers_test

import (
	"net/http"
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
)

// FuzzWebhookEndpointBodies posts arbitrary bytes as a new endpoint and as
// a change to one: whatever they are, the answer is a 4xx or a success that
// matches the document, never a 5xx. Without -fuzz it runs the seeds.
func FuzzWebhookEndpointBodies(f *testing.F) {
	for _, seed := range []string{
		`{"url":"https://zalo-bridge.example.vn/hook","events":["task.progress"]}`,
		`{"url":"https://a.example.vn/","events":["task.progress","task.progress","plan.created"],"secret":"whsec_AAAA"}`,
		`{"url":"http://[::1/","events":["x"]}`, `{"url":"https://` + "\u0000" + `.vn/","events":[]}`,
		`{"events":null,"url":null,"secret":null,"enabled":null,"name":null}`, `{"enabled":"yes"}`,
		`{"name":"Zalo","secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}`,
		`{"url":"https://b.example.vn/","events":["task.progress"],"secret":"\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000"}`, `{}`, `[]`, `null`, ``, `{"a":`, "\xff",
	} {
		f.Add([]byte(seed))
	}
	e := newEnvTB(f)
	e.lenient = true
	admin := user(e.A, models.RoleAdmin)
	var ep deadlines.NewEndpoint
	e.do(admin, "POST", hookPath, map[string]any{"url": "https://zalo-bridge.example.vn/fuzz",
		"events": []string{"task.progress"}}).expect(http.StatusCreated).decode(&ep)
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, c := range []struct{ method, path string }{{"POST", hookPath}, {"PATCH", hookPath + "/" + itoa(ep.ID)}} {
			r := e.with(t).do(admin, c.method, c.path, body)
			switch r.Code {
			case http.StatusOK, http.StatusCreated, http.StatusBadRequest, http.StatusRequestEntityTooLarge:
			default:
				t.Fatalf("%s %q: unexpected %d %s", c.path, body, r.Code, r.Body)
			}
		}
	})
}
