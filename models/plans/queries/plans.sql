-- name: insert-plan
-- A plan whose number is already taken that year inserts nothing unless it is
-- a confirmed duplicate ($11), which the partial unique index does not cover.
INSERT INTO plans (commune_id, doc_number, doc_no, doc_type, doc_symbol, issued_on, year, kind,
                   title, summary, status, duplicate_confirmed, created_by, created_at, updated_at,
                   steering_unit_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15)
ON CONFLICT (commune_id, year, doc_symbol, doc_no) WHERE deleted_at IS NULL AND NOT duplicate_confirmed
DO NOTHING
RETURNING id;

-- name: get-plan
SELECT p.id, p.doc_number, p.doc_no, p.doc_type, p.doc_symbol, p.issued_on, p.year, p.kind, p.title,
       p.summary, p.status, p.steering_unit_id, p.duplicate_confirmed, p.version, p.created_at, p.updated_at,
       ARRAY(SELECT d.id FROM plans d
             WHERE d.commune_id = p.commune_id AND d.year = p.year AND d.doc_symbol = p.doc_symbol
               AND d.doc_no = p.doc_no AND d.id <> p.id AND d.deleted_at IS NULL ORDER BY d.id) AS duplicate_ids
FROM plans p
WHERE p.commune_id = $1 AND p.id = $2 AND p.deleted_at IS NULL;

-- name: lock-plan
-- Taken before a read-modify-write, so two editors queue instead of
-- overwriting each other.
SELECT version FROM plans WHERE commune_id = $1 AND id = $2 AND deleted_at IS NULL FOR NO KEY UPDATE;

-- name: list-plans
SELECT p.id, p.doc_number, p.doc_no, p.doc_type, p.doc_symbol, p.issued_on, p.year, p.kind, p.title,
       p.summary, p.status, p.steering_unit_id, p.duplicate_confirmed, p.version, p.created_at, p.updated_at,
       ARRAY(SELECT d.id FROM plans d
             WHERE d.commune_id = p.commune_id AND d.year = p.year AND d.doc_symbol = p.doc_symbol
               AND d.doc_no = p.doc_no AND d.id <> p.id AND d.deleted_at IS NULL ORDER BY d.id) AS duplicate_ids
FROM plans p
WHERE p.commune_id = $1 AND p.deleted_at IS NULL
  AND ($2::int IS NULL OR p.year = $2)
  AND ($3::text IS NULL OR p.kind = $3)
  AND ($4::text IS NULL OR p.status = $4)
  AND ($5::text[] IS NULL OR p.search LIKE ALL (SELECT '%' || search_fold(w) || '%' FROM unnest($5::text[]) w))
  AND ($6::int IS NULL OR (p.year, p.issued_on, p.id) < ($6, $7::date, $8::bigint))
ORDER BY p.year DESC, p.issued_on DESC, p.id DESC
LIMIT $9;

-- name: update-plan
UPDATE plans SET doc_number = $3, doc_no = $4, doc_type = $5, doc_symbol = $6, issued_on = $7, year = $8,
       kind = $9, title = $10, summary = $11, status = $12, duplicate_confirmed = $13,
       updated_at = $14, steering_unit_id = $15, version = version + 1
WHERE commune_id = $1 AND id = $2 AND deleted_at IS NULL
RETURNING version;

-- name: delete-plan
-- Into the recycle bin (trash.sql): the plan and its live tasks get the same
-- deleted_at, which is how a restore knows which tasks went with it. Answers
-- how many tasks went.
WITH p AS (
  UPDATE plans SET deleted_at = $3, deleted_by = $4, version = version + 1
  WHERE commune_id = $1 AND id = $2 AND deleted_at IS NULL
  RETURNING id
), t AS (
  UPDATE tasks SET deleted_at = $3, version = version + 1
  WHERE commune_id = $1 AND plan_id = (SELECT id FROM p) AND deleted_at IS NULL
  RETURNING id
)
SELECT count(*) FROM t;

-- name: plan-by-number
SELECT id, doc_number, title, issued_on
FROM plans
WHERE commune_id = $1 AND year = $2 AND doc_symbol = $3 AND doc_no = $4 AND deleted_at IS NULL
ORDER BY duplicate_confirmed, id
LIMIT 1;

-- name: plan-references
SELECT plan_id, doc_number, issued_on, issuer, title
FROM plan_references
WHERE commune_id = $1 AND plan_id = ANY($2)
ORDER BY plan_id, position;

-- name: delete-plan-references
DELETE FROM plan_references WHERE commune_id = $1 AND plan_id = $2;

-- name: insert-plan-reference
INSERT INTO plan_references (commune_id, plan_id, position, doc_number, issued_on, issuer, title)
VALUES ($1, $2, $3, $4, $5, $6, $7);

-- name: plan-status-counts
-- A plan's own tasks (roots): forwarded work is counted in its parent (00030).
SELECT plan_id, task_status(cancelled_at, completed_at, percent, due_on, $3, $4, $5) AS status, count(*) AS n
FROM tasks
WHERE commune_id = $1 AND plan_id = ANY($2) AND deleted_at IS NULL AND parent_id IS NULL
GROUP BY 1, 2;

-- name: plan-version
SELECT version FROM plans WHERE commune_id = $1 AND id = $2 AND deleted_at IS NULL;
