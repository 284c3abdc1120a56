package models

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// AuditEntry is one row of the audit log: who changed what, when, from where,
// with the record before and after.
type AuditEntry struct {
	ID        int64            `json:"id" db:"id"`
	At        time.Time        `json:"at" db:"at"`
	ActorID   *int64           `json:"actor_id" db:"actor_id"`
	ActorName string           `json:"actor_name" db:"actor_name"`
	IP        *string          `json:"ip" db:"ip"`
	Action    string           `json:"action" db:"action"`
	Entity    string           `json:"entity" db:"entity"`
	EntityID  *int64           `json:"entity_id" db:"entity_id"`
	Before    *json.RawMessage `json:"before" db:"before"`
	After     *json.RawMessage `json:"after" db:"after"`
}

// AuditFilter narrows ListAudit; zero fields do not filter.
type AuditFilter struct {
	Entity   string
	EntityID int64
	Limit    int
	Cursor   string
}

// ListAudit reads the commune's audit log, newest first. Only the people who
// answer for the record — admin and chairman — may read it.
func (s *Store) ListAudit(ctx context.Context, a *Actor, f AuditFilter) (*Page[AuditEntry], error) {
	if !a.HasRole(RoleAdmin, RoleChairman) {
		return nil, ErrForbidden
	}
	limit, after, err := IDPage(f.Limit, f.Cursor)
	if err != nil {
		return nil, err
	}
	page := &Page[AuditEntry]{Items: []AuditEntry{}}
	err = s.InCommune(ctx, a.CommuneID, func(t *Tx) error {
		return t.Bind(s.auditQ.List).Select(&page.Items, a.CommuneID, NullString(f.Entity), NullID(f.EntityID),
			NullID(after), limit+1)
	})
	if err != nil {
		return nil, err
	}
	page.Trim(limit, func(e AuditEntry) any { return []any{e.ID} })
	return page, nil
}

// Audit appends one row to the audit log in the caller's transaction, so the
// record exists exactly when the change does.
func (s *Store) Audit(t *Tx, a *Actor, action, entity string, id int64, before, after any) error {
	if err := s.fenceClaim(t); err != nil {
		return err
	}
	return s.InsertAudit(t, a, action, entity, id, before, after)
}

// InsertAudit appends the row without the claim's fence: for records of
// attempts (sign-in) that are not the request's change.
func (s *Store) InsertAudit(t *Tx, a *Actor, action, entity string, id any, before, after any) error {
	b, err := jsonOrNil(before)
	if err != nil {
		return err
	}
	af, err := jsonOrNil(after)
	if err != nil {
		return err
	}
	_, err = t.Bind(s.auditQ.Insert).Exec(NullID(a.CommuneID), NullID(a.UserID), s.clock.Now(),
		a.IPOrNil(), action, entity, id, b, af)
	return err
}

func jsonOrNil(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	return string(b), nil
}
