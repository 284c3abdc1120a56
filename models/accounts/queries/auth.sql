-- name: user-by-username
SELECT id, commune_id, username, password_hash, disabled_at IS NOT NULL AS disabled
FROM users WHERE username = lower($1);

-- name: user-by-id
SELECT id, commune_id, username, password_hash, disabled_at IS NOT NULL AS disabled
FROM users WHERE id = $1;

-- name: memberships-of
SELECT m.unit_id, un.name AS unit_name, m.role, COALESCE(un.parent_id, 0) AS parent_unit_id
FROM memberships m JOIN units un ON un.id = m.unit_id
WHERE m.user_id = $1
ORDER BY un.name, m.role;

-- name: insert-session
INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent)
VALUES ($1, $2, $3, $3, $4, $5, $6);

-- name: session-by-hash
-- The session, its user and the user's commune in one round trip: this runs
-- on every request. (Memberships are tenant rows, read once the commune is known.)
SELECT s.last_seen_at, s.created_at, u.auth_version,
       u.id AS user_id, u.username, u.full_name, u.must_change_password,
       COALESCE(c.id, 0) AS commune_id, COALESCE(c.code, '') AS code, COALESCE(c.name, '') AS name,
       COALESCE(c.kind, '') AS kind, COALESCE(c.province, u.province) AS province,
       COALESCE(c.time_zone, 'Asia/Ho_Chi_Minh') AS time_zone,
       COALESCE(c.due_soon_working_days, 3) AS due_soon_working_days
FROM sessions s
JOIN users u ON u.id = s.user_id AND u.disabled_at IS NULL
LEFT JOIN communes c ON c.id = u.commune_id -- none for a province account
WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2
  AND s.last_seen_at > $3;

-- name: enter-session
-- The session cache's check, on every request it answers (session_cache.go):
-- the session is still live and its account unchanged since it was cached
-- (users.auth_version, migration 00036); in the same round trip, the
-- request's tenant scope, as models.EnterCommune asks. No row: the cache
-- entry is dropped and the session read again from the start.
SELECT set_config('tiendo.commune_id', $4, true), set_config('tiendo.province', '', true)
FROM sessions s
JOIN users u ON u.id = s.user_id AND u.disabled_at IS NULL
WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND s.last_seen_at > $3
  AND u.auth_version = $5;

-- name: touch-session
UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1 AND last_seen_at < $2;

-- name: revoke-session
UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL;

-- name: insert-province-user
INSERT INTO users (province, username, full_name, email, password_hash, must_change_password)
VALUES ($1, $2, $3, $4, $5, $6)
RETURNING id;
