-- +goose Up
-- Issue 20: when each period's report is due at the province (the 9-month
-- report by 20 September…). The province sets it, once per period (by its
-- days, as report_versions); its communes read it. This is the only table a
-- province account writes.
CREATE TABLE report_deadlines (
  province      text NOT NULL CHECK (province <> ''),
  period        text NOT NULL,
  period_start  date NOT NULL,
  period_end    date NOT NULL,
  due_on        date NOT NULL CHECK (due_on BETWEEN '1900-01-01' AND '2100-12-31'),
  set_by        bigint NOT NULL REFERENCES users (id),
  set_at        timestamptz NOT NULL,
  version       integer NOT NULL DEFAULT 1 CHECK (version > 0),
  PRIMARY KEY (province, period_start, period_end),
  CONSTRAINT report_deadlines_period_order CHECK (period_end >= period_start)
);
ALTER TABLE report_deadlines ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_deadlines FORCE ROW LEVEL SECURITY;
CREATE POLICY province_write ON report_deadlines TO tiendo_app
  USING (province = tenant_province()) WITH CHECK (province = tenant_province());
CREATE POLICY commune_read ON report_deadlines FOR SELECT TO tiendo_app
  USING (province = (SELECT c.province FROM communes c WHERE c.id = tenant_id()));
CREATE POLICY jobs_all ON report_deadlines TO tiendo_jobs USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON report_deadlines TO tiendo_app;
GRANT SELECT ON report_deadlines TO tiendo_jobs;

-- report_due reminds a commune's chairmen of a report the province awaits.
ALTER TABLE deliveries DROP CONSTRAINT deliveries_kind_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_kind_check
  CHECK (kind IN ('assigned', 'due_soon', 'due_today', 'overdue', 'escalation', 'stale', 'digest',
                  'delivery_failed', 'report', 'report_missing', 'returned', 'extension_requested',
                  'extension_decided', 'report_due'));

-- +goose Down
-- Delivery history is append-only: rows of report_due stay, unchecked.
ALTER TABLE deliveries DROP CONSTRAINT deliveries_kind_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_kind_check
  CHECK (kind IN ('assigned', 'due_soon', 'due_today', 'overdue', 'escalation', 'stale', 'digest',
                  'delivery_failed', 'report', 'report_missing', 'returned', 'extension_requested',
                  'extension_decided')) NOT VALID;
DROP TABLE report_deadlines;
