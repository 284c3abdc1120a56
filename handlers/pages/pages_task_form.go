package pages

import (
	"context"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
)

// taskFormData is the Data of the create and edit task form.
type taskFormData struct {
	Plan      *plans.Plan
	Task      *plans.Task // nil when creating
	Units     []unitGroup
	Users     []accounts.User
	CanAssign bool // may change lead, supporting units and people
	CanCancel bool
	Cadences  []choice
	// Parent is the task a sub-task is forwarded from (pages_subtasks.go).
	Parent *plans.Task
}

// unitGroup is the units of one kind, for an <optgroup>.
type unitGroup struct {
	Label string
	Units []accounts.Unit
}

// unitKindLabels name the unit kinds in the order the form lists them.
var unitKindLabels = []struct{ Kind, Label string }{
	{"office", "Văn phòng, công chức"}, {"hamlet", "Ấp"}, {"team", "Tổ"},
	{"one_stop_desk", "Bộ phận một cửa"}, {"steering_committee", "Ban chỉ đạo"},
}

// newTaskPage shows an empty task form for a plan.
func (h *Handler) newTaskPage(c *gin.Context) error {
	p, err := h.managedPlan(c)
	if err != nil {
		return err
	}
	f := newForm(nil)
	f.values.Set("start_on", h.Today(httpx.Actor(c)).String())
	return h.showTaskForm(c, http.StatusOK, p, nil, f)
}

func (h *Handler) showTaskForm(c *gin.Context, status int, p *plans.Plan, t *plans.Task, f *form) error {
	d, err := h.taskFormData(c, p, t)
	if err != nil {
		return err
	}
	title := "Thêm nhiệm vụ"
	if t != nil {
		title = "Sửa nhiệm vụ"
	}
	h.render(c, status, "task_form", &view{Title: title, Nav: "plans", Form: f, Data: d})
	return nil
}

// taskFormData reads what the task form offers: units, people, cadences.
func (h *Handler) taskFormData(c *gin.Context, p *plans.Plan, t *plans.Task) (*taskFormData, error) {
	ctx, a := c.Request.Context(), httpx.Actor(c)
	units, err := h.Store.ListUnits(ctx, a)
	if err != nil {
		return nil, err
	}
	users, err := h.Store.ListUsers(ctx, a)
	if err != nil {
		return nil, err
	}
	return &taskFormData{Plan: p, Task: t, Units: groupUnits(units), Users: users,
		CanAssign: t == nil || t.CanAssign(a), CanCancel: t != nil && t.CanCancel(a), Cadences: reportCadences}, nil
}

func groupUnits(units []accounts.Unit) []unitGroup {
	var out []unitGroup
	for _, k := range unitKindLabels {
		g := unitGroup{Label: k.Label}
		for _, u := range units {
			if u.Kind == k.Kind {
				g.Units = append(g.Units, u)
			}
		}
		if len(g.Units) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// createTaskSubmit adds a task to the plan and goes back to the plan.
func (h *Handler) createTaskSubmit(c *gin.Context) error {
	p, err := h.managedPlan(c)
	if err != nil {
		return err
	}
	f := newForm(postForm(c))
	t, err := h.postNewTask(c, f, nil, func(ctx context.Context, a *models.Actor, in plans.TaskInput) (*plans.Task, error) {
		return h.Store.CreateTask(ctx, a, p.ID, in)
	})
	switch {
	case err != nil:
		return err
	case t != nil:
		redirect(c, planURL(p.ID)+"?flash=created#task-"+idString(t.ID))
		return nil
	}
	return h.showTaskForm(c, http.StatusUnprocessableEntity, p, nil, f)
}

// postNewTask reads a posted task form and creates the task with create: a
// task of a plan, or a sub-task. When the form is incomplete (its fields, or
// what check finds) or create refuses it in a way the form can show, the
// task is nil and f holds every error, for the caller to show again.
func (h *Handler) postNewTask(c *gin.Context, f *form, check func(plans.TaskInput) error,
	create func(context.Context, *models.Actor, plans.TaskInput) (*plans.Task, error)) (*plans.Task, error) {
	in := taskInput(f)
	if err := h.confirmReach(c, f, in); err != nil {
		return nil, err
	}
	if f.Invalid() {
		addTaskMissing(f, in, h.Today(httpx.Actor(c)))
		if check != nil {
			f.addMissing(check(in))
		}
		return nil, nil
	}
	t, err := create(c.Request.Context(), httpx.Actor(c), in)
	if err != nil && f.addError(err) {
		return nil, nil
	}
	return t, err
}

// taskInput reads the task form.
func taskInput(f *form) plans.TaskInput {
	in := plans.TaskInput{Title: f.Value("title"), Description: f.Value("description"),
		LeadUnitID: f.parseID("lead_unit_id"), SupportingUnitIDs: f.parseIDs("supporting_unit_ids"),
		AssigneeIDs: f.parseIDs("assignee_ids"), StartOn: f.parseDate("start_on"), DueOn: f.parseDate("due_on"),
		TargetValue: f.parseNumber("target_value"), TargetUnit: f.Value("target_unit"), Weight: f.parseNumber("weight"),
		ReportGraceDays: f.parseInt("report_grace_days")}
	if every := f.Value("report_every"); every != "" {
		in.ReportEvery = &every
	}
	return in
}

// editTaskPage shows the task's form filled with its record, to those who
// may edit it: a 403 page otherwise, as the API answers.
func (h *Handler) editTaskPage(c *gin.Context) error {
	p, t, err := h.editableTask(c)
	if err != nil {
		return err
	}
	lang := pageLang(c)
	f := newForm(nil)
	for k, v := range map[string]string{"title": t.Title, "description": t.Description,
		"lead_unit_id": idString(t.LeadUnitID), "start_on": t.StartOn.String(), "due_on": t.DueOn.String(),
		"target_unit": t.TargetUnit, "weight": formatNumber(lang, t.Weight, 4), "version": strconv.Itoa(t.Version),
		"report_grace_days": strconv.Itoa(t.ReportGraceDays)} {
		f.values.Set(k, v)
	}
	if t.TargetValue != nil {
		f.values.Set("target_value", formatNumber(lang, t.TargetValue, 4))
	}
	if t.ReportEvery != nil {
		f.values.Set("report_every", *t.ReportEvery)
	}
	if t.CancelledAt != nil {
		f.values.Set("cancelled", "1")
	}
	for _, id := range t.SupportingUnitIDs {
		f.values.Add("supporting_unit_ids", idString(id))
	}
	for _, id := range t.AssigneeIDs {
		f.values.Add("assignee_ids", idString(id))
	}
	return h.showTaskForm(c, http.StatusOK, p, t, f)
}

// editableTask loads the task of the path and its plan for an edit.
func (h *Handler) editableTask(c *gin.Context) (*plans.Plan, *plans.Task, error) {
	id, err := httpx.PathID(c)
	if err != nil {
		return nil, nil, err
	}
	return h.Store.TaskToEdit(c.Request.Context(), httpx.Actor(c), id)
}

// updateTaskSubmit saves the edited task. Assignment and cancellation are
// only sent by those who may change them, so an officer editing the
// description does not trip the assignment check.
func (h *Handler) updateTaskSubmit(c *gin.Context) error {
	p, t, err := h.editableTask(c)
	if err != nil {
		return err
	}
	a := httpx.Actor(c)
	f := newForm(postForm(c))
	in := taskInput(f)
	version, _ := strconv.Atoi(f.Value("version"))
	if t.CanAssign(a) && t.CancelledAt == nil {
		if err := h.confirmReach(c, f, in); err != nil {
			return err
		}
	}
	if f.Invalid() {
		if !t.CanAssign(a) { // the form sends no units then: the task keeps its own
			in.LeadUnitID, in.SupportingUnitIDs, in.AssigneeIDs = t.LeadUnitID, t.SupportingUnitIDs, t.AssigneeIDs
		}
		addTaskMissing(f, in, h.Today(a))
	} else {
		patch := plans.TaskPatch{Title: models.Some(in.Title), Description: models.Some(in.Description),
			StartOn: models.Some(in.StartOn), DueOn: models.Some(in.DueOn), TargetValue: models.Some(in.TargetValue),
			TargetUnit: models.Some(in.TargetUnit), Weight: models.Some(in.Weight),
			ReportEvery: models.Some(in.ReportEvery), ReportGraceDays: models.Some(in.ReportGraceDays)}
		if t.CanAssign(a) {
			patch.LeadUnitID, patch.SupportingUnitIDs = models.Some(in.LeadUnitID), models.Some(in.SupportingUnitIDs)
			patch.AssigneeIDs = models.Some(in.AssigneeIDs)
		}
		if t.CanCancel(a) {
			patch.Cancelled = models.Some(f.Value("cancelled") != "")
		}
		if _, err = h.Store.UpdateTask(c.Request.Context(), a, t.ID, version, patch); err == nil {
			redirect(c, taskURL(t.ID)+"?flash=saved")
			return nil
		}
		if !f.addError(err) {
			return err
		}
	}
	return h.showTaskForm(c, http.StatusUnprocessableEntity, p, t, f)
}

// confirmReach stops a task that nobody could report on (no assignee, and
// no officer or team member in its units or their teams) until the person
// ticks "save anyway": the form shows the warning, in words, before saving.
func (h *Handler) confirmReach(c *gin.Context, f *form, in plans.TaskInput) error {
	if f.Invalid() || f.Value("confirm_no_recipient") != "" || in.LeadUnitID == 0 || f.Value("cancelled") != "" {
		return nil
	}
	ok, err := h.Store.TaskInputReaches(c.Request.Context(), httpx.Actor(c), in)
	if err != nil || ok {
		return err
	}
	f.noRecipient = true
	f.add("confirm_no_recipient", tr(pageLang(c), plans.NoRecipientWarning.Message))
	return nil
}

// addTaskMissing adds the model's own findings to a form that already
// failed to parse, so every mistake shows at once. A start date that could
// not be read is not also a deadline before it.
func addTaskMissing(f *form, in plans.TaskInput, today calendar.Date) {
	err := in.Validate(today, nil)
	if f.Error("start_on") != "" {
		err = dropFindings(err, "due_on/before_start")
	}
	f.addMissing(err)
}
