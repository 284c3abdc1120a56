-- +goose Up
-- A slot claim carries a lease that the running process renews: a process
-- killed mid-run no longer leaves its slot "running" for ever; once the lease
-- has expired another replica (or `tiendo jobs run`) runs the slot again,
-- which is safe because every job is idempotent. Slots left running by an
-- earlier version have no lease and count as expired.
ALTER TABLE job_runs
  ADD COLUMN lease_until timestamptz,
  ADD COLUMN runs smallint NOT NULL DEFAULT 1;

-- +goose Down
ALTER TABLE job_runs DROP COLUMN lease_until, DROP COLUMN runs;
