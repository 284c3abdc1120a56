-- +goose Up
-- Private calendar feeds (issue 17): a person's open deadlines as an
-- iCalendar URL their phone subscribes to. Like an API token, a feed is an
-- identity row, not a tenant row: the calendar app sends only the secret in
-- the URL, so the lookup must find the feed before any commune is known. Its
-- commune is its user's. One feed per person at most (turning it on again
-- replaces the secret); only the SHA-256 of the secret is kept, so a dump
-- cannot be replayed. A password change, a reset or disabling the account
-- deletes the row: the old link stops working.
CREATE TABLE calendar_feeds (
  user_id     bigint PRIMARY KEY REFERENCES users (id),
  secret_hash bytea NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL
);

GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_feeds TO tiendo_app;

-- +goose Down
DROP TABLE calendar_feeds;
