-- name: calendar-version
-- Bumped by a trigger on every change to the commune's overrides.
SELECT calendar_version FROM communes WHERE id = $1;

-- name: calendar-versions
SELECT id, calendar_version FROM communes WHERE id = ANY ($1::bigint[]);

-- name: calendar-overrides-all
SELECT date, action, kind, name FROM calendar_overrides WHERE commune_id = $1 ORDER BY date;

-- name: calendar-overrides-year
-- $2 NULL lists every year.
SELECT o.id, o.date, o.action, o.kind, o.name, o.created_by,
       COALESCE(u.full_name, '') AS created_by_name, o.created_at
FROM calendar_overrides o LEFT JOIN users u ON u.id = o.created_by
WHERE o.commune_id = $1 AND ($2::int IS NULL OR o.date BETWEEN make_date($2, 1, 1) AND make_date($2, 12, 31))
ORDER BY o.date;

-- name: calendar-override
SELECT o.id, o.date, o.action, o.kind, o.name, o.created_by,
       COALESCE(u.full_name, '') AS created_by_name, o.created_at
FROM calendar_overrides o LEFT JOIN users u ON u.id = o.created_by
WHERE o.commune_id = $1 AND o.date = $2;

-- name: insert-calendar-override
INSERT INTO calendar_overrides (commune_id, date, action, kind, name, created_by, created_at)
VALUES ($1, $2, $3, NULLIF($4, ''), $5, $6, $7)
RETURNING id;

-- name: delete-calendar-override
DELETE FROM calendar_overrides o WHERE o.commune_id = $1 AND o.date = $2
RETURNING o.id, o.date, o.action, o.kind, o.name, o.created_by,
          '' AS created_by_name, o.created_at;
