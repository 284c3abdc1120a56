package statistics

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// A report is sent (gửi báo cáo) when the chairman freezes it: the content as
// built that moment becomes a numbered version of the commune's report for
// the period, with its DOCX and XLSX kept beside it, and the province's
// accounts find it in their inbox. A correction is the next version and
// names the one it replaces; nothing sent is ever changed (migration 00032).

// sentQueries keep and read sent versions, the province's deadlines and its
// notices.
type sentQueries struct {
	Insert        *sqlx.Stmt `query:"insert-report-version"`
	InsertFile    *sqlx.Stmt `query:"insert-report-version-file"`
	Notify        *sqlx.Stmt `query:"notify-province"`
	List          *sqlx.Stmt `query:"list-report-versions"`
	Latest        *sqlx.Stmt `query:"province-latest-versions"`
	CommuneOf     *sqlx.Stmt `query:"report-version-commune"`
	File          *sqlx.Stmt `query:"report-version-file"`
	Content       *sqlx.Stmt `query:"report-version-content"`
	States        *sqlx.Stmt `query:"province-report-states"`
	Deadline      *sqlx.Stmt `query:"report-deadline"`
	Deadlines     *sqlx.Stmt `query:"list-report-deadlines"`
	SetDeadline   *sqlx.Stmt `query:"upsert-report-deadline"`
	PlanReportDue *sqlx.Stmt `query:"plan-report-due"`
	Notices       *sqlx.Stmt `query:"province-notices"`
	ReadNotices   *sqlx.Stmt `query:"read-province-notices"`
}

// SentFormats are the files kept with a sent version: the document to sign
// and the spreadsheet to check.
var SentFormats = []string{"docx", "xlsx"}

// ReportVersion is one sent version of a commune's period report.
type ReportVersion struct {
	ID              int64          `json:"id" db:"id"`
	CommuneID       int64          `json:"commune_id" db:"commune_id"`
	CommuneName     string         `json:"commune_name" db:"commune_name"`
	Period          string         `json:"period" db:"period"`
	PeriodStart     calendar.Date  `json:"period_start" db:"period_start"`
	PeriodEnd       calendar.Date  `json:"period_end" db:"period_end"`
	Version         int            `json:"version" db:"version"`
	ReplacesVersion *int           `json:"replaces_version" db:"replaces_version"`
	CutoffOn        calendar.Date  `json:"cutoff_on" db:"cutoff_on"`
	Note            string         `json:"note" db:"note"`
	SentAt          time.Time      `json:"sent_at" db:"sent_at"`
	SentByName      string         `json:"sent_by_name" db:"sent_by_name"`
	Formats         pq.StringArray `json:"-" db:"formats"`
	Files           []VersionFile  `json:"files" db:"-"`
}

// VersionFile links a kept file of a sent version.
type VersionFile struct {
	Format string `json:"format"`
	URL    string `json:"url"`
}

// VersionFileURL is where a kept file of version id is downloaded, by the
// commune and by its province alike.
func VersionFileURL(id int64, format string) string {
	return "/api/v1/report-versions/" + strconv.FormatInt(id, 10) + "/files/" + format
}

// links lists the kept files and the content as sent (JSON).
func (v *ReportVersion) links() {
	v.Files = make([]VersionFile, 0, len(v.Formats)+1)
	for _, f := range append(v.Formats, "json") {
		v.Files = append(v.Files, VersionFile{Format: f, URL: VersionFileURL(v.ID, f)})
	}
}

// SendInput is what the chairman says when sending: for a correction, why.
type SendInput struct {
	Note string `json:"note"`
}

// ReportToSend builds the report the actor is about to send, refusing
// first those who may not send it: the files are rendered from this very
// report (statistics/reports), then SendReport freezes both.
func (s *Store) ReportToSend(ctx context.Context, a *models.Actor, p Period) (*Report, error) {
	if !a.CanSendReport() {
		return nil, models.ErrForbidden
	}
	r, err := s.BuildReport(ctx, a, ReportOptions{Period: p})
	if err != nil {
		return nil, err
	}
	// The data-quality findings are the commune's own checks: what is sent
	// (the files, and the content kept as JSON) leaves them out.
	r.Quality = []Finding{}
	return r, nil
}

// SendReport keeps r as the next version of the commune's report of its
// period, with its rendered files, tells the province's accounts and
// audits it, all in one transaction.
func (s *Store) SendReport(ctx context.Context, a *models.Actor, r *Report, in SendInput, files []ReportFile) (*ReportVersion, error) {
	if !a.CanSendReport() {
		return nil, models.ErrForbidden
	}
	v := &models.ValidationError{}
	in.Note = models.CleanText(in.Note)
	models.CheckText(v, "note", in.Note, 2000, false)
	if err := v.Err(); err != nil {
		return nil, err
	}
	content, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	var out *ReportVersion
	err = s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		out, err = s.keepVersion(t, a, r, in.Note, content, files)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// keepVersion writes the next version with its files, the province's
// notices and the audit row, in t.
func (s *Store) keepVersion(t *models.Tx, a *models.Actor, r *Report, note string, content []byte, files []ReportFile) (*ReportVersion, error) {
	now := s.Clock().Now()
	var id int64
	if err := t.Bind(s.sentQ.Insert).Get(&id, a.CommuneID, r.Period.Code, r.Period.Start, r.Period.End,
		r.CutoffOn, note, content, now, a.UserID); err != nil {
		return nil, err
	}
	for _, f := range files {
		if _, err := t.Bind(s.sentQ.InsertFile).Exec(a.CommuneID, id, f.Format, f.FileName, f.ContentType,
			f.Content); err != nil {
			return nil, err
		}
	}
	if _, err := t.Bind(s.sentQ.Notify).Exec(a.CommuneID, id, now); err != nil {
		return nil, err
	}
	v, err := s.versionIn(t, a.CommuneID, id, r.Period)
	if err != nil {
		return nil, err
	}
	return v, s.Audit(t, a, "send", "report_version", id, nil, v)
}

// versionIn reads back version id of the commune's report of p.
func (s *Store) versionIn(t *models.Tx, communeID, id int64, p Period) (*ReportVersion, error) {
	list, err := s.versionsIn(t, communeID, &p)
	if err != nil {
		return nil, err
	}
	for i := range list {
		if list[i].ID == id {
			return &list[i], nil
		}
	}
	return nil, models.ErrNotFound
}

// versionsIn lists the commune's sent versions of p (nil: of every period).
func (s *Store) versionsIn(t *models.Tx, communeID int64, p *Period) ([]ReportVersion, error) {
	var start, end any
	if p != nil {
		start, end = p.Start, p.End
	}
	out := []ReportVersion{}
	if err := t.Bind(s.sentQ.List).Select(&out, communeID, start, end); err != nil {
		return nil, err
	}
	for i := range out {
		out[i].links()
	}
	return out, nil
}

// PeriodVersions are the sent versions of a period's report, newest first,
// with the date the province awaits it.
type PeriodVersions struct {
	Period   Period          `json:"period"`
	DueOn    *calendar.Date  `json:"due_on"`
	Versions []ReportVersion `json:"versions"`
}

// ReportVersions lists the actor's commune's sent versions of p (every
// member reads them, as they read the report), or, for a province
// account's look at a commune, that commune's.
func (s *Store) ReportVersions(ctx context.Context, a *models.Actor, p Period) (*PeriodVersions, error) {
	if !a.CanReadStats() && !a.ViewsFromProvince() {
		return nil, models.ErrForbidden
	}
	out := &PeriodVersions{Period: p}
	err := s.ReadIn(ctx, a, func(t *models.Tx) error {
		var err error
		if out.Versions, err = s.versionsIn(t, a.CommuneID, &p); err != nil {
			return err
		}
		d, err := s.deadlineIn(t, a.Commune.Province, p)
		if d != nil {
			out.DueOn = &d.DueOn
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ReportVersionFile returns a kept file of a sent version: to the members
// of its commune, and to the accounts of its province.
func (s *Store) ReportVersionFile(ctx context.Context, a *models.Actor, id int64, format string) (*ReportFile, error) {
	f := &ReportFile{Format: format}
	read := func(t *models.Tx) error {
		var communeID int64
		if err := t.Bind(s.sentQ.CommuneOf).Get(&communeID, id); err != nil {
			return models.NotFound(err)
		}
		if format == "json" {
			f.FileName, f.ContentType = "bao-cao-"+strconv.FormatInt(id, 10)+".json", "application/json"
			return models.NotFound(t.Bind(s.sentQ.Content).Get(&f.Content, communeID, id))
		}
		return models.NotFound(t.Bind(s.sentQ.File).Get(f, communeID, id, format))
	}
	var err error
	switch {
	case a.IsProvinceViewer():
		err = s.InProvince(ctx, a.Commune.Province, read)
	case a.CanReadStats():
		err = s.InCommune(ctx, a.CommuneID, read)
	default:
		return nil, models.ErrForbidden
	}
	if err != nil {
		return nil, err
	}
	return f, nil
}
