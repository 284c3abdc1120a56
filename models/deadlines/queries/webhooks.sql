-- A commune's event endpoints (webhook_endpoints, migration 00034). The
-- secret is read only by the dispatcher's claim; these return it never.

-- name: list-webhook-endpoints
SELECT id, name, url, events, enabled, version, created_at, updated_at
FROM webhook_endpoints WHERE commune_id = $1 AND deleted_at IS NULL ORDER BY id;

-- name: get-webhook-endpoint
-- Locked: an update or delete reads, checks the version, then writes.
SELECT id, name, url, events, enabled, version, created_at, updated_at
FROM webhook_endpoints WHERE commune_id = $1 AND id = $2 AND deleted_at IS NULL
FOR UPDATE;

-- name: insert-webhook-endpoint
INSERT INTO webhook_endpoints (commune_id, name, url, secret, events, enabled, created_by, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
RETURNING id, name, url, events, enabled, version, created_at, updated_at;

-- name: update-webhook-endpoint
-- $5 NULL keeps the secret.
UPDATE webhook_endpoints SET name = $3, url = $4, secret = COALESCE($5, secret), events = $6, enabled = $7,
                             version = version + 1, updated_at = $8
WHERE commune_id = $1 AND id = $2 AND deleted_at IS NULL
RETURNING id, name, url, events, enabled, version, created_at, updated_at;

-- name: delete-webhook-endpoint
UPDATE webhook_endpoints SET deleted_at = $3, updated_at = $3, version = version + 1
WHERE commune_id = $1 AND id = $2 AND deleted_at IS NULL
RETURNING id;

-- name: queue-test-event
-- "Gửi thử": a sample event for one endpoint, due now, through the outbox
-- like any other (the dispatcher sends it at its next look). The window is
-- fresh each time, so every press is its own delivery with its own id.
WITH d AS (
  INSERT INTO deliveries (commune_id, endpoint_id, kind, channel, window_key, payload, next_attempt_at,
                          created_at, updated_at)
  VALUES ($1, $2, 'webhook.test', 'event', 'test/' || gen_random_uuid(), $3, $4, $4, $4)
  RETURNING commune_id, id, message_id
), ev AS (
  INSERT INTO delivery_events (commune_id, delivery_id, at, event, actor)
  SELECT commune_id, id, $4, 'queued', $5 FROM d
)
SELECT id, message_id FROM d;
