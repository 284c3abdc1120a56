package handlers_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"net/http"
	"testing"

	"github.com/tiendo/tiendo/models"
)

// noisyJPEG is a w×h photo full of fine detail, the hardest to make small.
func noisyJPEG(t testing.TB, w, h int) []byte {
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range img.Y {
		img.Y[i] = uint8(i%w/16) ^ uint8(r.IntN(64))
	}
	for i := range img.Cb {
		img.Cb[i], img.Cr[i] = uint8(r.IntN(256)), uint8(r.IntN(256))
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 70}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pngBomb is a valid 1×1 PNG whose header claims 100000×100000 pixels.
func pngBomb(t testing.TB) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	p := b.Bytes()
	binary.BigEndian.PutUint32(p[16:], 100000)
	binary.BigEndian.PutUint32(p[20:], 100000)
	binary.BigEndian.PutUint32(p[29:], crc32.ChecksumIEEE(p[12:29]))
	return p
}

// TestPhotoThumbnails (issue 12): a large photo reported from the page gets
// a server-made thumbnail of at most 100 KB, the task page shows it and
// opens the original on tap, and a decompression bomb is refused before
// anything is decoded or recorded.
func TestPhotoThumbnails(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	path := "/nhiem-vu/" + itoa(e.mine.ID) + "/bao-cao"
	photo := noisyJPEG(t, 4000, 3000)
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

	rec := e.postFiles(e.team, path, map[string]string{"percent": "70"}, map[string][]byte{"bom.png": pngBomb(t)})
	wantStatus(t, rec, http.StatusUnprocessableEntity)
	wantBody(t, rec, `id="f-files-error"`, "quá lớn")
	if h, _ := e.Store.ListProgress(context.Background(), e.chairA, e.mine.ID); len(h) != 1 {
		t.Errorf("%d reports after the bomb, want 1", len(h))
	}
}
