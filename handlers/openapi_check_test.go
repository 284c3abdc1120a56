package handlers_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"
	verrors "github.com/pb33f/libopenapi-validator/errors"
	"github.com/tiendo/tiendo/handlers/api"
)

var (
	specOnce sync.Once
	specV    validator.Validator
	specErr  string
)

// spec is the validator for api.OpenAPI(), built once per test binary.
func spec(t testing.TB) validator.Validator {
	t.Helper()
	specOnce.Do(func() {
		doc, err := libopenapi.NewDocument(api.OpenAPI())
		if err != nil {
			specErr = "parse openapi.json: " + err.Error()
			return
		}
		v, errs := validator.NewValidator(doc, config.WithFormatAssertions())
		if len(errs) > 0 {
			specErr = "build validator: " + errs[0].Error()
			return
		}
		if ok, verrs := v.ValidateDocument(); !ok {
			specErr = "openapi.json is not a valid OpenAPI document:\n" + messages(verrs)
			return
		}
		specV = v
	})
	if specErr != "" {
		t.Fatal(specErr)
	}
	return specV
}

// checkContract reports, as test errors, where an exchange departs from the
// document: the request when it was accepted (2xx) and checkRequest is set,
// and the response always. A request to a path or method the document does
// not have is only fine when the router also refused it (404/405).
func checkContract(t testing.TB, req *http.Request, rec *httptest.ResponseRecorder, checkRequest bool) {
	t.Helper()
	v := spec(t)
	if checkRequest && rec.Code >= 200 && rec.Code < 300 {
		if ok, errs := v.ValidateHttpRequestSync(req); !ok {
			t.Errorf("contract: request %s %s does not match openapi.json:\n%s", req.Method, req.URL, messages(errs))
		}
	}
	ok, errs := v.ValidateHttpResponse(req, rec.Result())
	if ok {
		return
	}
	if (rec.Code == http.StatusNotFound || rec.Code == http.StatusMethodNotAllowed) && allUnrouted(errs) {
		return
	}
	t.Errorf("contract: response %d to %s %s does not match openapi.json:\n%s\nbody: %.500s",
		rec.Code, req.Method, req.URL, messages(errs), rec.Body.String())
}

func allUnrouted(errs []*verrors.ValidationError) bool {
	for _, e := range errs {
		if !e.IsPathMissingError() && !e.IsOperationMissingError() &&
			e.ValidationSubType != "missingOperation" {
			return false
		}
	}
	return true
}

// messages renders validation errors with their schema details.
func messages(errs []*verrors.ValidationError) string {
	var b strings.Builder
	for _, e := range errs {
		b.WriteString("  - " + e.Message)
		if e.Reason != "" {
			b.WriteString(": " + e.Reason)
		}
		b.WriteString("\n")
		for _, s := range e.SchemaValidationErrors {
			b.WriteString("      " + s.Error() + "\n")
		}
	}
	return b.String()
}
