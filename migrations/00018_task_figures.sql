-- +goose Up
-- The one definition of which tasks a period's figures count and of their
-- status on a given day. Reports, the dashboard, the snapshots and the
-- province roll-up all read their tasks through it; the Go type
-- models.Tally counts the rows and derives the rates, so every page and
-- every report states the same figures with the same meaning.
--
-- A task counts in the period [p_from, p_to] when it is at work during it:
-- it has started by the period's end and was not completed before the
-- period began (a task finished last year is last year's result). Its
-- status is the one it had at the end of the as-of day p_as_of: a
-- completion or cancellation recorded after that has not happened yet.
-- p_today and p_soon are the as-of day and its due-soon horizon (working
-- days, computed in Go from the commune's calendar), p_tz its time zone.
-- A task counts as extended when its deadline was moved
-- (original_due_on kept, see 00013).
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

-- +goose Down
DROP FUNCTION period_tasks(bigint, date, date, timestamptz, date, date, text);
