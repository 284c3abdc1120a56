-- +goose Up
-- Idempotency keys: a client's Idempotency-Key header (scope 'api') or a
-- page form's one-time token (scope 'form', key = path + token), per account.
-- A request claims its key first (in flight, with a lease); the transaction
-- that writes the record also sets committed_at while the lease_token is
-- still the one it claimed with (the fence), so a write commits only under a
-- live claim and a key whose write committed is never claimed again. The
-- answer is kept for replay until expires_at; the purge job deletes the rest.
CREATE TABLE idempotency_keys (
  commune_id    bigint NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id       bigint NOT NULL,
  scope         text NOT NULL CHECK (scope IN ('api', 'form')),
  key           text NOT NULL CHECK (length(key) BETWEEN 1 AND 600),
  -- SHA-256 of method, path and body: the same key with another request is refused.
  fingerprint   bytea NOT NULL,
  lease_token   uuid NOT NULL,
  locked_until  timestamptz NOT NULL,
  created_at    timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  committed_at  timestamptz,
  -- The first answer, once it is known.
  status        int,
  headers       jsonb,
  body          bytea,
  UNIQUE (commune_id, id),
  CONSTRAINT idempotency_keys_user_fkey FOREIGN KEY (commune_id, user_id) REFERENCES users (commune_id, id),
  CONSTRAINT idempotency_keys_key UNIQUE (commune_id, user_id, scope, key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON idempotency_keys USING (commune_id = tenant_id());
CREATE POLICY jobs_all ON idempotency_keys TO tiendo_jobs USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO tiendo_app;
GRANT SELECT, DELETE ON idempotency_keys TO tiendo_jobs;
GRANT USAGE ON SEQUENCE idempotency_keys_id_seq TO tiendo_app, tiendo_jobs;

-- +goose Down
DROP TABLE idempotency_keys;
