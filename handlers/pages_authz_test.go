package handlers_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tiendo/tiendo/handlers"
	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
)

// The pages' permission table: every page route, every caller, on a row of
// the caller's commune and of another. Pages answer as the API does — 404
// for another commune's row, 403 for a role that may not — but as HTML, and
// a stranger is sent to sign in (303). POST routes are listed with the tests
// that drive them.

// pageTarget is what a route's :id names.
type pageTarget int

const (
	pageNoRow pageTarget = iota
	pagePlan             // the commune's plan (or the other commune's)
	pageTask             // the team's task (or the other commune's)
	pageFile             // an evidence file of the team's task
	pageUser             // the officer's account (or the other commune's officer's)
)

type pageRoute struct {
	method, path string
	target       pageTarget
	want         map[models.Role]int // per role on own commune; missing: 200
	coveredBy    string              // for POST routes: the test that drives them
}

var managersOnly = map[models.Role]int{models.RoleSteeringMember: 403, models.RoleOfficer: 403, models.RoleTeamMember: 403}

var adminPagesOnly = map[models.Role]int{models.RoleChairman: 403, models.RoleSteeringMember: 403,
	models.RoleOfficer: 403, models.RoleTeamMember: 403}

var pageRoutes = []pageRoute{
	{"GET", "/static/*filepath", pageNoRow, nil, "TestStaticAssetsAreEmbeddedAndVersioned"},
	{"GET", "/lich/:feed", pageNoRow, nil, "TestCalendarFeed"}, // a calendar app's, not a person's
	{"GET", "/sw.js", pageNoRow, nil, "TestInstallableAppFiles"},
	{"GET", "/manifest.webmanifest", pageNoRow, nil, "TestInstallableAppFiles"},
	{"GET", "/dang-nhap", pageNoRow, map[models.Role]int{"": 200, models.RoleAdmin: 303, models.RoleChairman: 303,
		models.RoleSteeringMember: 303, models.RoleOfficer: 303, models.RoleTeamMember: 303}, ""},
	{"POST", "/dang-nhap", pageNoRow, nil, "TestSignInKeepsUsernameAndShowsError"},
	{"POST", "/dang-xuat", pageNoRow, nil, "TestSignOutEndsTheSession"},
	{"GET", "/", pageNoRow, map[models.Role]int{models.RoleAdmin: 303, models.RoleChairman: 303,
		models.RoleSteeringMember: 303, models.RoleOfficer: 303, models.RoleTeamMember: 303}, ""},
	{"GET", "/doi-mat-khau", pageNoRow, nil, ""},
	{"POST", "/doi-mat-khau", pageNoRow, nil, "TestChangePasswordPage"},
	{"GET", "/tai-khoan", pageNoRow, nil, ""},
	{"POST", "/tai-khoan", pageNoRow, nil, "TestAccountPageSetsOwnContact"},
	{"POST", "/tai-khoan/lich", pageNoRow, nil, "TestCalendarFeedPage"},
	{"POST", "/tai-khoan/lich/tat", pageNoRow, nil, "TestCalendarFeedPage"},
	{"GET", "/viec-cua-toi", pageNoRow, nil, ""},
	{"GET", "/tong-quan", pageNoRow, nil, ""},
	{"GET", "/ke-hoach", pageNoRow, nil, ""},
	{"POST", "/ke-hoach", pageNoRow, nil, "TestPlanFormKeepsValuesAndShowsErrors"},
	{"GET", "/ke-hoach/moi", pageNoRow, managersOnly, ""},
	{"GET", "/ke-hoach/:id", pagePlan, nil, ""},
	{"POST", "/ke-hoach/:id", pagePlan, nil, "TestEditPlanAndTask"},
	{"GET", "/ke-hoach/:id/sua", pagePlan, managersOnly, ""},
	{"GET", "/ke-hoach/:id/nhan-ban", pagePlan, managersOnly, ""},
	{"POST", "/ke-hoach/:id/nhan-ban", pagePlan, nil, "TestClonePlanPage"},
	{"GET", "/ke-hoach/:id/nhiem-vu/moi", pagePlan, managersOnly, ""},
	{"POST", "/ke-hoach/:id/nhiem-vu", pagePlan, nil, "TestCreateTaskAssignsToHamlet"},
	{"GET", "/nhiem-vu/:id", pageTask, nil, ""},
	{"POST", "/nhiem-vu/:id", pageTask, nil, "TestEditPlanAndTask"},
	{"GET", "/nhiem-vu/:id/sua", pageTask, map[models.Role]int{models.RoleSteeringMember: 403,
		models.RoleOfficer: 403, models.RoleTeamMember: 403}, ""},
	{"GET", "/nhiem-vu/:id/bao-cao", pageTask, map[models.Role]int{models.RoleSteeringMember: 403,
		models.RoleOfficer: 403}, ""},
	{"POST", "/nhiem-vu/:id/bao-cao", pageTask, nil, "TestReportWithPhotoCompletesTask"},
	{"GET", "/nhiem-vu/:id/giao-tiep", pageTask, map[models.Role]int{models.RoleSteeringMember: 403,
		models.RoleOfficer: 403}, ""},
	{"POST", "/nhiem-vu/:id/giao-tiep", pageTask, nil, "TestForwardFromTaskPage"},
	{"POST", "/nhiem-vu/:id/y-kien", pageTask, nil, "TestCommentAndEvaluateFromTaskPage"},
	{"POST", "/nhiem-vu/:id/danh-gia", pageTask, nil, "TestCommentAndEvaluateFromTaskPage"},
	{"POST", "/nhiem-vu/:id/gia-han", pageTask, nil, "TestExtensionAndReturnPages"},
	{"POST", "/nhiem-vu/:id/gia-han/:xid", pageTask, nil, "TestExtensionAndReturnPages"},
	{"GET", "/tep/:id", pageFile, nil, ""},
	{"GET", "/thong-bao", pageNoRow, nil, ""},
	{"POST", "/ke-hoach/:id/xoa", pagePlan, nil, "TestTrashPages"},
	{"GET", "/thung-rac", pageNoRow, managersOnly, ""},
	{"POST", "/thung-rac/:id/khoi-phuc", pageNoRow, nil, "TestTrashPages"},
	{"POST", "/thong-bao/:id/da-doc", pageNoRow, nil, "TestInboxMarksReadAndOpensTask"},
	{"POST", "/thong-bao/da-doc-tat-ca", pageNoRow, nil, "TestExtensionAndReturnPages"},
	// Statistics pages: every member reads them, as the API (pages_stats_test.go).
	{"GET", "/bao-cao-dinh-ky", pageNoRow, nil, ""},
	{"POST", "/bao-cao-dinh-ky/loi-van", pageNoRow, nil, "TestNarrativePageSavesAndPrints"},
	{"POST", "/bao-cao-dinh-ky/gui", pageNoRow, nil, "TestProvincePages"},
	// The province's pages: province accounts only (pages_province_test.go).
	{"GET", "/tinh", pageNoRow, map[models.Role]int{models.RoleAdmin: 403, models.RoleChairman: 403,
		models.RoleSteeringMember: 403, models.RoleOfficer: 403, models.RoleTeamMember: 403}, ""},
	{"GET", "/tinh/xa/:id", pageNoRow, nil, "TestProvincePages"},
	{"POST", "/tinh/han-nop", pageNoRow, nil, "TestProvincePages"},
	{"POST", "/tinh/thong-bao/da-xem", pageNoRow, nil, "TestProvincePages"},
	{"GET", "/chi-tieu", pageNoRow, nil, ""},
	{"POST", "/chi-tieu", pageNoRow, nil, "TestIndicatorsPageIsReadOnlyForHamletTeams"},
	{"GET", "/ho-so", pageNoRow, nil, ""},
	{"POST", "/ho-so", pageNoRow, nil, "TestDossiersPageAnswersTeamsAsTheAPI"},
	{"GET", "/chat-luong-du-lieu", pageNoRow, nil, ""},
	// Administration: members read what the API lets them read; the forms
	// and an account's page are the admin's (pages_admin*_test.go).
	{"GET", "/quan-tri/nguoi-dung", pageNoRow, nil, ""},
	{"POST", "/quan-tri/nguoi-dung", pageNoRow, nil, "TestAdminCreatesUserWhoSignsIn"},
	{"GET", "/quan-tri/nguoi-dung/:id", pageUser, adminPagesOnly, ""},
	{"POST", "/quan-tri/nguoi-dung/:id/vai-tro", pageUser, nil, "TestAdminResetsDisablesAndReassigns"},
	{"POST", "/quan-tri/nguoi-dung/:id/mat-khau", pageUser, nil, "TestAdminResetsDisablesAndReassigns"},
	{"POST", "/quan-tri/nguoi-dung/:id/khoa", pageUser, nil, "TestAdminResetsDisablesAndReassigns"},
	{"POST", "/quan-tri/nguoi-dung/:id/lien-he", pageUser, nil, "TestAdminEditsContactPage"},
	{"GET", "/quan-tri/don-vi", pageNoRow, nil, ""},
	{"POST", "/quan-tri/don-vi", pageNoRow, nil, "TestAdminCreatesUnit"},
	{"GET", "/quan-tri/lich", pageNoRow, nil, ""},
	{"POST", "/quan-tri/lich", pageNoRow, nil, "TestCalendarPageAddsAndDeletesOverrides"},
	{"POST", "/quan-tri/lich/:date/xoa", pageNoRow, nil, "TestCalendarPageAddsAndDeletesOverrides"},
	{"GET", "/quan-tri/nhac-viec", pageNoRow, nil, ""},
	{"POST", "/quan-tri/nhac-viec", pageNoRow, nil, "TestSettingsFormRoundTrips"},
	{"GET", "/quan-tri/webhook", pageNoRow, managersOnly, ""},
	{"POST", "/quan-tri/webhook", pageNoRow, nil, "TestWebhooksPage"},
	{"POST", "/quan-tri/webhook/:id/gui-thu", pageNoRow, nil, "TestWebhooksPage"},
	{"POST", "/quan-tri/webhook/:id/bat-tat", pageNoRow, nil, "TestWebhooksPage"},
	{"POST", "/quan-tri/webhook/:id/xoa", pageNoRow, nil, "TestWebhooksPage"},
}

// The API's authorization table (authz_test.go) covers the API; it learns
// here that the pages are covered by this file.
func init() {
	for _, r := range pageRoutes {
		coveredElsewhere[r.method+" "+r.path] = "handlers/pages_authz_test.go"
	}
}

func TestPagePermissions(t *testing.T) {
	t.Parallel()
	checkPagePermissions(t, newPageEnv(t))
}

// TestPagePermissionsOnAStandby is TestPagePermissions with the pages read
// from a read-only standby (issue 18): a page that writes while it reads fails.
func TestPagePermissionsOnAStandby(t *testing.T) {
	t.Parallel()
	e := newPageEnvOn(t, testfix.NewOnStandby(t))
	checkPagePermissions(t, e)
	if st := e.Standby.Stats(time.Now()); st.StandbyReads == 0 {
		t.Errorf("no page read from the standby: %+v", st)
	}
}

// checkPagePermissions asks for every page as every role, in e's commune
// and another's.
func checkPagePermissions(t *testing.T, e *pageEnv) {
	file := e.reportWithFile(t, e.team, e.mine.ID, e.chairA)
	otherFile := e.reportWithFile(t, e.B.Users[models.RoleTeamMember].Username, e.otherTask.ID, e.chairB)
	ids := map[pageTarget][2]int64{pagePlan: {e.plan.ID, e.other.ID}, pageTask: {e.mine.ID, e.otherTask.ID},
		pageFile: {file, otherFile}, pageUser: {e.A.Users[models.RoleOfficer].ID, e.B.Users[models.RoleOfficer].ID}}
	for _, r := range pageRoutes {
		if r.method != "GET" || r.coveredBy != "" {
			continue
		}
		for _, role := range callers {
			want, ok := r.want[role]
			switch {
			case ok:
			case role == nobody:
				want = http.StatusSeeOther
			default:
				want = http.StatusOK
			}
			user := ""
			if role != nobody {
				user = e.user(role)
			}
			path := r.path
			if r.target != pageNoRow {
				path = strings.Replace(r.path, ":id", itoa(ids[r.target][0]), 1)
				if role != nobody {
					// Another commune's row is not found, whatever the role.
					other := strings.Replace(r.path, ":id", itoa(ids[r.target][1]), 1)
					if rec := e.get(user, other); rec.Code != http.StatusNotFound {
						t.Errorf("GET %s as %s (other commune): %d, want 404", other, role, rec.Code)
					}
				}
			}
			rec := e.get(user, path)
			if rec.Code != want {
				t.Errorf("GET %s as %s: %d, want %d", path, callerName(role), rec.Code, want)
			}
			if rec.Code >= 400 && !strings.Contains(rec.Header().Get("Content-Type"), "text/html") {
				t.Errorf("GET %s as %s: error is %q, want an HTML page", path, callerName(role), rec.Header().Get("Content-Type"))
			}
		}
	}
}

// TestPageTableCoversEveryPageRoute fails when a page is registered without a
// line in pageRoutes, and when a line names a route that is gone.
func TestPageTableCoversEveryPageRoute(t *testing.T) {
	t.Parallel()
	registered := handlers.RouteList()
	inTable := map[string]bool{}
	for _, r := range pageRoutes {
		key := r.method + " " + r.path
		inTable[key] = true
		if !slices.Contains(registered, key) {
			t.Errorf("pageRoutes names %s, which the router does not register", key)
		}
	}
	for _, key := range registered {
		_, path, _ := strings.Cut(key, " ")
		if strings.HasPrefix(path, "/api/") || path == "/healthz" || path == "/readyz" {
			continue
		}
		if !inTable[key] {
			t.Errorf("%s has no line in pageRoutes (handlers/pages_authz_test.go)", key)
		}
	}
}
