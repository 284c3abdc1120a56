package plans

import (
	"encoding/json"

	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/jsonw"
)

// AppendJSON appends the task as encoding/json would write it, without
// reflection: task lists are the API's hottest answer (issue 15's profile of
// "my tasks" spent a fifth of the server's time in encoding/json). A field
// added to Task must be added here too: TestTaskJSONMatchesEncodingJSON and
// FuzzTaskJSON compare the two on every field.
func (t *Task) AppendJSON(b []byte) []byte {
	b = jsonw.Int(jsonw.Key(append(b, '{'), "id", true), t.ID)
	b = jsonw.Int(jsonw.Key(b, "plan_id", false), t.PlanID)
	b = jsonw.String(jsonw.Key(b, "title", false), t.Title)
	b = jsonw.String(jsonw.Key(b, "description", false), t.Description)
	b = jsonw.Int(jsonw.Key(b, "lead_unit_id", false), t.LeadUnitID)
	b = jsonw.Int64s(jsonw.Key(b, "supporting_unit_ids", false), t.SupportingUnitIDs)
	b = jsonw.Int64s(jsonw.Key(b, "assignee_ids", false), t.AssigneeIDs)
	b = appendDate(jsonw.Key(b, "start_on", false), t.StartOn)
	b = appendDate(jsonw.Key(b, "due_on", false), t.DueOn)
	b = jsonw.Ptr(jsonw.Key(b, "target_value", false), t.TargetValue, jsonw.Float)
	b = jsonw.String(jsonw.Key(b, "target_unit", false), t.TargetUnit)
	b = jsonw.Float(jsonw.Key(b, "weight", false), t.Weight)
	b = jsonw.Int(jsonw.Key(b, "percent", false), int64(t.Percent))
	b = jsonw.Ptr(jsonw.Key(b, "actual_value", false), t.ActualValue, jsonw.Float)
	b = jsonw.String(jsonw.Key(b, "status", false), t.Status)
	b = jsonw.Ptr(jsonw.Key(b, "completed_at", false), t.CompletedAt, jsonw.Time)
	b = jsonw.Ptr(jsonw.Key(b, "cancelled_at", false), t.CancelledAt, jsonw.Time)
	b = jsonw.Ptr(jsonw.Key(b, "last_progress_at", false), t.LastProgressAt, jsonw.Time)
	b = jsonw.Ptr(jsonw.Key(b, "accepted_at", false), t.AcceptedAt, jsonw.Time)
	b = jsonw.Ptr(jsonw.Key(b, "accepted_by", false), t.AcceptedBy, jsonw.Int)
	b = jsonw.Int(jsonw.Key(b, "version", false), int64(t.Version))
	b = jsonw.Time(jsonw.Key(b, "created_at", false), t.CreatedAt)
	b = jsonw.Time(jsonw.Key(b, "updated_at", false), t.UpdatedAt)
	b = jsonw.Ptr(jsonw.Key(b, "series_id", false), t.SeriesID, jsonw.Int)
	b = appendDate(jsonw.Key(b, "occurrence_on", false), t.OccurrenceOn)
	b = jsonw.Ptr(jsonw.Key(b, "report_every", false), t.ReportEvery, jsonw.String)
	b = jsonw.Int(jsonw.Key(b, "report_grace_days", false), int64(t.ReportGraceDays))
	b = jsonw.Ptr(jsonw.Key(b, "original_due_on", false), t.OriginalDueOn, appendDate)
	b = jsonw.Ptr(jsonw.Key(b, "returned_at", false), t.ReturnedAt, jsonw.Time)
	b = jsonw.String(jsonw.Key(b, "return_note", false), t.ReturnNote)
	b = jsonw.Ptr(jsonw.Key(b, "parent_id", false), t.ParentID, jsonw.Int)
	b = jsonw.Int64s(jsonw.Key(b, "subtask_ids", false), t.SubtaskIDs)
	// The single-task read's extras, rare and never in a list: as they are.
	if t.Extensions != nil {
		b = appendMarshalled(jsonw.Key(b, "extensions", false), t.Extensions)
	}
	if len(t.Warnings) > 0 {
		b = appendMarshalled(jsonw.Key(b, "warnings", false), t.Warnings)
	}
	return append(b, '}')
}

// appendDate appends a date as calendar.Date.MarshalJSON writes it.
func appendDate(b []byte, d calendar.Date) []byte {
	if d.IsZero() {
		return jsonw.Null(b)
	}
	return append(d.AppendText(append(b, '"')), '"') // digits and dashes: nothing to escape
}

// appendMarshalled appends v through encoding/json (values that cannot fail).
func appendMarshalled(b []byte, v any) []byte {
	out, err := json.Marshal(v)
	if err != nil {
		return jsonw.Null(b)
	}
	return append(b, out...)
}
