-- What the operator's side needs of the outbox: claims handed back when a
-- dispatcher stops, and the backlog the metrics report.

-- name: release-deliveries
-- A stopping dispatcher hands back the claims it will not send, so another
-- replica takes them at once instead of after the lease: $1 ids, $2 each
-- claim's attempt (the fencing token), $3 now, $4 owner. Nothing went out
-- under these claims, so sends and failures stay as they were; the row is
-- due again now, queued or failed as before its claim. Returns the ids
-- released; a missing one had lost its claim already.
WITH x AS (
  SELECT * FROM unnest($1::bigint[], $2::int[]) AS x(id, attempts)
), d AS (
  UPDATE deliveries d SET status = CASE WHEN d.failures > 0 THEN 'failed' ELSE 'queued' END,
                          lease_until = NULL, next_attempt_at = $3, updated_at = $3
  FROM x
  WHERE d.id = x.id AND d.status = 'sending' AND d.attempts = x.attempts
  RETURNING d.commune_id, d.id, d.attempts, d.status
), ev AS (
  INSERT INTO delivery_events (commune_id, delivery_id, at, event, attempt, actor, detail)
  SELECT commune_id, id, $3, 'queued', attempts, $4,
         'trả lại khi máy chủ dừng / released as the server stopped' FROM d
)
SELECT id FROM d;

-- name: delivery-backlog
-- What the outbox still has to send, by channel and status, and the oldest
-- of each, for the operator's metrics. The rows it reads are exactly those of
-- the partial index deliveries_due, so a scrape never walks the sent history.
SELECT channel, status, count(*) AS n, min(created_at) AS oldest
FROM deliveries
WHERE status IN ('queued', 'sending', 'failed')
GROUP BY channel, status
ORDER BY channel, status;
