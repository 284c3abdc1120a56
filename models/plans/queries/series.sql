-- name: insert-series
INSERT INTO task_series (commune_id, plan_id, title, description, lead_unit_id, supporting_unit_ids, assignee_ids,
                         rule, weekdays, day_of_month, on_holiday, starts_on, ends_on, created_by, created_at, updated_at)
SELECT $1, p.id, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15
FROM plans p WHERE p.commune_id = $1 AND p.id = $2 AND p.deleted_at IS NULL
RETURNING id;

-- name: get-series
SELECT id, plan_id, title, description, lead_unit_id, supporting_unit_ids, assignee_ids, rule, weekdays,
       day_of_month, on_holiday, starts_on, ends_on, generated_until, stopped_at, version, created_by,
       created_at, updated_at
FROM task_series WHERE commune_id = $1 AND id = $2;

-- name: lock-series
-- The generator and every edit take this lock first, so a rule change and a
-- generation run never interleave.
SELECT id, plan_id, title, description, lead_unit_id, supporting_unit_ids, assignee_ids, rule, weekdays,
       day_of_month, on_holiday, starts_on, ends_on, generated_until, stopped_at, version, created_by,
       created_at, updated_at
FROM task_series WHERE commune_id = $1 AND id = $2 FOR NO KEY UPDATE;

-- name: list-series
SELECT id, plan_id, title, description, lead_unit_id, supporting_unit_ids, assignee_ids, rule, weekdays,
       day_of_month, on_holiday, starts_on, ends_on, generated_until, stopped_at, version, created_by,
       created_at, updated_at
FROM task_series WHERE commune_id = $1 AND plan_id = $2
ORDER BY id;

-- name: update-series
UPDATE task_series SET title = $3, description = $4, lead_unit_id = $5, supporting_unit_ids = $6,
       assignee_ids = $7, rule = $8, weekdays = $9, day_of_month = $10, on_holiday = $11, ends_on = $12,
       updated_at = $13, version = version + 1
WHERE commune_id = $1 AND id = $2;

-- name: stop-series
-- No occurrence after $3 (today), or none at all when the series has not
-- started; a second stop keeps the first one's dates.
UPDATE task_series SET ends_on = GREATEST(LEAST(COALESCE(ends_on, $3), $3), starts_on - 1),
       stopped_at = COALESCE(stopped_at, $4), updated_at = $4, version = version + 1
WHERE commune_id = $1 AND id = $2
RETURNING ends_on;

-- name: retire-occurrences
-- Future occurrences beyond the series' new end that nobody has touched are
-- removed from every list; past ones and those with progress stay.
UPDATE tasks SET deleted_at = $4, version = version + 1
WHERE commune_id = $1 AND series_id = $2 AND occurrence_on > $3 AND deleted_at IS NULL
  AND last_progress_at IS NULL AND completed_at IS NULL
RETURNING id;

-- name: series-bad-refs
-- The supporting units and assignees that are not the commune's (active) ones.
SELECT ARRAY(SELECT u FROM unnest($2::bigint[]) u
             WHERE NOT EXISTS (SELECT 1 FROM units WHERE commune_id = $1 AND id = u)) AS units,
       ARRAY(SELECT p FROM unnest($3::bigint[]) p
             WHERE NOT EXISTS (SELECT 1 FROM users WHERE commune_id = $1 AND id = p AND disabled_at IS NULL)) AS users;

-- name: series-occurrences
-- The latest occurrences, newest first; older ones are in the task lists.
SELECT t.id AS task_id, t.occurrence_on, t.due_on,
       task_status(t.cancelled_at, t.completed_at, t.percent, t.due_on, $3, $4, $5) AS status
FROM tasks t
WHERE t.commune_id = $1 AND t.series_id = $2 AND t.deleted_at IS NULL
ORDER BY t.occurrence_on DESC
LIMIT 100;

-- name: generate-occurrences
-- Inserts the occurrences ($3 nominal days, $4 starts, $5 deadlines) with
-- the series' template, their units and people, and advances
-- generated_until to $10, in one statement. ON CONFLICT makes it idempotent
-- across runs, replicas and a request racing the job.
WITH s AS (
  SELECT s.commune_id, s.id, s.plan_id, s.title, s.description, s.lead_unit_id, s.supporting_unit_ids,
         s.assignee_ids, s.created_by
  FROM task_series s JOIN plans p ON p.commune_id = s.commune_id AND p.id = s.plan_id AND p.deleted_at IS NULL
  WHERE s.commune_id = $1 AND s.id = $2
), ins AS (
  INSERT INTO tasks (commune_id, plan_id, title, description, lead_unit_id, start_on, due_on, created_by,
                     created_at, updated_at, series_id, occurrence_on, status)
  SELECT s.commune_id, s.plan_id, s.title, s.description, s.lead_unit_id, o.start_on, o.due_on, s.created_by,
         $6, $6, s.id, o.occurrence_on,
         task_status(NULL::timestamptz, NULL::timestamptz, 0::smallint, o.due_on, $7::date, $8::date, $9::text)
  FROM s, unnest($3::date[], $4::date[], $5::date[]) AS o(occurrence_on, start_on, due_on)
  ON CONFLICT (series_id, occurrence_on) DO NOTHING
  RETURNING commune_id, id, occurrence_on
), linked_units AS (
  INSERT INTO task_units (commune_id, task_id, unit_id)
  SELECT ins.commune_id, ins.id, u FROM ins, s, unnest(s.supporting_unit_ids) u
), linked_people AS (
  INSERT INTO task_assignees (commune_id, task_id, user_id)
  SELECT ins.commune_id, ins.id, p FROM ins, s, unnest(s.assignee_ids) p
), upd AS (
  UPDATE task_series SET generated_until = GREATEST(generated_until, $10::date)
  WHERE commune_id = $1 AND id = $2
)
SELECT id AS task_id, occurrence_on FROM ins ORDER BY occurrence_on;

-- name: open-series
-- Series that may have days left to generate: $1, $2, $3 are the weekly,
-- monthly and quarterly horizons of the latest "today" of any commune; the
-- generator computes each series' exact horizon.
SELECT commune_id, id FROM task_series
WHERE stopped_at IS NULL
  AND (generated_until IS NULL
       OR (generated_until < CASE rule WHEN 'weekly' THEN $1::date WHEN 'monthly' THEN $2::date ELSE $3::date END
           AND (ends_on IS NULL OR generated_until < ends_on)))
ORDER BY commune_id, id;
