-- +goose Up
-- The time a progress report was made on the device (issue 16). A hamlet
-- team reports in a field with no signal; the phone keeps the report and
-- sends it when the signal returns, hours later. created_at stays the time
-- the server received it (history order, the append-only record);
-- reported_at is when the person made it, and the task's completion — so
-- "on time" — goes by it.
--
-- Bounded by the server when it takes the report (models/plans/
-- progress_reported.go): not ahead of the server's clock (five minutes of
-- clock skew are taken as the server's time), not before the task's start,
-- at most 7 days before it arrives. The check below holds the two bounds
-- that need no other row, so no path can store a report from the future or
-- from long ago.
--
-- NULL: a report sent as it was made (every report before this migration,
-- and every report from the pages and the API without the field); its time
-- is created_at. Old rows need no copy: the column is only read through
-- COALESCE(reported_at, created_at), and the append-only trigger forbids
-- rewriting history anyway.
ALTER TABLE progress_updates ADD COLUMN reported_at timestamptz;
ALTER TABLE progress_updates ADD CONSTRAINT progress_updates_reported_at_check
  CHECK (reported_at <= created_at AND reported_at >= created_at - interval '7 days');

-- +goose Down
ALTER TABLE progress_updates DROP COLUMN reported_at;
