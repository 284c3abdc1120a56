-- name: list-plan-kinds
SELECT code, name_vi, name_en FROM plan_kinds ORDER BY NOT builtin, code = 'other', name_vi, code;

-- name: overview-by-kind
-- Tasks of the year's plans by plan kind and derived status; $3–$5 are the
-- status window (today, last due-soon day, time zone).
SELECT p.kind AS key, k.name_vi AS name, k.name_en,
       task_status(t.cancelled_at, t.completed_at, t.percent, t.due_on, $3, $4, $5) AS status,
       count(*) AS n,
       count(*) FILTER (WHERE t.original_due_on IS NOT NULL AND t.original_due_on <> t.due_on) AS extended
FROM tasks t
JOIN plans p ON p.commune_id = t.commune_id AND p.id = t.plan_id AND p.deleted_at IS NULL
JOIN plan_kinds k ON k.code = p.kind
WHERE t.commune_id = $1 AND t.deleted_at IS NULL AND p.year = $2
GROUP BY p.kind, k.name_vi, k.name_en, 4
ORDER BY k.name_vi COLLATE "vi-VN-x-icu", p.kind, 4;

-- name: overview-by-unit
-- The same tasks by lead unit (đơn vị chủ trì), which answers for them.
SELECT u.id::text AS key, u.name, u.name AS name_en,
       task_status(t.cancelled_at, t.completed_at, t.percent, t.due_on, $3, $4, $5) AS status,
       count(*) AS n, 0 AS extended
FROM tasks t
JOIN plans p ON p.commune_id = t.commune_id AND p.id = t.plan_id AND p.deleted_at IS NULL
JOIN units u ON u.commune_id = t.commune_id AND u.id = t.lead_unit_id
WHERE t.commune_id = $1 AND t.deleted_at IS NULL AND p.year = $2
GROUP BY u.id, u.name, 4
ORDER BY u.name COLLATE "vi-VN-x-icu", u.id, 4;
