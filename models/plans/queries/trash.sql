-- name: list-trash
-- The recycle bin: plans deleted and not yet purged, newest first, with the
-- tasks that went with each (those sharing its deleted_at; a task deleted on
-- its own earlier stays deleted when the plan comes back).
SELECT p.id, p.doc_number, p.title, p.year, p.kind, p.deleted_at, p.deleted_by, p.doc_symbol, p.doc_no,
       COALESCE(u.full_name, '') AS deleted_by_name,
       (SELECT count(*) FROM tasks t
        WHERE t.commune_id = p.commune_id AND t.plan_id = p.id AND t.deleted_at = p.deleted_at) AS task_count
FROM plans p
LEFT JOIN users u ON u.id = p.deleted_by AND u.commune_id = p.commune_id
WHERE p.commune_id = $1 AND p.deleted_at IS NOT NULL AND p.purged_at IS NULL
  AND ($2::timestamptz IS NULL OR (p.deleted_at, p.id) < ($2, $3::bigint))
ORDER BY p.deleted_at DESC, p.id DESC
LIMIT $4;

-- name: lock-trashed-plan
-- The plan as it lies in the bin, locked for its restore; its number is
-- needed to name the plan that took it meanwhile.
SELECT p.id, p.doc_number, p.title, p.year, p.kind, p.deleted_at, p.deleted_by, p.doc_symbol, p.doc_no,
       '' AS deleted_by_name,
       (SELECT count(*) FROM tasks t
        WHERE t.commune_id = p.commune_id AND t.plan_id = p.id AND t.deleted_at = p.deleted_at) AS task_count
FROM plans p
WHERE p.commune_id = $1 AND p.id = $2 AND p.deleted_at IS NOT NULL AND p.purged_at IS NULL
FOR NO KEY UPDATE OF p;

-- name: restore-plan
-- Fails on plans_doc_number_key when another live plan took the number.
UPDATE plans SET deleted_at = NULL, deleted_by = NULL, updated_at = $3, version = version + 1
WHERE commune_id = $1 AND id = $2 AND deleted_at IS NOT NULL AND purged_at IS NULL;

-- name: restore-plan-tasks
-- Only the tasks that went with the plan ($3 is its deleted_at), with their
-- stored status brought up to date ($4 today, $5 last due-soon day, $6 zone).
UPDATE tasks SET deleted_at = NULL, version = version + 1,
       status = task_status(cancelled_at, completed_at, percent, due_on, $4, $5, $6)
WHERE commune_id = $1 AND plan_id = $2 AND deleted_at = $3;

-- name: purge-trash
-- The daily purge, for every commune (jobs' pool): plans in the bin since
-- $1 or before are marked purged ($2, now) and leave it for good; each gets
-- its audit row, as the system's act, in the same statement.
WITH purged AS (
  UPDATE plans SET purged_at = $2
  WHERE deleted_at IS NOT NULL AND purged_at IS NULL AND deleted_at <= $1
  RETURNING commune_id, id, doc_number, title, year, deleted_at, deleted_by
)
INSERT INTO audit_log (commune_id, actor_id, at, action, entity, entity_id, before)
SELECT commune_id, NULL, $2, 'purge', 'plan', id,
       jsonb_build_object('doc_number', doc_number, 'title', title, 'year', year,
                          'deleted_at', deleted_at, 'deleted_by', deleted_by)
FROM purged;
