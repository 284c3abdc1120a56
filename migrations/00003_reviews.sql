-- +goose Up
-- Roles and reviews: a plan may name the steering committee (ban chỉ đạo)
-- that evaluates its tasks; a task reported done can be accepted or returned;
-- comments and evaluations form an append-only review history beside the
-- progress history.

-- A steering unit must be a steering committee of the same commune. The
-- generated column lets a foreign key check the kind too, so PostgreSQL keeps
-- the invariant even if a unit's kind were edited later.
ALTER TABLE units ADD CONSTRAINT units_kind_key UNIQUE (commune_id, id, kind);
ALTER TABLE plans
  ADD COLUMN steering_unit_id bigint,
  ADD COLUMN steering_unit_kind text
    GENERATED ALWAYS AS (CASE WHEN steering_unit_id IS NOT NULL THEN 'steering_committee' END) STORED,
  ADD CONSTRAINT plans_steering_unit_fkey FOREIGN KEY (commune_id, steering_unit_id, steering_unit_kind)
    REFERENCES units (commune_id, id, kind);
CREATE INDEX plans_steering_unit ON plans (commune_id, steering_unit_id) WHERE steering_unit_id IS NOT NULL;

-- Acceptance of a completed task. It implies completion, so a correction
-- below 100 % or a "return" must clear it.
ALTER TABLE tasks
  ADD COLUMN accepted_at timestamptz,
  ADD COLUMN accepted_by bigint,
  ADD CONSTRAINT tasks_accepted_by_fkey FOREIGN KEY (commune_id, accepted_by) REFERENCES users (commune_id, id),
  ADD CONSTRAINT tasks_accepted_complete CHECK (accepted_at IS NULL OR completed_at IS NOT NULL),
  ADD CONSTRAINT tasks_accepted_pair CHECK ((accepted_at IS NULL) = (accepted_by IS NULL));

CREATE TABLE task_reviews (
  commune_id  bigint NOT NULL,
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id     bigint NOT NULL,
  author_id   bigint NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('accept', 'return', 'comment')),
  body        text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL,
  FOREIGN KEY (commune_id, task_id) REFERENCES tasks (commune_id, id),
  CONSTRAINT task_reviews_author_fkey FOREIGN KEY (commune_id, author_id) REFERENCES users (commune_id, id),
  -- A return and a comment say something; an acceptance may be silent.
  CONSTRAINT task_reviews_body CHECK (kind = 'accept' OR body <> '')
);
CREATE INDEX task_reviews_task ON task_reviews (commune_id, task_id, created_at, id);
CREATE TRIGGER task_reviews_append_only BEFORE UPDATE OR DELETE ON task_reviews
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

ALTER TABLE task_reviews ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_reviews FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON task_reviews USING (commune_id = tenant_id());
-- History: the server may add and read, never rewrite.
GRANT SELECT, INSERT ON task_reviews TO tiendo_app;
GRANT USAGE ON SEQUENCE task_reviews_id_seq TO tiendo_app;

-- /readyz asks goose whether migrations are pending through the server's
-- pool, which runs as tiendo_app; without this it always answered 503.
GRANT SELECT ON goose_db_version TO tiendo_app;

-- +goose Down
REVOKE SELECT ON goose_db_version FROM tiendo_app;
DROP TABLE task_reviews;
ALTER TABLE tasks
  DROP CONSTRAINT tasks_accepted_pair,
  DROP CONSTRAINT tasks_accepted_complete,
  DROP CONSTRAINT tasks_accepted_by_fkey,
  DROP COLUMN accepted_by,
  DROP COLUMN accepted_at;
DROP INDEX plans_steering_unit;
ALTER TABLE plans
  DROP CONSTRAINT plans_steering_unit_fkey,
  DROP COLUMN steering_unit_kind,
  DROP COLUMN steering_unit_id;
ALTER TABLE units DROP CONSTRAINT units_kind_key;
