-- name: list-deliveries
-- $2 is the recipient the caller is limited to (NULL: the whole commune).
-- An event's addressee is its endpoint: its name, else its URL.
SELECT d.id, d.task_id, t.title AS task_title, COALESCE(d.recipient_id, 0) AS recipient_id, d.endpoint_id,
       COALESCE(u.full_name, NULLIF(e.name, ''), e.url) AS recipient_name, d.kind, d.channel,
       d.window_key, d.status, d.attempts,
       CASE WHEN d.status IN ('queued', 'sending', 'failed') THEN d.next_attempt_at END AS next_attempt_at,
       d.last_error, d.message_id, d.created_at, d.updated_at, d.sent_at
FROM deliveries d
LEFT JOIN users u ON u.id = d.recipient_id
LEFT JOIN webhook_endpoints e ON e.commune_id = d.commune_id AND e.id = d.endpoint_id
LEFT JOIN tasks t ON t.commune_id = d.commune_id AND t.id = d.task_id
WHERE d.commune_id = $1
  AND ($2::bigint IS NULL OR d.recipient_id = $2)
  AND ($3::bigint IS NULL OR COALESCE(d.task_id, 0) = $3) -- the dedup key's prefix
  AND ($4::text IS NULL OR d.status = $4)
  AND ($5::text IS NULL OR d.kind = $5)
  AND ($6::text IS NULL OR d.channel = $6)
  AND ($7::bigint IS NULL OR d.id < $7)
ORDER BY d.id DESC
LIMIT $8;

-- name: get-delivery
SELECT id FROM deliveries WHERE commune_id = $1 AND id = $2 AND ($3::bigint IS NULL OR recipient_id = $3);

-- name: list-delivery-events
SELECT id, at, event, attempt, actor, detail FROM delivery_events
WHERE commune_id = $1 AND delivery_id = $2 ORDER BY id;
