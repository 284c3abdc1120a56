-- name: deliver-batch-to-inbox
-- Marks claimed inbox deliveries sent and writes their inbox rows, in one
-- statement, so a notification exists exactly when its delivery is sent: $1 ids, $2
-- each claim's attempt (the fencing token), $3 now, $4 owner, $5–$7 titles,
-- bodies, links. Returns the ids delivered; a missing one lost its claim.
WITH x AS (
  SELECT * FROM unnest($1::bigint[], $2::int[], $5::text[], $6::text[], $7::text[]) AS x(id, attempts, title, body, link)
), d AS (
  UPDATE deliveries d SET status = 'sent', sent_at = $3, lease_until = NULL, last_error = '', updated_at = $3
  FROM x
  WHERE d.id = x.id AND d.status = 'sending' AND d.attempts = x.attempts AND d.channel = 'inbox'
  RETURNING d.commune_id, d.id, d.attempts, d.recipient_id, d.kind, d.task_id, x.title, x.body, x.link
), n AS (
  INSERT INTO notifications (commune_id, user_id, delivery_id, kind, task_id, title, body, link, created_at)
  SELECT commune_id, recipient_id, id, kind, task_id, title, body, link, $3 FROM d
), ev AS (
  INSERT INTO delivery_events (commune_id, delivery_id, at, event, attempt, actor, detail)
  SELECT commune_id, id, $3, 'sent', attempts, $4, '' FROM d
)
SELECT id FROM d;
