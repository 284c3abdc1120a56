-- name: insert-report-version
-- The next version of the commune's report of the period's days, naming the
-- one it replaces. Two sends at once compute the same number: the unique
-- key refuses the second (a 409 on version).
WITH last AS (
  SELECT id, version FROM report_versions
  WHERE commune_id = $1 AND period_start = $3 AND period_end = $4
  ORDER BY version DESC LIMIT 1
)
INSERT INTO report_versions (commune_id, period, period_start, period_end, version, replaces_id, cutoff_on, note,
                             content, sent_at, sent_by)
SELECT $1, $2, $3, $4, COALESCE((SELECT version FROM last), 0) + 1, (SELECT id FROM last), $5, $6, $7, $8, $9
RETURNING id;

-- name: insert-report-version-file
INSERT INTO report_version_files (commune_id, version_id, format, file_name, content_type, content)
VALUES ($1, $2, $3, $4, $5, $6);

-- name: notify-province
-- One inbox line per active account of the sending commune's province.
INSERT INTO report_notices (commune_id, version_id, user_id, created_at)
SELECT $1, $2, u.id, $3
FROM users u JOIN communes c ON c.id = $1
WHERE u.commune_id IS NULL AND u.province = c.province AND u.disabled_at IS NULL
ON CONFLICT DO NOTHING;

-- name: list-report-versions
-- Versions of the commune's report of [$2, $3], newest first, or of every
-- period ($2 NULL).
SELECT v.id, v.commune_id, c.name AS commune_name, v.period, v.period_start, v.period_end, v.version,
       r.version AS replaces_version, v.cutoff_on, v.note, v.sent_at, u.full_name AS sent_by_name,
       ARRAY(SELECT f.format FROM report_version_files f
             WHERE f.commune_id = v.commune_id AND f.version_id = v.id ORDER BY f.format) AS formats
FROM report_versions v
JOIN communes c ON c.id = v.commune_id
JOIN users u ON u.id = v.sent_by
LEFT JOIN report_versions r ON r.commune_id = v.commune_id AND r.id = v.replaces_id
WHERE v.commune_id = $1 AND ($2::date IS NULL OR (v.period_start = $2 AND v.period_end = $3))
ORDER BY v.period_end DESC, v.period_start, v.version DESC
LIMIT 200;

-- name: province-latest-versions
-- The latest sent version of every commune of province $1 for [$2, $3].
SELECT DISTINCT ON (v.commune_id)
       v.id, v.commune_id, c.name AS commune_name, v.period, v.period_start, v.period_end, v.version,
       r.version AS replaces_version, v.cutoff_on, v.note, v.sent_at, u.full_name AS sent_by_name,
       ARRAY(SELECT f.format FROM report_version_files f
             WHERE f.commune_id = v.commune_id AND f.version_id = v.id ORDER BY f.format) AS formats
FROM report_versions v
JOIN communes c ON c.id = v.commune_id AND c.province = $1
JOIN users u ON u.id = v.sent_by
LEFT JOIN report_versions r ON r.commune_id = v.commune_id AND r.id = v.replaces_id
WHERE v.period_start = $2 AND v.period_end = $3
ORDER BY v.commune_id, v.version DESC;

-- name: report-version-commune
-- The commune a sent version belongs to, within the caller's read scope.
SELECT commune_id FROM report_versions WHERE id = $1;

-- name: report-version-file
SELECT f.file_name, f.content_type, f.content
FROM report_version_files f
WHERE f.commune_id = $1 AND f.version_id = $2 AND f.format = $3;

-- name: report-version-content
SELECT content FROM report_versions WHERE commune_id = $1 AND id = $2;

-- name: province-report-states
-- Per commune of province $1: whether the chairman has written anything for
-- the report of [$2, $3], its first and latest sent version.
SELECT c.id AS commune_id,
       EXISTS (SELECT 1 FROM report_narratives n
               WHERE n.commune_id = c.id AND n.period_start = $2 AND n.period_end = $3) AS drafted,
       s.first_sent_at, s.last_id, s.last_version, s.last_sent_at
FROM communes c
LEFT JOIN LATERAL (
  SELECT min(v.sent_at) AS first_sent_at, (array_agg(v.id ORDER BY v.version DESC))[1] AS last_id,
         max(v.version) AS last_version, max(v.sent_at) AS last_sent_at
  FROM report_versions v WHERE v.commune_id = c.id AND v.period_start = $2 AND v.period_end = $3
) s ON true
WHERE c.province = $1;

-- name: report-deadline
SELECT province, period, period_start, period_end, due_on, set_at, version
FROM report_deadlines WHERE province = $1 AND period_start = $2 AND period_end = $3;

-- name: list-report-deadlines
SELECT province, period, period_start, period_end, due_on, set_at, version
FROM report_deadlines WHERE province = $1 AND period_end BETWEEN make_date($2::int, 1, 1) AND make_date($2::int + 1, 12, 31)
ORDER BY period_end, period_start;

-- name: upsert-report-deadline
INSERT INTO report_deadlines (province, period, period_start, period_end, due_on, set_by, set_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (province, period_start, period_end) DO UPDATE
SET period = EXCLUDED.period, due_on = EXCLUDED.due_on, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at,
    version = report_deadlines.version + 1
RETURNING province, period, period_start, period_end, due_on, set_at, version;

-- name: plan-report-due
-- report_due for every commune whose province awaits a report not sent yet:
-- once when the deadline is $2 days away or nearer, once the day after it
-- passed (window = period/due day/phase, so a repeat or a moved deadline is
-- one more notice, never a stream). To the commune's chairmen, inbox.
WITH due AS (
  SELECT c.id AS commune_id, d.period, d.period_start, d.period_end, d.due_on,
         CASE WHEN (($1::timestamptz) AT TIME ZONE c.time_zone)::date > d.due_on THEN 'late' ELSE 'soon' END AS phase
  FROM report_deadlines d
  JOIN communes c ON c.province = d.province
  WHERE (($1::timestamptz) AT TIME ZONE c.time_zone)::date >= d.due_on - $2::int
    AND (($1::timestamptz) AT TIME ZONE c.time_zone)::date <= d.due_on + 30
    AND NOT EXISTS (SELECT 1 FROM report_versions v WHERE v.commune_id = c.id AND v.period_start = d.period_start
                    AND v.period_end = d.period_end)
), ins AS (
  INSERT INTO deliveries (commune_id, task_id, recipient_id, kind, channel, window_key, payload, next_attempt_at,
                          created_at, updated_at)
  SELECT due.commune_id, NULL, r.user_id, 'report_due', 'inbox',
         due.period || '/' || due.due_on || '/' || due.phase,
         jsonb_build_object('period', due.period, 'due_on', due.due_on, 'late', due.phase = 'late'), $1, $1, $1
  FROM due
  CROSS JOIN LATERAL (SELECT DISTINCT m.user_id FROM memberships m
                      JOIN users u ON u.id = m.user_id AND u.disabled_at IS NULL
                      WHERE m.commune_id = due.commune_id AND m.role = 'chairman') r
  ORDER BY due.commune_id, r.user_id
  ON CONFLICT DO NOTHING
  RETURNING commune_id, id
), ev AS (
  INSERT INTO delivery_events (commune_id, delivery_id, at, event) SELECT commune_id, id, $1, 'queued' FROM ins
)
SELECT count(*) FROM ins;

-- name: province-notices
-- The province account's inbox of sent reports, newest first.
SELECT n.id, n.version_id, v.commune_id, c.name AS commune_name, v.period, v.version, v.sent_at, n.read_at
FROM report_notices n
JOIN report_versions v ON v.commune_id = n.commune_id AND v.id = n.version_id
JOIN communes c ON c.id = v.commune_id
WHERE n.user_id = $1 AND ($2::boolean IS FALSE OR n.read_at IS NULL)
ORDER BY n.id DESC
LIMIT 50;

-- name: read-province-notices
UPDATE report_notices SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL;
