-- name: insert-subtask
-- A sub-task of $2 (issue 19): its plan and depth come from the parent, read
-- in the same statement, so neither can be given wrong; a deleted parent
-- inserts nothing (404). Its status is computed here, as insert-task's.
INSERT INTO tasks (commune_id, plan_id, parent_id, depth, title, description, lead_unit_id, start_on, due_on,
                   target_value, target_unit, weight, created_by, created_at, updated_at, report_every,
                   report_grace_days, status)
SELECT $1, p.plan_id, p.id, p.depth + 1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13, $14,
       task_status(NULL::timestamptz, NULL::timestamptz, 0::smallint, $7::date, $15::date, $16::date, $17::text)
FROM tasks p WHERE p.commune_id = $1 AND p.id = $2 AND p.deleted_at IS NULL
RETURNING id;

-- name: rollup-task
-- Recomputes the ancestors of task $2 from their sub-tasks (migration 00030),
-- in the writing transaction: $3 now, $4–$6 the commune's today, due-soon
-- horizon and time zone.
SELECT rollup_task($1, $2, $3, $4, $5, $6);

-- name: cancel-subtasks
-- Cancelling a task cancels the open work forwarded from it, at the same
-- instant, so nobody is reminded of parts of work that was called off; what
-- was done stays done. Reopening the task reopens none of them.
WITH RECURSIVE tree AS (
  SELECT c.id FROM tasks c WHERE c.commune_id = $1 AND c.parent_id = $2 AND c.deleted_at IS NULL
  UNION ALL
  SELECT c.id FROM tree JOIN tasks c ON c.commune_id = $1 AND c.parent_id = tree.id AND c.deleted_at IS NULL
)
UPDATE tasks SET cancelled_at = $3, status = 'cancelled', updated_at = $3, version = version + 1
WHERE commune_id = $1 AND id IN (SELECT id FROM tree) AND cancelled_at IS NULL AND completed_at IS NULL;

-- name: due-bounds
-- The deadlines a task's own must stay within (issue 19): its parent's (a
-- part cannot be due after the whole) and the latest of its live
-- sub-tasks' (the whole cannot be due before a part). NULL: no bound.
SELECT (SELECT p.due_on FROM tasks c JOIN tasks p ON p.commune_id = c.commune_id AND p.id = c.parent_id
        WHERE c.commune_id = $1 AND c.id = $2) AS parent_due,
       (SELECT max(s.due_on) FROM tasks s WHERE s.commune_id = $1 AND s.parent_id = $2
          AND s.deleted_at IS NULL AND s.cancelled_at IS NULL) AS latest_subtask_due;
