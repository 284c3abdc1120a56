-- The reminder planner. Both planning statements visit every commune at once:
-- $1 is a JSON array with one object per commune (its "today", its rules and
-- channels, and whether its working day's reminders are due yet: "morning"),
-- $2 a flat int[] of signed working-day distances from each calendar group's
-- today, so that working-day arithmetic on the commune's own calendar is one
-- array lookup per task:
--   distance(due_on) = $2[grp * $4 + (due_on - today) + $3 + 1]
-- for due_on - today in [-$3, $4 - $3 - 1]: working days left until the
-- deadline when it is today or later (0 = the deadline's last working day),
-- minus the working days overdue when it has passed. A deadline further back
-- than the lookup reads -100000, "long overdue", so such a task still gets
-- one overdue reminder and one escalation, with a window that never moves.
-- $5 is now. Each statement inserts with ON CONFLICT DO NOTHING on the dedup
-- key, logs a 'queued' event for each row it really inserted and returns how
-- many it queued per kind.

-- name: plan-lock
-- $1 the lane (reminders_lanes.go). Planners on several replicas (or `jobs
-- run` beside the scheduler) take turns on each lane instead of racing for
-- the same rows; the sorts of a national run get the memory they need. JIT
-- is off: the statements' estimates pass jit_above_cost, and compiling them
-- cost 8 of a chunk's 17 s (EXPLAIN ANALYZE, national preset) for nothing
-- in return. All last until the transaction ends.
SELECT pg_advisory_xact_lock(hashtext('tiendo.reminders'), $1::int), set_config('work_mem', '64MB', true),
       set_config('jit', 'off', true);

-- name: plan-task-reminders
-- Task reminders: assigned (created or reassigned since $6), due soon, due
-- today, overdue, escalation and stale.
WITH c AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS c(commune_id bigint, grp int, today date, soon date, tz text,
    morning boolean, due_today boolean, leads int[], overdue_first int, overdue_every int, escalate_after int,
    stale_days int, channels text[])
), t AS (
  -- Open tasks of active plans, with the signed distance to their deadline.
  SELECT c.commune_id, c.grp, c.today, c.morning, c.due_today, c.leads, c.overdue_first, c.overdue_every,
         c.escalate_after, c.stale_days, c.channels, t.id AS task_id, t.lead_unit_id, t.due_on, t.created_at,
         t.updated_at, (COALESCE(t.last_progress_at, t.created_at) AT TIME ZONE c.tz)::date AS last_update,
         t.start_on, t.report_every, t.report_grace_days, (t.created_at AT TIME ZONE c.tz)::date AS created_on,
         (t.last_progress_at AT TIME ZONE c.tz)::date AS last_report, t.parent_id, t.created_by,
         task_status(t.cancelled_at, t.completed_at, t.percent, t.due_on, c.today, c.soon, c.tz) AS status,
         CASE WHEN t.due_on < c.today - $3::int THEN -100000
              WHEN t.due_on - c.today < $4::int - $3::int
              THEN ($2::int[])[c.grp * $4::int + (t.due_on - c.today) + $3::int + 1] END AS wd
  FROM c
  JOIN tasks t ON t.commune_id = c.commune_id AND t.deleted_at IS NULL
                  AND t.completed_at IS NULL AND t.cancelled_at IS NULL
  JOIN plans p ON p.commune_id = t.commune_id AND p.id = t.plan_id AND p.deleted_at IS NULL AND p.status = 'active'
), due AS (
  -- The reminders the rules call for today, each with the window that is its key.
  -- r working days left: the reminder of the smallest lead time ≥ r, so a
  -- planner that missed the day of the 3-day reminder sends it on day 2
  -- (lead times are at most 30 working days).
  SELECT t.*, 'due_soon' AS kind, t.due_on || '/' || l.lead AS window_key,
         jsonb_build_object('days', t.wd, 'lead', l.lead) AS extra
  FROM t CROSS JOIN LATERAL (SELECT min(x) AS lead FROM unnest(t.leads) x WHERE x >= t.wd) l
  WHERE t.morning AND t.due_on >= t.today AND t.wd BETWEEN 1 AND 30 AND l.lead IS NOT NULL
  UNION ALL
  SELECT t.*, 'due_today', t.due_on::text, '{}'::jsonb
  FROM t WHERE t.morning AND t.due_today AND t.due_on >= t.today AND t.wd = 0
  UNION ALL
  -- One window per overdue_every working days from the first reminder; the
  -- window, not the day, is the key, so missed days are not sent one by one.
  SELECT t.*, 'overdue', t.due_on || '/' || ((-t.wd - t.overdue_first) / t.overdue_every),
         jsonb_build_object('days', NULLIF(-t.wd, 100000))
  FROM t WHERE t.morning AND t.due_on < t.today AND -t.wd >= t.overdue_first
  UNION ALL
  -- Escalation: to the chairmen; a sub-task's (issue 19) goes first to whoever
  -- forwarded it (window …/forwarder), and to the chairmen when it is as
  -- late again.
  SELECT t.*, 'escalation', t.due_on || CASE WHEN t.parent_id IS NOT NULL THEN '/forwarder' ELSE '' END,
         jsonb_build_object('days', NULLIF(-t.wd, 100000)) || CASE WHEN t.parent_id IS NOT NULL
           THEN jsonb_build_object('to', 'forwarder') ELSE '{}' END
  FROM t WHERE t.morning AND t.due_on < t.today AND t.escalate_after > 0 AND -t.wd >= t.escalate_after
  UNION ALL
  SELECT t.*, 'escalation', t.due_on::text, jsonb_build_object('days', NULLIF(-t.wd, 100000))
  FROM t WHERE t.morning AND t.due_on < t.today AND t.escalate_after > 0 AND t.parent_id IS NOT NULL
    AND -t.wd >= 2 * t.escalate_after
  UNION ALL
  -- Stale: in progress (neither due soon nor overdue, which have their own
  -- reminders) with no report for stale_days; keyed by the last report, so a
  -- new report re-arms it.
  SELECT t.*, 'stale', t.last_update::text,
         jsonb_build_object('days', t.today - t.last_update, 'last_update', t.last_update)
  FROM t WHERE t.morning AND t.stale_days > 0 AND t.status = 'in_progress' AND t.report_every IS NULL
    AND t.today - t.last_update >= t.stale_days
  UNION ALL
  -- A task on a report cadence asks for the report of the last period that
  -- has ended, once its grace of working days has passed with no report
  -- since the period began; keyed by the period, so each is asked for once.
  -- A task created during a period owes its first report for the next one.
  SELECT t.*, 'report_missing', r.ps::text,
         jsonb_build_object('period_start', r.ps, 'period_end', r.pe, 'every', t.report_every)
  FROM t CROSS JOIN LATERAL (
    SELECT (b.cur - b.len)::date AS ps, b.cur::date - 1 AS pe
    FROM (SELECT date_trunc(t.report_every, t.today::timestamp) AS cur,
                 CASE t.report_every WHEN 'week' THEN interval '7 days' WHEN 'month' THEN interval '1 month'
                      ELSE interval '3 months' END AS len) b
  ) r
  WHERE t.morning AND t.report_every IS NOT NULL AND t.start_on <= r.pe AND t.created_on <= r.ps
    AND (t.last_report IS NULL OR t.last_report < r.ps)
    AND (r.pe < t.today - $3::int
         OR -($2::int[])[t.grp * $4::int + (r.pe - t.today) + $3::int + 1] > t.report_grace_days)
), cand AS (
  -- A window whose reminder already went out (to whoever the task's people
  -- were then) is done: one index probe per task instead of one conflict per
  -- person and channel, on every run of the day.
  SELECT due.* FROM due
  WHERE NOT EXISTS (SELECT FROM deliveries d WHERE d.commune_id = due.commune_id
                      AND COALESCE(d.task_id, 0) = due.task_id AND d.kind = due.kind AND d.window_key = due.window_key)
  UNION ALL
  -- Assigned: created since $6, or its people changed since then as the
  -- audit log records it (a progress report also touches updated_at, but
  -- announces no assignment). The dedup key then tells only the new people.
  SELECT t.*, 'assigned', '', '{}'::jsonb
  FROM t WHERE t.updated_at >= $6 AND (t.created_at >= $6 OR EXISTS (
    SELECT FROM audit_log a
    WHERE a.commune_id = t.commune_id AND a.entity = 'task' AND a.entity_id = t.task_id AND a.action = 'update'
      AND a.at >= $6 AND (a.before -> 'assignee_ids' IS DISTINCT FROM a.after -> 'assignee_ids'
                          OR a.before -> 'lead_unit_id' IS DISTINCT FROM a.after -> 'lead_unit_id')))
), rcpt AS (
  -- The people who do the work (task_recipients, migration 00014: the
  -- assignees, else the lead unit's reporters, a hamlet's team included).
  -- Escalations go to the chairmen.
  SELECT cand.*, r.user_id
  FROM cand CROSS JOIN LATERAL task_recipients(cand.commune_id, cand.task_id, cand.lead_unit_id) r
  WHERE cand.kind <> 'escalation'
  UNION ALL
  SELECT cand.*, m.user_id
  FROM cand JOIN (SELECT DISTINCT commune_id, user_id FROM memberships WHERE role = 'chairman') m
    ON m.commune_id = cand.commune_id
  WHERE cand.kind = 'escalation' AND NOT cand.extra ? 'to'
  UNION ALL
  SELECT cand.*, cand.created_by FROM cand
  WHERE cand.kind = 'escalation' AND cand.extra ->> 'to' = 'forwarder' AND cand.created_by IS NOT NULL
), ins AS (
  -- The facts the message is written from, read only for what is queued.
  INSERT INTO deliveries (commune_id, task_id, recipient_id, kind, channel, window_key, payload, next_attempt_at,
                          created_at, updated_at)
  SELECT r.commune_id, r.task_id, r.user_id, r.kind, ch, r.window_key,
         jsonb_build_object('task_title', tk.title, 'plan', p.doc_number, 'due_on', tk.due_on, 'percent', tk.percent,
                            'unit', u.name, 'today', r.today) || r.extra,
         $5, $5, $5
  FROM rcpt r
  JOIN tasks tk ON tk.id = r.task_id
  JOIN plans p ON p.id = tk.plan_id
  JOIN units u ON u.id = tk.lead_unit_id
  JOIN users usr ON usr.id = r.user_id AND usr.disabled_at IS NULL
  CROSS JOIN LATERAL unnest(r.channels) ch
  WHERE ch <> 'email' OR (usr.email <> '' AND 'email' = ANY (usr.reminder_channels))
  ON CONFLICT (commune_id, (COALESCE(task_id, 0)), kind, window_key, recipient_id, channel) DO NOTHING
  RETURNING commune_id, id, kind
), ev AS (
  INSERT INTO delivery_events (commune_id, delivery_id, at, event) SELECT commune_id, id, $5, 'queued' FROM ins
)
SELECT kind, count(*) AS n FROM ins GROUP BY kind;

-- name: plan-digests
-- One digest per person per working day: their overdue and due-soon tasks,
-- most urgent first (the first 20 listed, all counted). A commune whose
-- digests of the day went out is skipped: a digest is the morning's summary.
WITH c AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS c(commune_id bigint, grp int, today date, soon date, tz text,
    morning boolean, digest boolean, channels text[])
  WHERE morning AND digest AND NOT EXISTS (
    SELECT FROM deliveries d WHERE d.commune_id = c.commune_id AND COALESCE(d.task_id, 0) = 0
      AND d.kind = 'digest' AND d.window_key = c.today::text)
), t AS (
  SELECT c.commune_id, c.today, c.channels, t.id AS task_id, t.title, t.due_on, t.lead_unit_id,
         task_status(t.cancelled_at, t.completed_at, t.percent, t.due_on, c.today, c.soon, c.tz) AS status,
         CASE WHEN t.due_on < c.today - $3::int THEN NULL
              WHEN t.due_on - c.today < $4::int - $3::int
              THEN abs(($2::int[])[c.grp * $4::int + (t.due_on - c.today) + $3::int + 1]) END AS days
  FROM c
  JOIN tasks t ON t.commune_id = c.commune_id AND t.deleted_at IS NULL
                  AND t.completed_at IS NULL AND t.cancelled_at IS NULL AND t.due_on <= c.soon
  JOIN plans p ON p.commune_id = t.commune_id AND p.id = t.plan_id AND p.deleted_at IS NULL AND p.status = 'active'
), rcpt AS (
  SELECT t.*, r.user_id
  FROM t CROSS JOIN LATERAL task_recipients(t.commune_id, t.task_id, t.lead_unit_id) r
), per_user AS (
  -- The payload is built once per person, not once per channel.
  SELECT commune_id, user_id, today, channels,
         jsonb_build_object('date', today, 'overdue', count(*) FILTER (WHERE status = 'overdue'),
                            'due_soon', count(*) FILTER (WHERE status = 'due_soon'),
                            'tasks', jsonb_path_query_array(jsonb_agg(jsonb_build_object('task_id', task_id,
                                       'title', title, 'due_on', due_on, 'status', status, 'days', days)
                                       ORDER BY due_on, task_id), '$[0 to 19]')) AS payload
  FROM rcpt WHERE status IN ('overdue', 'due_soon')
  GROUP BY commune_id, user_id, today, channels
), ins AS (
  INSERT INTO deliveries (commune_id, task_id, recipient_id, kind, channel, window_key, payload, next_attempt_at,
                          created_at, updated_at)
  SELECT p.commune_id, NULL, p.user_id, 'digest', ch, p.today::text, p.payload, $5, $5, $5
  FROM per_user p
  JOIN users usr ON usr.id = p.user_id AND usr.disabled_at IS NULL
  CROSS JOIN LATERAL unnest(p.channels) ch
  WHERE ch <> 'email' OR (usr.email <> '' AND 'email' = ANY (usr.reminder_channels))
  ON CONFLICT (commune_id, (COALESCE(task_id, 0)), kind, window_key, recipient_id, channel) DO NOTHING
  RETURNING commune_id, id, kind
), ev AS (
  INSERT INTO delivery_events (commune_id, delivery_id, at, event) SELECT commune_id, id, $5, 'queued' FROM ins
)
SELECT kind, count(*) AS n FROM ins GROUP BY kind;

-- name: plan-events
-- Notices of what people did, at any hour, once each (the window names the
-- event): a return (kind returned; window r<review id>) to the task's people
-- and the lead unit's reporters; an extension request (extension_requested,
-- x<id>) to the chairmen; its decision (extension_decided, x<id>) to the
-- requester; a deadline set with a return (requested and decided by the
-- evaluator at once) is announced by the return. Events since $3 only ($2 is
-- now), as for "assigned".
WITH c AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS c(commune_id bigint, today date, channels text[])
), ev AS (
  SELECT r.commune_id, r.task_id, 'returned' AS kind, 'r' || r.id AS window_key,
         jsonb_build_object('note', r.body, 'by', u.full_name) AS extra, NULL::bigint AS to_user
  FROM task_reviews r JOIN users u ON u.id = r.author_id
  WHERE r.kind = 'return' AND r.created_at >= $3
  UNION ALL
  SELECT x.commune_id, x.task_id, 'extension_requested', 'x' || x.id,
         jsonb_build_object('note', x.reason, 'by', u.full_name, 'requested_due_on', x.due_on,
                            'previous_due_on', x.previous_due_on, 'extension_id', x.id), NULL
  FROM task_extensions x JOIN users u ON u.id = x.requested_by
  WHERE x.requested_at >= $3 AND NOT (x.decided_by IS NOT DISTINCT FROM x.requested_by AND x.decided_at IS NOT DISTINCT FROM x.requested_at)
  UNION ALL
  SELECT x.commune_id, x.task_id, 'extension_decided', 'x' || x.id,
         jsonb_build_object('note', x.decision_note, 'by', u.full_name, 'approved', x.status = 'approved',
                            'requested_due_on', x.due_on, 'previous_due_on', x.previous_due_on), x.requested_by
  FROM task_extensions x JOIN users u ON u.id = x.decided_by
  WHERE x.decided_at >= $3 AND NOT (x.decided_by IS NOT DISTINCT FROM x.requested_by AND x.decided_at IS NOT DISTINCT FROM x.requested_at)
), e AS (
  SELECT ev.*, c.today, c.channels, t.lead_unit_id
  FROM ev JOIN c ON c.commune_id = ev.commune_id
  JOIN tasks t ON t.commune_id = ev.commune_id AND t.id = ev.task_id AND t.deleted_at IS NULL
), rcpt AS (
  SELECT e.*, r.user_id FROM e CROSS JOIN LATERAL task_recipients(e.commune_id, e.task_id, e.lead_unit_id) r
  WHERE e.kind = 'returned'
  UNION
  SELECT e.*, r.user_id FROM e CROSS JOIN LATERAL unit_reporters(e.commune_id, e.lead_unit_id) r
  WHERE e.kind = 'returned'
  UNION
  SELECT e.*, m.user_id
  FROM e JOIN (SELECT DISTINCT commune_id, user_id FROM memberships WHERE role = 'chairman') m
    ON m.commune_id = e.commune_id
  WHERE e.kind = 'extension_requested'
  UNION
  SELECT e.*, e.to_user FROM e WHERE e.kind = 'extension_decided'
), ins AS (
  INSERT INTO deliveries (commune_id, task_id, recipient_id, kind, channel, window_key, payload, next_attempt_at,
                          created_at, updated_at)
  SELECT r.commune_id, r.task_id, r.user_id, r.kind, ch, r.window_key,
         jsonb_build_object('task_title', tk.title, 'plan', p.doc_number, 'due_on', tk.due_on, 'percent', tk.percent,
                            'unit', u.name, 'today', r.today) || r.extra,
         $2, $2, $2
  FROM rcpt r
  JOIN tasks tk ON tk.id = r.task_id
  JOIN plans p ON p.id = tk.plan_id
  JOIN units u ON u.id = tk.lead_unit_id
  JOIN users usr ON usr.id = r.user_id AND usr.disabled_at IS NULL
  CROSS JOIN LATERAL unnest(r.channels) ch
  WHERE ch <> 'email' OR (usr.email <> '' AND 'email' = ANY (usr.reminder_channels))
  ON CONFLICT (commune_id, (COALESCE(task_id, 0)), kind, window_key, recipient_id, channel) DO NOTHING
  RETURNING commune_id, id, kind
), evq AS (
  INSERT INTO delivery_events (commune_id, delivery_id, at, event) SELECT commune_id, id, $2, 'queued' FROM ins
)
SELECT kind, count(*) AS n FROM ins GROUP BY kind;
