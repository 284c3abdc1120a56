-- name: get-settings
SELECT commune_id, due_soon_days, due_today, overdue_first_after, overdue_every, escalate_after, stale_after_days,
       digest_enabled, to_char(digest_at, 'HH24:MI') AS digest_at, email_enabled, webhook_enabled, webhook_url,
       webhook_secret, webhook_secret <> '' AS webhook_secret_set, version, updated_at
FROM commune_settings WHERE commune_id = $1;

-- name: upsert-settings
INSERT INTO commune_settings (commune_id, due_soon_days, due_today, overdue_first_after, overdue_every, escalate_after,
  stale_after_days, digest_enabled, digest_at, email_enabled, webhook_enabled, webhook_url, webhook_secret,
  updated_by, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::time, $10, $11, $12, $13, $14, $15)
ON CONFLICT (commune_id) DO UPDATE SET
  due_soon_days = EXCLUDED.due_soon_days, due_today = EXCLUDED.due_today,
  overdue_first_after = EXCLUDED.overdue_first_after, overdue_every = EXCLUDED.overdue_every,
  escalate_after = EXCLUDED.escalate_after, stale_after_days = EXCLUDED.stale_after_days,
  digest_enabled = EXCLUDED.digest_enabled, digest_at = EXCLUDED.digest_at, email_enabled = EXCLUDED.email_enabled,
  webhook_enabled = EXCLUDED.webhook_enabled, webhook_url = EXCLUDED.webhook_url,
  webhook_secret = EXCLUDED.webhook_secret, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at,
  version = commune_settings.version + 1
RETURNING commune_id, due_soon_days, due_today, overdue_first_after, overdue_every, escalate_after, stale_after_days,
  digest_enabled, to_char(digest_at, 'HH24:MI') AS digest_at, email_enabled, webhook_enabled, webhook_url,
  webhook_secret, webhook_secret <> '' AS webhook_secret_set, version, updated_at;

-- name: list-settings
-- The planner's view of every commune that changed its settings.
SELECT commune_id, due_soon_days, due_today, overdue_first_after, overdue_every, escalate_after, stale_after_days,
       digest_enabled, to_char(digest_at, 'HH24:MI') AS digest_at, email_enabled, webhook_enabled, webhook_url,
       webhook_secret, webhook_secret <> '' AS webhook_secret_set, version, updated_at
FROM commune_settings;
