-- name: indicator-groups
SELECT code, name_vi, name_en, max_points FROM indicator_groups ORDER BY position;

-- name: list-indicators
-- The built-in catalogue overlaid with the commune's rows (threshold
-- overrides), then the commune's own indicators; $2 is the year whose
-- targets come along.
SELECT COALESCE(i.id, 0) AS id, b.code, true AS builtin, b.group_code, b.name_vi, b.name_en, b.unit,
       COALESCE(i.threshold, b.threshold) AS threshold, b.threshold AS default_threshold, b.max_points,
       t.year AS target_year, t.target_low, t.target_high, COALESCE(t.note, '') AS target_note,
       b.position, COALESCE(i.version, 0) AS version
FROM indicator_builtins b
LEFT JOIN indicators i ON i.commune_id = $1 AND i.code = b.code
LEFT JOIN indicator_targets t ON t.indicator_id = i.id AND t.year = $2
UNION ALL
SELECT i.id, i.code, false, i.group_code, i.name_vi, i.name_en, i.unit,
       i.threshold, i.threshold, i.max_points,
       t.year, t.target_low, t.target_high, COALESCE(t.note, ''),
       1000, i.version
FROM indicators i
LEFT JOIN indicator_targets t ON t.indicator_id = i.id AND t.year = $2
WHERE i.commune_id = $1 AND i.builtin_code IS NULL
ORDER BY position, code;

-- name: ensure-indicator
-- The commune's row for code: an existing one, or a built-in's created now.
-- No row back means the code names no indicator (or a concurrent first use
-- committed after this statement's snapshot; the caller asks again).
WITH ins AS (
  INSERT INTO indicators (commune_id, code, builtin_code, group_code, created_by, created_at, updated_at)
  SELECT $1, b.code, b.code, b.group_code, $3, $4, $4 FROM indicator_builtins b WHERE b.code = $2
  ON CONFLICT (commune_id, code) DO NOTHING
  RETURNING id
)
SELECT id FROM ins
UNION ALL
SELECT id FROM indicators WHERE commune_id = $1 AND code = $2
LIMIT 1;

-- name: lock-indicator
SELECT version FROM indicators WHERE commune_id = $1 AND id = $2 FOR NO KEY UPDATE;

-- name: insert-indicator
-- A custom code may not shadow a built-in one.
INSERT INTO indicators (commune_id, code, group_code, name_vi, name_en, unit, threshold, max_points,
                        created_by, created_at, updated_at)
SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10
WHERE NOT EXISTS (SELECT 1 FROM indicator_builtins WHERE code = $2)
RETURNING id;

-- name: update-indicator
UPDATE indicators SET threshold = $3, group_code = $4, name_vi = $5, name_en = $6, unit = $7, max_points = $8,
       updated_at = $9, version = version + 1
WHERE commune_id = $1 AND id = $2;

-- name: upsert-indicator-target
INSERT INTO indicator_targets (commune_id, indicator_id, year, target_low, target_high, note, updated_by, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (indicator_id, year) DO UPDATE
SET target_low = EXCLUDED.target_low, target_high = EXCLUDED.target_high, note = EXCLUDED.note,
    updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at;

-- name: indicator-values
-- Values of the commune whose period ends in [$2, $3], optionally of one
-- indicator ($4), newest period first.
SELECT v.id, i.code AS indicator, v.period, v.period_start, v.period_end, v.rate, v.numerator, v.denominator,
       COALESCE(v.rate, round(v.numerator * 100 / v.denominator, 2)) AS value,
       v.as_of, v.source, v.note, v.recorded_by, COALESCE(u.full_name, '') AS recorded_by_name,
       v.recorded_at, v.version
FROM indicator_values v
JOIN indicators i ON i.id = v.indicator_id
LEFT JOIN users u ON u.id = v.recorded_by
WHERE v.commune_id = $1 AND v.period_end BETWEEN $2 AND $3 AND ($4::bigint IS NULL OR v.indicator_id = $4)
ORDER BY v.period_end DESC, v.period_start, i.code;

-- name: lock-indicator-value
SELECT id FROM indicator_values
WHERE commune_id = $1 AND indicator_id = $2 AND period_start = $3 AND period_end = $4
FOR UPDATE;

-- name: upsert-indicator-value
INSERT INTO indicator_values (commune_id, indicator_id, period, period_start, period_end, rate, numerator,
                              denominator, as_of, source, note, recorded_by, recorded_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
ON CONFLICT (commune_id, indicator_id, period_start, period_end) DO UPDATE
SET period = EXCLUDED.period, rate = EXCLUDED.rate, numerator = EXCLUDED.numerator,
    denominator = EXCLUDED.denominator, as_of = EXCLUDED.as_of, source = EXCLUDED.source, note = EXCLUDED.note,
    recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at,
    version = indicator_values.version + 1
RETURNING id;

-- name: set-task-indicators
WITH del AS (
  DELETE FROM task_indicators WHERE commune_id = $1 AND task_id = $2 AND indicator_id <> ALL ($3::bigint[])
)
INSERT INTO task_indicators (commune_id, task_id, indicator_id)
SELECT $1, $2, i FROM unnest($3::bigint[]) i
ON CONFLICT DO NOTHING;

-- name: task-indicator-codes
SELECT i.code FROM task_indicators ti JOIN indicators i ON i.id = ti.indicator_id
WHERE ti.commune_id = $1 AND ti.task_id = $2 ORDER BY i.code;

-- name: indicator-tasks
-- Tasks contributing to indicators, with their own target and actual value;
-- status as of $2 (today), $3 (due-soon horizon), $4 (time zone).
SELECT i.code AS indicator, t.id, t.title, p.doc_number, t.target_value, t.target_unit, t.actual_value, t.percent,
       task_status(t.cancelled_at, t.completed_at, t.percent, t.due_on, $2, $3, $4) AS status, t.due_on
FROM task_indicators ti
JOIN indicators i ON i.id = ti.indicator_id
JOIN tasks t ON t.id = ti.task_id AND t.deleted_at IS NULL
JOIN plans p ON p.id = t.plan_id AND p.deleted_at IS NULL
WHERE ti.commune_id = $1
ORDER BY i.code, t.due_on, t.id;
