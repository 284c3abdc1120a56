package deadlines

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// The reminder planner derives, for every commune at once, which deliveries
// are due as of an instant and queues them in the outbox. Rules (defaults in
// DefaultSettings, each commune may change them):
//
//   - assigned: a task created, or given other assignees or another lead
//     unit (as the audit log records), within PlanOptions.AssignedLookback:
//     its people who were not told yet; queued at any hour.
//   - the rest only on the commune's working days, from Settings.DigestAt
//     (07:30) on, so that nobody is woken at midnight:
//   - due_soon: when the working days left until the deadline fall to a lead
//     time (3, then 1); if the planner missed that day it sends the reminder
//     of the smallest lead time still ≥ the days left, once per lead time.
//   - due_today: on the deadline's last working day.
//   - overdue: on the 1st working day after the deadline, then every 3rd; a
//     missed day is caught up by the reminder of the window it falls in, not
//     one per missed day.
//   - escalation: to the chairmen, once, when 5 working days overdue; a
//     sub-task's goes first to whoever forwarded it, and to the chairmen
//     when it is as late again (10 working days).
//   - stale: in progress (neither due soon nor overdue) with no progress
//     report for 14 days; once per last report. Not for a task on a report
//     cadence, which has its own:
//   - report_missing: the last week, month or quarter that has ended had no
//     report, and its grace of working days has passed; once per period.
//   - digest: per person with overdue or due-soon tasks, once per working day.
//   - returned, extension_requested, extension_decided: what people did
//     (a return, a request for a later deadline, its decision) within the
//     look-back, at any hour, once each.
//
// Only open tasks (not done, cancelled or deleted) of active plans remind.
// Recipients are task_recipients (migration 00014): the assignees, or
// without any the reporters of the lead unit (its officers and team members
// and those of its sub-units, so a hamlet's team), or else of the supporting
// units; escalations go to the chairmen. Each reminder goes out
// once per window (the window is part of the outbox's key): to the task's
// people when the window is first planned; someone added later hears from
// the next window (or from "assigned"). Deadlines count as the task_status
// function does: due_on itself is the last day, working day or not.

// PlanOptions tune the planner.
type PlanOptions struct {
	// EmailAvailable says the server can send email (TIENDO_SMTP_URL); without
	// it no email deliveries are queued, as they could only end dead.
	EmailAvailable bool
	// AssignedLookback is how far back an assignment may lie to be
	// announced; it bounds the catch-up after downtime and keeps a first
	// start from announcing every old task. Default 7 days.
	AssignedLookback time.Duration
	// ChunkSize is how many communes one planning transaction covers
	// (default planChunk).
	ChunkSize int
}

// PlanResult counts the deliveries one run queued, per kind.
type PlanResult map[string]int

// Total is the number of deliveries queued.
func (r PlanResult) Total() int {
	n := 0
	for _, v := range r {
		n += v
	}
	return n
}

// The distance lookup covers deadlines this many calendar days around today.
const (
	lookupPast   = 1100 // three years of overdue tasks
	lookupFuture = 62   // beyond the 30 working days a lead time may reach
	lookupStride = lookupPast + lookupFuture + 1
)

// planChunk is how many communes one planning transaction covers: a
// national run is a series of short transactions, each committed on its own
// (a run cut short is completed by the next, which skips what is queued),
// whose sorts and hashes fit in memory.
const planChunk = 250

// PlanReminders queues the deliveries due as of now; it is safe to run again
// and on several replicas at once (they take turns, and the outbox's dedup
// key drops repeats).
func (s *Store) PlanReminders(ctx context.Context, now time.Time, o PlanOptions) (PlanResult, error) {
	in, err := s.planInput(ctx, now, o)
	if err != nil {
		return nil, err
	}
	if o.AssignedLookback == 0 {
		o.AssignedLookback = 7 * 24 * time.Hour
	}
	return s.planChunks(ctx, in, now, o)
}

// countQueued runs one planning statement and adds its counts to res.
func countQueued(t *models.Tx, stmt *sqlx.Stmt, res PlanResult, args ...any) error {
	var rows []struct {
		Kind string `db:"kind"`
		N    int    `db:"n"`
	}
	if err := t.Bind(stmt).Select(&rows, args...); err != nil {
		return err
	}
	for _, r := range rows {
		res[r.Kind] += r.N
	}
	return nil
}

// planCommune is one commune's line of the planner's JSON input.
type planCommune struct {
	CommuneID     int64         `json:"commune_id"`
	Group         int           `json:"grp"`
	Today         calendar.Date `json:"today"`
	Soon          calendar.Date `json:"soon"`
	TZ            string        `json:"tz"`
	Morning       bool          `json:"morning"`
	Digest        bool          `json:"digest"`
	DueToday      bool          `json:"due_today"`
	Leads         pq.Int64Array `json:"leads"`
	OverdueFirst  int           `json:"overdue_first"`
	OverdueEvery  int           `json:"overdue_every"`
	EscalateAfter int           `json:"escalate_after"`
	StaleDays     int           `json:"stale_days"`
	Channels      []string      `json:"channels"`
}

// planInput is the planner's parameters: the communes as JSON, planChunk
// to a chunk, and the distance lookup of each calendar group, flattened.
type planInput struct {
	chunks    []string
	distances pq.Int64Array
}

func (s *Store) planInput(ctx context.Context, now time.Time, o PlanOptions) (*planInput, error) {
	cw, err := s.WindowsAt(ctx, now)
	if err != nil {
		return nil, err
	}
	settings, err := s.allSettings(ctx)
	if err != nil {
		return nil, err
	}
	groups := distanceGroups{index: map[groupKey]int{}}
	lines := make([]planCommune, 0, len(cw.communes))
	for _, c := range cw.communes {
		st, ok := settings[c.ID]
		if !ok {
			st = DefaultSettings()
		}
		cal := cw.calendars[c.ID]
		if cal == nil {
			cal = s.BuildCalendar(nil)
		}
		w := cw.byID[c.ID]
		lines = append(lines, planLine(c, st, w, groups.of(cal, w.Today), cal, now, o))
	}
	in := &planInput{distances: groups.flat}
	for len(lines) > 0 {
		size := o.ChunkSize
		if size <= 0 {
			size = planChunk
		}
		n := min(size, len(lines))
		b, err := json.Marshal(lines[:n])
		if err != nil {
			return nil, err
		}
		in.chunks, lines = append(in.chunks, string(b)), lines[n:]
	}
	return in, nil
}

// planLine is commune c's rules and state at now.
func planLine(c models.CommuneInfo, st Settings, w Window, grp int, cal *calendar.Calendar, now time.Time,
	o PlanOptions) planCommune {
	local := now.In(c.Location()).Format("15:04")
	morning := cal.IsWorkingDay(w.Today) && local >= st.DigestAt
	channels := []string{"inbox"}
	if o.EmailAvailable && st.EmailEnabled {
		channels = append(channels, "email")
	}
	if st.WebhookEnabled && st.WebhookURL != "" && st.webhookSecret != "" {
		channels = append(channels, "webhook")
	}
	leads := st.DueSoonDays
	if leads == nil {
		leads = pq.Int64Array{}
	}
	return planCommune{CommuneID: c.ID, Group: grp, Today: w.Today, Soon: w.Soon, TZ: w.TZ, Morning: morning,
		Digest: st.DigestEnabled, DueToday: st.DueToday, Leads: leads, OverdueFirst: st.OverdueFirstAfter,
		OverdueEvery: st.OverdueEvery, EscalateAfter: st.EscalateAfter, StaleDays: st.StaleAfterDays,
		Channels: channels}
}

// groupKey identifies communes that share a calendar and a today; most
// communes have no overrides and share the default calendar, so a national
// run computes one lookup, not thousands.
type groupKey struct {
	cal   *calendar.Calendar
	today calendar.Date
}

type distanceGroups struct {
	index map[groupKey]int
	flat  pq.Int64Array
}

// of returns the group of (cal, today), computing its lookup on first use.
func (g *distanceGroups) of(cal *calendar.Calendar, today calendar.Date) int {
	k := groupKey{cal, today}
	if i, ok := g.index[k]; ok {
		return i
	}
	i := len(g.index)
	g.index[k] = i
	g.flat = append(g.flat, workingDistances(cal, today)...)
	return i
}

// workingDistances is the lookup of one group: for each deadline from
// lookupPast days before today to lookupFuture days after, the working days
// left until it (today or later) or minus the working days it is overdue.
func workingDistances(cal *calendar.Calendar, today calendar.Date) []int64 {
	out := make([]int64, lookupStride)
	for i := range out {
		d := today.AddDays(i - lookupPast)
		if d.Before(today) {
			out[i] = -int64(cal.WorkingDaysBetween(d, today))
		} else {
			out[i] = int64(cal.WorkingDaysBetween(today, d))
		}
	}
	return out
}
