-- name: province-rollup
-- Every commune of the province with the tasks period_tasks counts for the
-- year $7, each as of its own day: the arrays $2–$6 give, per commune, the
-- as-of instant, day, due-soon horizon and time zone.
WITH d AS (
  SELECT * FROM unnest($2::bigint[], $3::timestamptz[], $4::date[], $5::date[], $6::text[])
    AS d(commune_id, as_of, today, soon, tz)
)
SELECT c.id, c.code, c.name, c.kind, COALESCE(f.status, '') AS status, count(f.task_id) AS n
FROM communes c
JOIN d ON d.commune_id = c.id
LEFT JOIN LATERAL period_tasks(c.id, make_date($7::int, 1, 1), make_date($7::int, 12, 31), d.as_of, d.today,
                               d.soon, d.tz) f ON f.parent_id IS NULL -- the plans' tasks (00030)
WHERE c.province = $1
GROUP BY c.id, c.code, c.name, c.kind, f.status
ORDER BY c.name COLLATE "vi-VN-x-icu", c.id;
