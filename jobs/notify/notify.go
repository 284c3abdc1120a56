// Package notify delivers the outbox's messages through channels: the in-app
// inbox, email over SMTP and signed webhooks (which can feed Zalo, Telegram
// or an SMS gateway). The dispatcher (jobs/dispatch.go) claims deliveries,
// writes each message with Render and hands it to the delivery's channel.
package notify

import (
	"context"
	"errors"

	"github.com/tiendo/tiendo/models/deadlines"
)

// Channel delivers one claimed delivery. Send returning nil means the
// recipient has it; an error is retried with backoff until the delivery is
// dead. Sends may be repeated (a dispatcher can die after sending and before
// recording it), so every send of one delivery carries the same id.
type Channel interface {
	// Name is the channel's name in the outbox: inbox, email or webhook.
	Name() string
	Send(ctx context.Context, d *deadlines.Outbound) error
}

// Recorder is a Channel whose delivery is itself the database write that
// marks the delivery sent (the inbox); the dispatcher must not record it again.
type Recorder interface {
	Channel
	RecordsSent()
}

// BatchRecorder is a Recorder that can deliver a whole claimed batch at once
// (the inbox: one statement instead of one per delivery). SendBatch returns
// the ids it delivered; the others lost their claim to another dispatcher.
// An error means none was delivered.
type BatchRecorder interface {
	Recorder
	SendBatch(ctx context.Context, ds []*deadlines.Outbound) (map[int64]bool, error)
}

// PermanentError is a refusal that no retry will change (an SMTP 5xx reply,
// an HTTP 4xx other than 408 and 429): the delivery ends dead at once.
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return e.Err.Error() }

// Unwrap returns the refusal.
func (e *PermanentError) Unwrap() error { return e.Err }

// IsPermanent reports whether err is a PermanentError.
func IsPermanent(err error) bool {
	var p *PermanentError
	return errors.As(err, &p)
}
