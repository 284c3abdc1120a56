package handlers_test

import (
	"bytes"
	"context"
	"image"
	_ "image/jpeg" // the thumbnail's decoder
	"net/http"
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
)

// TestPhotoThumbnails (issue 12): a large photo reported from the page gets
// a server-made thumbnail of at most 100 KB, the task page shows it and
// opens the original on tap, and a decompression bomb is refused before
// anything is decoded or recorded.
func TestPhotoThumbnails(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	path := "/nhiem-vu/" + itoa(e.mine.ID) + "/bao-cao"
	photo := testfix.NoisyJPEG(t, 4000, 3000)
	wantStatus(t, e.postFiles(e.team, path, map[string]string{"percent": "60"}, map[string][]byte{"ảnh lớn.jpg": photo}),
		http.StatusSeeOther)
	files, err := e.Store.ListAttachments(context.Background(), e.chairA, e.mine.ID)
	if err != nil || len(files) != 1 {
		t.Fatalf("files: %v %v", files, err)
	}
	id := itoa(files[0].ID)
	wantBody(t, e.get(e.team, "/nhiem-vu/"+itoa(e.mine.ID)),
		`<a href="/tep/`+id+`"><img src="/api/v1/attachments/`+id+`/thumbnail"`)

	th := e.get(e.user(models.RoleSteeringMember), "/api/v1/attachments/"+id+"/thumbnail")
	wantStatus(t, th, http.StatusOK)
	cfg, format, err := image.DecodeConfig(bytes.NewReader(th.Body.Bytes()))
	if err != nil || format != "jpeg" || th.Header().Get("Content-Type") != "image/jpeg" {
		t.Fatalf("thumbnail: %v %s %q", err, format, th.Header().Get("Content-Type"))
	}
	t.Logf("a %d KB 4000×3000 photo: thumbnail %d×%d, %d bytes", len(photo)>>10, cfg.Width, cfg.Height, th.Body.Len())
	if th.Body.Len() > 100<<10 || max(cfg.Width, cfg.Height) != 320 {
		t.Errorf("thumbnail %d×%d of %d bytes", cfg.Width, cfg.Height, th.Body.Len())
	}
	// The original is still the evidence, byte for byte.
	if orig := e.get(e.team, "/tep/"+id); !bytes.Equal(orig.Body.Bytes(), photo) {
		t.Errorf("the original changed: %d bytes", orig.Body.Len())
	}

	rec := e.postFiles(e.team, path, map[string]string{"percent": "70"}, map[string][]byte{"bom.png": testfix.BombPNG(t)})
	wantStatus(t, rec, http.StatusUnprocessableEntity)
	wantBody(t, rec, `id="f-files-error"`, "quá lớn")
	if h, _ := e.Store.ListProgress(context.Background(), e.chairA, e.mine.ID); len(h) != 1 {
		t.Errorf("%d reports after the bomb, want 1", len(h))
	}
}
