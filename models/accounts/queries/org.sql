-- name: commune-by-id
SELECT id, code, name, kind, province, time_zone, due_soon_working_days
FROM communes WHERE id = $1;

-- name: insert-commune
INSERT INTO communes (code, name, kind, province, time_zone)
VALUES ($1, $2, $3, $4, $5)
RETURNING id, code, name, kind, province, time_zone, due_soon_working_days;

-- name: list-units
SELECT id, parent_id, kind, name
FROM units WHERE commune_id = $1
ORDER BY name COLLATE "vi-VN-x-icu", id;

-- name: insert-unit
INSERT INTO units (commune_id, parent_id, kind, name)
VALUES ($1, $2, $3, $4)
RETURNING id, parent_id, kind, name;

-- name: list-users
-- The commune's active accounts ($4: only that one). $2, when set, is a
-- team member's own units: they see the people of those units, the
-- leadership (chairmen and vice-chairmen, steering committee members and
-- everyone in a steering committee unit) and themselves ($3), no one else.
SELECT u.id, u.username, u.full_name, u.email, u.phone, u.title, u.reminder_channels, u.version,
       COALESCE((SELECT json_agg(json_build_object('unit_id', m.unit_id, 'unit_name', un.name, 'role', m.role)
                                 ORDER BY un.name, m.role)
                 FROM memberships m JOIN units un ON un.id = m.unit_id
                 WHERE m.user_id = u.id), '[]') AS memberships
FROM users u
WHERE u.commune_id = $1 AND u.disabled_at IS NULL
  AND ($4::bigint IS NULL OR u.id = $4)
  AND ($2::bigint[] IS NULL OR u.id = $3 OR EXISTS (
        SELECT FROM memberships m JOIN units un ON un.commune_id = m.commune_id AND un.id = m.unit_id
        WHERE m.commune_id = u.commune_id AND m.user_id = u.id
          AND (m.unit_id = ANY ($2) OR m.role IN ('chairman', 'steering_member') OR un.kind = 'steering_committee')))
ORDER BY u.full_name COLLATE "vi-VN-x-icu", u.id;

-- name: insert-user
INSERT INTO users (commune_id, username, full_name, email, password_hash, must_change_password)
VALUES ($1, $2, $3, $4, $5, $6)
RETURNING id;

-- name: insert-membership
INSERT INTO memberships (commune_id, user_id, unit_id, role) VALUES ($1, $2, $3, $4);
