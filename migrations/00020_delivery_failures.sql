-- +goose Up
-- The outbox counted claims, not failures: a claim taken over after a crash
-- used up one of the attempts although most such claims never sent anything.
-- Now attempts stays the claim's fencing token only; sends counts the sends
-- that started (an email or webhook request begun: it may have gone out) and
-- caps them; failures counts the sends that failed, which backoff and "dead"
-- go by. Existing rows keep their claims as sends (the old, cautious count)
-- and get the failures their event log shows.
ALTER TABLE deliveries
  ADD COLUMN sends smallint NOT NULL DEFAULT 0 CHECK (sends >= 0),
  ADD COLUMN failures smallint NOT NULL DEFAULT 0 CHECK (failures >= 0);
UPDATE deliveries d SET sends = d.attempts, failures = COALESCE(e.n, 0)
FROM (SELECT id, (SELECT count(*) FROM delivery_events v
                  WHERE v.delivery_id = x.id AND v.event IN ('failed', 'dead')) AS n
      FROM deliveries x) e
WHERE e.id = d.id AND d.attempts > 0;

-- +goose Down
ALTER TABLE deliveries DROP COLUMN sends, DROP COLUMN failures;
