-- +goose Up
-- Accounts and sign-in: personal API tokens for integrations and the record
-- of sign-in attempts that login throttling counts.

-- Personal API tokens. Like sessions, a token is an identity row rather than a
-- tenant row: the bearer lookup must find it before any commune is known, so
-- it cannot sit behind a policy that needs tiendo.commune_id. Its commune is
-- its user's, reached through user_id (users has no RLS either); every query
-- that lists or revokes tokens filters by the caller's own user_id. Only the
-- SHA-256 of the token is kept, so a dump cannot be replayed.
CREATE TABLE api_tokens (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users (id),
  name         text NOT NULL CHECK (name <> '' AND length(name) <= 100),
  token_hash   bytea NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL,
  last_used_at timestamptz,
  -- Last calendar day the token works, in the commune's time zone; NULL: no expiry.
  expires_on   date,
  revoked_at   timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id, created_at DESC, id DESC) WHERE revoked_at IS NULL;

-- Every sign-in attempt, success or not, for throttling across replicas.
-- Not tenant-owned: an attempt may name no existing account, and the count
-- must be taken before the password (and so the commune) is known. Rows older
-- than a day are useless to the 15-minute window and are deleted as new ones
-- arrive.
CREATE TABLE login_attempts (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at        timestamptz NOT NULL,
  username  text NOT NULL,
  ip        inet,
  success   boolean NOT NULL
);
CREATE INDEX login_attempts_username ON login_attempts (username, at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at) WHERE NOT success;
CREATE INDEX login_attempts_at ON login_attempts (at);

GRANT SELECT, INSERT, UPDATE ON api_tokens TO tiendo_app;
GRANT SELECT, INSERT, DELETE ON login_attempts TO tiendo_app;
GRANT USAGE ON SEQUENCE api_tokens_id_seq, login_attempts_id_seq TO tiendo_app;

-- +goose Down
DROP TABLE login_attempts, api_tokens;
