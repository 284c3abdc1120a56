-- name: list-notifications
-- With the task's percent and stored status as they are now (the status
-- column is refreshed on every write and by the status sweep).
SELECT n.id, n.kind, n.task_id, n.title, n.body, n.link, n.created_at, n.read_at,
       t.percent AS task_percent, t.status AS task_status
FROM notifications n
LEFT JOIN tasks t ON t.commune_id = n.commune_id AND t.id = n.task_id AND t.deleted_at IS NULL
WHERE n.commune_id = $1 AND n.user_id = $2 AND (NOT $3 OR n.read_at IS NULL) AND ($4::bigint IS NULL OR n.id < $4)
ORDER BY n.id DESC
LIMIT $5;

-- name: count-unread-notifications
SELECT count(*) FROM notifications WHERE commune_id = $1 AND user_id = $2 AND read_at IS NULL;

-- name: mark-notification-read
UPDATE notifications SET read_at = COALESCE(read_at, $4)
WHERE commune_id = $1 AND user_id = $2 AND id = $3
RETURNING id;

-- name: mark-all-notifications-read
UPDATE notifications SET read_at = $3
WHERE commune_id = $1 AND user_id = $2 AND read_at IS NULL;
