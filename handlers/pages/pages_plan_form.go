package pages

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/plans"
)

// planFormData is the Data of the create and edit plan form.
type planFormData struct {
	Plan           *plans.Plan // nil when creating
	Kinds          []kindOption
	Statuses       []string
	SteeringUnits  []accounts.Unit
	RefRows        []int // indices of the reference rows to draw
	RefsOpen       bool  // some reference is filled in: show the rows unfolded
	ShowDuplicates bool  // offer "record the duplicate number anyway"
}

// blankRefRows is how many empty reference rows the form offers; without
// JavaScript a person adds more by saving and editing again.
const blankRefRows = 2

// newPlanPage shows an empty plan form to those who may create plans.
func (h *Handler) newPlanPage(c *gin.Context) error {
	a := httpx.Actor(c)
	if err := a.MayManagePlans(); err != nil {
		return err
	}
	f := newForm(nil)
	f.values.Set("issued_on", h.Today(a).String())
	f.values.Set("status", "active")
	return h.showPlanForm(c, http.StatusOK, nil, f)
}

// editPlanPage shows the plan's form filled with its record; the version
// rides along so that a concurrent change is noticed, not overwritten.
func (h *Handler) editPlanPage(c *gin.Context) error {
	p, err := h.managedPlan(c)
	if err != nil {
		return err
	}
	f := newForm(nil)
	for k, v := range map[string]string{"doc_number": p.DocNumber, "issued_on": p.IssuedOn.String(),
		"year": strconv.Itoa(p.Year), "kind": p.Kind, "title": p.Title, "summary": p.Summary,
		"status": p.Status, "version": strconv.Itoa(p.Version)} {
		f.values.Set(k, v)
	}
	if p.SteeringUnitID != nil {
		f.values.Set("steering_unit_id", idString(*p.SteeringUnitID))
	}
	for i, r := range p.References {
		setRef(f, i, refFields(r))
	}
	return h.showPlanForm(c, http.StatusOK, p, f)
}

// managedPlan loads the plan of the path for a change: another commune's
// plan is 404, a role that may not manage plans 403.
func (h *Handler) managedPlan(c *gin.Context) (*plans.Plan, error) {
	id, err := httpx.PathID(c)
	if err != nil {
		return nil, err
	}
	return h.Store.PlanToManage(c.Request.Context(), httpx.Actor(c), id)
}

func (h *Handler) showPlanForm(c *gin.Context, status int, p *plans.Plan, f *form) error {
	kinds, err := h.kindOptions(c)
	if err != nil {
		return err
	}
	units, err := h.Store.ListUnits(c.Request.Context(), httpx.Actor(c))
	if err != nil {
		return err
	}
	d := &planFormData{Plan: p, Kinds: kinds, Statuses: plans.PlanStatuses,
		ShowDuplicates: f.Value("confirm_duplicate") != "" || f.duplicate}
	for _, u := range units {
		if u.Kind == "steering_committee" {
			d.SteeringUnits = append(d.SteeringUnits, u)
		}
	}
	for i := range refCount(f) + blankRefRows {
		d.RefRows = append(d.RefRows, i)
	}
	d.RefsOpen = refCount(f) > 0
	title := "Tạo kế hoạch"
	if p != nil {
		title = "Sửa kế hoạch"
	}
	h.render(c, status, "plan_form", &view{Title: title, Nav: "plans", Form: f, Data: d})
	return nil
}

// createPlanSubmit creates a plan from the form.
func (h *Handler) createPlanSubmit(c *gin.Context) error {
	f := newForm(postForm(c))
	in, rows := planInput(f)
	if f.Invalid() {
		addPlanMissing(f, in, rows)
	} else {
		p, err := h.Store.CreatePlan(c.Request.Context(), httpx.Actor(c), in)
		if err == nil {
			redirect(c, planURL(p.ID)+"?flash=created")
			return nil
		}
		if !addPlanError(f, err, rows, true) {
			return err
		}
	}
	return h.showPlanForm(c, http.StatusUnprocessableEntity, nil, f)
}

// updatePlanSubmit saves the edited plan, every field at once.
func (h *Handler) updatePlanSubmit(c *gin.Context) error {
	p, err := h.managedPlan(c)
	if err != nil {
		return err
	}
	f := newForm(postForm(c))
	in, rows := planInput(f)
	version, _ := strconv.Atoi(f.Value("version"))
	if f.Invalid() {
		addPlanMissing(f, in, rows)
	} else {
		patch := plans.PlanPatch{DocNumber: models.Some(in.DocNumber), IssuedOn: models.Some(in.IssuedOn),
			Year: models.Some(in.Year), Kind: models.Some(in.Kind), Title: models.Some(in.Title),
			Summary: models.Some(in.Summary), Status: models.Some(in.Status), References: models.Some(in.References),
			SteeringUnitID: models.Some(in.SteeringUnitID), ConfirmDuplicate: in.ConfirmDuplicate}
		_, err = h.Store.UpdatePlan(c.Request.Context(), httpx.Actor(c), p.ID, version, patch)
		if err == nil {
			redirect(c, planURL(p.ID)+"?flash=saved")
			return nil
		}
		if !addPlanError(f, err, rows, true) {
			return err
		}
	}
	return h.showPlanForm(c, http.StatusUnprocessableEntity, p, f)
}

// planInput reads the plan form. rows[i] is the form row of the i-th
// reference kept, as blank rows are skipped.
func planInput(f *form) (plans.PlanInput, []int) {
	in := plans.PlanInput{DocNumber: strings.TrimSpace(f.Value("doc_number")), IssuedOn: f.parseDate("issued_on"),
		Kind: f.Value("kind"), Title: f.Value("title"), Summary: f.Value("summary"), Status: f.Value("status"),
		ConfirmDuplicate: f.Value("confirm_duplicate") != ""}
	if y := f.parseInt("year"); y != nil {
		in.Year = *y
	}
	if id := f.parseID("steering_unit_id"); id > 0 {
		in.SteeringUnitID = &id
	}
	var rows []int
	for i := range refCount(f) { // rows after the last filled one are blank
		r := plans.ReferenceInput{DocNumber: strings.TrimSpace(f.Value(refField(i, "doc_number"))),
			IssuedOn: f.parseDate(refField(i, "issued_on")), Issuer: f.Value(refField(i, "issuer")),
			Title: f.Value(refField(i, "title"))}
		if r.DocNumber == "" && r.IssuedOn.IsZero() && strings.TrimSpace(r.Issuer+r.Title) == "" {
			continue
		}
		in.References, rows = append(in.References, r), append(rows, i)
	}
	return in, rows
}

// refFields is a reference as form values, by field name.
func refFields(r plans.Reference) map[string]string {
	return map[string]string{"doc_number": r.DocNumber, "issued_on": r.IssuedOn.String(), "issuer": r.Issuer, "title": r.Title}
}

func setRef(f *form, i int, fields map[string]string) {
	for k, v := range fields {
		f.values.Set(refField(i, k), v)
	}
}

func refField(i int, name string) string { return fmt.Sprintf("references[%d].%s", i, name) }

// refCount is one past the highest reference row of the form that holds
// something, so that blank rows sent back are not drawn twice.
func refCount(f *form) int {
	n := 0
	for k, vs := range f.values {
		if m := refIndex.FindStringSubmatch(k); m != nil && strings.TrimSpace(strings.Join(vs, "")) != "" {
			i, _ := strconv.Atoi(m[1])
			n = max(n, min(i+1, 50))
		}
	}
	return n
}

var refIndex = regexp.MustCompile(`^references\[(\d+)\]\.`)

// renumberRefs turns the model's references[i] (among the rows kept) back
// into the form's row numbers, so each error lands beside its row.
func renumberRefs(err error, rows []int) error {
	var v *models.ValidationError
	if !errors.As(err, &v) {
		return err
	}
	for i, fe := range v.Fields {
		if m := refIndex.FindStringSubmatch(fe.Field); m != nil {
			k, _ := strconv.Atoi(m[1])
			if k < len(rows) {
				v.Fields[i].Field = refField(rows[k], strings.TrimPrefix(fe.Field, m[0]))
			}
		}
	}
	return v
}

// addPlanError puts a plan error on the form. A number already used that
// Year is said in the form's words — which plan holds it and, when offer is
// set, the box to tick if the register really does repeat it — rather than
// the API's.
func addPlanError(f *form, err error, rows []int, offer bool) bool {
	var c *models.ConflictError
	if errors.As(err, &c) && c.Field == "doc_number" {
		if ex, ok := c.Existing.(plans.ExistingPlan); ok {
			msg := fmt.Sprintf("Số %s đã được dùng cho kế hoạch “%s” ban hành ngày %s.", ex.DocNumber, ex.Title, ex.IssuedOn.VN())
			if offer {
				msg += " Nếu văn bản gốc thật sự trùng số, hãy đánh dấu “Vẫn ghi nhận số trùng” rồi lưu lại."
			}
			f.duplicate = offer
			f.add("doc_number", msg)
			return true
		}
	}
	return f.addError(renumberRefs(err, rows))
}

// addPlanMissing adds the model's own findings to a form that already failed
// to parse, so every mistake shows at once. The year follows the issue date
// when left blank: a date that could not be read is not also a wrong year.
func addPlanMissing(f *form, in plans.PlanInput, rows []int) {
	err := renumberRefs(in.Validate(), rows)
	if strings.TrimSpace(f.Value("year")) == "" && f.Error("issued_on") != "" {
		err = dropFindings(err, "year")
	}
	f.addMissing(err)
}
