-- name: insert-task
-- The stored status is computed here ($15–$17: the commune's today, due-soon
-- horizon and time zone), not by refresh-task-status after: one statement and
-- one row version fewer per new task (issue 15).
INSERT INTO tasks (commune_id, plan_id, title, description, lead_unit_id, start_on, due_on,
                   target_value, target_unit, weight, created_by, created_at, updated_at, report_every,
                   report_grace_days, status)
SELECT $1, p.id, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13, $14,
       task_status(NULL::timestamptz, NULL::timestamptz, 0::smallint, $7::date, $15::date, $16::date, $17::text)
FROM plans p WHERE p.commune_id = $1 AND p.id = $2 AND p.deleted_at IS NULL
RETURNING id;

-- name: get-task
SELECT t.id, t.plan_id, t.title, t.description, t.lead_unit_id, t.start_on, t.due_on,
       t.target_value, t.target_unit, t.weight, t.percent, t.actual_value,
       task_status(t.cancelled_at, t.completed_at, t.percent, t.due_on, $3, $4, $5) AS status,
       t.completed_at, t.cancelled_at, t.last_progress_at, t.accepted_at, t.accepted_by,
       t.version, t.created_at, t.updated_at, t.series_id, t.occurrence_on, t.report_every, t.report_grace_days,
       (SELECT p.steering_unit_id FROM plans p WHERE p.id = t.plan_id) AS plan_steering_unit_id,
       t.original_due_on, rv.created_at AS returned_at, COALESCE(rv.body, '') AS return_note,
       ARRAY(SELECT tu.unit_id FROM task_units tu WHERE tu.task_id = t.id ORDER BY tu.unit_id) AS supporting_unit_ids,
       ARRAY(SELECT ta.user_id FROM task_assignees ta WHERE ta.task_id = t.id ORDER BY ta.user_id) AS assignee_ids,
       t.parent_id, t.depth, (SELECT pt.title FROM tasks pt WHERE pt.id = t.parent_id) AS parent_title,
       ARRAY(SELECT c.id FROM tasks c WHERE c.commune_id = t.commune_id AND c.parent_id = t.id
             AND c.deleted_at IS NULL ORDER BY c.id) AS subtask_ids,
       EXISTS (SELECT FROM tasks c WHERE c.commune_id = t.commune_id AND c.parent_id = t.id
               AND c.deleted_at IS NULL AND c.cancelled_at IS NULL) AS rolled_up
FROM tasks t
-- The "Bị trả lại" mark: the return the task was last sent back with.
LEFT JOIN task_reviews rv ON rv.id = t.returned_review_id
WHERE t.commune_id = $1 AND t.id = $2 AND t.deleted_at IS NULL;

-- name: lock-task
SELECT version FROM tasks WHERE commune_id = $1 AND id = $2 AND deleted_at IS NULL FOR NO KEY UPDATE;

-- name: list-tasks
-- Keyset pagination on (due_on, id): a page costs the same on page 1 and page 1000.
SELECT t.id, t.plan_id, t.title, t.description, t.lead_unit_id, t.start_on, t.due_on,
       t.target_value, t.target_unit, t.weight, t.percent, t.actual_value,
       task_status(t.cancelled_at, t.completed_at, t.percent, t.due_on, $12, $13, $14) AS status,
       t.completed_at, t.cancelled_at, t.last_progress_at, t.accepted_at, t.accepted_by,
       t.version, t.created_at, t.updated_at, t.series_id, t.occurrence_on, t.report_every, t.report_grace_days,
       (SELECT p.steering_unit_id FROM plans p WHERE p.id = t.plan_id) AS plan_steering_unit_id,
       t.original_due_on, rv.created_at AS returned_at, COALESCE(rv.body, '') AS return_note,
       ARRAY(SELECT tu.unit_id FROM task_units tu WHERE tu.task_id = t.id ORDER BY tu.unit_id) AS supporting_unit_ids,
       ARRAY(SELECT ta.user_id FROM task_assignees ta WHERE ta.task_id = t.id ORDER BY ta.user_id) AS assignee_ids,
       t.parent_id, t.depth, (SELECT pt.title FROM tasks pt WHERE pt.id = t.parent_id) AS parent_title,
       COALESCE(sub.ids, '{}') AS subtask_ids, COALESCE(sub.live, false) AS rolled_up
FROM tasks t
-- The "Bị trả lại" mark: the return the task was last sent back with.
LEFT JOIN task_reviews rv ON rv.id = t.returned_review_id
-- Sub-tasks in one probe of tasks_parent per listed task, not two (issue 15).
LEFT JOIN LATERAL (SELECT array_agg(c.id ORDER BY c.id) AS ids, bool_or(c.cancelled_at IS NULL) AS live
                   FROM tasks c WHERE c.commune_id = t.commune_id AND c.parent_id = t.id
                     AND c.deleted_at IS NULL) sub ON true
WHERE t.commune_id = $1 AND t.deleted_at IS NULL
  AND ($2::bigint IS NULL OR t.plan_id = $2)
  AND ($3::bigint IS NULL OR t.lead_unit_id = $3
       OR EXISTS (SELECT 1 FROM task_units tu WHERE tu.task_id = t.id AND tu.unit_id = $3))
  -- $15, with $4, is "mine": named to $4 or led or supported by one of $15's units.
  -- The supported tasks are an IN list, which PostgreSQL hashes once: as
  -- EXISTS over ANY it probed task_units for every task it passed (issue 15).
  AND ($4::bigint IS NULL OR EXISTS (SELECT 1 FROM task_assignees ta WHERE ta.task_id = t.id AND ta.user_id = $4)
       OR t.lead_unit_id = ANY ($15::bigint[])
       OR t.id IN (SELECT tu.task_id FROM task_units tu WHERE tu.commune_id = $1 AND tu.unit_id = ANY ($15::bigint[])))
  AND ($5::text[] IS NULL
       OR task_status(t.cancelled_at, t.completed_at, t.percent, t.due_on, $12, $13, $14) = ANY ($5::text[]))
  AND ($6::date IS NULL OR t.due_on >= $6)
  AND ($7::date IS NULL OR t.due_on <= $7)
  AND ($8::text[] IS NULL OR t.search LIKE ALL (SELECT '%' || search_fold(w) || '%' FROM unnest($8::text[]) w))
  AND ($9::date IS NULL OR (t.due_on, t.id) > ($9, $10::bigint))
  AND ($16::bigint IS NULL OR t.parent_id = $16) -- sub-tasks of one task (issue 19)
ORDER BY t.due_on, t.id
LIMIT $11;

-- name: update-task
UPDATE tasks SET title = $3, description = $4, lead_unit_id = $5, start_on = $6, due_on = $7,
       target_value = $8, target_unit = $9, weight = $10, report_every = $13, report_grace_days = $14,
       cancelled_at = CASE WHEN $11 THEN COALESCE(cancelled_at, $12) END,
       updated_at = $12, version = version + 1
WHERE commune_id = $1 AND id = $2 AND deleted_at IS NULL;

-- name: delete-task
-- A task goes with the sub-tasks forwarded from it (00030): parts of work
-- that is gone would otherwise be counted by unit with no task above them.
WITH RECURSIVE tree AS (
  SELECT id FROM tasks WHERE commune_id = $1 AND id = $2 AND deleted_at IS NULL
  UNION ALL
  SELECT c.id FROM tree JOIN tasks c ON c.commune_id = $1 AND c.parent_id = tree.id AND c.deleted_at IS NULL
)
UPDATE tasks SET deleted_at = $3, version = version + 1
WHERE commune_id = $1 AND id IN (SELECT id FROM tree);

-- name: set-task-units
-- Replaces the supporting units: delete the ones not listed, add the new ones.
WITH del AS (
  DELETE FROM task_units WHERE commune_id = $1 AND task_id = $2 AND unit_id <> ALL ($3::bigint[])
)
INSERT INTO task_units (commune_id, task_id, unit_id)
SELECT $1, $2, u FROM unnest($3::bigint[]) u
ON CONFLICT DO NOTHING;

-- name: set-task-assignees
WITH del AS (
  DELETE FROM task_assignees WHERE commune_id = $1 AND task_id = $2 AND user_id <> ALL ($3::bigint[])
)
INSERT INTO task_assignees (commune_id, task_id, user_id)
SELECT $1, $2, u FROM unnest($3::bigint[]) u
ON CONFLICT DO NOTHING;

-- name: refresh-task-status
UPDATE tasks SET status = task_status(cancelled_at, completed_at, percent, due_on, $3, $4, $5)
WHERE commune_id = $1 AND id = $2;

-- name: task-has-recipient
-- Whether anyone active answers for the task (task_recipients, migration
-- 00014): no answer means nobody can report on it nor is reminded.
SELECT EXISTS (SELECT FROM task_recipients($1, $2, $3));

-- name: input-has-recipient
-- The same question for a task not saved yet: an active assignee of the
-- commune ($3), or a reporter of the lead or a supporting unit ($2).
SELECT EXISTS (SELECT FROM users u WHERE u.commune_id = $1 AND u.id = ANY ($3::bigint[]) AND u.disabled_at IS NULL)
    OR EXISTS (SELECT FROM unnest($2::bigint[]) x CROSS JOIN LATERAL unit_reporters($1, x) r);

-- name: move-task-due
-- An approved extension: the deadline moves, the first one is kept once.
UPDATE tasks SET original_due_on = COALESCE(original_due_on, due_on), due_on = $3, updated_at = $4,
       version = version + 1
WHERE commune_id = $1 AND id = $2 AND deleted_at IS NULL;
