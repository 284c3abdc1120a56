-- +goose Up
-- People can be reached: a phone and a job title next to the e-mail, the
-- channels each person wants reminders on (the inbox always), and a version
-- for If-Match like plans and tasks. An e-mail belongs to one account of a
-- commune: the partial unique index decides it (409 naming email).
ALTER TABLE users
  ADD COLUMN phone text NOT NULL DEFAULT '',
  ADD COLUMN title text NOT NULL DEFAULT '',
  ADD COLUMN reminder_channels text[] NOT NULL DEFAULT '{inbox,email}'
    CONSTRAINT users_reminder_channels_check
    CHECK ('inbox' = ANY (reminder_channels) AND reminder_channels <@ '{inbox,email}'::text[]),
  ADD COLUMN version int NOT NULL DEFAULT 1;
CREATE UNIQUE INDEX users_email_key ON users (commune_id, lower(email)) WHERE email <> '';

-- +goose Down
DROP INDEX users_email_key;
ALTER TABLE users DROP COLUMN phone, DROP COLUMN title, DROP COLUMN reminder_channels, DROP COLUMN version;
