-- +goose Up
-- Every task reaches someone (issue 11).
--
-- Who reports for a unit: its active officers and team members, and those
-- of its sub-units. A hamlet (ấp) has no members of its own in practice; its
-- community digital team is a unit whose parent is the hamlet, so a task the
-- chairman gives to "Ấp Trung Phú 1" reaches "Tổ công nghệ số cộng đồng ấp
-- Trung Phú 1". One level only: a commune-wide unit does not pull in every
-- team below it. models.Task.CanReportProgress says the same in Go
-- (Membership.ParentUnitID).
-- +goose StatementBegin
CREATE FUNCTION unit_reporters(p_commune bigint, p_unit bigint) RETURNS TABLE (user_id bigint)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT DISTINCT m.user_id
  FROM memberships m
  JOIN units u ON u.commune_id = m.commune_id AND u.id = m.unit_id
  JOIN users usr ON usr.id = m.user_id AND usr.disabled_at IS NULL
  WHERE m.commune_id = p_commune AND m.role IN ('officer', 'team_member')
    AND (u.id = p_unit OR u.parent_id = p_unit)
$$;
-- +goose StatementEnd

-- Who is told about a task (reminders, returns): the one recipient rule.
-- The assignees; without any, the lead unit's reporters; without those, the
-- supporting units' reporters, so a task somebody can report on always
-- reminds somebody. Written as one SQL function that the planner calls per
-- task (LATERAL), which PostgreSQL inlines into the planning statement.
-- +goose StatementBegin
CREATE FUNCTION task_recipients(p_commune bigint, p_task bigint, p_lead bigint) RETURNS TABLE (user_id bigint)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH a AS (
    SELECT ta.user_id FROM task_assignees ta JOIN users u ON u.id = ta.user_id AND u.disabled_at IS NULL
    WHERE ta.commune_id = p_commune AND ta.task_id = p_task
  ), l AS (
    SELECT r.user_id FROM unit_reporters(p_commune, p_lead) r WHERE NOT EXISTS (SELECT FROM a)
  )
  SELECT user_id FROM a
  UNION ALL
  SELECT user_id FROM l
  UNION ALL
  SELECT DISTINCT r.user_id
  FROM task_units tu CROSS JOIN LATERAL unit_reporters(p_commune, tu.unit_id) r
  WHERE tu.commune_id = p_commune AND tu.task_id = p_task AND NOT EXISTS (SELECT FROM a)
    AND NOT EXISTS (SELECT FROM l)
$$;
-- +goose StatementEnd

-- The planner announces returns and extension requests and decisions that
-- happened since its look-back; these indexes find them without a scan.
CREATE INDEX task_reviews_returns ON task_reviews (created_at) WHERE kind = 'return';
CREATE INDEX task_extensions_requested ON task_extensions (requested_at);
CREATE INDEX task_extensions_decided_at ON task_extensions (decided_at) WHERE decided_at IS NOT NULL;

-- The "Bị trả lại" mark: the return a task was last sent back with, until
-- the next progress report clears it (an order of events, which a
-- comparison of timestamps cannot tell apart within one instant).
ALTER TABLE tasks ADD COLUMN returned_review_id bigint REFERENCES task_reviews (id);

-- Three new notices: returned (to the task's people), extension_requested
-- (to the chairmen) and extension_decided (to the requester). The list is
-- restated whole, as 00011 did.
ALTER TABLE deliveries DROP CONSTRAINT deliveries_kind_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_kind_check
  CHECK (kind IN ('assigned', 'due_soon', 'due_today', 'overdue', 'escalation', 'stale', 'digest',
                  'delivery_failed', 'report', 'report_missing', 'returned', 'extension_requested',
                  'extension_decided'));

-- +goose Down
ALTER TABLE deliveries DROP CONSTRAINT deliveries_kind_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_kind_check
  CHECK (kind IN ('assigned', 'due_soon', 'due_today', 'overdue', 'escalation', 'stale', 'digest',
                  'delivery_failed', 'report', 'report_missing'));
ALTER TABLE tasks DROP COLUMN returned_review_id;
DROP INDEX task_extensions_decided_at;
DROP INDEX task_extensions_requested;
DROP INDEX task_reviews_returns;
DROP FUNCTION task_recipients(bigint, bigint, bigint);
DROP FUNCTION unit_reporters(bigint, bigint);
