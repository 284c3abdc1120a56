package handlers_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// TestUndecodablePhotoShowsItsFileLink: an old upload stored as a photo whose
// bytes do not decode has no thumbnail. The API keeps answering 404 for it,
// and once that has been found out the task page links the file (📄 name)
// instead of showing a broken <img>, on every later view.
func TestUndecodablePhotoShowsItsFileLink(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	id := e.oldUndecodablePhoto(t)
	img := `<img src="/api/v1/attachments/` + id + `/thumbnail"`
	link := `<a class="file" href="/tep/` + id + `">📄 hong.png</a>`

	wantStatus(t, e.get(e.team, "/api/v1/attachments/"+id+"/thumbnail"), http.StatusNotFound)
	for range 2 {
		page := e.get(e.team, "/nhiem-vu/"+itoa(e.mine.ID))
		wantStatus(t, page, http.StatusOK)
		if strings.Contains(page.Body.String(), img) {
			t.Errorf("the task page still shows a broken image for photo %s", id)
		}
		wantBody(t, page, link)
		// Known to be impossible: still a 404, without decoding again.
		wantStatus(t, e.get(e.team, "/api/v1/attachments/"+id+"/thumbnail"), http.StatusNotFound)
	}
	// Another commune still hears only 404 and sees nothing of it.
	wantStatus(t, e.get(e.B.Users[models.RoleChairman].Username, "/api/v1/attachments/"+id+"/thumbnail"),
		http.StatusNotFound)
}

// oldUndecodablePhoto stores, the way rows from before migration 00026 were
// written, a PNG whose bytes are broken, in a report on e.mine; it returns its id.
func (e *pageEnv) oldUndecodablePhoto(t *testing.T) string {
	t.Helper()
	half := 50
	res, err := e.Store.ReportProgress(context.Background(), e.chairA, e.mine.ID, plans.ProgressInput{Percent: &half})
	if err != nil {
		t.Fatal(err)
	}
	broken := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 64)...)
	tx := e.DB.MustBegin()
	defer func() { _ = tx.Rollback() }()
	tx.MustExec(`SELECT set_config('tiendo.commune_id', $1::text, true)`, e.A.Info.ID)
	var id int64
	err = tx.Get(&id, `INSERT INTO attachments (commune_id, task_id, progress_id, uploaded_by, file_name,
		content_type, size_bytes, sha256, content, created_at)
		VALUES ($1, $2, $3, $4, 'hong.png', 'image/png', $5, sha256($6), $6, now()) RETURNING id`,
		e.A.Info.ID, e.mine.ID, res.Progress.ID, e.chairA.UserID, len(broken), broken)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return itoa(id)
}
