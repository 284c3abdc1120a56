-- name: insert-review
INSERT INTO task_reviews (commune_id, task_id, author_id, kind, body, created_at)
VALUES ($1, $2, $3, $4, $5, $6)
RETURNING id;

-- name: list-reviews
-- $3 narrows to one kind (comments); NULL lists every review.
SELECT r.id, r.task_id, r.author_id, u.full_name AS author_name, r.kind, r.body, r.created_at
FROM task_reviews r JOIN users u ON u.id = r.author_id
WHERE r.commune_id = $1 AND r.task_id = $2 AND ($3::text IS NULL OR r.kind = $3)
ORDER BY r.created_at, r.id;

-- name: accept-task
-- Only a completed task can be accepted; the CHECK on tasks says so too.
UPDATE tasks SET accepted_at = $3, accepted_by = $4, updated_at = $3, version = version + 1
WHERE commune_id = $1 AND id = $2 AND deleted_at IS NULL AND completed_at IS NOT NULL;

-- name: return-task
-- A returned result is no longer done: completion and any acceptance go, the
-- reported percent stays as the record of what was claimed, and the next
-- 100 % report completes the task again.
UPDATE tasks SET completed_at = NULL, accepted_at = NULL, accepted_by = NULL, returned_review_id = $4,
       updated_at = $3, version = version + 1
WHERE commune_id = $1 AND id = $2 AND deleted_at IS NULL;

-- name: task-history
-- Progress reports, comments and evaluations of one task in time order. At
-- the same instant a report sorts before a review, since a review answers one.
SELECT kind, id, author_id, author_name, created_at, reported_at, percent, actual_value, text
FROM (
  SELECT 'progress' AS kind, 0 AS rank, p.id, p.author_id, u.full_name AS author_name, p.created_at,
         p.reported_at, p.percent::int AS percent, p.actual_value, p.note AS text
  FROM progress_updates p JOIN users u ON u.id = p.author_id
  WHERE p.commune_id = $1 AND p.task_id = $2
  UNION ALL
  SELECT r.kind, 1, r.id, r.author_id, u.full_name, r.created_at, NULL, NULL, NULL, r.body
  FROM task_reviews r JOIN users u ON u.id = r.author_id
  WHERE r.commune_id = $1 AND r.task_id = $2
) h
ORDER BY created_at, rank, id;
