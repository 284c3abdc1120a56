package plans_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"testing"
	"time"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/photo"
	"github.com/tiendo/tiendo/models/plans"
)

// bigPhoto is a 4000×3000 photo full of fine detail that still fits an upload.
func bigPhoto(t testing.TB) []byte {
	b := testfix.NoisyJPEG(t, 4000, 3000)
	if len(b) > plans.MaxAttachmentBytes {
		t.Fatalf("test photo too large to upload: %d bytes", len(b))
	}
	return b
}

func TestThumbnailOfALargePhotoIsSmall(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	ctx, chair := context.Background(), w.Actor(t, w.A, models.RoleChairman)
	task := newTask(t, w, chair, w.A.Office.ID)
	pic, half := bigPhoto(t), 50
	start := time.Now()
	if _, err := w.Store.ReportProgress(ctx, chair, task.ID, plans.ProgressInput{Percent: &half,
		Files: []plans.NewAttachment{{FileName: "ảnh lớn.jpg", Content: pic}}}); err != nil {
		t.Fatal(err)
	}
	t.Logf("report with a %d KB 12 MP photo: %v", len(pic)>>10, time.Since(start))
	files, _ := w.Store.ListAttachments(ctx, chair, task.ID)
	th, err := w.Store.AttachmentThumbnail(ctx, chair, files[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(th.Content))
	if err != nil || format != "jpeg" {
		t.Fatalf("thumbnail is not a JPEG: %v %s", err, format)
	}
	t.Logf("thumbnail %d×%d, %d bytes", cfg.Width, cfg.Height, len(th.Content))
	if len(th.Content) > photo.MaxThumbnailBytes || cfg.Width != 320 || cfg.Height != 240 {
		t.Errorf("thumbnail %d×%d, %d bytes; want 320×240 within %d", cfg.Width, cfg.Height, len(th.Content),
			photo.MaxThumbnailBytes)
	}
}

func TestPhotoBombIsRefusedFromItsHeader(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	ctx, chair := context.Background(), w.Actor(t, w.A, models.RoleChairman)
	task := newTask(t, w, chair, w.A.Office.ID)
	half := 50
	for name, content := range map[string][]byte{
		"bom.png":  testfix.BombPNG(t),
		"hong.png": append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 64)...),
	} {
		_, err := w.Store.ReportProgress(ctx, chair, task.ID, plans.ProgressInput{Percent: &half,
			Files: []plans.NewAttachment{{FileName: name, Content: content}}})
		var v *models.ValidationError
		if !errors.As(err, &v) || v.Fields[0].Field != "files" {
			t.Errorf("%s: %v, want a validation error on files", name, err)
		}
	}
	if h, _ := w.Store.ListProgress(ctx, chair, task.ID); len(h) != 0 {
		t.Errorf("a refused report was recorded")
	}
}

// TestOldPhotoGetsItsThumbnailOnFirstView: a photo stored before thumbnails
// existed (no row in attachment_thumbnails) gets one when first asked for,
// and keeps it.
func TestOldPhotoGetsItsThumbnailOnFirstView(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	ctx, chair := context.Background(), w.Actor(t, w.A, models.RoleChairman)
	task := newTask(t, w, chair, w.A.Office.ID)
	half := 50
	res, err := w.Store.ReportProgress(ctx, chair, task.ID, plans.ProgressInput{Percent: &half})
	if err != nil {
		t.Fatal(err)
	}
	var pic bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 800, 600))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	img.Set(0, 0, color.White)
	_ = png.Encode(&pic, img)
	var id int64
	// Written directly, the way rows from before migration 00026 look.
	tx := w.DB.MustBegin()
	defer func() { _ = tx.Rollback() }()
	tx.MustExec(`SELECT set_config('tiendo.commune_id', $1::text, true)`, w.A.Info.ID)
	err = tx.Get(&id, `INSERT INTO attachments (commune_id, task_id, progress_id, uploaded_by, file_name,
		content_type, size_bytes, sha256, content, created_at)
		VALUES ($1, $2, $3, $4, 'cu.png', 'image/png', $5, sha256($6), $6, now()) RETURNING id`,
		w.A.Info.ID, task.ID, res.Progress.ID, chair.UserID, pic.Len(), pic.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	count := func() (n int) {
		tx := w.DB.MustBegin()
		defer func() { _ = tx.Rollback() }()
		tx.MustExec(`SELECT set_config('tiendo.commune_id', $1::text, true)`, w.A.Info.ID)
		_ = tx.Get(&n, `SELECT count(*) FROM attachment_thumbnails WHERE attachment_id = $1`, id)
		return n
	}
	if count() != 0 {
		t.Fatal("the old photo already has a thumbnail")
	}
	th, err := w.Store.AttachmentThumbnail(ctx, chair, id)
	if err != nil || th.Width != 320 || th.Height != 240 {
		t.Fatalf("backfilled thumbnail: %+v %v", th, err)
	}
	if count() != 1 {
		t.Errorf("the backfilled thumbnail was not kept")
	}
	if _, err := w.Store.AttachmentThumbnail(ctx, w.Actor(t, w.B, models.RoleChairman), id); err != models.ErrNotFound {
		t.Errorf("another commune's photo: %v, want not found", err)
	}
}
