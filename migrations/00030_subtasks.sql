-- +goose Up
-- Sub-tasks (issue 19): the lead of a task hands parts of it on. A sub-task
-- is a task with a parent in the same plan of the same commune; the parent's
-- percent, actual value and completion are rolled up from its sub-tasks.
--
-- A cycle is impossible by construction: a parent exists before its child
-- and parent_id is written once, on insert (no statement updates it). The
-- foreign key names the plan, so a sub-task cannot leave its parent's plan.
ALTER TABLE tasks
  ADD COLUMN parent_id bigint,
  ADD COLUMN depth smallint NOT NULL DEFAULT 1 CHECK (depth BETWEEN 1 AND 3),
  ADD CONSTRAINT tasks_commune_plan_id_key UNIQUE (commune_id, plan_id, id),
  ADD CONSTRAINT tasks_parent_fkey FOREIGN KEY (commune_id, plan_id, parent_id)
    REFERENCES tasks (commune_id, plan_id, id),
  ADD CONSTRAINT tasks_depth_of_parent CHECK ((parent_id IS NULL) = (depth = 1));
CREATE INDEX tasks_parent ON tasks (commune_id, parent_id) WHERE parent_id IS NOT NULL;

-- rollup_task recomputes the ancestors of task p_task from their live
-- sub-tasks (not deleted, not cancelled), level by level up to the root, in
-- the caller's transaction. Percent is weighted by target value when every
-- sub-task has a positive target in one unit (residents), else by weight;
-- it reaches 100 only when every sub-task is complete, and the parent is
-- complete then, at the last sub-task's completion. The actual value is the
-- sum. The stored status follows from that and the parent's own deadline
-- ($4–$6, as for every status write). A parent whose figures do not move is
-- not written (its version stays, so nobody's If-Match goes stale for nothing).
-- +goose StatementBegin
CREATE FUNCTION rollup_task(p_commune bigint, p_task bigint, p_now timestamptz, p_today date, p_soon date,
                            p_tz text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_parent bigint;
  r record;
BEGIN
  SELECT parent_id INTO v_parent FROM tasks WHERE commune_id = p_commune AND id = p_task;
  WHILE v_parent IS NOT NULL LOOP
    SELECT count(*) AS n, count(completed_at) AS done, max(completed_at) AS last_done,
           max(last_progress_at) AS last_progress,
           bool_and(COALESCE(target_value > 0, false)) AND count(DISTINCT target_unit) = 1 AS by_target,
           sum(percent * target_value) / NULLIF(sum(target_value), 0) AS pct_target,
           sum(percent * weight) / sum(weight) AS pct_weight, sum(actual_value) AS actual
      INTO r
      FROM tasks
     WHERE commune_id = p_commune AND parent_id = v_parent AND deleted_at IS NULL AND cancelled_at IS NULL;
    IF r.n > 0 THEN
      UPDATE tasks t
         SET percent = x.percent, actual_value = r.actual, completed_at = x.completed_at,
             accepted_at = CASE WHEN x.completed_at IS NOT NULL THEN t.accepted_at END,
             accepted_by = CASE WHEN x.completed_at IS NOT NULL THEN t.accepted_by END,
             last_progress_at = GREATEST(t.last_progress_at, r.last_progress),
             status = task_status(t.cancelled_at, x.completed_at, x.percent, t.due_on, p_today, p_soon, p_tz),
             updated_at = p_now, version = t.version + 1
        FROM (SELECT CASE WHEN r.done = r.n THEN 100
                          ELSE LEAST(99, round(CASE WHEN r.by_target THEN r.pct_target ELSE r.pct_weight END))
                     END::smallint AS percent,
                     CASE WHEN r.done = r.n THEN r.last_done END AS completed_at) x
       WHERE t.commune_id = p_commune AND t.id = v_parent
         AND (t.percent, t.actual_value, t.completed_at) IS DISTINCT FROM (x.percent, r.actual, x.completed_at);
    END IF;
    SELECT parent_id INTO v_parent FROM tasks WHERE commune_id = p_commune AND id = v_parent;
  END LOOP;
END
$$;
-- +goose StatementEnd
GRANT EXECUTE ON FUNCTION rollup_task(bigint, bigint, timestamptz, date, date, text) TO tiendo_app, tiendo_jobs;

-- period_tasks stays the one definition of the figures (00018), now telling
-- each task's place in its tree: plan-level figures (totals, by plan kind,
-- a plan's counts, the province) count the roots (parent_id IS NULL), whose
-- figures are rolled up from their sub-tasks; unit-level figures count the
-- leaves (is_leaf: no live sub-task), where the work is done. Either way a
-- piece of work counts once.
DROP FUNCTION period_tasks(bigint, date, date, timestamptz, date, date, text);
CREATE FUNCTION period_tasks(p_commune bigint, p_from date, p_to date, p_as_of timestamptz, p_today date,
                             p_soon date, p_tz text)
RETURNS TABLE (task_id bigint, plan_id bigint, lead_unit_id bigint, status text, extended boolean,
               parent_id bigint, is_leaf boolean)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT t.id, t.plan_id, t.lead_unit_id,
         task_status(CASE WHEN t.cancelled_at <= p_as_of THEN t.cancelled_at END,
                     CASE WHEN t.completed_at <= p_as_of THEN t.completed_at END,
                     t.percent, t.due_on, p_today, p_soon, p_tz),
         t.original_due_on IS NOT NULL AND t.original_due_on <> t.due_on,
         t.parent_id,
         NOT EXISTS (SELECT FROM tasks c WHERE c.commune_id = t.commune_id AND c.parent_id = t.id
                       AND c.deleted_at IS NULL AND c.cancelled_at IS NULL)
  FROM tasks t
  JOIN plans p ON p.commune_id = t.commune_id AND p.id = t.plan_id AND p.deleted_at IS NULL
  WHERE t.commune_id = p_commune AND t.deleted_at IS NULL AND t.start_on <= p_to
    AND (t.completed_at IS NULL OR (t.completed_at AT TIME ZONE p_tz)::date >= p_from)
$$;
GRANT EXECUTE ON FUNCTION period_tasks(bigint, date, date, timestamptz, date, date, text) TO tiendo_app, tiendo_jobs;

-- +goose Down
DROP FUNCTION period_tasks(bigint, date, date, timestamptz, date, date, text);
CREATE FUNCTION period_tasks(p_commune bigint, p_from date, p_to date, p_as_of timestamptz, p_today date,
                             p_soon date, p_tz text)
RETURNS TABLE (task_id bigint, plan_id bigint, lead_unit_id bigint, status text, extended boolean)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT t.id, t.plan_id, t.lead_unit_id,
         task_status(CASE WHEN t.cancelled_at <= p_as_of THEN t.cancelled_at END,
                     CASE WHEN t.completed_at <= p_as_of THEN t.completed_at END,
                     t.percent, t.due_on, p_today, p_soon, p_tz),
         t.original_due_on IS NOT NULL AND t.original_due_on <> t.due_on
  FROM tasks t
  JOIN plans p ON p.commune_id = t.commune_id AND p.id = t.plan_id AND p.deleted_at IS NULL
  WHERE t.commune_id = p_commune AND t.deleted_at IS NULL AND t.start_on <= p_to
    AND (t.completed_at IS NULL OR (t.completed_at AT TIME ZONE p_tz)::date >= p_from)
$$;
GRANT EXECUTE ON FUNCTION period_tasks(bigint, date, date, timestamptz, date, date, text) TO tiendo_app, tiendo_jobs;
DROP FUNCTION rollup_task(bigint, bigint, timestamptz, date, date, text);
-- Sub-tasks become tasks of their own: the tree goes, the rows stay.
ALTER TABLE tasks DROP CONSTRAINT tasks_depth_of_parent, DROP CONSTRAINT tasks_parent_fkey,
  DROP CONSTRAINT tasks_commune_plan_id_key, DROP COLUMN depth, DROP COLUMN parent_id;
