-- name: plan-event-hooks
-- The event webhooks' deliveries: every event of the last look-back ($2 to
-- $1 = now) of a commune with a live endpoint, queued once per endpoint that
-- subscribed to its type and existed when it happened. The window names the
-- row that is the event, so the dedup key (deliveries_event_dedup) makes a
-- repeated or concurrent run queue nothing twice:
--   plan.created p<plan>, task.assigned t<task> (created) or a<audit row>
--   (people changed), task.progress and task.completed u<report> (the
--   report that completed it: a return and a new completion is a new event),
--   task.overdue t<task>/<due_on> (an extension and a new deadline missed is
--   a new event), task.returned r<review>, extension.* x<extension> (a
--   deadline set with a return, requested and decided by the evaluator at
--   once, is announced by the return, as plan-events does).
-- The facts are the task as it is when queued; occurred_at is the event's.
WITH ep AS (
  SELECT commune_id, id AS endpoint_id, events, created_at AS since
  FROM webhook_endpoints WHERE deleted_at IS NULL AND enabled
), cm AS (
  SELECT DISTINCT ep.commune_id, c.time_zone FROM ep JOIN communes c ON c.id = ep.commune_id
), ev AS (
  SELECT p.commune_id, NULL::bigint AS task_id, p.id AS plan_id, 'plan.created' AS kind, 'p' || p.id AS window_key,
         p.created_at AS at, jsonb_build_object('by', COALESCE(u.full_name, '')) AS extra
  FROM cm JOIN plans p ON p.commune_id = cm.commune_id AND p.created_at >= $2 AND p.deleted_at IS NULL
  LEFT JOIN users u ON u.id = p.created_by
  UNION ALL
  SELECT t.commune_id, t.id, NULL, 'task.assigned', 't' || t.id, t.created_at, '{}'::jsonb
  FROM cm JOIN tasks t ON t.commune_id = cm.commune_id AND t.created_at >= $2
  UNION ALL
  -- People changed, as the reminders' "assigned" reads the audit log.
  SELECT a.commune_id, a.entity_id, NULL, 'task.assigned', 'a' || a.id, a.at, '{}'::jsonb
  FROM cm JOIN audit_log a ON a.commune_id = cm.commune_id AND a.entity = 'task' AND a.action = 'update'
    AND a.at >= $2 AND (a.before -> 'assignee_ids' IS DISTINCT FROM a.after -> 'assignee_ids'
                        OR a.before -> 'lead_unit_id' IS DISTINCT FROM a.after -> 'lead_unit_id')
  UNION ALL
  SELECT r.commune_id, r.task_id, NULL, 'task.progress', 'u' || r.id, r.created_at,
         jsonb_build_object('progress_id', r.id, 'reported_percent', r.percent, 'note', r.note, 'by', u.full_name)
  FROM cm JOIN progress_updates r ON r.commune_id = cm.commune_id AND r.created_at >= $2
  JOIN users u ON u.id = r.author_id
  UNION ALL
  -- Completed: a 100 % report after one below it, or after a return (read
  -- from the reports, not tasks.completed_at, which a return at once clears).
  SELECT r.commune_id, r.task_id, NULL, 'task.completed', 'u' || r.id, r.created_at,
         jsonb_build_object('progress_id', r.id, 'by', u.full_name)
  FROM cm JOIN progress_updates r ON r.commune_id = cm.commune_id AND r.percent = 100 AND r.created_at >= $2
  JOIN users u ON u.id = r.author_id
  LEFT JOIN LATERAL (
    SELECT q.percent, q.created_at FROM progress_updates q
    WHERE q.commune_id = r.commune_id AND q.task_id = r.task_id AND q.id < r.id ORDER BY q.id DESC LIMIT 1
  ) prev ON true
  WHERE prev.percent IS NULL OR prev.percent < 100 OR EXISTS (
    SELECT FROM task_reviews v WHERE v.commune_id = r.commune_id AND v.task_id = r.task_id AND v.kind = 'return'
      AND v.created_at >= prev.created_at AND v.created_at <= r.created_at)
  UNION ALL
  -- Overdue from 00:00 of the day after the deadline, commune time, while
  -- the task is still open.
  SELECT t.commune_id, t.id, NULL, 'task.overdue', 't' || t.id || '/' || t.due_on, o.at, '{}'::jsonb
  FROM cm JOIN tasks t ON t.commune_id = cm.commune_id AND t.completed_at IS NULL AND t.cancelled_at IS NULL
    AND t.due_on < ($1::timestamptz AT TIME ZONE cm.time_zone)::date
    AND t.due_on >= ($2::timestamptz AT TIME ZONE cm.time_zone)::date - 1
  CROSS JOIN LATERAL (SELECT (t.due_on + 1)::timestamp AT TIME ZONE cm.time_zone AS at) o
  UNION ALL
  SELECT r.commune_id, r.task_id, NULL, 'task.returned', 'r' || r.id, r.created_at,
         jsonb_build_object('review_id', r.id, 'note', r.body, 'by', u.full_name)
  FROM cm JOIN task_reviews r ON r.commune_id = cm.commune_id AND r.kind = 'return' AND r.created_at >= $2
  JOIN users u ON u.id = r.author_id
  UNION ALL
  SELECT x.commune_id, x.task_id, NULL, 'extension.requested', 'x' || x.id, x.requested_at,
         jsonb_build_object('extension_id', x.id, 'note', x.reason, 'by', u.full_name,
                            'requested_due_on', x.due_on, 'previous_due_on', x.previous_due_on)
  FROM cm JOIN task_extensions x ON x.commune_id = cm.commune_id AND x.requested_at >= $2
  JOIN users u ON u.id = x.requested_by
  WHERE NOT (x.decided_by IS NOT DISTINCT FROM x.requested_by AND x.decided_at IS NOT DISTINCT FROM x.requested_at)
  UNION ALL
  SELECT x.commune_id, x.task_id, NULL, 'extension.decided', 'x' || x.id, x.decided_at,
         jsonb_build_object('extension_id', x.id, 'note', x.decision_note, 'by', u.full_name,
                            'approved', x.status = 'approved', 'requested_due_on', x.due_on,
                            'previous_due_on', x.previous_due_on)
  FROM cm JOIN task_extensions x ON x.commune_id = cm.commune_id AND x.decided_at >= $2
  JOIN users u ON u.id = x.decided_by
  WHERE NOT (x.decided_by IS NOT DISTINCT FROM x.requested_by AND x.decided_at IS NOT DISTINCT FROM x.requested_at)
), x AS (
  SELECT ev.*, ep.endpoint_id
  FROM ev JOIN ep ON ep.commune_id = ev.commune_id AND ev.kind = ANY (ep.events)
  WHERE ev.at >= ep.since AND ev.at >= $2 AND ev.at <= $1
), ins AS (
  INSERT INTO deliveries (commune_id, task_id, endpoint_id, kind, channel, window_key, payload, next_attempt_at,
                          created_at, updated_at)
  SELECT x.commune_id, x.task_id, x.endpoint_id, x.kind, 'event', x.window_key,
         jsonb_build_object('occurred_at', x.at, 'plan_id', p.id, 'plan', p.doc_number, 'plan_title', p.title)
         || CASE WHEN tk.id IS NULL THEN '{}'::jsonb ELSE jsonb_build_object(
              'task_id', tk.id, 'task_title', tk.title, 'unit', u.name, 'due_on', tk.due_on,
              'original_due_on', tk.original_due_on, 'percent', tk.percent, 'task_status', tk.status) END
         || x.extra,
         $1, $1, $1
  FROM x
  LEFT JOIN tasks tk ON tk.commune_id = x.commune_id AND tk.id = x.task_id
  JOIN plans p ON p.commune_id = x.commune_id AND p.id = COALESCE(x.plan_id, tk.plan_id) AND p.deleted_at IS NULL
  LEFT JOIN units u ON u.commune_id = tk.commune_id AND u.id = tk.lead_unit_id
  WHERE x.task_id IS NULL OR tk.deleted_at IS NULL
  ON CONFLICT (commune_id, endpoint_id, kind, window_key) WHERE endpoint_id IS NOT NULL DO NOTHING
  RETURNING commune_id, id, kind
), evq AS (
  INSERT INTO delivery_events (commune_id, delivery_id, at, event) SELECT commune_id, id, $1, 'queued' FROM ins
)
SELECT kind, count(*) AS n FROM ins GROUP BY kind;
