package plans

import (
	"fmt"
	"slices"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/docnumber"
)

// PlanStatuses are the lifecycle states of a plan.
var PlanStatuses = []string{"draft", "active", "completed", "cancelled"}

// PlanInput is the body of a plan create, and the state a patch produces.
type PlanInput struct {
	DocNumber        string           `json:"doc_number"`
	IssuedOn         calendar.Date    `json:"issued_on"`
	Year             int              `json:"year"`
	Kind             string           `json:"kind"`
	Title            string           `json:"title"`
	Summary          string           `json:"summary"`
	Status           string           `json:"status"`
	References       []ReferenceInput `json:"references"`
	ConfirmDuplicate bool             `json:"confirm_duplicate"`
	// SteeringUnitID names the steering committee (a unit of kind
	// steering_committee) whose members evaluate the plan's tasks.
	SteeringUnitID *int64 `json:"steering_unit_id"`

	doc docnumber.Number // parsed by Validate
}

// ReferenceInput is one legal basis (căn cứ) cited by a plan.
type ReferenceInput struct {
	DocNumber string        `json:"doc_number"`
	IssuedOn  calendar.Date `json:"issued_on"`
	Issuer    string        `json:"issuer"`
	Title     string        `json:"title"`
}

// PlanPatch is the body of a plan PATCH: absent fields stay as they are.
type PlanPatch struct {
	DocNumber        models.Optional[string]           `json:"doc_number"`
	IssuedOn         models.Optional[calendar.Date]    `json:"issued_on"`
	Year             models.Optional[int]              `json:"year"`
	Kind             models.Optional[string]           `json:"kind"`
	Title            models.Optional[string]           `json:"title"`
	Summary          models.Optional[string]           `json:"summary"`
	Status           models.Optional[string]           `json:"status"`
	References       models.Optional[[]ReferenceInput] `json:"references"`
	ConfirmDuplicate bool                              `json:"confirm_duplicate"`
	SteeringUnitID   models.Optional[*int64]           `json:"steering_unit_id"` // null: no committee
}

// apply overlays the patch on the plan's current state.
func (p PlanPatch) apply(cur *Plan) PlanInput {
	in := PlanInput{
		DocNumber: p.DocNumber.Or(cur.DocNumber), IssuedOn: p.IssuedOn.Or(cur.IssuedOn),
		Year: p.Year.Or(cur.Year), Kind: p.Kind.Or(cur.Kind), Title: p.Title.Or(cur.Title),
		Summary: p.Summary.Or(cur.Summary), Status: p.Status.Or(cur.Status),
		ConfirmDuplicate: p.ConfirmDuplicate || cur.DuplicateConfirmed,
		SteeringUnitID:   p.SteeringUnitID.Or(cur.SteeringUnitID),
	}
	if p.References.Set {
		in.References = p.References.Value
	} else {
		for _, r := range cur.References {
			in.References = append(in.References, ReferenceInput(r))
		}
	}
	return in
}

// Validate normalises the input and lists every invalid field.
func (in *PlanInput) Validate() error {
	v := &models.ValidationError{}
	in.Title, in.Summary = models.CleanText(in.Title), models.CleanText(in.Summary)
	if in.DocNumber == "" {
		v.Add("doc_number", "required", "cần nhập số, ký hiệu kế hoạch (ví dụ 06/KH-UBND)")
	} else if d, err := docnumber.Parse(in.DocNumber); err != nil {
		v.Add("doc_number", "invalid", "%s", err.Error())
	} else if d.Type == "" || d.Party {
		v.Add("doc_number", "invalid", "số kế hoạch phải có dạng số/LOẠI-CƠ QUAN, ví dụ 06/KH-UBND")
	} else {
		in.doc, in.DocNumber = d, d.String()
	}
	if in.IssuedOn.IsZero() {
		v.Add("issued_on", "required", "cần nhập ngày ban hành (YYYY-MM-DD)")
	}
	if in.Year == 0 {
		in.Year = in.IssuedOn.Year
	}
	if in.Year < 1900 || in.Year > 2100 {
		v.Add("year", "out_of_range", "năm kế hoạch phải từ 1900 đến 2100")
	}
	if in.Kind == "" {
		v.Add("kind", "required", "cần chọn loại kế hoạch")
	}
	models.CheckText(v, "title", in.Title, 500, true)
	models.CheckText(v, "summary", in.Summary, 10000, false)
	if in.Status == "" {
		in.Status = "active"
	} else if !slices.Contains(PlanStatuses, in.Status) {
		v.Add("status", "invalid", "trạng thái kế hoạch phải là draft, active, completed hoặc cancelled")
	}
	if in.SteeringUnitID != nil && *in.SteeringUnitID <= 0 {
		v.Add("steering_unit_id", "invalid", "mã ban chỉ đạo không hợp lệ")
	}
	in.validateReferences(v)
	return v.Err()
}

func (in *PlanInput) validateReferences(v *models.ValidationError) {
	if len(in.References) > 50 {
		v.Add("references", "too_many", "tối đa 50 căn cứ")
		return
	}
	for i := range in.References {
		r := &in.References[i]
		field := fmt.Sprintf("references[%d]", i)
		d, err := docnumber.Parse(r.DocNumber)
		if err != nil {
			v.Add(field+".doc_number", "invalid", "%s", err.Error())
		} else {
			r.DocNumber = d.String()
		}
		r.Issuer, r.Title = models.CleanText(r.Issuer), models.CleanText(r.Title)
		models.CheckText(v, field+".issuer", r.Issuer, 200, false)
		models.CheckText(v, field+".title", r.Title, 1000, false)
	}
}
