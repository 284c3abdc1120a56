-- +goose Up
-- period_tasks, the one definition of the figures (00018, 00030), finds its
-- leaves with one hashed list of the commune's live parents instead of an
-- index probe per task (NOT EXISTS ran once per task of the period: two of
-- the ~3 buffers a task cost a dashboard, issue 15). Same rows, same values:
-- parent_id IS NOT NULL keeps NULL out of the NOT IN.
CREATE OR REPLACE FUNCTION period_tasks(p_commune bigint, p_from date, p_to date, p_as_of timestamptz,
                                        p_today date, p_soon date, p_tz text)
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
         t.id NOT IN (SELECT c.parent_id FROM tasks c
                      WHERE c.commune_id = p_commune AND c.parent_id IS NOT NULL
                        AND c.deleted_at IS NULL AND c.cancelled_at IS NULL)
  FROM tasks t
  JOIN plans p ON p.commune_id = t.commune_id AND p.id = t.plan_id AND p.deleted_at IS NULL
  WHERE t.commune_id = p_commune AND t.deleted_at IS NULL AND t.start_on <= p_to
    AND (t.completed_at IS NULL OR (t.completed_at AT TIME ZONE p_tz)::date >= p_from)
$$;

-- +goose Down
CREATE OR REPLACE FUNCTION period_tasks(p_commune bigint, p_from date, p_to date, p_as_of timestamptz,
                                        p_today date, p_soon date, p_tz text)
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
