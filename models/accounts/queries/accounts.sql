-- Accounts: password changes, user administration, personal API tokens and
-- sign-in throttling. users, sessions, api_tokens and login_attempts have no
-- row-level security, so every query here names the commune or the user it
-- is confined to.

-- name: lock-account
-- An account an admin may manage: active and of the admin's commune. The lock
-- serialises concurrent changes to the same person.
SELECT id, username FROM users
WHERE id = $1 AND commune_id = $2 AND disabled_at IS NULL
FOR UPDATE;

-- name: user-in-commune
SELECT u.id, u.username, u.full_name, u.email, u.phone, u.title, u.reminder_channels, u.version,
       COALESCE((SELECT json_agg(json_build_object('unit_id', m.unit_id, 'unit_name', un.name, 'role', m.role)
                                 ORDER BY un.name, m.role)
                 FROM memberships m JOIN units un ON un.id = m.unit_id
                 WHERE m.user_id = u.id), '[]') AS memberships
FROM users u
WHERE u.id = $1 AND u.commune_id = $2;

-- name: set-password
UPDATE users SET password_hash = $2, must_change_password = $3 WHERE id = $1;

-- name: disable-user
UPDATE users SET disabled_at = $2 WHERE id = $1 AND disabled_at IS NULL;

-- name: delete-memberships
DELETE FROM memberships WHERE commune_id = $1 AND user_id = $2;

-- name: revoke-user-sessions
UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL;

-- name: revoke-user-api-tokens
UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL;

-- name: insert-api-token
INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_on)
VALUES ($1, $2, $3, $4, $5)
RETURNING id, name, created_at, last_used_at, expires_on;

-- name: list-api-tokens
SELECT id, name, created_at, last_used_at, expires_on
FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL
ORDER BY created_at DESC, id DESC;

-- name: revoke-api-token
UPDATE api_tokens SET revoked_at = $3
WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL
RETURNING id, name, created_at, last_used_at, expires_on;

-- name: api-token-by-hash
-- Like session-by-hash, for a personal API token. expires_on is the last day
-- the token works, which ends at midnight in the commune's time zone.
SELECT t.id AS token_id, t.last_used_at,
       u.id AS user_id, u.username, u.full_name, u.must_change_password,
       COALESCE(c.id, 0) AS commune_id, COALESCE(c.code, '') AS code, COALESCE(c.name, '') AS name,
       COALESCE(c.kind, '') AS kind, COALESCE(c.province, u.province) AS province,
       COALESCE(c.time_zone, 'Asia/Ho_Chi_Minh') AS time_zone,
       COALESCE(c.due_soon_working_days, 3) AS due_soon_working_days
FROM api_tokens t
JOIN users u ON u.id = t.user_id AND u.disabled_at IS NULL
LEFT JOIN communes c ON c.id = u.commune_id -- none for a province account
WHERE t.token_hash = $1 AND t.revoked_at IS NULL
  AND (t.expires_on IS NULL
       OR $2 < ((t.expires_on + 1)::timestamp AT TIME ZONE COALESCE(c.time_zone, 'Asia/Ho_Chi_Minh')));

-- name: touch-api-token
UPDATE api_tokens SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2);

-- name: throttle-window
-- For the account at this address, the account from anywhere and the address
-- for any account: the failure that has to leave the window before another
-- attempt is allowed, i.e. the limit-th most recent failure inside it (NULL
-- while under the limit). An account's counts start over after its last
-- success (by id, which orders attempts even when their times are equal); an
-- address's does not, or signing in to one account would unlock guessing at
-- all the others.
WITH since AS (
  SELECT COALESCE(max(id), 0) AS id FROM login_attempts WHERE username = $1 AND success AND at > $3
)
SELECT
  (SELECT at FROM login_attempts
   WHERE username = $1 AND ip IS NOT DISTINCT FROM $2 AND NOT success AND at > $3
     AND id > (SELECT id FROM since)
   ORDER BY at DESC OFFSET $4 - 1 LIMIT 1) AS pair_until,
  (SELECT at FROM login_attempts
   WHERE username = $1 AND NOT success AND at > $3 AND id > (SELECT id FROM since)
   ORDER BY at DESC OFFSET $5 - 1 LIMIT 1) AS account_until,
  (SELECT at FROM login_attempts
   WHERE ip = $2 AND NOT success AND at > $3
   ORDER BY at DESC OFFSET $6 - 1 LIMIT 1) AS ip_until;

-- name: insert-login-attempt
INSERT INTO login_attempts (at, username, ip, success) VALUES ($1, $2, $3, $4);

-- name: prune-login-attempts
-- A bounded batch, so that one sign-in never pays for a long backlog.
DELETE FROM login_attempts
WHERE id IN (SELECT id FROM login_attempts WHERE at < $1 ORDER BY at LIMIT 200);

-- name: update-contact
-- An account's contact details and reminder channels (users.go); the
-- version moves for If-Match. An e-mail another account of the commune has
-- is refused by users_email_key.
UPDATE users SET full_name = $3, email = $4, phone = $5, title = $6, reminder_channels = $7,
       version = version + 1
WHERE id = $1 AND commune_id = $2;
