-- name: list-audit
-- Newest first, keyset on id: the log only grows.
SELECT a.id, a.at, a.actor_id, COALESCE(u.full_name, '') AS actor_name, host(a.ip) AS ip,
       a.action, a.entity, a.entity_id, a.before, a.after
FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
WHERE a.commune_id = $1
  AND ($2::text IS NULL OR a.entity = $2)
  AND ($3::bigint IS NULL OR a.entity_id = $3)
  AND ($4::bigint IS NULL OR a.id < $4)
ORDER BY a.id DESC
LIMIT $5;

-- name: insert-audit
INSERT INTO audit_log (commune_id, actor_id, at, ip, action, entity, entity_id, before, after)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
