package statistics

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/lib/pq"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/vn"
)

// DossierInput is the body of a period's dossier statistics; it replaces
// whatever was recorded for the period before.
type DossierInput struct {
	Received            *int          `json:"received"`
	CarriedOver         *int          `json:"carried_over"`
	Resolved            *int          `json:"resolved"`
	ResolvedOnTime      *int          `json:"resolved_on_time"`
	NoAppointment       *int          `json:"no_appointment"`
	AsOf                calendar.Date `json:"as_of"`
	Source              string        `json:"source"`
	Note                string        `json:"note"`
	Channels            []DossierLine `json:"channels"`
	Fields              []DossierLine `json:"fields"`
	LinkedGroups        []DossierLine `json:"linked_groups"`
	NoAppointmentFields []DossierLine `json:"no_appointment_fields"`
}

// DossierLabels are the built-in breakdown keys and how the reports name them.
var DossierLabels = map[string]map[string]string{
	DimChannel: {"online_full": "Trực tuyến toàn trình", "online_partial": "Một phần trực tuyến",
		"in_person": "Trực tiếp", "postal": "Qua dịch vụ bưu chính công ích (BCCI)"},
	DimField: {"civil_status": "Hộ tịch", "certification": "Chứng thực", "employment": "Việc làm",
		"land": "Đất đai", "social": "Bảo trợ xã hội", "other": "Lĩnh vực khác"},
	DimLinkedGroup: {"birth": "Đăng ký khai sinh, đăng ký thường trú, cấp thẻ BHYT cho trẻ em dưới 6 tuổi",
		"death": "Đăng ký khai tử, xóa đăng ký thường trú, giải quyết mai táng phí, tử tuất"},
}

// MaxDossiers bounds one count; a commune handles a few thousand a year.
const MaxDossiers = 10_000_000

var lineKey = regexp.MustCompile(`^[a-z][a-z0-9_]{0,49}$`)

// Validate normalises the input and lists every invalid field.
func (in *DossierInput) Validate() error {
	v := &models.ValidationError{}
	count := func(field string, n *int, required bool) {
		switch {
		case n == nil && required:
			v.Add(field, "required", "cần nhập số hồ sơ")
		case n != nil && (*n < 0 || *n > MaxDossiers):
			v.Add(field, "out_of_range", "số hồ sơ phải từ 0 đến %d", MaxDossiers)
		}
	}
	count("received", in.Received, true)
	count("carried_over", in.CarriedOver, false)
	count("resolved", in.Resolved, true)
	count("resolved_on_time", in.ResolvedOnTime, false)
	count("no_appointment", in.NoAppointment, false)
	in.Source, in.Note = models.CleanText(in.Source), models.CleanText(in.Note)
	models.CheckText(v, "source", in.Source, 500, false)
	models.CheckText(v, "note", in.Note, 2000, false)
	validateLines(v, "channels", DimChannel, in.Channels, count)
	validateLines(v, "fields", DimField, in.Fields, count)
	validateLines(v, "linked_groups", DimLinkedGroup, in.LinkedGroups, count)
	validateLines(v, "no_appointment_fields", DimField, in.NoAppointmentFields, count)
	if v.Err() == nil {
		in.checkResolvable(v)
	}
	return v.Err()
}

// checkResolvable refuses more resolved than the period could resolve: what
// it received plus the backlog carried over (a 400 on resolved, so the form
// shows it there). Rows stored before carried_over existed are flagged by
// the data-quality check instead (dossiers_check.go).
func (in *DossierInput) checkResolvable(v *models.ValidationError) {
	if in.CarriedOver == nil {
		zero := 0
		in.CarriedOver = &zero
	}
	if total := *in.Received + *in.CarriedOver; *in.Resolved > total {
		v.Add("resolved", "above_total", "số đã giải quyết (%s) lớn hơn số phải giải quyết: %s tiếp nhận trong kỳ + %s kỳ trước chuyển sang = %s",
			vn.FormatInt(*in.Resolved), vn.FormatInt(*in.Received), vn.FormatInt(*in.CarriedOver), vn.FormatInt(total))
	}
}

// validateLines checks one breakdown: known or labelled keys, each once, a
// parent that is a top-level line of the same breakdown.
func validateLines(v *models.ValidationError, field, dim string, lines []DossierLine, count func(string, *int, bool)) {
	if len(lines) > 50 {
		v.Add(field, "too_many", "tối đa 50 dòng")
		return
	}
	keys := map[string]bool{}
	for i := range lines {
		l := &lines[i]
		f := fmt.Sprintf("%s[%d]", field, i)
		l.Key, l.Label = strings.TrimSpace(l.Key), models.CleanText(l.Label)
		known, builtin := DossierLabels[dim][l.Key]
		switch {
		case !lineKey.MatchString(l.Key):
			v.Add(f+".key", "invalid", "mã dòng gồm chữ thường không dấu, số và _")
		case dim == DimChannel && !builtin:
			v.Add(f+".key", "invalid", "kênh phải là online_full, online_partial, in_person hoặc postal")
		case keys[l.Key]:
			v.Add(f+".key", "duplicate", "mã %s xuất hiện hai lần", l.Key)
		}
		keys[l.Key] = true
		if l.Label == "" {
			l.Label = known
		}
		models.CheckText(v, f+".label", l.Label, 300, !builtin)
		count(f+".received", l.Received, l.Resolved == nil)
		count(f+".resolved", l.Resolved, false)
	}
	checkParents(v, field, lines)
}

// checkParents allows one level of "of which": a parent must be another,
// top-level line of the same breakdown.
func checkParents(v *models.ValidationError, field string, lines []DossierLine) {
	for i, l := range lines {
		if l.Parent == nil || *l.Parent == "" {
			lines[i].Parent = nil
			continue
		}
		p := slices.IndexFunc(lines, func(o DossierLine) bool { return o.Key == *l.Parent })
		if p < 0 || p == i || (lines[p].Parent != nil && *lines[p].Parent != "") {
			v.Add(fmt.Sprintf("%s[%d].parent", field, i), "invalid", "dòng cha phải là một dòng khác, cấp trên cùng, của cùng bảng")
		}
	}
}

// RecordDossierStats records the statistics of period p, replacing any
// recorded before (the audit log keeps the old figures).
func (s *Store) RecordDossierStats(ctx context.Context, a *models.Actor, p Period, in DossierInput) (*DossierStats, error) {
	if !a.CanRecordStats() {
		return nil, models.ErrForbidden
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var out *DossierStats
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		before, err := s.DossierStatsIn(t, a.CommuneID, p)
		if err != nil {
			return err
		}
		id, err := s.WriteDossierStats(t, a, p, &in)
		if err != nil {
			return err
		}
		if out, err = s.DossierStatsIn(t, a.CommuneID, p); err != nil {
			return err
		}
		return s.Audit(t, a, "record", "dossier_stats", id, before, out)
	})
	return out, err
}

// WriteDossierStats upserts the record and replaces its lines.
func (s *Store) WriteDossierStats(t *models.Tx, a *models.Actor, p Period, in *DossierInput) (int64, error) {
	var id int64
	if err := t.Bind(s.dosQ.Upsert).Get(&id, a.CommuneID, p.Code, p.Start, p.End, *in.Received, *in.Resolved,
		in.ResolvedOnTime, in.NoAppointment, in.AsOf, in.Source, in.Note, models.NullID(a.UserID), s.Clock().Now(),
		derefInt(in.CarriedOver)); err != nil {
		return 0, err
	}
	if _, err := t.Bind(s.dosQ.DeleteLines).Exec(a.CommuneID, id); err != nil {
		return 0, err
	}
	var dims, keys, labels, parents pq.StringArray
	var received, resolved []sql.NullInt64
	var pos pq.Int64Array
	add := func(dim string, lines []DossierLine) {
		for i, l := range lines {
			dims, keys, labels = append(dims, dim), append(keys, l.Key), append(labels, l.Label)
			parents = append(parents, deref(l.Parent))
			received, resolved = append(received, nullInt64(l.Received)), append(resolved, nullInt64(l.Resolved))
			pos = append(pos, int64(i))
		}
	}
	add(DimChannel, in.Channels)
	add(DimField, in.Fields)
	add(DimLinkedGroup, in.LinkedGroups)
	add(DimNoAppointment, in.NoAppointmentFields)
	_, err := t.Bind(s.dosQ.InsertLines).Exec(a.CommuneID, id, dims, keys, labels, parents,
		pq.Array(received), pq.Array(resolved), pos)
	return id, err
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func nullInt64(n *int) sql.NullInt64 {
	if n == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: int64(*n), Valid: true}
}
