package httpx

import (
	"context"
	"log/slog"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/domain"
)

// Base is what the API and the pages share: the store, the log and the
// options.
type Base struct {
	Store *domain.Store
	Log   *slog.Logger
	Opts  Options
}

// Options configure the HTTP layer.
type Options struct {
	Log *slog.Logger
	// SecureCookies marks the session cookie Secure even when this process
	// sees plain HTTP, for deployments behind a TLS-terminating proxy.
	SecureCookies bool
	// TrustedProxies are the addresses or CIDR ranges of reverse proxies whose
	// X-Forwarded-For is believed. None by default: the client address is then
	// the connection's, so no client can choose the address that sign-in
	// throttling counts against (or frame someone else's).
	TrustedProxies []string
	// Ready answers /readyz: database reachable and schema current. Nil
	// checks only that the store's database answers.
	Ready func(context.Context) error
	// Observe, when set, hears of every answered request (the operator's
	// metrics, internal/metrics); route is the matched pattern, "" for none.
	Observe func(method, route string, status int, took time.Duration)
}

// Today is the calendar day in the actor's commune, on the store's clock.
func (h *Base) Today(a *models.Actor) calendar.Date { return a.Commune.Today(h.Store.Clock().Now()) }
