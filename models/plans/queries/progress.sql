-- name: insert-progress
-- Called with the task locked, so reports of one task are inserted one at a
-- time: their ids are in the order their percents were applied, and their
-- times never run backwards (a replica whose clock lags takes the last
-- report's time), so history by time and by id agree with the task.
-- $8 is the device's time of a report sent later (reported_at, 00027).
INSERT INTO progress_updates (commune_id, task_id, author_id, percent, actual_value, note, created_at, reported_at)
VALUES ($1, $2, $3, $4, $5, $6,
        GREATEST($7, (SELECT max(created_at) FROM progress_updates WHERE commune_id = $1 AND task_id = $2)), $8)
RETURNING id, created_at;

-- name: apply-progress
-- Reaching 100 % completes the task at that update's time; a later 100 %
-- keeps the first completion, and a correction below 100 % reopens it and
-- withdraws any acceptance, which was of a result that no longer stands.
-- The stored status follows in the same statement ($6–$8: the commune's
-- today, due-soon horizon and time zone), from the new completion. A report
-- made on a device before it was sent completes the task when it was made
-- ($9, reported_at), so a report made on time is on time.
UPDATE tasks SET percent = $3::smallint, returned_review_id = NULL,
       actual_value = COALESCE($4, actual_value),
       completed_at = CASE WHEN $3::smallint = 100 THEN COALESCE(completed_at, $9::timestamptz, $5) END,
       accepted_at = CASE WHEN $3::smallint = 100 THEN accepted_at END,
       accepted_by = CASE WHEN $3::smallint = 100 THEN accepted_by END,
       status = task_status(cancelled_at, CASE WHEN $3::smallint = 100 THEN COALESCE(completed_at, $9::timestamptz, $5) END,
                            $3::smallint, due_on, $6, $7, $8),
       last_progress_at = $5, updated_at = $5, version = version + 1
WHERE commune_id = $1 AND id = $2 AND deleted_at IS NULL;

-- name: list-progress
SELECT p.id, p.task_id, p.author_id, u.full_name AS author_name, p.percent, p.actual_value, p.note, p.created_at,
       p.reported_at
FROM progress_updates p JOIN users u ON u.id = p.author_id
WHERE p.commune_id = $1 AND p.task_id = $2
ORDER BY p.id; -- insertion order: the order in which the task took each percent
