-- name: take-snapshots
-- Every commune's figures of the year to date (period_tasks from 1 January
-- to the day, as the dashboard's default), in one statement: each
-- commune's day and due-soon window arrive as parallel arrays (as in
-- sweep-statuses), and GROUPING SETS yields the per-plan, per-lead-unit
-- and whole-commune rows together. Re-running on the same day overwrites
-- that day's rows. Forwarded work counts once (00030): the plan and commune
-- rows count the plans' tasks (roots), the unit rows the tasks the work is
-- done in (leaves); a task that is both is in both kinds of row, as before.
WITH d AS (
  SELECT * FROM unnest($1::bigint[], $2::date[], $3::date[], $4::text[]) AS d(commune_id, today, soon, tz)
), f AS (
  SELECT d.commune_id, d.today AS day, f.plan_id, f.lead_unit_id, f.status, f.parent_id IS NULL AS is_root,
         f.is_leaf
  FROM d
  CROSS JOIN LATERAL period_tasks(d.commune_id, make_date(extract(year FROM d.today)::int, 1, 1), d.today,
                                  $5::timestamptz, d.today, d.soon, d.tz) f
), s AS (
  SELECT commune_id, day, plan_id, lead_unit_id, status, 'plan' AS level FROM f WHERE is_root
  UNION ALL
  SELECT commune_id, day, plan_id, lead_unit_id, status, 'unit' FROM f WHERE is_leaf
)
INSERT INTO status_snapshots (commune_id, day, plan_id, unit_id, total, not_started, in_progress, due_soon,
                              overdue, done_on_time, done_late, cancelled, taken_at)
SELECT commune_id, day, plan_id, lead_unit_id, count(*),
       count(*) FILTER (WHERE status = 'not_started'), count(*) FILTER (WHERE status = 'in_progress'),
       count(*) FILTER (WHERE status = 'due_soon'), count(*) FILTER (WHERE status = 'overdue'),
       count(*) FILTER (WHERE status = 'done_on_time'), count(*) FILTER (WHERE status = 'done_late'),
       count(*) FILTER (WHERE status = 'cancelled'), $5::timestamptz
FROM s
GROUP BY GROUPING SETS ((commune_id, day, level, plan_id), (commune_id, day, level, lead_unit_id),
                        (commune_id, day, level))
HAVING (level = 'plan' AND GROUPING(lead_unit_id) = 1)
    OR (level = 'unit' AND GROUPING(lead_unit_id) = 0)
ON CONFLICT (commune_id, day, (COALESCE(plan_id, 0)), (COALESCE(unit_id, 0))) DO UPDATE
SET total = EXCLUDED.total, not_started = EXCLUDED.not_started, in_progress = EXCLUDED.in_progress,
    due_soon = EXCLUDED.due_soon, overdue = EXCLUDED.overdue, done_on_time = EXCLUDED.done_on_time,
    done_late = EXCLUDED.done_late, cancelled = EXCLUDED.cancelled, taken_at = EXCLUDED.taken_at;

-- name: prune-snapshots
-- A group that had tasks earlier the same day but has none now (all deleted)
-- was not rewritten by take-snapshots; its stale row goes.
DELETE FROM status_snapshots ss
USING unnest($1::bigint[], $2::date[]) AS d(commune_id, today)
WHERE ss.commune_id = d.commune_id AND ss.day = d.today AND ss.taken_at <> $3::timestamptz;

-- name: list-snapshots
-- $4 and $5 select the group: a plan, a lead unit, or (both NULL) the commune.
SELECT day, plan_id, unit_id, total, not_started, in_progress, due_soon, overdue, done_on_time, done_late,
       cancelled
FROM status_snapshots
WHERE commune_id = $1 AND day BETWEEN $2 AND $3
  AND plan_id IS NOT DISTINCT FROM $4::bigint AND unit_id IS NOT DISTINCT FROM $5::bigint
ORDER BY day;
