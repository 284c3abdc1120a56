-- name: list-dossier-stats
-- The commune's dossier statistics whose period ends within [$2, $3].
SELECT s.id, s.period, s.period_start, s.period_end, s.received, s.carried_over, s.resolved, s.resolved_on_time,
       s.no_appointment, s.as_of, s.source, s.note, s.recorded_by, COALESCE(u.full_name, '') AS recorded_by_name,
       s.recorded_at, s.version
FROM dossier_stats s LEFT JOIN users u ON u.id = s.recorded_by
WHERE s.commune_id = $1 AND s.period_end BETWEEN $2 AND $3
ORDER BY s.period_end DESC, s.period_start;

-- name: dossier-stat-lines
SELECT stat_id, dimension, key, label, parent_key, received, resolved
FROM dossier_stat_lines
WHERE commune_id = $1 AND stat_id = ANY($2)
ORDER BY stat_id, dimension, position;

-- name: lock-dossier-stats
SELECT id, version FROM dossier_stats
WHERE commune_id = $1 AND period_start = $2 AND period_end = $3
FOR UPDATE;

-- name: upsert-dossier-stats
INSERT INTO dossier_stats (commune_id, period, period_start, period_end, received, resolved, resolved_on_time,
                           no_appointment, as_of, source, note, recorded_by, recorded_at, carried_over)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
ON CONFLICT (commune_id, period_start, period_end) DO UPDATE
SET period = EXCLUDED.period, received = EXCLUDED.received, resolved = EXCLUDED.resolved,
    carried_over = EXCLUDED.carried_over,
    resolved_on_time = EXCLUDED.resolved_on_time, no_appointment = EXCLUDED.no_appointment,
    as_of = EXCLUDED.as_of, source = EXCLUDED.source, note = EXCLUDED.note,
    recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at,
    version = dossier_stats.version + 1
RETURNING id;

-- name: delete-dossier-stat-lines
DELETE FROM dossier_stat_lines WHERE commune_id = $1 AND stat_id = $2;

-- name: insert-dossier-stat-lines
-- All lines of one record at once, as parallel arrays.
INSERT INTO dossier_stat_lines (commune_id, stat_id, dimension, key, label, parent_key, received, resolved, position)
SELECT $1, $2, l.dimension, l.key, l.label, NULLIF(l.parent_key, ''), l.received, l.resolved, l.position
FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[], $9::smallint[])
  AS l(dimension, key, label, parent_key, received, resolved, position);
