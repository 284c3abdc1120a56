package models

// The pages' gates. A form that reads nothing before it is sent asks one of
// these, so that it answers 403 where the store's write would.

// MayManagePlans is ErrForbidden unless the actor may create and change plans.
func (a *Actor) MayManagePlans() error { return allowed(a.CanManagePlans()) }

// MayRecordStats is ErrForbidden unless the actor may record statistics.
func (a *Actor) MayRecordStats() error { return allowed(a.CanRecordStats()) }

// MayReadStats is ErrForbidden unless the actor may read statistics and reports.
func (a *Actor) MayReadStats() error { return allowed(a.CanReadStats()) }

// MayManageUsers is ErrForbidden unless the actor may manage accounts.
func (a *Actor) MayManageUsers() error { return allowed(a.CanManageUsers()) }

// MayAdminister is ErrForbidden unless the actor is the commune's admin.
func (a *Actor) MayAdminister() error { return allowed(a.IsAdmin()) }

func allowed(ok bool) error {
	if !ok {
		return ErrForbidden
	}
	return nil
}
