package photo

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
)

// withOrientation inserts an EXIF block with orientation o after the SOI.
func withOrientation(jpg []byte, o byte) []byte {
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00")
	tiff[19] = o
	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := append([]byte{0xFF, 0xE1, 0, byte(len(seg) + 2)}, seg...)
	return append(append(append([]byte{}, jpg[:2]...), app1...), jpg[2:]...)
}

// TestThumbnailIsUpright: a phone's portrait photo (landscape pixels, EXIF
// orientation 6) gives a portrait thumbnail whose top is the photo's left.
func TestThumbnailIsUpright(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 400, 200))
	for y := range 200 {
		for x := range 400 {
			c := color.RGBA{R: 255, A: 255}
			if x >= 200 {
				c = color.RGBA{B: 255, A: 255}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	_ = jpeg.Encode(&b, img, nil)
	for o, want := range map[byte][2]int{1: {320, 160}, 3: {320, 160}, 6: {160, 320}, 8: {160, 320}} {
		photo := withOrientation(b.Bytes(), o)
		if got := jpegOrientation(photo); got != int(o) {
			t.Fatalf("orientation %d read as %d", o, got)
		}
		th, err := Thumbnail(photo)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := jpeg.Decode(bytes.NewReader(th.Content))
		if got.Bounds().Dx() != want[0] || got.Bounds().Dy() != want[1] {
			t.Errorf("orientation %d: %v, want %v", o, got.Bounds().Size(), want)
		}
		if o == 6 { // turned clockwise: the photo's left (red) is on top
			r, _, bl, _ := got.At(80, 10).RGBA()
			if r < bl {
				t.Errorf("orientation 6: the top is not the photo's left side")
			}
		}
	}
}

// FuzzJPEGOrientation: whatever the bytes, reading the orientation neither
// panics nor answers outside 1–8.
func FuzzJPEGOrientation(f *testing.F) {
	var b bytes.Buffer
	_ = jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 4, 4)), nil)
	f.Add(withOrientation(b.Bytes(), 6))
	f.Add(b.Bytes())
	f.Add([]byte("\xff\xd8\xff\xe1\x00\x08Exif\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if o := jpegOrientation(data); o < 1 || o > 8 {
			t.Fatalf("orientation %d", o)
		}
	})
}
