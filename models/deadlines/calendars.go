package deadlines

import (
	"context"
	"database/sql"
	"sync"
	"time"

	"github.com/lib/pq"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// Each commune's working-day calendar is the base arrangements (Official,
// or Options.Calendar in tests) plus the commune's own overrides. Building
// one is cheap but needs the overrides, so the Store caches it per commune,
// keyed by communes.calendar_version, which a trigger bumps on every change
// to the commune's overrides:
//
//   - writes that compute a deadline (task deadlines in working days,
//     occurrences of a series) and the calendar endpoints read the version
//     inside their own transaction, so they always use exactly the overrides
//     that transaction sees, whichever replica changed them;
//   - status windows on the read path trust a cached calendar whose version
//     was confirmed less than calendarTTL ago and otherwise confirm it with
//     one primary-key read. A change made on another replica therefore shows
//     in "due soon" within calendarTTL; the replica that made it forgets its
//     entry at once. Stale for half a minute, a due-soon horizon is
//     harmless (reads recompute it, the sweep runs every five minutes),
//     whereas a version read per task read would add a transaction to every
//     request. (Within a request the check joins the request's transaction.)
//   - jobs read every commune's version in one query (calendarsAt).
const calendarTTL = 30 * time.Second

// calendarLoadTimeout bounds the version check of a status window
// (windowFor), whatever the caller's deadline.
const calendarLoadTimeout = 5 * time.Second

// cachedCalendar is one commune's calendar at one version.
type cachedCalendar struct {
	version   int64
	cal       *calendar.Calendar
	confirmed time.Time // wall time the version was last read from the database
}

// calendarCache holds the communes' calendars; safe for concurrent use.
type calendarCache struct {
	mu sync.Mutex
	m  map[int64]cachedCalendar
	// base is Options.Calendar; ttl how long a confirmed version is trusted.
	base []calendar.Override
	ttl  time.Duration
}

func (c *calendarCache) get(communeID int64) (cachedCalendar, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[communeID]
	return e, ok
}

// put stores e unless a newer version is already there (a slow load of an
// old version must not undo a fast load of the new one).
func (c *calendarCache) put(communeID int64, e cachedCalendar) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[int64]cachedCalendar{}
	}
	if old, ok := c.m[communeID]; ok && old.version > e.version {
		return
	}
	c.m[communeID] = e
}

// forget drops a commune's entry after this process changed its overrides.
func (c *calendarCache) forget(communeID int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, communeID)
}

// overrideRow is a stored override as the calendar needs it.
type overrideRow struct {
	Date   calendar.Date  `db:"date"`
	Action string         `db:"action"`
	Kind   sql.NullString `db:"kind"`
	Name   string         `db:"name"`
}

// CalendarIn is the commune's calendar as transaction t sees it.
func (s *Store) CalendarIn(t *models.Tx, communeID int64) (*calendar.Calendar, error) {
	var version int64
	if err := t.Bind(s.calQ.Version).Get(&version, communeID); err != nil {
		return nil, models.NotFound(err)
	}
	if e, ok := s.cals.get(communeID); ok && e.version == version {
		s.cals.put(communeID, cachedCalendar{version: version, cal: e.cal, confirmed: time.Now()})
		return e.cal, nil
	}
	var rows []overrideRow
	if err := t.Bind(s.calQ.Load).Select(&rows, communeID); err != nil {
		return nil, err
	}
	cal := s.BuildCalendar(rows)
	s.cals.put(communeID, cachedCalendar{version: version, cal: cal, confirmed: time.Now()})
	return cal, nil
}

// BuildCalendar layers a commune's overrides over the base arrangements. A
// commune without overrides shares the process-wide default calendar, whose
// year tables are then built once for all of them.
func (s *Store) BuildCalendar(rows []overrideRow) *calendar.Calendar {
	if len(rows) == 0 && s.cals.base == nil {
		return calendar.Default()
	}
	base := s.cals.base
	if base == nil {
		base = calendar.Official()
	}
	all := make([]calendar.Override, 0, len(base)+len(rows))
	all = append(all, base...)
	for _, r := range rows {
		all = append(all, calendar.Override{Date: r.Date, Action: r.Action, Kind: r.Kind.String, Name: r.Name})
	}
	return calendar.New(all)
}

// CalendarOf is the commune's calendar for a status window: the cached one
// while recently confirmed, else confirmed (and if need be reloaded) in the
// request's transaction, or a short one of its own outside a request.
// Should the database not answer, the last known calendar (or the base)
// stands in: the caller's own query is about to meet the same trouble and
// report it.
func (s *Store) CalendarOf(ctx context.Context, communeID int64) *calendar.Calendar {
	e, ok := s.cals.get(communeID)
	if ok && time.Since(e.confirmed) < s.cals.ttl {
		return e.cal
	}
	ctx, cancel := context.WithTimeout(ctx, calendarLoadTimeout)
	defer cancel()
	var cal *calendar.Calendar
	err := s.InCommune(ctx, communeID, func(t *models.Tx) (err error) {
		cal, err = s.CalendarIn(t, communeID)
		return err
	})
	switch {
	case err == nil:
		return cal
	case ok:
		return e.cal
	}
	return s.BuildCalendar(nil)
}

// CalendarsAt returns the calendar of every listed commune, checking all
// versions with one query and loading only those that changed: the jobs'
// path, which visits thousands of communes every few minutes.
func (s *Store) CalendarsAt(ctx context.Context, communes []models.CommuneInfo) (map[int64]*calendar.Calendar, error) {
	ids := make(pq.Int64Array, len(communes))
	for i, c := range communes {
		ids[i] = c.ID
	}
	var versions []struct {
		ID      int64 `db:"id"`
		Version int64 `db:"calendar_version"`
	}
	if err := s.calQ.Versions.SelectContext(ctx, &versions, ids); err != nil {
		return nil, err
	}
	out := make(map[int64]*calendar.Calendar, len(versions))
	for _, v := range versions {
		if e, ok := s.cals.get(v.ID); ok && e.version == v.Version {
			out[v.ID] = e.cal
			continue
		}
		if v.Version == 0 {
			// Never overridden (every change bumps the version): the base
			// calendar, without a transaction per commune on a cold cache,
			// which cost a national planner's first run 2 s.
			out[v.ID] = s.BuildCalendar(nil)
			s.cals.put(v.ID, cachedCalendar{version: 0, cal: out[v.ID], confirmed: time.Now()})
			continue
		}
		err := s.InCommune(ctx, v.ID, func(t *models.Tx) (err error) {
			out[v.ID], err = s.CalendarIn(t, v.ID)
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// WindowAt is the status window of commune c at instant now on calendar cal:
// today in the commune's zone and the last day still "due soon", which is
// c.DueSoonDays working days ahead on the commune's own calendar.
func WindowAt(c models.CommuneInfo, cal *calendar.Calendar, now time.Time) Window {
	loc := c.Location()
	today := calendar.DateOf(now.In(loc))
	return Window{Today: today, Soon: cal.AddWorkingDays(today, c.DueSoonDays), TZ: loc.String()}
}

// communeWindows is every commune's window at one instant, as the parallel
// arrays that set-based job statements unnest.
type communeWindows struct {
	communes  []models.CommuneInfo
	calendars map[int64]*calendar.Calendar
	byID      map[int64]Window
	IDs       pq.Int64Array
	Today     pq.StringArray
	Soon      pq.StringArray
	TZs       pq.StringArray
}

// WindowsAt computes every commune's window at now, each on its own calendar.
func (s *Store) WindowsAt(ctx context.Context, now time.Time) (*communeWindows, error) {
	communes, err := s.Communes(ctx)
	if err != nil {
		return nil, err
	}
	cals, err := s.CalendarsAt(ctx, communes)
	if err != nil {
		return nil, err
	}
	n := len(communes)
	cw := &communeWindows{communes: communes, calendars: cals, byID: make(map[int64]Window, n),
		IDs: make(pq.Int64Array, n), Today: make(pq.StringArray, n), Soon: make(pq.StringArray, n), TZs: make(pq.StringArray, n)}
	for i, c := range communes {
		cal := cals[c.ID]
		if cal == nil { // a commune created after the version read: no overrides yet
			cal = s.BuildCalendar(nil)
		}
		w := WindowAt(c, cal, now)
		cw.byID[c.ID] = w
		cw.IDs[i], cw.Today[i], cw.Soon[i], cw.TZs[i] = c.ID, w.Today.String(), w.Soon.String(), w.TZ
	}
	return cw, nil
}
