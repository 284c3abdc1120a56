-- +goose Up
-- Evidence files (ảnh, PDF) attached to progress reports.
--
-- The bytes live in PostgreSQL (bytea), not under TIENDO_DATA_DIR/files:
--  * several replicas may serve the same database, and a file written to one
--    machine's disk would be missing on the others;
--  * the report and its evidence are written in one transaction, so a report
--    never points at a file that failed to save, nor a file at no report;
--  * row-level security isolates the files of a commune like every other row,
--    and one pg_dump backs up the records and their evidence together.
-- Files are capped at 10 MB and a commune produces a few hundred a year, well
-- within what bytea and TOAST handle. The SHA-256 of the content is kept so
-- that an inspector can check a printed or downloaded copy against the record.

-- The composite foreign key below needs (commune_id, id) to be unique.
ALTER TABLE progress_updates ADD CONSTRAINT progress_updates_commune_id_key UNIQUE (commune_id, id);

CREATE TABLE attachments (
  commune_id    bigint NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id       bigint NOT NULL,
  progress_id   bigint NOT NULL,
  uploaded_by   bigint NOT NULL,
  file_name     text NOT NULL CHECK (file_name <> '' AND length(file_name) <= 255),
  -- Detected from the content, never taken from the client.
  content_type  text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  size_bytes    integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
  sha256        bytea NOT NULL CHECK (length(sha256) = 32),
  content       bytea NOT NULL,
  created_at    timestamptz NOT NULL,
  CONSTRAINT attachments_size_matches CHECK (octet_length(content) = size_bytes),
  CONSTRAINT attachments_task_fkey FOREIGN KEY (commune_id, task_id) REFERENCES tasks (commune_id, id),
  CONSTRAINT attachments_progress_fkey FOREIGN KEY (commune_id, progress_id)
    REFERENCES progress_updates (commune_id, id),
  CONSTRAINT attachments_uploader_fkey FOREIGN KEY (commune_id, uploaded_by) REFERENCES users (commune_id, id)
);
-- Photos and PDFs are already compressed: store them out of line without
-- spending CPU on a compression attempt that gains nothing.
ALTER TABLE attachments ALTER COLUMN content SET STORAGE EXTERNAL;
CREATE INDEX attachments_task ON attachments (commune_id, task_id, progress_id, id);
-- Evidence is part of the history: append-only like the reports it proves.
CREATE TRIGGER attachments_append_only BEFORE UPDATE OR DELETE ON attachments
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

ALTER TABLE attachments ENABLE ROW LEVEL SECURITY;
ALTER TABLE attachments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON attachments USING (commune_id = tenant_id());
CREATE POLICY jobs_all ON attachments TO tiendo_jobs USING (true) WITH CHECK (true);
GRANT SELECT, INSERT ON attachments TO tiendo_app;
GRANT SELECT ON attachments TO tiendo_jobs;
GRANT USAGE ON SEQUENCE attachments_id_seq TO tiendo_app, tiendo_jobs;

-- +goose Down
DROP TABLE attachments;
ALTER TABLE progress_updates DROP CONSTRAINT progress_updates_commune_id_key;
