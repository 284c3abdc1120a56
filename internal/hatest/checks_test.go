//go:build hatest

package hatest

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/lib/pq"
)

// outcome is what the checks found on the new primary after the run.
type outcome struct {
	lost       []string // acknowledged reports missing or changed
	duplicates int      // reports written twice for one Idempotency-Key
	written    int      // reports of the load in the database
	inboxDup   int      // inbox rows sharing a delivery or a reminder's natural key
	remindLost []int64  // reminders queued before the kill, not in the inbox exactly once
}

// checkReports finds every acknowledged report by its id, with its task
// and percent, and counts the keys written more than once (the note
// carries the key).
func checkReports(ctx context.Context, db *sql.DB, acks map[string]ack, o *outcome) error {
	ids := make([]int64, 0, len(acks))
	for _, a := range acks {
		ids = append(ids, a.reportID)
	}
	got := map[int64][2]int64{}
	rows, err := db.QueryContext(ctx, `SELECT id, task_id, percent FROM progress_updates WHERE id = ANY($1)`, pq.Int64Array(ids))
	if err != nil {
		return err
	}
	for rows.Next() {
		var id, task, percent int64
		if err := rows.Scan(&id, &task, &percent); err != nil {
			return err
		}
		got[id] = [2]int64{task, percent}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, a := range acks {
		if got[a.reportID] != [2]int64{a.task, int64(a.percent)} {
			o.lost = append(o.lost, fmt.Sprintf("%s: report %d (task %d, %d%%) is %v", a.key, a.reportID, a.task, a.percent, got[a.reportID]))
		}
	}
	return db.QueryRowContext(ctx, `SELECT count(*), count(*) - count(DISTINCT note) FROM progress_updates
		WHERE note LIKE 'ha-test ha-%' AND note NOT LIKE 'ha-test ha-probe-%'`).Scan(&o.written, &o.duplicates)
}

// snapshotReminders lists the inbox deliveries queued so far, on the
// primary, and waits until the standby has replayed them: the scheduler's
// pool commits without waiting for the standby (synchronous_commit = off,
// config.roleConnector), so the very last planning of a crash may be redone
// by the next slot instead; what the standby holds must not be lost.
func snapshotReminders(ctx context.Context, primary, standby *sql.DB) (ids []int64, sent int, err error) {
	var lsn string
	err = primary.QueryRowContext(ctx, `SELECT coalesce(array_agg(id ORDER BY id), '{}'), count(*) FILTER (WHERE status = 'sent'),
		pg_current_wal_lsn()::text FROM deliveries WHERE channel = 'inbox'`).Scan((*pq.Int64Array)(&ids), &sent, &lsn)
	if err != nil {
		return nil, 0, err
	}
	return ids, sent, poll(ctx, 30*time.Second, func() error {
		var ok bool
		if err := standby.QueryRowContext(ctx, `SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn`, lsn).Scan(&ok); err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("the standby has not replayed %s yet", lsn)
		}
		return nil
	})
}

// checkInbox waits until every reminder of the snapshot is in the inbox,
// then counts inbox rows that repeat a delivery or a reminder's natural key
// (commune, task, kind, window, recipient: the outbox's dedup key).
func checkInbox(ctx context.Context, db *sql.DB, queued []int64, o *outcome) error {
	missing := func() ([]int64, error) {
		var ids pq.Int64Array
		err := db.QueryRowContext(ctx, `SELECT coalesce(array_agg(d.id ORDER BY d.id), '{}') FROM deliveries d
			WHERE d.id = ANY($1) AND (d.status <> 'sent' OR (SELECT count(*) FROM notifications n WHERE n.delivery_id = d.id) <> 1)`,
			pq.Int64Array(queued)).Scan(&ids)
		return ids, err
	}
	_ = poll(ctx, 90*time.Second, func() error {
		ids, err := missing()
		if err == nil && len(ids) > 0 {
			err = fmt.Errorf("%d reminders not delivered yet", len(ids))
		}
		return err
	})
	var err error
	if o.remindLost, err = missing(); err != nil {
		return err
	}
	return db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM (SELECT 1 FROM notifications GROUP BY delivery_id HAVING count(*) > 1) a) +
		(SELECT count(*) FROM (SELECT 1 FROM notifications n JOIN deliveries d ON d.id = n.delivery_id
			GROUP BY d.commune_id, coalesce(d.task_id, 0), d.kind, d.window_key, d.recipient_id HAVING count(*) > 1) b)`).Scan(&o.inboxDup)
}

// checkUnanswered counts the retried reports that never got their 201 but
// are in the database: their COMMIT reached the disk of both nodes and the
// crash took the answer, so tiendo answered 503 and keeps the key as
// written without an answer (409 in flight until it expires: models/
// idempotency.go). Never acknowledged, so not lost; written once.
// Since the key then answers 409 idempotency_key_recorded once its lease is
// over, those are counted too, and each must be in the database.
func checkUnanswered(ctx context.Context, db *sql.DB, r *result) error {
	r.recorded = len(r.recordedKeys)
	if err := countNotes(ctx, db, r.leftKeys, &r.answerLost); err != nil {
		return err
	}
	return countNotes(ctx, db, r.recordedKeys, &r.recordedIn)
}

// countNotes counts the load's reports in the database among keys.
func countNotes(ctx context.Context, db *sql.DB, keys []string, n *int) error {
	notes := make([]string, len(keys))
	for i, k := range keys {
		notes[i] = "ha-test " + k
	}
	return db.QueryRowContext(ctx, `SELECT count(*) FROM progress_updates WHERE note = ANY($1)`,
		pq.StringArray(notes)).Scan(n)
}
