-- name: list-notifications
SELECT id, kind, task_id, title, body, link, created_at, read_at FROM notifications
WHERE commune_id = $1 AND user_id = $2 AND (NOT $3 OR read_at IS NULL) AND ($4::bigint IS NULL OR id < $4)
ORDER BY id DESC
LIMIT $5;

-- name: count-unread-notifications
SELECT count(*) FROM notifications WHERE commune_id = $1 AND user_id = $2 AND read_at IS NULL;

-- name: mark-notification-read
UPDATE notifications SET read_at = COALESCE(read_at, $4)
WHERE commune_id = $1 AND user_id = $2 AND id = $3
RETURNING id;
