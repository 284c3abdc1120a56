package plans

import (
	"context"
	"time"

	"github.com/tiendo/tiendo/models"
)

// Review kinds: the two evaluation decisions and a plain comment. They share
// one append-only table because the history shows them side by side.
const (
	ReviewAccept  = "accept"
	ReviewReturn  = "return"
	ReviewComment = "comment"
)

// maxReviewText bounds comments and reasons like progress notes.
const maxReviewText = 5000

// Review is one entry of a task's review history: a comment, or an
// evaluation with its reason.
type Review struct {
	ID         int64     `json:"id" db:"id"`
	TaskID     int64     `json:"task_id" db:"task_id"`
	AuthorID   int64     `json:"author_id" db:"author_id"`
	AuthorName string    `json:"author_name" db:"author_name"`
	Kind       string    `json:"kind" db:"kind"`
	Body       string    `json:"body" db:"body"`
	CreatedAt  time.Time `json:"created_at" db:"created_at"`
}

// CommentInput is the body of a new comment.
type CommentInput struct {
	Body string `json:"body"`
}

// Validate normalises the comment and checks its length.
func (in *CommentInput) Validate() error {
	v := &models.ValidationError{}
	in.Body = models.CleanText(in.Body)
	models.CheckText(v, "body", in.Body, maxReviewText, true)
	return v.Err()
}

// insertReview appends a review by the actor and returns it as stored.
func (s *Store) insertReview(t *models.Tx, a *models.Actor, taskID int64, kind, body string, now time.Time) (Review, error) {
	r := Review{TaskID: taskID, AuthorID: a.UserID, AuthorName: a.FullName, Kind: kind, Body: body, CreatedAt: now}
	err := t.Bind(s.reviewQ.Insert).Get(&r.ID, a.CommuneID, taskID, a.UserID, kind, body, now)
	return r, err
}

// AddComment records a comment on a task; comments are part of the task's
// history and, like it, cannot be edited or removed.
func (s *Store) AddComment(ctx context.Context, a *models.Actor, taskID int64, in CommentInput) (*Review, error) {
	var r Review
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		task, err := s.LoadTask(t, a, taskID, s.WindowFor(ctx, a.Commune))
		if err != nil {
			return err
		}
		if !task.CanComment(a) {
			return models.ErrForbidden
		}
		if err := in.Validate(); err != nil {
			return err
		}
		if r, err = s.insertReview(t, a, taskID, ReviewComment, in.Body, s.Clock().Now()); err != nil {
			return err
		}
		return s.Audit(t, a, "comment", "task", taskID, nil, r)
	})
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// ListComments returns a task's comments, oldest first.
func (s *Store) ListComments(ctx context.Context, a *models.Actor, taskID int64) ([]Review, error) {
	out := []Review{}
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		if _, err := s.LoadTask(t, a, taskID, s.WindowFor(ctx, a.Commune)); err != nil {
			return err
		}
		return t.Bind(s.reviewQ.List).Select(&out, a.CommuneID, taskID, ReviewComment)
	})
	return out, err
}

// HistoryEntry is one event of a task's combined history: a progress report
// (kind "progress", with percent and actual value), a comment, or an
// evaluation ("accept" or "return"). Text is the report's note, the
// comment, or the evaluation's reason.
type HistoryEntry struct {
	Kind       string    `json:"kind" db:"kind"`
	ID         int64     `json:"id" db:"id"`
	AuthorID   int64     `json:"author_id" db:"author_id"`
	AuthorName string    `json:"author_name" db:"author_name"`
	CreatedAt  time.Time `json:"created_at" db:"created_at"`
	// ReportedAt is the device's time of a progress report sent later.
	ReportedAt  *time.Time `json:"reported_at" db:"reported_at"`
	Percent     *int       `json:"percent" db:"percent"`
	ActualValue *float64   `json:"actual_value" db:"actual_value"`
	Text        string     `json:"text" db:"text"`
}

// TaskHistory merges a task's progress reports, comments and evaluations in
// time order. Each kind keeps its own id sequence, so (kind, id) names an entry.
func (s *Store) TaskHistory(ctx context.Context, a *models.Actor, taskID int64) ([]HistoryEntry, error) {
	out := []HistoryEntry{}
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		if _, err := s.LoadTask(t, a, taskID, s.WindowFor(ctx, a.Commune)); err != nil {
			return err
		}
		return t.Bind(s.reviewQ.History).Select(&out, a.CommuneID, taskID)
	})
	return out, err
}
