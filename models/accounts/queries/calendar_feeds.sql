-- Private calendar feeds (calfeed.go). calendar_feeds is an identity table
-- like api_tokens: every statement names the caller's own user_id, or the
-- secret's hash.

-- name: upsert-calendar-feed
-- $1 user, $2 hash of the new secret, $3 now, $4 scope (00037). A second
-- feed of the same scope replaces the first: its secret stops working.
INSERT INTO calendar_feeds (user_id, secret_hash, created_at, scope) VALUES ($1, $2, $3, $4)
ON CONFLICT (user_id, scope) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, created_at = EXCLUDED.created_at;

-- name: delete-calendar-feed
DELETE FROM calendar_feeds WHERE user_id = $1 AND scope = $2 RETURNING created_at;

-- name: delete-calendar-feeds-of-user
-- Every feed of the person: a credential change ends them all.
DELETE FROM calendar_feeds WHERE user_id = $1;

-- name: calendar-feed-of
SELECT scope, created_at FROM calendar_feeds WHERE user_id = $1 ORDER BY scope;

-- name: calendar-feed-by-hash
-- The owner behind a feed's secret, as api-token-by-hash finds a token's.
-- A province account has no commune and so no deadlines: no feed.
SELECT f.scope, u.id AS user_id, u.username, u.full_name, u.must_change_password,
       c.id AS commune_id, c.code, c.name, c.kind, c.province, c.time_zone, c.due_soon_working_days
FROM calendar_feeds f
JOIN users u ON u.id = f.user_id AND u.disabled_at IS NULL
JOIN communes c ON c.id = u.commune_id
WHERE f.secret_hash = $1;
