package plans_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image"
	"image/png"
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// pngBytes is a small real PNG (uploads are decoded to make a thumbnail).
var pngBytes = func() []byte {
	var b bytes.Buffer
	_ = png.Encode(&b, image.NewGray(image.Rect(0, 0, 8, 6)))
	return b.Bytes()
}()

func newTask(t *testing.T, w *testfix.World, a *models.Actor, lead int64) *plans.Task {
	t.Helper()
	ctx := context.Background()
	p, err := w.Store.CreatePlan(ctx, a, plans.PlanInput{DocNumber: "06/KH-UBND", IssuedOn: testfix.Date("2024-01-31"),
		Kind: "digital_transformation", Title: "Chuyển đổi số năm 2024"})
	if err != nil {
		t.Fatal(err)
	}
	task, err := w.Store.CreateTask(ctx, a, p.ID, plans.TaskInput{Title: "Hướng dẫn cài VNeID",
		LeadUnitID: lead, StartOn: testfix.Date("2024-09-01"), DueOn: testfix.Date("2024-10-31")})
	if err != nil {
		t.Fatal(err)
	}
	return task
}

func TestProgressStoresEvidenceWithChecksum(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	ctx := context.Background()
	chair := w.Actor(t, w.A, models.RoleChairman)
	task := newTask(t, w, chair, w.A.Hamlet1.ID)
	team := w.Actor(t, w.A, models.RoleTeamMember)
	pct := 100
	res, err := w.Store.ReportProgress(ctx, team, task.ID, plans.ProgressInput{Percent: &pct,
		Files: []plans.NewAttachment{{FileName: `C:\Ảnh\họp dân.png`, Content: pngBytes}}})
	if err != nil {
		t.Fatal(err)
	}
	list, err := w.Store.ListAttachments(ctx, chair, task.ID)
	if err != nil || len(list) != 1 {
		t.Fatalf("attachments %+v, %v", list, err)
	}
	sum := sha256.Sum256(pngBytes)
	got := list[0]
	if got.ProgressID != res.Progress.ID || got.FileName != "họp dân.png" || got.ContentType != "image/png" ||
		got.Checksum() != hex.EncodeToString(sum[:]) || got.Size != int64(len(pngBytes)) {
		t.Fatalf("stored %+v", got)
	}
	meta, content, err := w.Store.GetAttachment(ctx, team, got.ID)
	if err != nil || !bytes.Equal(content, pngBytes) || meta.ID != got.ID {
		t.Fatalf("get: %v", err)
	}
	// Another commune does not see it at all.
	other := w.Actor(t, w.B, models.RoleChairman)
	if _, _, err := w.Store.GetAttachment(ctx, other, got.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("other commune: want not found, got %v", err)
	}
}

func TestProgressRejectsBadEvidence(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	ctx := context.Background()
	chair := w.Actor(t, w.A, models.RoleChairman)
	task := newTask(t, w, chair, w.A.Office.ID)
	pct := 50
	for name, files := range map[string][]plans.NewAttachment{
		"type":      {{FileName: "x.html", Content: []byte("<html><script>alert(1)</script>")}},
		"too_large": {{FileName: "big.pdf", Content: append([]byte("%PDF-1.4\n"), make([]byte, plans.MaxAttachmentBytes)...)}},
		"too_many":  make([]plans.NewAttachment, plans.MaxAttachmentsPerReport+1),
		"empty":     {{FileName: "rong.png"}},
	} {
		_, err := w.Store.ReportProgress(ctx, chair, task.ID, plans.ProgressInput{Percent: &pct, Files: files})
		var v *models.ValidationError
		if !errors.As(err, &v) || v.Fields[0].Field != "files" || v.Fields[0].Code != name {
			t.Errorf("%s: want a files error, got %v", name, err)
		}
	}
	// Nothing of the refused reports was kept.
	if h, _ := w.Store.ListProgress(ctx, chair, task.ID); len(h) != 0 {
		t.Fatalf("refused reports left history: %+v", h)
	}
}
