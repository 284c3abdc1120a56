package plans

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/photo"
)

// Evidence limits: a phone photo or a scanned PDF fits in 10 MB, and five
// files prove a report without turning it into an archive.
const (
	MaxAttachmentBytes      = 10 << 20
	MaxAttachmentsPerReport = 5
)

// AttachmentTypes are the evidence formats accepted, detected from the bytes
// themselves. SVG and HTML are excluded on purpose: a browser would run the
// scripts they can carry.
var AttachmentTypes = []string{"image/jpeg", "image/png", "image/webp", "application/pdf"}

// NewAttachment is an evidence file sent with a progress report.
type NewAttachment struct {
	FileName string
	Content  []byte

	contentType string       // detected by validateFiles
	thumb       *photo.Thumb // made by prepare, for a photo
	thumbErr    error        // why a photo has no thumbnail
	prepared    bool
}

// prepare detects the type and, for a photo, makes its thumbnail, checking
// the header against decompression bombs first. ReportProgress calls it
// before taking the task's lock (a 10 MB photo takes a while to scale);
// validateFiles reports what it found, after the permission check.
func (f *NewAttachment) prepare() {
	if f.prepared {
		return
	}
	f.prepared = true
	f.contentType = detectType(f.Content)
	if strings.HasPrefix(f.contentType, "image/") && len(f.Content) <= MaxAttachmentBytes {
		f.thumb, f.thumbErr = photo.Thumbnail(f.Content)
	}
}

// prepareFiles prepares every file of a report.
func prepareFiles(files []NewAttachment) {
	for i := range files {
		files[i].prepare()
	}
}

// Attachment is a stored evidence file without its bytes.
type Attachment struct {
	ID          int64     `json:"id" db:"id"`
	TaskID      int64     `json:"task_id" db:"task_id"`
	ProgressID  int64     `json:"progress_id" db:"progress_id"`
	UploadedBy  int64     `json:"uploaded_by" db:"uploaded_by"`
	FileName    string    `json:"file_name" db:"file_name"`
	ContentType string    `json:"content_type" db:"content_type"`
	Size        int64     `json:"size" db:"size_bytes"`
	SHA256      []byte    `json:"-" db:"sha256"`
	CreatedAt   time.Time `json:"created_at" db:"created_at"`
	// NoThumbnail: a photo whose thumbnail was found impossible to make.
	NoThumbnail bool `json:"-" db:"no_thumbnail"`
}

// Checksum is the SHA-256 of the content in hexadecimal, as people compare it.
func (a *Attachment) Checksum() string { return hex.EncodeToString(a.SHA256) }

// IsImage reports whether the file can be shown inline as a picture.
func (a *Attachment) IsImage() bool { return strings.HasPrefix(a.ContentType, "image/") }

// ShowsThumbnail reports whether a page may show the file as a thumbnail: a
// photo not known to have none.
func (a *Attachment) ShowsThumbnail() bool { return a.IsImage() && !a.NoThumbnail }

// validateFiles checks count, size and detected type of every file and
// records the type; problems are reported on the "files" field.
func validateFiles(v *models.ValidationError, files []NewAttachment) {
	if len(files) > MaxAttachmentsPerReport {
		v.Add("files", "too_many", "tối đa %d tệp cho một lần báo cáo", MaxAttachmentsPerReport)
		return
	}
	for i := range files {
		f := &files[i]
		f.FileName = cleanFileName(f.FileName)
		f.prepare()
		switch {
		case len(f.Content) == 0:
			v.Add("files", "empty", "tệp %q rỗng", f.FileName)
		case len(f.Content) > MaxAttachmentBytes:
			v.Add("files", "too_large", "tệp %q lớn hơn 10 MB", f.FileName)
		case f.contentType == "":
			v.Add("files", "type", "tệp %q không phải ảnh (JPEG, PNG, WebP) hoặc PDF", f.FileName)
		case errors.Is(f.thumbErr, photo.ErrTooManyPixels):
			v.Add("files", "too_many_pixels", "ảnh %q có kích thước quá lớn (tối đa %d triệu điểm ảnh)",
				f.FileName, photo.MaxPhotoPixels/1_000_000)
		case f.thumbErr != nil:
			v.Add("files", "unreadable", "ảnh %q bị hỏng, không mở được", f.FileName)
		}
	}
}

// detectType sniffs the content; "" when it is not an accepted type.
func detectType(b []byte) string {
	t, _, _ := strings.Cut(http.DetectContentType(b), ";")
	if slices.Contains(AttachmentTypes, t) {
		return t
	}
	return ""
}

// cleanFileName keeps the base name a person chose, without any path a
// browser may have sent, in valid UTF-8 and at most 255 bytes.
func cleanFileName(name string) string {
	name = models.CleanText(filepath.Base(strings.ReplaceAll(name, `\`, "/")))
	name = strings.ToValidUTF8(name, "")
	for len(name) > 255 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	if name == "" || name == "." || name == "/" {
		return "tep-dinh-kem"
	}
	return name
}

// insertAttachments stores the files of one progress report in its
// transaction, with their checksums, and audits what was attached.
func (s *Store) insertAttachments(t *models.Tx, a *models.Actor, taskID, progressID int64, files []NewAttachment, now time.Time) error {
	if len(files) == 0 {
		return nil
	}
	meta := make([]Attachment, len(files))
	for i, f := range files {
		sum := sha256.Sum256(f.Content)
		m := Attachment{TaskID: taskID, ProgressID: progressID, UploadedBy: a.UserID, FileName: f.FileName,
			ContentType: f.contentType, Size: int64(len(f.Content)), SHA256: sum[:], CreatedAt: now}
		if err := t.Bind(s.attachQ.Insert).Get(&m.ID, a.CommuneID, taskID, progressID, a.UserID,
			m.FileName, m.ContentType, m.Size, m.SHA256, f.Content, now); err != nil {
			return err
		}
		if f.thumb != nil {
			if err := s.insertThumbnail(t, a.CommuneID, m.ID, f.thumb, now); err != nil {
				return err
			}
		}
		meta[i] = m
	}
	return s.Audit(t, a, "attach", "task", taskID, nil, auditAttachments(meta))
}

// auditAttachments is what the audit log keeps of a set of files: names and
// checksums, never the bytes.
func auditAttachments(files []Attachment) []map[string]any {
	out := make([]map[string]any, len(files))
	for i, f := range files {
		out[i] = map[string]any{"id": f.ID, "progress_id": f.ProgressID, "file_name": f.FileName,
			"content_type": f.ContentType, "size": f.Size, "sha256": f.Checksum()}
	}
	return out
}

// ListAttachments lists the evidence files of a task, oldest first; whoever
// can see the task can see its evidence.
func (s *Store) ListAttachments(ctx context.Context, a *models.Actor, taskID int64) ([]Attachment, error) {
	out := []Attachment{}
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		if _, err := s.LoadTask(t, a, taskID, s.WindowFor(ctx, a.Commune)); err != nil {
			return err
		}
		return t.Bind(s.attachQ.List).Select(&out, a.CommuneID, taskID)
	})
	return out, err
}

// GetAttachment returns one evidence file of the actor's commune with its bytes.
func (s *Store) GetAttachment(ctx context.Context, a *models.Actor, id int64) (*Attachment, []byte, error) {
	var row struct {
		Attachment
		Content []byte `db:"content"`
	}
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		return models.NotFound(t.Bind(s.attachQ.Get).Get(&row, a.CommuneID, id))
	})
	if err != nil {
		return nil, nil, err
	}
	return &row.Attachment, row.Content, nil
}
