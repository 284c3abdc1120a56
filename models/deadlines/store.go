package deadlines

import (
	"cmp"
	"embed"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
)

// Queries are the package's named statements, prepared at boot.
//
//go:embed queries/*.sql
var Queries embed.FS

// Store is the deadlines domain's methods over the stores below it.
type Store struct {
	*accounts.Store
	jobQ      jobQueries
	calQ      calendarQueries
	cals      calendarCache
	setQ      settingsQueries
	remQ      reminderQueries
	outQ      outboxQueries
	delQ      deliveryQueries
	noteQ     notificationQueries
	outBatchQ outboxBatchQueries
	hookQ     webhookQueries
	eventQ    eventQueries
}

// New prepares the domain's statements over below.
func New(below *accounts.Store) (*Store, error) {
	o := below.Options()
	s := &Store{Store: below, cals: calendarCache{base: o.Calendar, ttl: cmp.Or(o.CalendarTTL, calendarTTL)}}
	if err := models.Prepare(below.Core(), Queries, s.statements()...); err != nil {
		below.Close()
		return nil, err
	}
	return s, nil
}

// statements lists the domain's statement structs.
func (s *Store) statements() []any {
	return []any{&s.jobQ, &s.calQ, &s.setQ, &s.remQ, &s.outQ, &s.delQ, &s.noteQ, &s.outBatchQ, &s.hookQ, &s.eventQ}
}

// Close releases the domain's statements and those below.
func (s *Store) Close() {
	models.CloseStatements(s.statements()...)
	s.Store.Close()
}
