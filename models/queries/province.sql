-- name: province-rollup
-- Every commune of the province, with its tasks (due in the year, if given)
-- counted by their stored status, which the status job keeps current.
SELECT c.id, c.code, c.name, c.kind, COALESCE(t.status, '') AS status, count(t.id) AS n
FROM communes c
LEFT JOIN tasks t ON t.commune_id = c.id AND t.deleted_at IS NULL
  AND ($2::int IS NULL OR t.due_on BETWEEN make_date($2, 1, 1) AND make_date($2, 12, 31))
WHERE c.province = $1
GROUP BY c.id, c.code, c.name, c.kind, t.status
ORDER BY c.name COLLATE "vi-VN-x-icu", c.id;
