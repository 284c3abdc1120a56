package plans

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/deadlines"
)

// generated is an occurrence that one generation run created.
type generated struct {
	TaskID       int64         `json:"task_id" db:"task_id"`
	OccurrenceOn calendar.Date `json:"occurrence_on" db:"occurrence_on"`
}

// lockSeries locks a series row for generation or an edit and returns it.
func (s *Store) lockSeries(t *models.Tx, communeID, id int64) (*Series, error) {
	var sr Series
	if err := t.Bind(s.seriesQ.Lock).Get(&sr, communeID, id); err != nil {
		return nil, models.NotFound(err)
	}
	sr.normalize()
	return &sr, nil
}

// generate creates sr's occurrences from the day after GeneratedUntil (or
// its start) through its horizon as of w.Today, capped by its end. The
// series row must be locked. Days are only ever generated once: a later run
// starts after GeneratedUntil, and the unique (series_id, occurrence_on)
// turns any overlap (a reset, a race) into no-ops.
func (s *Store) generate(t *models.Tx, a *models.Actor, sr *Series, cal *calendar.Calendar, w deadlines.Window, now time.Time) ([]generated, error) {
	rule := sr.rule()
	from := sr.StartsOn
	if !sr.GeneratedUntil.IsZero() && !sr.GeneratedUntil.Before(from) {
		from = sr.GeneratedUntil.AddDays(1)
	}
	to := rule.horizon(w.Today)
	if !sr.EndsOn.IsZero() && sr.EndsOn.Before(to) {
		to = sr.EndsOn
	}
	if sr.StoppedAt != nil || to.Before(from) {
		return nil, nil
	}
	occ := rule.occurrences(from, to, sr.StartsOn, cal)
	ons, starts, dues := make(pq.StringArray, len(occ)), make(pq.StringArray, len(occ)), make(pq.StringArray, len(occ))
	for i, o := range occ {
		ons[i], starts[i], dues[i] = o.On.String(), o.Start.String(), o.Due.String()
	}
	var made []generated
	if err := t.Bind(s.seriesQ.Generate).Select(&made, a.CommuneID, sr.ID, ons, starts, dues, now,
		w.Today, w.Soon, w.TZ, to); err != nil {
		return nil, err
	}
	if len(made) == 0 {
		return nil, nil
	}
	after := map[string]any{"through": to, "occurrences": made}
	return made, s.Audit(t, a, "generate", "task_series", sr.ID, nil, after)
}

// generateLocked locks series id, generates what is due on the commune's
// calendar as t sees it, and returns the series as it then is.
func (s *Store) generateLocked(t *models.Tx, a *models.Actor, id int64) (*Series, error) {
	sr, err := s.lockSeries(t, a.CommuneID, id)
	if err != nil {
		return nil, err
	}
	cal, err := s.CalendarIn(t, a.CommuneID)
	if err != nil {
		return nil, err
	}
	now := s.Clock().Now()
	if _, err := s.generate(t, a, sr, cal, deadlines.WindowAt(a.Commune, cal, now), now); err != nil {
		return nil, err
	}
	return s.lockSeries(t, a.CommuneID, id)
}

// seriesRef names a series that the recurrence job should look at.
type seriesRef struct {
	CommuneID int64 `db:"commune_id"`
	ID        int64 `db:"id"`
}

// GenerateOccurrences is the recurrence job: every open series of every
// commune gets its occurrences up to its horizon as of now, each series in
// its own transaction so that one failure does not hold back the others.
// It reports how many occurrences it created.
func (s *Store) GenerateOccurrences(ctx context.Context, now time.Time) (int, error) {
	communes, err := s.Communes(ctx)
	if err != nil {
		return 0, err
	}
	byID, latest := map[int64]models.CommuneInfo{}, calendar.Date{}
	for _, c := range communes {
		byID[c.ID] = c
		if today := c.Today(now); today.After(latest) {
			latest = today
		}
	}
	var refs []seriesRef
	if err := s.seriesQ.Open.SelectContext(ctx, &refs, Rule{Kind: RuleWeekly}.horizon(latest),
		Rule{Kind: RuleMonthly}.horizon(latest), Rule{Kind: RuleQuarterly}.horizon(latest)); err != nil {
		return 0, err
	}
	total, errs := 0, []error(nil)
	for _, r := range refs {
		c := byID[r.CommuneID]
		n, err := s.generateOne(ctx, &c, r.ID, now)
		if err != nil {
			errs = append(errs, fmt.Errorf("series %d: %w", r.ID, err))
		}
		total += n
	}
	return total, errors.Join(errs...)
}

// generateOne generates one series for the job, as the system.
func (s *Store) generateOne(ctx context.Context, c *models.CommuneInfo, id int64, now time.Time) (int, error) {
	n := 0
	err := s.InCommune(ctx, c.ID, func(t *models.Tx) error {
		sr, err := s.lockSeries(t, c.ID, id)
		if err != nil {
			return err
		}
		cal, err := s.CalendarIn(t, c.ID)
		if err != nil {
			return err
		}
		made, err := s.generate(t, models.SystemActor(c), sr, cal, deadlines.WindowAt(*c, cal, now), now)
		n = len(made)
		return err
	})
	return n, err
}
