package plans

import (
	"context"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/photo"
)

// StoredThumb is a photo's thumbnail as served: JPEG bytes and a tag that
// changes only if the original does (its checksum).
type StoredThumb struct {
	photo.Thumb
	ETag string
}

// insertThumbnail stores a photo's thumbnail in the caller's transaction.
func (s *Store) insertThumbnail(t *models.Tx, communeID, attachmentID int64, th *photo.Thumb, now time.Time) error {
	_, err := t.Bind(s.attachQ.InsertThumb).Exec(communeID, attachmentID, th.Width, th.Height, th.Content, now)
	return err
}

// AttachmentThumbnail returns the thumbnail of an evidence photo of the
// actor's commune; whoever can open the photo can see it. A photo uploaded
// before thumbnails existed gets one now, made while no row is locked and
// stored for the next view. A PDF, or an old photo that cannot be decoded
// safely, has none: ErrNotFound. The first view that finds a photo cannot
// be decoded records it, so pages link the file from then on and later views
// answer without reading the original again.
func (s *Store) AttachmentThumbnail(ctx context.Context, a *models.Actor, id int64) (*StoredThumb, error) {
	var row struct {
		ContentType string  `db:"content_type"`
		SHA256      []byte  `db:"sha256"`
		Thumb       []byte  `db:"thumb"`
		Width       int     `db:"width"`
		Height      int     `db:"height"`
		Failure     *string `db:"failure"`
	}
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		return models.NotFound(t.Bind(s.attachQ.GetThumb).Get(&row, a.CommuneID, id))
	})
	if err != nil {
		return nil, err
	}
	out := &StoredThumb{ETag: `"t-` + hex.EncodeToString(row.SHA256) + `"`}
	if row.Thumb != nil {
		out.Thumb = photo.Thumb{Content: row.Thumb, Width: row.Width, Height: row.Height}
		return out, nil
	}
	if row.Failure != nil || !strings.HasPrefix(row.ContentType, "image/") {
		return nil, models.ErrNotFound
	}
	_, content, err := s.GetAttachment(ctx, a, id)
	if err != nil {
		return nil, err
	}
	th, err := photo.Thumbnail(content)
	if err != nil {
		return nil, s.noThumbnail(ctx, a, id, err)
	}
	err = s.WriteAside(ctx, a.CommuneID, func(t *models.Tx) error {
		return s.insertThumbnail(t, a.CommuneID, id, th, s.Clock().Now())
	})
	if err != nil {
		return nil, err
	}
	out.Thumb = *th
	return out, nil
}

// thumbFailures are the reasons a photo's thumbnail can never be made: they
// depend on its bytes alone, so they are worth recording.
var thumbFailures = map[error]string{photo.ErrNotDecodable: "not_decodable", photo.ErrTooManyPixels: "too_many_pixels"}

// noThumbnail records that photo id has no thumbnail because of cause, when
// cause will not change, and answers ErrNotFound as for any photo without one.
func (s *Store) noThumbnail(ctx context.Context, a *models.Actor, id int64, cause error) error {
	for known, reason := range thumbFailures {
		if !errors.Is(cause, known) {
			continue
		}
		err := s.WriteAside(ctx, a.CommuneID, func(t *models.Tx) error {
			_, err := t.Bind(s.attachQ.InsertNoThumb).Exec(a.CommuneID, id, reason, s.Clock().Now())
			return err
		})
		if err != nil {
			return err
		}
	}
	return models.ErrNotFound
}
