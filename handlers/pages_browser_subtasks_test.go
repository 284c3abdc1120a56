package handlers_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/jobs"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/plans"
	"github.com/tiendo/tiendo/models/statistics"
)

// hamletPart is one hamlet's share of the VNeID task in the browser story.
type hamletPart struct {
	team            accounts.Unit
	member          string
	target          string
	start, due      string
	percent, actual string
}

// TestBrowserSubtasks is issue 19's story in Chromium on 30 September 2024:
// the chairman gives "Triển khai VNeID mức 2" (1.000 residents) to the
// culture officer; she forwards four parts to four hamlet teams with their
// targets from the task page; each team reports from a phone, seeing the
// parent's name; the parent's percent and actual value follow, weighted by
// residents; the report counts the parent once and the hamlets by unit; the
// part that was due on 20/9 escalates to the officer, not yet the chairman.
func TestBrowserSubtasks(t *testing.T) {
	e := newPageEnv(t)
	srv := httptest.NewServer(e.h)
	t.Cleanup(srv.Close)
	b := newBrowser(t, srv.URL)
	parts := []hamletPart{
		{e.A.Hamlet1, e.team, "300", "01/09/2024", "31/10/2024", "100", "300"},
		{e.A.Hamlet2, "", "250", "01/09/2024", "31/10/2024", "100", "250"},
		{accounts.Unit{}, "", "250", "01/09/2024", "15/11/2024", "100", "250"},
		{accounts.Unit{}, "", "200", "01/09/2024", "20/09/2024", "50", "100"}, // late
	}
	for i := range parts {
		if parts[i].member == "" {
			parts[i].team, parts[i].member = browserTeam(t, e, i+1, parts[i].team)
		}
	}
	officer := e.A.Users[models.RoleOfficer]

	desk := b.open(t, "chairman", desktopW, desktopH)
	desk.signIn(e.user(models.RoleChairman), testfix.Password, "#kpis")
	desk.visit("/ke-hoach/"+itoa(e.plan.ID)+"/nhiem-vu/moi", "#task-form")
	desk.do("give the task to the culture officer",
		chromedp.SendKeys(chromedp.CSS("#f-title"), "Triển khai VNeID mức 2 cho 100 % người dân"),
		chromedp.SetValue(chromedp.CSS("#f-lead-unit-id"), itoa(e.A.Office.ID)),
		chromedp.SetValue(chromedp.CSS("#f-start-on"), "01/09/2024"),
		chromedp.SetValue(chromedp.CSS("#f-due-on"), "30/11/2024"),
		chromedp.SetValue(chromedp.CSS("#f-target-value"), "1.000"),
		chromedp.SetValue(chromedp.CSS("#f-target-unit"), "người"),
		chromedp.Click(chromedp.CSS(`input[name=assignee_ids][value="`+itoa(officer.ID)+`"]`)))
	desk.submit("save the task", "#save-task", "#plan-tasks")
	parentID := browserTaskID(t, e, "Triển khai VNeID mức 2 cho 100 % người dân")

	off := b.open(t, "officer", desktopW, desktopH)
	off.signIn(officer.Username, testfix.Password, "#open-tasks")
	off.check(strings.Contains(off.text("#open-tasks"), "Triển khai VNeID mức 2"), "the officer does not see her task")
	for i, p := range parts {
		off.visit("/nhiem-vu/"+itoa(parentID), "#forward-link")
		off.submit("open the forward form", "#forward-link", "#forward-hint")
		off.check(value(off, "offered deadline", chromedp.Value(chromedp.CSS("#f-due-on"))) == "30/11/2024",
			"the form does not offer the parent's deadline")
		off.do(fmt.Sprintf("forward to hamlet %d", i+1),
			chromedp.SendKeys(chromedp.CSS("#f-title"), fmt.Sprintf("VNeID mức 2 – ấp %d", i+1)),
			chromedp.SetValue(chromedp.CSS("#f-lead-unit-id"), itoa(p.team.ID)),
			chromedp.SetValue(chromedp.CSS("#f-start-on"), p.start),
			chromedp.SetValue(chromedp.CSS("#f-due-on"), p.due),
			chromedp.SetValue(chromedp.CSS("#f-target-value"), p.target))
		off.submit("save the sub-task", "#save-task", "#subtask-list")
	}
	off.look("parent-with-subtasks")
	off.check(strings.Count(off.text("#subtask-list tbody"), "VNeID mức 2 – ấp") == 4, "the parent does not list four sub-tasks")
	off.do("mini timeline", chromedp.WaitVisible(chromedp.CSS("#subtask-timeline svg")))

	subs, err := e.Store.GetTask(context.Background(), e.chairA, parentID)
	if err != nil || len(subs.SubtaskIDs) != 4 {
		t.Fatalf("parent %+v, %v", subs, err)
	}
	for i, p := range parts {
		phone := b.open(t, fmt.Sprintf("team-%d", i+1), phoneW, phoneH)
		phone.signIn(p.member, testfix.Password, "#open-tasks")
		card := "#task-" + itoa(subs.SubtaskIDs[i])
		phone.check(strings.Contains(phone.text(card+" .parent-context"), "Triển khai VNeID mức 2"),
			"hamlet %d does not see the parent's name", i+1)
		phone.visit("/nhiem-vu/"+itoa(subs.SubtaskIDs[i])+"/bao-cao", "#f-percent")
		phone.do("report", chromedp.SetValue(chromedp.CSS("#f-percent"), p.percent),
			chromedp.SetValue(chromedp.CSS("#f-actual-value"), p.actual))
		phone.submit("send the report", "#send-report", ".flash")
	}

	// (300 + 250 + 250 + 50 % of 200) of 1.000 residents.
	desk.visit("/nhiem-vu/"+itoa(parentID), "#subtask-list")
	desk.look("parent-after-reports")
	desk.check(desk.text("#task-percent") == "90%", "parent percent %q, want 90%%", desk.text("#task-percent"))
	desk.check(strings.Contains(desk.text(".facts"), "900 người"), "the parent's actual value is not 900: %s", desk.text(".facts"))
	desk.check(!strings.Contains(desk.text(".actions"), "Báo cáo tiến độ"), "the parent offers a report of its own")

	rep, err := e.Store.BuildReport(context.Background(), e.chairA, statistics.ReportOptions{
		Period: statistics.YearToDate(testfix.Date("2024-09-30"))})
	if err != nil {
		t.Fatal(err)
	}
	// The plan's tasks: the fixture's two and the VNeID one; by unit, the
	// fixture's two and the four hamlets' parts (one of them late).
	if rep.Tasks.Total.Total != 3 || rep.Tasks.UnitTotal.Total != 6 || rep.Tasks.UnitTotal.Overdue != 2 ||
		rep.Tasks.Forwarded != 4 {
		t.Errorf("report: plan-level %+v, by unit %+v, forwarded %d", rep.Tasks.Total, rep.Tasks.UnitTotal, rep.Tasks.Forwarded)
	}

	// 30/9 is the 6th working day after 20/9: the late part escalates to
	// the officer who forwarded it, and not (yet) to the chairman.
	e.runJob(t, jobs.Reminders{Store: e.JobsStore(t)})
	e.runJob(t, e.inboxDispatch(t))
	off.visit("/thong-bao", "main")
	off.look("officer-inbox")
	off.check(strings.Contains(off.text("main"), "Nhiệm vụ con quá hạn"), "the officer's inbox lacks the escalation")
	esc, err := e.Store.ListDeliveries(context.Background(), e.Actor(t, e.A, models.RoleAdmin),
		deadlines.DeliveryFilter{TaskID: subs.SubtaskIDs[3], Kind: "escalation", Limit: 50})
	if err != nil || len(esc.Items) == 0 {
		t.Fatalf("escalations %v, %v", esc, err)
	}
	for _, d := range esc.Items {
		if d.RecipientID != officer.ID {
			t.Errorf("escalation to user %d, want the officer %d", d.RecipientID, officer.ID)
		}
	}
}

// browserTeam gives hamlet n a team (team when it has none yet) with one
// member, and returns the team and the member's username.
func browserTeam(t *testing.T, e *pageEnv, n int, team accounts.Unit) (accounts.Unit, string) {
	t.Helper()
	ctx := context.Background()
	if team.ID == 0 {
		u, err := e.Store.CreateUnit(ctx, e.A.System, accounts.NewUnit{Kind: "team", Name: fmt.Sprintf("Tổ công nghệ số ấp %d", n)})
		if err != nil {
			t.Fatal(err)
		}
		team = *u
	}
	name := fmt.Sprintf("to_ap_%d", n)
	if _, err := e.Store.CreateUser(ctx, e.A.System, accounts.NewUser{Username: name, FullName: fmt.Sprintf("Tổ viên ấp %d", n),
		Password: testfix.Password, Memberships: []models.Membership{{UnitID: team.ID, Role: models.RoleTeamMember}}}); err != nil {
		t.Fatal(err)
	}
	return team, name
}

// browserTaskID finds the plan's task titled title.
func browserTaskID(t *testing.T, e *pageEnv, title string) int64 {
	t.Helper()
	page, err := e.Store.ListTasks(context.Background(), e.chairA, plans.TaskFilter{PlanID: e.plan.ID, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, task := range page.Items {
		if task.Title == title {
			return task.ID
		}
	}
	t.Fatalf("no task %q in the plan", title)
	return 0
}
