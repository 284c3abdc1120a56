package jobs

import (
	"log/slog"
	"time"

	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/domain"

	"github.com/tiendo/tiendo/jobs/notify"
)

// Options configure the jobs that reach outside the database.
type Options struct {
	// SMTPURL is TIENDO_SMTP_URL (see notify.NewEmail); empty: no email.
	SMTPURL string
	// BaseURL is TIENDO_BASE_URL, the server's public address, which turns
	// the links in emails into absolute URLs.
	BaseURL string
	// DispatchEvery is TIENDO_DISPATCH_EVERY (default 1 minute).
	DispatchEvery time.Duration
	// DispatchLease is TIENDO_DISPATCH_LEASE (default 2 minutes).
	DispatchLease time.Duration
	// AllowPrivateWebhooks is TIENDO_WEBHOOK_ALLOW_PRIVATE.
	AllowPrivateWebhooks bool
	Log                  *slog.Logger
	// ObserveJob and ObserveDelivery, when set, hear of every job run and
	// every delivery's outcome (the operator's metrics, internal/metrics).
	ObserveJob      func(job string, took time.Duration, err error)
	ObserveDelivery func(channel, outcome string)
}

// deliveryJobs are the reminder and event planners and the dispatcher with
// the channels this server can use: the inbox, webhooks and event webhooks
// always, email when configured.
func deliveryJobs(store *domain.Store, o Options) ([]Job, error) {
	owner := processOwner()
	hook := notify.Webhook{Clock: store.Clock(), AllowPrivate: o.AllowPrivateWebhooks, Log: o.Log}
	channels := map[string]notify.Channel{
		"inbox":   notify.Inbox{Store: store, Owner: owner},
		"webhook": hook,
		"event":   notify.EventHook{Webhook: hook},
	}
	if o.SMTPURL != "" {
		email, err := notify.NewEmail(o.SMTPURL, store.Clock())
		if err != nil {
			return nil, err
		}
		email.BaseURL = o.BaseURL
		channels["email"] = email
	}
	return []Job{
		Reminders{Store: store, Options: deadlines.PlanOptions{EmailAvailable: o.SMTPURL != ""}},
		Events{Store: store},
		Dispatch{Store: store, Channels: channels, Owner: owner, Every: o.DispatchEvery, Lease: o.DispatchLease,
			Log: o.Log, Observe: o.ObserveDelivery},
	}, nil
}
