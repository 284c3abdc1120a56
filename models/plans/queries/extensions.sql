-- name: insert-extension
-- A request; the partial unique index task_extensions_one_pending allows one
-- pending request per task, so a second one inserts nothing (409).
INSERT INTO task_extensions (commune_id, task_id, requested_by, requested_at, previous_due_on, due_on, reason)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (task_id) WHERE status = 'pending' DO NOTHING
RETURNING id;

-- name: insert-approved-extension
-- A new deadline set with a return: requested and approved by the evaluator.
INSERT INTO task_extensions (commune_id, task_id, requested_by, requested_at, previous_due_on, due_on, reason,
                             status, decided_by, decided_at, decision_note)
VALUES ($1, $2, $3, $4, $5, $6, $7, 'approved', $3, $4, '')
RETURNING id;

-- name: get-extension
SELECT x.id, x.task_id, x.requested_by, ur.full_name AS requested_by_name, x.requested_at, x.previous_due_on,
       x.due_on, x.reason, x.status, x.decided_by, COALESCE(ud.full_name, '') AS decided_by_name, x.decided_at,
       x.decision_note
FROM task_extensions x
JOIN users ur ON ur.id = x.requested_by
LEFT JOIN users ud ON ud.id = x.decided_by
JOIN tasks t ON t.commune_id = x.commune_id AND t.id = x.task_id AND t.deleted_at IS NULL
WHERE x.commune_id = $1 AND x.id = $2;

-- name: list-extensions
SELECT x.id, x.task_id, x.requested_by, ur.full_name AS requested_by_name, x.requested_at, x.previous_due_on,
       x.due_on, x.reason, x.status, x.decided_by, COALESCE(ud.full_name, '') AS decided_by_name, x.decided_at,
       x.decision_note
FROM task_extensions x
JOIN users ur ON ur.id = x.requested_by
LEFT JOIN users ud ON ud.id = x.decided_by
WHERE x.commune_id = $1 AND x.task_id = $2
ORDER BY x.requested_at, x.id;

-- name: decide-extension
-- Only a pending request is decided; a decided one updates nothing (409).
UPDATE task_extensions SET status = $3, decided_by = $4, decided_at = $5, decision_note = $6
WHERE commune_id = $1 AND id = $2 AND status = 'pending'
RETURNING id;
