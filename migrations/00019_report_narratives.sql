-- +goose Up
-- What the chairman writes into a period's report beside the computed
-- figures: the five sections every Vietnamese period report has. One row per
-- commune and period (by its days, so 2024-M9 and 2024-01-01..2024-09-30
-- share it), versioned for If-Match; every change is in audit_log.
CREATE TABLE report_narratives (
  commune_id    bigint NOT NULL REFERENCES communes (id),
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  period        text NOT NULL,
  period_start  date NOT NULL,
  period_end    date NOT NULL,
  results       text NOT NULL DEFAULT '',
  limitations   text NOT NULL DEFAULT '',
  causes        text NOT NULL DEFAULT '',
  directions    text NOT NULL DEFAULT '',
  proposals     text NOT NULL DEFAULT '',
  version       integer NOT NULL DEFAULT 1 CHECK (version > 0),
  updated_by    bigint,
  updated_at    timestamptz NOT NULL,
  UNIQUE (commune_id, id),
  CONSTRAINT report_narratives_period_key UNIQUE (commune_id, period_start, period_end),
  CONSTRAINT report_narratives_updated_by_fkey FOREIGN KEY (commune_id, updated_by) REFERENCES users (commune_id, id),
  CONSTRAINT report_narratives_period_order CHECK (period_end >= period_start)
);

ALTER TABLE report_narratives ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_narratives FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON report_narratives USING (commune_id = tenant_id());
CREATE POLICY jobs_all ON report_narratives TO tiendo_jobs USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON report_narratives TO tiendo_app;
GRANT SELECT ON report_narratives TO tiendo_jobs;
GRANT USAGE ON SEQUENCE report_narratives_id_seq TO tiendo_app, tiendo_jobs;

-- +goose Down
DROP TABLE report_narratives;
