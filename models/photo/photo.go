// Package photo makes the thumbnails of evidence photos: the header is
// checked before any pixel is decoded (a decompression bomb is refused),
// the picture is turned upright as its EXIF orientation says, and the
// result is a small JPEG a phone on a weak signal loads at once.
package photo

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	_ "image/png" // decoders for the accepted photo types
	"math"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp"
)

// Thumbnail limits: 320 px on the long side is sharp at the page's 120 px on
// a phone's 2–3× screen, and at most 100 KB keeps a report's list light on
// a rural mobile connection.
const (
	ThumbnailSide     = 320
	MaxThumbnailBytes = 100 << 10
	// MaxPhotoPixels bounds what a photo may decode to: 50 megapixels covers
	// phone cameras, while a "decompression bomb" (a few KB of PNG claiming
	// 100000×100000) is refused from its header before any pixel is decoded.
	MaxPhotoPixels = 50_000_000
)

// ErrTooManyPixels and ErrNotDecodable explain why a photo has no thumbnail.
var (
	ErrTooManyPixels = errors.New("too many pixels")
	ErrNotDecodable  = errors.New("not a decodable image")
)

// Thumb is a photo's thumbnail: JPEG bytes and their size in pixels.
type Thumb struct {
	Content       []byte
	Width, Height int
}

// CheckHeader reads only the header of a photo and refuses one whose
// dimensions are absurd or too large to decode safely.
func CheckHeader(b []byte) error {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return ErrNotDecodable
	}
	if cfg.Width > MaxPhotoPixels/cfg.Height || cfg.Width*cfg.Height > MaxPhotoPixels {
		return ErrTooManyPixels
	}
	return nil
}

// Thumbnail scales a photo (JPEG, PNG or WebP) to fit ThumbnailSide,
// turns it upright as its EXIF orientation says, and encodes it as JPEG under MaxThumbnailBytes, lowering the quality (then the
// side) until it fits. The header is checked first: nothing is decoded from
// a photo that claims more than MaxPhotoPixels.
func Thumbnail(b []byte) (*Thumb, error) {
	if err := CheckHeader(b); err != nil {
		return nil, err
	}
	src, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, ErrNotDecodable
	}
	side, orientation := ThumbnailSide, jpegOrientation(b)
	for {
		dst := oriented(scaled(src, side), orientation)
		for _, q := range []int{80, 65, 50} {
			var out bytes.Buffer
			if err := jpeg.Encode(&out, dst, &jpeg.Options{Quality: q}); err != nil {
				return nil, err
			}
			if out.Len() <= MaxThumbnailBytes {
				return &Thumb{Content: out.Bytes(), Width: dst.Bounds().Dx(), Height: dst.Bounds().Dy()}, nil
			}
		}
		side /= 2 // only noise defeats JPEG at 320 px and quality 50
	}
}

// scaled is src fitted within side×side (never enlarged), on white: a PNG's
// transparent background would turn black in JPEG.
func scaled(src image.Image, side int) *image.RGBA {
	w, h := src.Bounds().Dx(), src.Bounds().Dy()
	if f := float64(side) / float64(max(w, h)); f < 1 {
		w = max(1, int(math.Round(float64(w)*f)))
		h = max(1, int(math.Round(float64(h)*f)))
	}
	if sw, sh := src.Bounds().Dx(), src.Bounds().Dy(); sw > 4*w && sh > 4*h {
		// CatmullRom's cost grows with the source: halve a large photo
		// cheaply to twice the target first, then filter properly.
		mid := image.NewRGBA(image.Rect(0, 0, 2*w, 2*h))
		draw.ApproxBiLinear.Scale(mid, mid.Bounds(), src, src.Bounds(), draw.Src, nil)
		src = mid
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.White, image.Point{}, draw.Src)
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Over, nil)
	return dst
}
