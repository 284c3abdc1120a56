-- +goose Up
-- Thumbnails of evidence photos (issue 12): a page listing a task's reports
-- shows each photo small and opens the original on tap, so a hamlet team on a
-- phone does not download a 10 MB photo to see which one it is.
--
-- Their own table, not a column of attachments: attachments are append-only
-- (a trigger forbids UPDATE), and a photo uploaded before thumbnails existed
-- gets one lazily, on first request, by an INSERT. Made on the server from
-- the stored original (JPEG, at most 100 KB), so the original stays the
-- evidence and its checksum unchanged.

-- The composite foreign key below needs (commune_id, id) to be unique.
ALTER TABLE attachments ADD CONSTRAINT attachments_commune_id_key UNIQUE (commune_id, id);

CREATE TABLE attachment_thumbnails (
  commune_id    bigint NOT NULL,
  attachment_id bigint NOT NULL,
  content_type  text NOT NULL CHECK (content_type = 'image/jpeg'),
  width         integer NOT NULL CHECK (width BETWEEN 1 AND 4096),
  height        integer NOT NULL CHECK (height BETWEEN 1 AND 4096),
  content       bytea NOT NULL CHECK (octet_length(content) BETWEEN 1 AND 102400),
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (commune_id, attachment_id),
  CONSTRAINT attachment_thumbnails_attachment_fkey FOREIGN KEY (commune_id, attachment_id)
    REFERENCES attachments (commune_id, id)
);
-- JPEG is already compressed.
ALTER TABLE attachment_thumbnails ALTER COLUMN content SET STORAGE EXTERNAL;
-- Derived from an append-only original: written once, never changed.
CREATE TRIGGER attachment_thumbnails_append_only BEFORE UPDATE OR DELETE ON attachment_thumbnails
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

ALTER TABLE attachment_thumbnails ENABLE ROW LEVEL SECURITY;
ALTER TABLE attachment_thumbnails FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON attachment_thumbnails USING (commune_id = tenant_id());
CREATE POLICY jobs_all ON attachment_thumbnails TO tiendo_jobs USING (true) WITH CHECK (true);
GRANT SELECT, INSERT ON attachment_thumbnails TO tiendo_app;
GRANT SELECT ON attachment_thumbnails TO tiendo_jobs;

-- +goose Down
DROP TABLE attachment_thumbnails;
ALTER TABLE attachments DROP CONSTRAINT attachments_commune_id_key;
