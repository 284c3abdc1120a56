-- Idempotency keys and page form tokens (idempotency.go). A tenant table:
-- every statement runs in the caller's commune.

-- name: claim-idempotency-key
-- Claims a key: a new row, or one whose time is up (expired), or one in
-- flight whose lease ran out before its write committed and that was made
-- for the same request. No row back means a live claim or a kept answer
-- holds the key; the caller reads it (idempotency-key-state).
INSERT INTO idempotency_keys (commune_id, user_id, scope, key, fingerprint, lease_token, locked_until,
                              created_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (commune_id, user_id, scope, key) DO UPDATE
  SET fingerprint = EXCLUDED.fingerprint, lease_token = EXCLUDED.lease_token,
      locked_until = EXCLUDED.locked_until, created_at = EXCLUDED.created_at,
      expires_at = EXCLUDED.expires_at, committed_at = NULL, status = NULL, headers = NULL, body = NULL
  WHERE idempotency_keys.expires_at <= EXCLUDED.created_at
     OR (idempotency_keys.committed_at IS NULL AND idempotency_keys.status IS NULL
         AND idempotency_keys.locked_until <= EXCLUDED.created_at
         AND idempotency_keys.fingerprint = EXCLUDED.fingerprint)
RETURNING id;

-- name: idempotency-key-state
SELECT id, fingerprint, locked_until, created_at, committed_at, status, headers, body
FROM idempotency_keys
WHERE commune_id = $1 AND user_id = $2 AND scope = $3 AND key = $4;

-- name: fence-idempotency-key
-- Run by the transaction that writes the record: it commits only while its
-- claim holds, and from then on the key can no longer be claimed again.
UPDATE idempotency_keys SET committed_at = $4
WHERE commune_id = $1 AND id = $2 AND lease_token = $3 AND status IS NULL;

-- name: complete-idempotency-key
UPDATE idempotency_keys SET status = $4, headers = $5, body = $6, committed_at = COALESCE(committed_at, $7)
WHERE commune_id = $1 AND id = $2 AND lease_token = $3 AND status IS NULL;

-- name: release-idempotency-key
-- A request that failed before writing anything gives its key back, so a
-- corrected retry runs. A key whose write committed is kept.
DELETE FROM idempotency_keys
WHERE commune_id = $1 AND id = $2 AND lease_token = $3 AND committed_at IS NULL;

-- name: purge-idempotency-keys
-- The jobs' pool, every commune at once.
DELETE FROM idempotency_keys WHERE expires_at <= $1 AND locked_until <= $1;
