package models

import "context"

// Viewing is a province account's read-only look at commune c of its
// province: an actor of c with no memberships (so every write and every
// role-gated read refuses it) whose reads run in the province's transaction
// (ReadIn), through the province_read policies rather than c's tenant scope.
// Callers check that c belongs to the account's province first.
func (a *Actor) Viewing(c CommuneInfo) *Actor {
	return &Actor{UserID: a.UserID, Username: a.Username, FullName: a.FullName, CommuneID: c.ID, Commune: c,
		IP: a.IP, viewer: a.Commune.Province}
}

// ViewsFromProvince reports whether the actor is a province account's look
// at one commune (Viewing).
func (a *Actor) ViewsFromProvince() bool { return a.viewer != "" }

// ReadIn runs a read of the actor's commune: in its tenant scope, or for a
// province account's look at it in the province's read-only scope.
func (s *Store) ReadIn(ctx context.Context, a *Actor, fn func(*Tx) error) error {
	if a.viewer != "" {
		return s.InProvince(ctx, a.viewer, fn)
	}
	return s.InCommune(ctx, a.CommuneID, fn)
}
