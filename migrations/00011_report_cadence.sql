-- +goose Up
-- Progress reports on a cadence: a task may ask for a report every week,
-- month or quarter, due within report_grace_days working days after the
-- period ends. The reminder planner asks once per period (kind
-- 'report_missing') when none came; the cadence replaces the generic "stale"
-- reminder for such a task.
ALTER TABLE tasks
  ADD COLUMN report_every text CHECK (report_every IN ('week', 'month', 'quarter')),
  ADD COLUMN report_grace_days smallint NOT NULL DEFAULT 3 CHECK (report_grace_days BETWEEN 0 AND 30);

ALTER TABLE deliveries DROP CONSTRAINT deliveries_kind_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_kind_check
  CHECK (kind IN ('assigned', 'due_soon', 'due_today', 'overdue', 'escalation', 'stale', 'digest',
                  'delivery_failed', 'report', 'report_missing'));

-- +goose Down
ALTER TABLE deliveries DROP CONSTRAINT deliveries_kind_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_kind_check
  CHECK (kind IN ('assigned', 'due_soon', 'due_today', 'overdue', 'escalation', 'stale', 'digest',
                  'delivery_failed', 'report'));
ALTER TABLE tasks DROP COLUMN report_every, DROP COLUMN report_grace_days;
