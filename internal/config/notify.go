package config

import (
	"fmt"
	"net/url"
	"os"
	"time"
)

// Notify configures how reminders leave the server.
type Notify struct {
	// SMTPURL (TIENDO_SMTP_URL) enables email, e.g.
	// smtp://user:pass@mail.example.vn:587?from=tiendo@example.vn.
	SMTPURL string
	// BaseURL (TIENDO_BASE_URL) is the server's public address, for the
	// absolute links in emails, e.g. https://tiendo.example.vn.
	BaseURL string
	// DispatchEvery (TIENDO_DISPATCH_EVERY, default 1m) is how often the
	// dispatcher drains the outbox.
	DispatchEvery time.Duration
	// DispatchLease (TIENDO_DISPATCH_LEASE, default 2m) is how long a claimed
	// delivery stays with its dispatcher before another may retry it.
	DispatchLease time.Duration
	// AllowPrivateWebhooks (TIENDO_WEBHOOK_ALLOW_PRIVATE=true) lets webhooks
	// reach loopback and private addresses: for tests and intranets only.
	AllowPrivateWebhooks bool
}

func notifyFromEnv() (Notify, error) {
	n := Notify{SMTPURL: os.Getenv("TIENDO_SMTP_URL"), BaseURL: os.Getenv("TIENDO_BASE_URL")}
	if n.BaseURL != "" {
		if u, err := url.Parse(n.BaseURL); err != nil || u.Host == "" {
			return n, fmt.Errorf("TIENDO_BASE_URL: want an absolute URL such as https://tiendo.example.vn, got %q", n.BaseURL)
		}
	}
	var err error
	if n.AllowPrivateWebhooks, err = envSwitch("TIENDO_WEBHOOK_ALLOW_PRIVATE", false); err != nil {
		return n, err
	}
	if n.DispatchEvery, err = envDuration("TIENDO_DISPATCH_EVERY", time.Minute); err != nil {
		return n, err
	}
	if n.DispatchLease, err = envDuration("TIENDO_DISPATCH_LEASE", 2*time.Minute); err != nil {
		return n, err
	}
	return n, nil
}

// envDuration reads a Go duration (30s, 1m) of at least one second.
func envDuration(key string, def time.Duration) (time.Duration, error) {
	v := os.Getenv(key)
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < time.Second {
		return 0, fmt.Errorf("%s: want a duration of at least 1s such as 30s or 1m, got %q", key, v)
	}
	return d, nil
}
