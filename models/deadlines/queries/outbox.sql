-- The dispatcher's statements, on the jobs pool. Each changes a delivery and
-- appends its event in one statement, so the log never misses a change.

-- name: claim-deliveries
-- $1 now, $2 batch size, $3 owner, $4 lease end, $5 how many of the batch
-- may go out by email or webhook. SKIP LOCKED lets replicas claim side by
-- side; the lease (next_attempt_at = lease_until while sending) makes a
-- claim whose process died claimable again once it expires. The inbox
-- records a whole batch in one statement, so its claims are large; a send
-- takes a slot of its own, so those beyond $5 are left for the next claim
-- (their row locks end with this transaction).
WITH l AS (
  SELECT id, channel, next_attempt_at, status AS was, claimed_by AS was_by FROM deliveries
  WHERE status IN ('queued', 'sending', 'failed') AND next_attempt_at <= $1
  ORDER BY next_attempt_at, id
  LIMIT $2
  FOR UPDATE SKIP LOCKED
), c AS (
  SELECT id, was, was_by
  FROM (SELECT l.*, row_number() OVER (PARTITION BY channel = 'inbox' ORDER BY next_attempt_at, id) AS n FROM l) l
  WHERE channel = 'inbox' OR n <= $5
), d AS (
  UPDATE deliveries d SET status = 'sending', attempts = d.attempts + 1, claimed_by = $3, lease_until = $4,
                          next_attempt_at = $4, updated_at = $1
  FROM c WHERE d.id = c.id
  RETURNING d.commune_id, d.id, d.task_id, d.recipient_id, d.endpoint_id, d.kind, d.channel, d.window_key, d.attempts,
            d.sends, d.failures, d.message_id, d.payload, d.created_at, c.was, c.was_by
), ev AS (
  INSERT INTO delivery_events (commune_id, delivery_id, at, event, attempt, actor, detail)
  SELECT commune_id, id, $1, 'claimed', attempts, $3,
         CASE WHEN was = 'sending' THEN 'lease of ' || was_by || ' expired' ELSE '' END
  FROM d
)
-- An event (channel 'event', migration 00034) goes to its endpoint's URL
-- under its secret, never the reminder webhook's: a removed endpoint gives
-- none, and the channel ends the delivery.
SELECT d.commune_id, d.id, d.task_id, COALESCE(d.recipient_id, 0) AS recipient_id, d.endpoint_id, d.kind,
       d.channel, d.window_key, d.attempts, d.sends, d.failures, d.message_id,
       d.payload, d.created_at, COALESCE(u.username, '') AS recipient_username,
       COALESCE(u.full_name, '') AS recipient_name, COALESCE(u.email, '') AS recipient_email, cm.name AS commune_name,
       CASE WHEN d.endpoint_id IS NULL THEN COALESCE(s.webhook_url, '') ELSE COALESCE(e.url, '') END AS webhook_url,
       CASE WHEN d.endpoint_id IS NULL THEN COALESCE(s.webhook_secret, '') ELSE COALESCE(e.secret, '') END
         AS webhook_secret
FROM d
LEFT JOIN users u ON u.id = d.recipient_id
JOIN communes cm ON cm.id = d.commune_id
LEFT JOIN commune_settings s ON s.commune_id = d.commune_id
LEFT JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.deleted_at IS NULL
ORDER BY d.id;

-- name: mark-delivery-sending
-- $1 id, $2 the claim's attempt. Counted before an email or webhook goes
-- out, while the claim still holds: a crash after it leaves the send counted.
UPDATE deliveries SET sends = sends + 1 WHERE id = $1 AND status = 'sending' AND attempts = $2
RETURNING sends;

-- name: mark-delivery-sent
-- $1 id, $2 the claim's attempt (the fencing token), $3 now, $4 owner, $5 receipt.
WITH d AS (
  UPDATE deliveries SET status = 'sent', sent_at = $3, lease_until = NULL, last_error = '', updated_at = $3
  WHERE id = $1 AND status = 'sending' AND attempts = $2
  RETURNING commune_id, id, attempts
), ev AS (
  INSERT INTO delivery_events (commune_id, delivery_id, at, event, attempt, actor, detail)
  SELECT commune_id, id, $3, 'sent', attempts, $4, $5 FROM d
)
SELECT count(*) FROM d;

-- name: mark-delivery-failed
-- $1 id, $2 attempt, $3 now, $4 owner, $5 error, $6 retry time, $7 dead.
WITH d AS (
  UPDATE deliveries SET status = CASE WHEN $7 THEN 'dead' ELSE 'failed' END, last_error = $5,
                        failures = failures + 1,
                        next_attempt_at = $6, lease_until = NULL, updated_at = $3
  WHERE id = $1 AND status = 'sending' AND attempts = $2
  RETURNING commune_id, id, task_id, recipient_id, endpoint_id, kind, channel, attempts, status, payload
), ev AS (
  INSERT INTO delivery_events (commune_id, delivery_id, at, event, attempt, actor, detail)
  SELECT commune_id, id, $3, status, attempts, $4, $5 FROM d
), notice AS (
  -- The admins hear of a dead delivery in their inbox, once: the window
  -- names the dead delivery. A dead notice raises no further notice.
  INSERT INTO deliveries (commune_id, task_id, recipient_id, kind, channel, window_key, payload, next_attempt_at,
                          created_at, updated_at)
  SELECT DISTINCT d.commune_id, d.task_id, m.user_id, 'delivery_failed', 'inbox', 'd' || d.id,
         d.payload || jsonb_build_object('failed_id', d.id, 'failed_kind', d.kind, 'failed_channel', d.channel,
                                         'attempts', d.attempts, 'error', $5::text,
                                         'recipient', COALESCE(r.full_name, e.url)),
         $3::timestamptz, $3::timestamptz, $3::timestamptz
  FROM d
  JOIN memberships m ON m.commune_id = d.commune_id AND m.role = 'admin'
  JOIN users adm ON adm.id = m.user_id AND adm.disabled_at IS NULL
  LEFT JOIN users r ON r.id = d.recipient_id
  LEFT JOIN webhook_endpoints e ON e.id = d.endpoint_id
  -- An event for an endpoint since removed ends without a notice: nobody waits for it.
  WHERE d.status = 'dead' AND d.kind <> 'delivery_failed' AND (d.endpoint_id IS NULL OR e.deleted_at IS NULL)
  ON CONFLICT (commune_id, (COALESCE(task_id, 0)), kind, window_key, recipient_id, channel) DO NOTHING
  RETURNING commune_id, id
), nev AS (
  INSERT INTO delivery_events (commune_id, delivery_id, at, event, actor)
  SELECT commune_id, id, $3, 'queued', $4 FROM notice
)
SELECT count(*) FROM d;

-- name: count-pending-deliveries
SELECT count(*) FROM deliveries WHERE status IN ('queued', 'sending', 'failed');
