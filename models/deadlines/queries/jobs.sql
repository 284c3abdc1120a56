-- name: claim-slot
-- The primary key is the claim: of several replicas firing for the same slot,
-- exactly one inserts. A slot still running whose lease expired (its process
-- died) is taken over. Leases are on the database's clock, not the jobs'
-- (which `jobs run --now` fixes): they measure whether a process is alive.
INSERT INTO job_runs (job, slot, claimed_by, started_at, lease_until)
VALUES ($1, $2, $3, $4, clock_timestamp() + $5::interval)
ON CONFLICT (job, slot) DO UPDATE
  SET claimed_by = EXCLUDED.claimed_by, started_at = EXCLUDED.started_at, lease_until = EXCLUDED.lease_until,
      runs = job_runs.runs + 1, detail = 'lease of ' || job_runs.claimed_by || ' expired'
  WHERE job_runs.status = 'running' AND (job_runs.lease_until IS NULL OR job_runs.lease_until < clock_timestamp())
RETURNING job;

-- name: renew-slot
-- Only the claimant renews, and only while it still holds the slot.
UPDATE job_runs SET lease_until = clock_timestamp() + $4::interval
WHERE job = $1 AND slot = $2 AND claimed_by = $3 AND status = 'running';

-- name: finish-slot
-- A claimant whose slot was taken over records nothing: the new run will.
UPDATE job_runs SET finished_at = $3, status = $4, detail = $5, lease_until = NULL
WHERE job = $1 AND slot = $2 AND claimed_by = $6 AND status = 'running';

-- name: last-slot
SELECT max(slot) FROM job_runs WHERE job = $1;

-- name: list-commune-clocks
SELECT id, code, name, kind, province, time_zone, due_soon_working_days FROM communes ORDER BY id;

-- name: sweep-statuses
-- One set-based pass over every commune: each commune's "today" and due-soon
-- horizon arrive as parallel arrays, and only rows whose status changes are written.
-- Only open tasks are read (index tasks_open): a done or cancelled task's
-- status does not move with the clock, and every write refreshes its own.
WITH d AS (
  SELECT * FROM unnest($1::bigint[], $2::date[], $3::date[], $4::text[]) AS d(commune_id, today, soon, tz)
)
UPDATE tasks t
SET status = task_status(t.cancelled_at, t.completed_at, t.percent, t.due_on, d.today, d.soon, d.tz)
FROM d
WHERE t.commune_id = d.commune_id AND t.deleted_at IS NULL AND t.completed_at IS NULL AND t.cancelled_at IS NULL
  AND t.status IS DISTINCT FROM task_status(t.cancelled_at, t.completed_at, t.percent, t.due_on, d.today, d.soon, d.tz);
