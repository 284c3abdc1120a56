-- +goose Up
-- A deleted plan waits in the recycle bin ("Thùng rác") for 30 days, with the
-- tasks deleted with it (they share its deleted_at), and can be restored.
-- deleted_by says who put it there; purged_at marks the end of those 30 days.
-- The purge is a mark, not a DELETE: a plan's tasks carry append-only history
-- (progress reports, reviews, deliveries, the audit log) that a trigger and
-- the roles' grants keep undeletable, and the inspector's record must still
-- say what the commune once planned. A purged plan leaves the bin for good.
ALTER TABLE plans
  ADD COLUMN deleted_by bigint REFERENCES users (id),
  ADD COLUMN purged_at timestamptz,
  ADD CONSTRAINT plans_purged_after_delete CHECK (purged_at IS NULL OR deleted_at IS NOT NULL);

-- Plans deleted before the bin existed: the audit log knows who deleted them.
UPDATE plans p SET deleted_by = d.actor_id
FROM (SELECT DISTINCT ON (commune_id, entity_id) commune_id, entity_id, actor_id
      FROM audit_log WHERE entity = 'plan' AND action = 'delete'
      ORDER BY commune_id, entity_id, id DESC) d
WHERE p.deleted_at IS NOT NULL AND d.commune_id = p.commune_id AND d.entity_id = p.id;

CREATE INDEX plans_trash ON plans (commune_id, deleted_at DESC, id DESC)
  WHERE deleted_at IS NOT NULL AND purged_at IS NULL;

-- The daily purge runs on the jobs' pool: it may set the mark and nothing else.
GRANT UPDATE (purged_at) ON plans TO tiendo_jobs;

-- +goose Down
REVOKE UPDATE (purged_at) ON plans FROM tiendo_jobs;
DROP INDEX plans_trash;
ALTER TABLE plans DROP CONSTRAINT plans_purged_after_delete, DROP COLUMN purged_at, DROP COLUMN deleted_by;
