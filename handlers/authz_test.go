package handlers_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/handlers"
	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
)

// The authorization table: every route × every caller × {own unit, other
// unit, other commune}, with the exact status. Adding a route is adding one
// line to authzRoutes; TestAuthzTableCoversEveryRoute fails until it is there.

// nobody is the anonymous caller.
const nobody models.Role = ""

var callers = []models.Role{models.RoleAdmin, models.RoleChairman, models.RoleSteeringMember,
	models.RoleOfficer, models.RoleTeamMember, nobody}

// want is the expected status per scope: own unit, other unit, other commune.
type want [3]int

// ok is allowed on any row of the commune; another commune's row is 404.
func ok(status int) want { return want{status, status, http.StatusNotFound} }

// ownOnly is allowed on the caller's own work only.
func ownOnly(status int) want { return want{status, http.StatusForbidden, http.StatusNotFound} }

// denied is a visible row the role may not touch: 403, and still 404 across communes.
var denied = want{http.StatusForbidden, http.StatusForbidden, http.StatusNotFound}

// codes is the expected statuses per caller; a missing anonymous entry means 401.
type codes map[models.Role]want

// everyone: every role may, on any row of its commune.
func everyone(status int) codes {
	return roles(ok(status), ok(status), ok(status), ok(status), ok(status))
}

// managers: admin and chairman may; the other roles get 403.
func managers(status int) codes { return roles(ok(status), ok(status), denied, denied, denied) }

// adminOnly: the admin may; the other roles get 403.
func adminOnly(status int) codes { return roles(ok(status), denied, denied, denied, denied) }

// roles lists the wants of admin, chairman, steering member, officer and team member.
func roles(admin, chairman, steering, officer, team want) codes {
	return codes{models.RoleAdmin: admin, models.RoleChairman: chairman, models.RoleSteeringMember: steering,
		models.RoleOfficer: officer, models.RoleTeamMember: team}
}

// public is the same status for every caller, signed in or not.
func public(status int) codes {
	c := everyone(status)
	c[nobody] = ok(status)
	return c
}

// accountAdmin is user administration: the admin may; every other role is
// refused before the account is looked up, so it hears 403 even for another
// commune's account (which the admin hears as 404).
func accountAdmin(status int) codes {
	refused := want{http.StatusForbidden, http.StatusForbidden, http.StatusForbidden}
	return roles(ok(status), refused, refused, refused, refused)
}

// but overrides one caller's want.
func (c codes) but(role models.Role, w want) codes {
	c[role] = w
	return c
}

// target is what a route's :id names in a case.
type target int

const (
	noRow          target = iota // a collection or the caller itself: run once, own scope only
	planRow                      // a standing plan (steered by the caller's committee when own)
	freshPlan                    // a new plan per case, for routes that consume it
	taskRow                      // a standing task of shapeFor(caller, scope)
	freshTask                    // a new task of that shape per case
	doneTask                     // a new task of that shape reported 100 %, per case
	freshUser                    // a new account in the unit of that shape, per case
	ownSession                   // no row, but a new sign-in of the caller, for a route that ends it
	freshExtension               // a new pending extension request on a new task of that shape, per case
	trashedPlan                  // a new plan with a task, deleted into the recycle bin, per case
	photoRow                     // a new evidence photo on a new task of that shape, per case
	freshEndpoint                // a new event webhook endpoint of the commune, per case (webhooks_test.go)
)

// authzRoute is one line of the table; body builds the request body of a case.
type authzRoute struct {
	method, path string
	target       target
	body         func(f *authzWorld, role models.Role) any
	want         codes
}

func constBody(v any) func(*authzWorld, models.Role) any {
	return func(*authzWorld, models.Role) any { return v }
}

var authzRoutes = []authzRoute{
	{"GET", "/healthz", noRow, nil, public(200)},
	{"GET", "/readyz", noRow, nil, public(200)},
	{"GET", "/api/v1/openapi.json", noRow, nil, public(200)},
	{"GET", "/api/v1/docs", noRow, nil, public(200)},
	{"GET", "/lich/:feed", noRow, nil, public(404)}, // no secret: TestCalendarFeed has the real ones
	{"POST", "/api/v1/me/calendar-feed", noRow, nil, everyone(201)},
	{"DELETE", "/api/v1/me/calendar-feed", noRow, nil, everyone(204)},
	{"POST", "/api/v1/auth/login", noRow, loginBody, public(200).but(nobody, want{401})},
	{"POST", "/api/v1/auth/logout", ownSession, nil, public(204)},
	{"GET", "/api/v1/me", noRow, nil, everyone(200)},
	{"GET", "/api/v1/plans", noRow, nil, everyone(200)},
	{"POST", "/api/v1/plans", noRow, planBody, managers(201)},
	{"GET", "/api/v1/plans/:id", planRow, nil, everyone(200)},
	{"PATCH", "/api/v1/plans/:id", planRow, constBody(map[string]any{"summary": "Đã rà soát"}), managers(200)},
	{"DELETE", "/api/v1/plans/:id", freshPlan, nil, managers(204)},
	{"POST", "/api/v1/plans/:id/restore", trashedPlan, nil, managers(200)},
	{"GET", "/api/v1/trash", noRow, nil, managers(200)},
	{"GET", "/api/v1/plans/:id/tasks", planRow, nil, everyone(200)},
	{"POST", "/api/v1/plans/:id/tasks", planRow, taskBody, managers(201)},
	{"GET", "/api/v1/tasks", noRow, nil, everyone(200)},
	{"GET", "/api/v1/tasks/:id", taskRow, nil, everyone(200)},
	{"PATCH", "/api/v1/tasks/:id", taskRow, constBody(map[string]any{"description": "Bổ sung mô tả"}),
		roles(ok(200), ok(200), denied, ownOnly(200), denied)},
	{"DELETE", "/api/v1/tasks/:id", freshTask, nil, managers(204)},
	// Forwarding part of a task (issue 19): whoever may report on it.
	{"POST", "/api/v1/tasks/:id/subtasks", freshTask, taskBody, roles(ok(201), ok(201), denied, ownOnly(201), ownOnly(201))},
	{"GET", "/api/v1/tasks/:id/progress", taskRow, nil, everyone(200)},
	{"POST", "/api/v1/tasks/:id/progress", taskRow, constBody(map[string]any{"percent": 50}),
		roles(ok(201), ok(201), denied, ownOnly(201), ownOnly(201))},
	{"POST", "/api/v1/tasks/:id/evaluation", doneTask, constBody(map[string]any{"decision": "accept"}),
		roles(ok(201), ok(201), ownOnly(201), denied, denied)},
	{"GET", "/api/v1/tasks/:id/comments", taskRow, nil, everyone(200)},
	{"POST", "/api/v1/tasks/:id/comments", taskRow, constBody(map[string]any{"body": "Đề nghị đẩy nhanh"}), everyone(201)},
	{"GET", "/api/v1/tasks/:id/history", taskRow, nil, everyone(200)},
	{"GET", "/api/v1/attachments/:id/thumbnail", photoRow, nil, everyone(200)},
	{"POST", "/api/v1/tasks/:id/extensions", freshTask,
		constBody(map[string]any{"due_on": "2025-01-31", "reason": "Trùng mùa thu hoạch"}),
		roles(ok(201), ok(201), denied, ownOnly(201), ownOnly(201))},
	{"POST", "/api/v1/extensions/:id/decision", freshExtension, constBody(map[string]any{"approve": true}),
		managers(200)},
	{"GET", "/api/v1/units", noRow, nil, everyone(200)},
	{"POST", "/api/v1/units", noRow, unitBody, adminOnly(201)},
	{"GET", "/api/v1/users", noRow, nil, everyone(200)},
	// A team member knows only the people of their own units (and the
	// leadership, users_scope_test.go): another unit's account is a 404.
	{"GET", "/api/v1/users/:id", freshUser, nil, roles(ok(200), ok(200), ok(200), ok(200), want{200, 404, 404})},
	{"POST", "/api/v1/users", noRow, userBody, adminOnly(201)},
	{"DELETE", "/api/v1/users/:id", freshUser, nil, accountAdmin(204)},
	{"POST", "/api/v1/users/:id/password", freshUser, constBody(map[string]any{"password": "mat-khau-dat-lai-2024"}),
		accountAdmin(204)},
	{"PUT", "/api/v1/users/:id/memberships", freshUser, membershipsBody, accountAdmin(200)},
	{"PATCH", "/api/v1/users/:id", freshUser, constBody(map[string]any{"title": "Công chức Văn phòng – Thống kê"}),
		accountAdmin(200)},
	{"PATCH", "/api/v1/me", noRow, constBody(map[string]any{"phone": "0912 345 678"}), everyone(200)},
	{"GET", "/api/v1/me/tokens", noRow, nil, everyone(200)},
	{"POST", "/api/v1/me/tokens", noRow, tokenBody, everyone(201)},
	{"GET", "/api/v1/calendar", noRow, nil, everyone(200)},
	{"GET", "/api/v1/settings/calendar", noRow, nil, everyone(200)},
	{"POST", "/api/v1/settings/calendar", noRow, overrideBody, adminOnly(201)},
	{"GET", "/api/v1/plans/:id/series", planRow, nil, everyone(200)},
	{"POST", "/api/v1/plans/:id/series", planRow, seriesBody, managers(201)},
	{"GET", "/api/v1/snapshots", noRow, nil, everyone(200)},
	{"GET", "/api/v1/settings", noRow, nil, everyone(200)},
	{"PUT", "/api/v1/settings", noRow, constBody(defaultSettingsBody), adminOnly(200)},
	{"GET", "/api/v1/deliveries", noRow, nil, everyone(200)},
	{"GET", "/api/v1/notifications", noRow, nil, everyone(200)},
	{"POST", "/api/v1/notifications/read-all", noRow, nil, everyone(200)},
	{"GET", "/api/v1/webhooks", noRow, nil, managers(200)},
	{"POST", "/api/v1/webhooks", noRow, webhookBody, managers(201)},
	{"PATCH", "/api/v1/webhooks/:id", freshEndpoint, constBody(map[string]any{"name": "Zalo OA"}), managers(200)},
	{"DELETE", "/api/v1/webhooks/:id", freshEndpoint, nil, managers(204)},
	{"POST", "/api/v1/webhooks/:id/test", freshEndpoint, nil, managers(202)},
	{"GET", "/api/v1/audit", noRow, nil, managers(200)},
	{"GET", "/api/v1/province/rollup", noRow, nil, roles(denied, denied, denied, denied, denied)},
	// The province's page and sent reports (province_view_test.go has the province accounts).
	{"GET", "/api/v1/province/overview", noRow, nil, roles(denied, denied, denied, denied, denied)},
	{"GET", "/api/v1/province/reports", noRow, nil, roles(denied, denied, denied, denied, denied)},
	{"GET", "/api/v1/province/report-deadlines", noRow, nil, roles(denied, denied, denied, denied, denied)},
	{"PUT", "/api/v1/province/report-deadlines/:period", noRow, constBody(map[string]any{"due_on": "2024-09-20"}),
		roles(denied, denied, denied, denied, denied)},
	{"POST", "/api/v1/reports/:period/send", noRow, nil, managers(201)},
	{"GET", "/api/v1/reports/:period/versions", noRow, nil, everyone(200)},
	// Indicators, dossier statistics, reports, import/export; bodies and
	// path values in reports_authz_test.go.
	{"GET", "/api/v1/indicators", noRow, nil, everyone(200)},
	{"POST", "/api/v1/indicators", noRow, indicatorBody, statsWriters(201)},
	{"PATCH", "/api/v1/indicators/:code", noRow, constBody(map[string]any{"threshold": 85}), statsWriters(200)},
	{"PUT", "/api/v1/indicators/:code/targets/:year", noRow, constBody(map[string]any{"low": 90}), statsWriters(200)},
	{"GET", "/api/v1/indicators/:code/values", noRow, nil, everyone(200)},
	{"PUT", "/api/v1/indicators/:code/values/:period", noRow, constBody(map[string]any{"rate": 95}), statsWriters(200)},
	{"GET", "/api/v1/tasks/:id/indicators", taskRow, nil, everyone(200)},
	{"PUT", "/api/v1/tasks/:id/indicators", taskRow, constBody(map[string]any{"indicators": []string{"satisfaction"}}),
		roles(ok(200), ok(200), denied, ownOnly(200), denied)},
	{"GET", "/api/v1/dossiers", noRow, nil, everyone(200)},
	{"PUT", "/api/v1/dossiers/:period", noRow, constBody(dossierBody), statsWriters(200)},
	{"GET", "/api/v1/dossiers/:period", noRow, nil, everyone(200)},
	{"GET", "/api/v1/dashboard", noRow, nil, everyone(200)},
	{"GET", "/api/v1/reports", noRow, nil, everyone(200)},
	{"GET", "/api/v1/reports/settings", noRow, nil, everyone(200)},
	{"PUT", "/api/v1/reports/settings", noRow, constBody(reportSettingsBody), managers(200)},
	{"GET", "/api/v1/reports/:period/narrative", noRow, nil, everyone(200)},
	{"PUT", "/api/v1/reports/:period/narrative", noRow, constBody(map[string]any{"results": "Đạt kết quả tốt"}), managers(200)},
	{"GET", "/api/v1/reports/built", noRow, nil, everyone(200)},
	{"GET", "/api/v1/quality", noRow, nil, everyone(200)},
	{"GET", "/api/v1/import/templates/:name", noRow, nil, everyone(200)},
	{"GET", "/api/v1/plans/:id/export", planRow, nil, everyone(200)},
}

// coveredElsewhere lists routes left out of the table, each with the test
// that pins its permissions instead.
var coveredElsewhere = map[string]string{
	// Needs query parameters (the table sends none); any role may.
	"GET /api/v1/calendar/add-working-days": "handlers/calendar_test.go TestAddWorkingDaysAcrossTet",
	// Names a date, not an id.
	"DELETE /api/v1/settings/calendar/:date": "handlers/calendar_test.go TestCalendarOverridesAreAdminOnly",
	// Name a series, which the table's fixtures do not make.
	"GET /api/v1/series/:id":    "handlers/series_test.go TestSeriesPermissions",
	"PATCH /api/v1/series/:id":  "handlers/series_test.go TestSeriesPermissions",
	"DELETE /api/v1/series/:id": "handlers/series_test.go TestSeriesPermissions",
	// Acts on the caller's own password, which every fixture case signs in with.
	"POST /api/v1/me/password": "handlers/passwords_test.go TestChangeOwnPassword",
	// Names one of the caller's own API tokens; nothing here depends on the role.
	"DELETE /api/v1/me/tokens/:id": "handlers/tokens_test.go TestAPITokenLifecycle",
	// Name a delivery or a notification, which the table's fixtures do not make.
	"GET /api/v1/deliveries/:id/events":   "handlers/reminders_test.go TestDeliveriesAreScopedByRole",
	"POST /api/v1/notifications/:id/read": "handlers/reminders_test.go TestInboxReadAndUnread",
	// Multipart uploads, which the table (JSON bodies) does not send.
	"POST /api/v1/import/plans":    "handlers/imports_test.go TestImportPermissions",
	"POST /api/v1/import/dossiers": "handlers/imports_test.go TestImportPermissions",
	// Names a report the scheduler built, which the table's fixtures do not make.
	"GET /api/v1/reports/built/:id": "jobs/reports_test.go TestReportJobBuildsOnceAtCutoff",
	// Name a commune of the province, or a sent version, which the table's fixtures do not make.
	"GET /api/v1/province/communes/:id":             "handlers/province_view_test.go TestProvinceSeesItsCommunesOnly",
	"GET /api/v1/report-versions/:id/files/:format": "handlers/province_view_test.go TestSentReportVersions",
}

func loginBody(f *authzWorld, role models.Role) any {
	if role == nobody {
		return map[string]any{"username": "khong_ton_tai", "password": "sai-mat-khau-1234"}
	}
	return map[string]any{"username": user(f.A, role), "password": testfix.Password}
}

func planBody(f *authzWorld, _ models.Role) any {
	return map[string]any{"doc_number": fmt.Sprintf("%d/KH-UBND", 1000+f.next()), "issued_on": "2024-03-01",
		"kind": "other", "title": "Kế hoạch mới"}
}

func taskBody(f *authzWorld, _ models.Role) any {
	return map[string]any{"title": "Nhiệm vụ mới", "lead_unit_id": f.a.Office.ID, "due_on": "2024-12-31"}
}

func userBody(f *authzWorld, _ models.Role) any {
	return map[string]any{"username": fmt.Sprintf("moi_%d", f.next()), "full_name": "Cán bộ mới",
		"password": testfix.Password, "memberships": []map[string]any{{"unit_id": f.a.Hamlet2.ID, "role": "officer"}}}
}

func membershipsBody(f *authzWorld, _ models.Role) any {
	return []map[string]any{{"unit_id": f.a.Hamlet2.ID, "role": "officer"}}
}

func tokenBody(f *authzWorld, _ models.Role) any {
	return map[string]any{"name": fmt.Sprintf("Tích hợp %d", f.next())}
}

func unitBody(f *authzWorld, _ models.Role) any {
	return map[string]any{"kind": "team", "name": fmt.Sprintf("Tổ thử quyền %d", f.next())}
}

func TestAuthorizationTable(t *testing.T) {
	t.Parallel()
	f := newAuthzWorld(t)
	for _, r := range authzRoutes {
		scopes := []scope{ownUnit, otherUnit, otherCommune}
		if r.target == noRow || r.target == ownSession {
			scopes = scopes[:1]
		}
		for _, role := range callers {
			for _, s := range scopes {
				w, set := r.want[role]
				if !set {
					w = want{401, 401, 401}
				}
				t.Run(fmt.Sprintf("%s %s as %s on %s", r.method, r.path, callerName(role), s), func(t *testing.T) {
					f.check(t, r, role, s, w[s])
				})
			}
		}
	}
}

// check sends one case and compares its status.
func (f *authzWorld) check(t *testing.T, r authzRoute, role models.Role, s scope, want int) {
	path := pathValues.Replace(r.path) // :code, :period… (reports_authz_test.go)
	if strings.Contains(path, ":id") { // only then is there a row to make
		id := f.id(r.target, role, s)
		path = strings.Replace(path, ":id", itoa(id), 1)
	}
	var body any
	if r.body != nil {
		body = r.body(f, role)
	}
	name, headers := "", []string(nil)
	switch {
	case role == nobody:
	case r.target == ownSession:
		headers = []string{"Authorization", "Bearer " + f.freshToken(user(f.A, role))}
	default:
		name = user(f.A, role)
	}
	res := f.with(t).do(name, r.method, path, body, headers...)
	if res.Code != want {
		t.Errorf("%s %s as %s: status %d, want %d; body %.300s", r.method, path, callerName(role), res.Code, want, res.Body)
	} else if want == http.StatusForbidden && res.problem().Code != "forbidden" {
		// A 403 for another reason (cross-origin, password change) would hide a missing rule.
		t.Errorf("%s %s as %s: 403 for the wrong reason: %s", r.method, path, callerName(role), res.Body)
	}
}

func callerName(r models.Role) string {
	if r == nobody {
		return "anonymous"
	}
	return string(r)
}

// TestAuthzTableCoversEveryRoute fails when a route is registered without a
// line in authzRoutes (or coveredElsewhere), and when a line names a route
// that no longer exists.
func TestAuthzTableCoversEveryRoute(t *testing.T) {
	t.Parallel()
	registered := handlers.RouteList()
	inTable := map[string]bool{}
	for _, r := range authzRoutes {
		inTable[r.method+" "+r.path] = true
	}
	for _, key := range registered {
		if !inTable[key] && coveredElsewhere[key] == "" {
			t.Errorf("%s has no line in authzRoutes (handlers/authz_test.go): add its expected status per role", key)
		}
	}
	for key := range inTable {
		if !slices.Contains(registered, key) {
			t.Errorf("authzRoutes names %s, which the router does not register", key)
		}
	}
}
