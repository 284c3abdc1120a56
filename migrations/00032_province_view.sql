-- +goose Up
-- Issue 20: the province's view and reports that are sent.
--
-- 1. A province account reads a commune's dashboard (task figures by plan
-- kind and lead unit, the Decision 766 score) and its sent reports. What
-- those are made of becomes readable to the province's transaction, never
-- writable; evidence files, people, comments and the outbox stay closed
-- (no policy here names them).
-- +goose StatementBegin
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['units', 'report_settings', 'indicators', 'indicator_targets', 'indicator_values',
                           'task_indicators', 'report_narratives'] LOOP
    EXECUTE format('CREATE POLICY province_read ON %I FOR SELECT TO tiendo_app USING (commune_id IN '
                   '(SELECT c.id FROM communes c WHERE c.province = tenant_province()))', t);
  END LOOP;
END $$;
-- +goose StatementEnd

-- 2. A sent report: the content frozen as a numbered version per commune and
-- period (by its days, as report_narratives), with the files rendered from
-- it. A correction is the next version and names the one it replaces.
-- Append-only: what was sent stays as it was sent.
CREATE TABLE report_versions (
  commune_id    bigint NOT NULL REFERENCES communes (id),
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  period        text NOT NULL,
  period_start  date NOT NULL,
  period_end    date NOT NULL,
  version       integer NOT NULL CHECK (version > 0),
  replaces_id   bigint,
  cutoff_on     date NOT NULL,
  note          text NOT NULL DEFAULT '',
  content       jsonb NOT NULL,
  sent_at       timestamptz NOT NULL,
  sent_by       bigint NOT NULL,
  UNIQUE (commune_id, id),
  CONSTRAINT report_versions_number_key UNIQUE (commune_id, period_start, period_end, version),
  CONSTRAINT report_versions_replaces_fkey FOREIGN KEY (commune_id, replaces_id)
    REFERENCES report_versions (commune_id, id),
  CONSTRAINT report_versions_sent_by_fkey FOREIGN KEY (commune_id, sent_by) REFERENCES users (commune_id, id),
  CONSTRAINT report_versions_replaces_check CHECK ((version = 1) = (replaces_id IS NULL)),
  CONSTRAINT report_versions_period_order CHECK (period_end >= period_start)
);
CREATE INDEX report_versions_period ON report_versions (commune_id, period_start, period_end, version DESC);

CREATE TABLE report_version_files (
  commune_id    bigint NOT NULL,
  version_id    bigint NOT NULL,
  format        text NOT NULL CHECK (format IN ('docx', 'xlsx')),
  file_name     text NOT NULL,
  content_type  text NOT NULL,
  content       bytea NOT NULL,
  PRIMARY KEY (commune_id, version_id, format),
  CONSTRAINT report_version_files_version_fkey FOREIGN KEY (commune_id, version_id)
    REFERENCES report_versions (commune_id, id)
);

CREATE TRIGGER report_versions_append_only BEFORE UPDATE OR DELETE ON report_versions
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER report_version_files_append_only BEFORE UPDATE OR DELETE ON report_version_files
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- 3. The province accounts' inbox of sent reports: one row per version and
-- province account, written by the sending commune's transaction. A
-- province account belongs to no commune, so the outbox (whose recipients
-- are a commune's people) cannot carry it.
CREATE TABLE report_notices (
  commune_id    bigint NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  version_id    bigint NOT NULL,
  user_id       bigint NOT NULL REFERENCES users (id),
  created_at    timestamptz NOT NULL,
  read_at       timestamptz,
  CONSTRAINT report_notices_key UNIQUE (version_id, user_id),
  CONSTRAINT report_notices_version_fkey FOREIGN KEY (commune_id, version_id)
    REFERENCES report_versions (commune_id, id)
);
CREATE INDEX report_notices_inbox ON report_notices (user_id, id);

-- +goose StatementBegin
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['report_versions', 'report_version_files', 'report_notices'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (commune_id = tenant_id())', t);
    EXECUTE format('CREATE POLICY jobs_all ON %I TO tiendo_jobs USING (true) WITH CHECK (true)', t);
    EXECUTE format('CREATE POLICY province_read ON %I FOR SELECT TO tiendo_app USING (commune_id IN '
                   '(SELECT c.id FROM communes c WHERE c.province = tenant_province()))', t);
  END LOOP;
END $$;
-- +goose StatementEnd
-- A province account marks its notices read (read_at only, by the grant).
CREATE POLICY province_mark_read ON report_notices FOR UPDATE TO tiendo_app
  USING (commune_id IN (SELECT c.id FROM communes c WHERE c.province = tenant_province()));

GRANT SELECT, INSERT ON report_versions, report_version_files, report_notices TO tiendo_app;
GRANT UPDATE (read_at) ON report_notices TO tiendo_app;
GRANT SELECT ON report_versions, report_version_files, report_notices TO tiendo_jobs;
GRANT USAGE ON SEQUENCE report_versions_id_seq, report_notices_id_seq TO tiendo_app;

-- +goose Down
DROP TABLE report_notices;
DROP TABLE report_version_files;
DROP TABLE report_versions;
-- +goose StatementBegin
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['units', 'report_settings', 'indicators', 'indicator_targets', 'indicator_values',
                           'task_indicators', 'report_narratives'] LOOP
    EXECUTE format('DROP POLICY province_read ON %I', t);
  END LOOP;
END $$;
-- +goose StatementEnd
