package deadlines

import (
	"context"
	"encoding/json"
	"time"

	"github.com/lib/pq"

	"github.com/tiendo/tiendo/models"
)

// Endpoint is one of the commune's event webhook endpoints as the API shows
// it: never its secret, which only the answer that created it carries.
type Endpoint struct {
	ID        int64          `json:"id" db:"id"`
	Name      string         `json:"name" db:"name"`
	URL       string         `json:"url" db:"url"`
	Events    pq.StringArray `json:"events" db:"events"`
	Enabled   bool           `json:"enabled" db:"enabled"`
	Version   int            `json:"version" db:"version"`
	CreatedAt time.Time      `json:"created_at" db:"created_at"`
	UpdatedAt time.Time      `json:"updated_at" db:"updated_at"`
}

// NewEndpoint is the answer to a creation: the endpoint and its secret,
// shown this once (generated when the caller gave none).
type NewEndpoint struct {
	Endpoint
	Secret string `json:"secret"`
}

// TestEvent is the sample delivery "Gửi thử" queued: its delivery in the log
// and the event id (webhook-id) the receiver will see.
type TestEvent struct {
	DeliveryID int64  `json:"delivery_id" db:"id"`
	MessageID  string `json:"message_id" db:"message_id"`
}

// ListEndpoints lists the commune's endpoints, oldest first.
func (s *Store) ListEndpoints(ctx context.Context, a *models.Actor) ([]Endpoint, error) {
	if !a.CanManageWebhooks() {
		return nil, models.ErrForbidden
	}
	out := []Endpoint{}
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		return t.Bind(s.hookQ.List).Select(&out, a.CommuneID)
	})
	return out, err
}

// CreateEndpoint registers an endpoint; it receives the events that happen
// from now on.
func (s *Store) CreateEndpoint(ctx context.Context, a *models.Actor, in EndpointInput) (*NewEndpoint, error) {
	if !a.CanManageWebhooks() {
		return nil, models.ErrForbidden
	}
	d, err := in.apply(Endpoint{Enabled: true}, true, s.Options().AllowPrivateWebhooks)
	if err != nil {
		return nil, err
	}
	if d.Secret == nil {
		secret := newEndpointSecret()
		d.Secret = &secret
	}
	out := &NewEndpoint{Secret: *d.Secret}
	err = s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		if err := t.Bind(s.hookQ.Insert).Get(&out.Endpoint, a.CommuneID, d.Name, d.URL, *d.Secret, d.Events,
			d.Enabled, models.NullID(a.UserID), s.Clock().Now()); err != nil {
			return err
		}
		// The endpoint, not the answer, in the audit log: the secret stays out of it.
		return s.Audit(t, a, "create", "webhook_endpoint", out.ID, nil, out.Endpoint)
	})
	return out, err
}

// UpdateEndpoint changes an endpoint; ifMatch, when not zero, must equal its
// version. A new secret takes effect for every delivery not yet sent.
func (s *Store) UpdateEndpoint(ctx context.Context, a *models.Actor, id int64, ifMatch int, in EndpointInput) (*Endpoint, error) {
	var out Endpoint
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		cur, err := s.endpointFor(t, a, id, ifMatch)
		if err != nil {
			return err
		}
		d, err := in.apply(cur, false, s.Options().AllowPrivateWebhooks)
		if err != nil {
			return err
		}
		if err := t.Bind(s.hookQ.Update).Get(&out, a.CommuneID, id, d.Name, d.URL, d.Secret, d.Events, d.Enabled,
			s.Clock().Now()); err != nil {
			return err
		}
		after := map[string]any{"endpoint": out, "secret_changed": d.Secret != nil}
		return s.Audit(t, a, "update", "webhook_endpoint", id, cur, after)
	})
	return &out, err
}

// DeleteEndpoint removes an endpoint: nothing more is queued for it, and its
// deliveries not yet sent end dead without a notice (nobody waits for them).
func (s *Store) DeleteEndpoint(ctx context.Context, a *models.Actor, id int64, ifMatch int) error {
	return s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		cur, err := s.endpointFor(t, a, id, ifMatch)
		if err != nil {
			return err
		}
		if _, err := t.Bind(s.hookQ.Delete).Exec(a.CommuneID, id, s.Clock().Now()); err != nil {
			return err
		}
		return s.Audit(t, a, "delete", "webhook_endpoint", id, cur, nil)
	})
}

// SendTestEvent queues a sample event for the endpoint ("Gửi thử"): it goes
// out through the outbox like any event, signed with the endpoint's secret,
// and its outcome shows in the delivery log.
func (s *Store) SendTestEvent(ctx context.Context, a *models.Actor, id int64) (*TestEvent, error) {
	var out TestEvent
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		ep, err := s.endpointFor(t, a, id, 0)
		if err != nil {
			return err
		}
		payload, _ := json.Marshal(map[string]any{"endpoint_id": ep.ID, "by": a.FullName,
			"note": "Sự kiện gửi thử từ tiendo / a test event from tiendo"})
		if err := t.Bind(s.hookQ.Test).Get(&out, a.CommuneID, id, payload, s.Clock().Now(), a.Username); err != nil {
			return err
		}
		return s.Audit(t, a, "test", "webhook_endpoint", id, nil, out)
	})
	return &out, err
}

// endpointFor loads (and locks) endpoint id of the actor's commune: 404 when
// it is not there, 403 when the actor may not manage endpoints, 412 when
// ifMatch names another version.
func (s *Store) endpointFor(t *models.Tx, a *models.Actor, id int64, ifMatch int) (Endpoint, error) {
	var ep Endpoint
	if err := t.Bind(s.hookQ.Get).Get(&ep, a.CommuneID, id); err != nil {
		return ep, models.NotFound(err)
	}
	if !a.CanManageWebhooks() {
		return ep, models.ErrForbidden
	}
	return ep, models.CheckIfMatch(ifMatch, ep.Version)
}

// DefaultEventLookback is how far back the event planner looks: a planner
// that was down for less than this queues every event it missed; older
// events are not announced late (their news is stale and the log has them).
const DefaultEventLookback = 24 * time.Hour

// PlanEvents queues, for every live endpoint, the events of the last
// lookback that it subscribed to (queries/events.sql has the rules). Each
// event is queued once per endpoint however often and on however many
// replicas this runs; the dispatcher sends it like any other delivery.
func (s *Store) PlanEvents(ctx context.Context, now time.Time, lookback time.Duration) (PlanResult, error) {
	if lookback <= 0 {
		lookback = DefaultEventLookback
	}
	res := PlanResult{}
	err := s.AcrossCommunes(ctx, func(t *models.Tx) error {
		clear(res) // a retried transaction counts afresh
		return countQueued(t, s.eventQ.Plan, res, now, now.Add(-lookback))
	})
	return res, err
}
