-- name: report-plans
-- Plans issued in [$2, $3]; a period that starts on 1 January also takes
-- the plans of its year issued before it (a plan issued in advance, or one
-- whose date is a slip, such as the seed's 10/KH-UBND "11/3/2023" for 2024).
SELECT p.id, p.doc_number, p.doc_no, p.doc_symbol, p.issued_on, p.year, p.kind, k.name_vi AS kind_name, p.title,
       p.status,
       ARRAY(SELECT d.id FROM plans d
             WHERE d.commune_id = p.commune_id AND d.year = p.year AND d.doc_symbol = p.doc_symbol
               AND d.doc_no = p.doc_no AND d.id <> p.id AND d.deleted_at IS NULL ORDER BY d.id) AS duplicate_ids
FROM plans p JOIN plan_kinds k ON k.code = p.kind
WHERE p.commune_id = $1 AND p.deleted_at IS NULL
  AND (p.issued_on BETWEEN $2 AND $3
       OR (extract(month FROM $2::date) = 1 AND extract(day FROM $2::date) = 1
           AND p.year = extract(year FROM $2::date) AND p.issued_on < $2))
ORDER BY p.issued_on, p.doc_no, p.id;

-- name: report-tasks
-- The tasks period_tasks (migration 00018) counts for [$2, $3], with their
-- status as of $4 (the end of the as-of day $5; $6 is its due-soon horizon,
-- $7 the time zone), and the names the report prints.
-- Each input is read once, whole, and hash-joined (the MATERIALIZED CTEs):
-- the generic plan otherwise probed tasks, units and plan_kinds by index
-- once per counted task, ~8 buffers a task, most of a dashboard's database
-- time (issue 15; province preset: 4,033 → 1,600 buffers for 500 tasks).
WITH f AS MATERIALIZED (SELECT * FROM period_tasks($1, $2, $3, $4, $5, $6, $7)),
     t AS MATERIALIZED (SELECT id, title, plan_id, lead_unit_id, start_on, due_on, percent, original_due_on
                        FROM tasks WHERE commune_id = $1 AND deleted_at IS NULL),
     p AS MATERIALIZED (SELECT p.id, p.doc_number, p.kind, k.name_vi
                        FROM plans p JOIN plan_kinds k ON k.code = p.kind WHERE p.commune_id = $1),
     u AS MATERIALIZED (SELECT id, name FROM units WHERE commune_id = $1)
SELECT t.id, t.title, t.plan_id, p.doc_number, p.kind, p.name_vi AS kind_name, t.lead_unit_id,
       u.name AS lead_unit, t.start_on, t.due_on, t.percent, t.original_due_on, f.status, f.extended,
       f.parent_id, f.is_leaf
FROM f
JOIN t ON t.id = f.task_id
JOIN p ON p.id = t.plan_id
JOIN u ON u.id = t.lead_unit_id
ORDER BY t.due_on, t.id;

-- name: report-settings
SELECT cutoff_day, cutoff_months_before_end, scheduled_kinds
FROM report_settings WHERE commune_id = $1;

-- name: upsert-report-settings
INSERT INTO report_settings (commune_id, cutoff_day, cutoff_months_before_end, scheduled_kinds, updated_by, updated_at)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (commune_id) DO UPDATE
SET cutoff_day = EXCLUDED.cutoff_day, cutoff_months_before_end = EXCLUDED.cutoff_months_before_end,
    scheduled_kinds = EXCLUDED.scheduled_kinds, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at;

-- name: insert-built-report
-- The unique key makes a repeated scheduler run a no-op: no row back.
INSERT INTO reports (commune_id, period, period_start, period_end, cutoff_on, format, file_name, content_type,
                     content, built_at, built_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT (commune_id, period_start, period_end, format, built_by) DO NOTHING
RETURNING id;

-- name: list-built-reports
SELECT id, period, period_start, period_end, cutoff_on, format, file_name, content_type,
       octet_length(content) AS size_bytes, built_at, built_by
FROM reports WHERE commune_id = $1
ORDER BY built_at DESC, id DESC
LIMIT 200;

-- name: built-report-file
SELECT file_name, content_type, content FROM reports WHERE commune_id = $1 AND id = $2;

-- name: built-report-exists
SELECT EXISTS (SELECT 1 FROM reports
               WHERE commune_id = $1 AND period_start = $2 AND period_end = $3 AND built_by = 'scheduler');

-- name: quality-plans
-- Plans of year $2, and plans issued in it for another year.
SELECT id, doc_number, doc_no, doc_symbol, issued_on, year, title
FROM plans
WHERE commune_id = $1 AND deleted_at IS NULL
  AND (year = $2::int OR issued_on BETWEEN make_date($2::int, 1, 1) AND make_date($2::int, 12, 31))
ORDER BY doc_symbol, issued_on, doc_no, id;

-- name: quality-tasks
-- Tasks of the year's plans, or due in the year, that are done with no
-- progress ever reported, or whose deadline precedes their start; and every
-- open task, of any year, that nobody answers for (task_recipients).
SELECT t.id, t.title, p.doc_number, t.start_on, t.due_on, u.name AS lead_unit,
       (t.completed_at IS NOT NULL OR t.percent = 100)
         AND NOT EXISTS (SELECT 1 FROM progress_updates pu WHERE pu.commune_id = t.commune_id AND pu.task_id = t.id)
         AS done_without_progress,
       t.due_on < t.start_on AS due_before_start,
       r.none AS no_recipient
FROM tasks t JOIN plans p ON p.id = t.plan_id AND p.deleted_at IS NULL
JOIN units u ON u.id = t.lead_unit_id
CROSS JOIN LATERAL (SELECT t.completed_at IS NULL
                           AND NOT EXISTS (SELECT FROM task_recipients(t.commune_id, t.id, t.lead_unit_id)) AS none) r
WHERE t.commune_id = $1 AND t.deleted_at IS NULL AND t.cancelled_at IS NULL
  AND (r.none OR (p.year = $2::int OR t.due_on BETWEEN make_date($2::int, 1, 1) AND make_date($2::int, 12, 31))
  AND (t.due_on < t.start_on
       OR ((t.completed_at IS NOT NULL OR t.percent = 100)
           AND NOT EXISTS (SELECT 1 FROM progress_updates pu WHERE pu.commune_id = t.commune_id AND pu.task_id = t.id))))
ORDER BY t.id;

-- name: enqueue-report-notice
-- Tells the commune's chairmen (chairman and vice-chairmen) in their inbox
-- that a period's report is ready. The outbox's unique key (commune, task,
-- recipient, kind, channel, window = the period) makes a repeat a no-op.
WITH ins AS (
  INSERT INTO deliveries (commune_id, task_id, recipient_id, kind, channel, window_key, payload, next_attempt_at,
                          created_at, updated_at)
  SELECT $1, NULL, r.user_id, 'report', 'inbox', $2, $3::jsonb, $4, $4, $4
  FROM (SELECT DISTINCT m.user_id FROM memberships m
        JOIN users u ON u.id = m.user_id AND u.disabled_at IS NULL
        WHERE m.commune_id = $1 AND m.role = 'chairman') r
  ORDER BY r.user_id
  ON CONFLICT DO NOTHING
  RETURNING commune_id, id
), ev AS (
  INSERT INTO delivery_events (commune_id, delivery_id, at, event) SELECT commune_id, id, $4, 'queued' FROM ins
)
SELECT count(*) FROM ins;

-- name: report-narrative
SELECT id, period, period_start, period_end, results, limitations, causes, directions, proposals, version,
       updated_at
FROM report_narratives WHERE commune_id = $1 AND period_start = $2 AND period_end = $3;

-- name: report-narrative-lock
SELECT id, period, period_start, period_end, results, limitations, causes, directions, proposals, version,
       updated_at
FROM report_narratives WHERE commune_id = $1 AND period_start = $2 AND period_end = $3
FOR UPDATE;

-- name: upsert-report-narrative
-- The unique key on the period's days makes a first write by two people at
-- once one row; the second bumps the version.
INSERT INTO report_narratives (commune_id, period, period_start, period_end, results, limitations, causes,
                               directions, proposals, updated_by, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT ON CONSTRAINT report_narratives_period_key DO UPDATE
SET period = EXCLUDED.period, results = EXCLUDED.results, limitations = EXCLUDED.limitations,
    causes = EXCLUDED.causes, directions = EXCLUDED.directions, proposals = EXCLUDED.proposals,
    version = report_narratives.version + 1, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
RETURNING id, period, period_start, period_end, results, limitations, causes, directions, proposals, version,
          updated_at;

-- name: report-signer
-- Who signs for the committee: the commune's longest-serving active chairman.
SELECT u.full_name
FROM memberships m JOIN users u ON u.commune_id = m.commune_id AND u.id = m.user_id AND u.disabled_at IS NULL
WHERE m.commune_id = $1 AND m.role = 'chairman'
ORDER BY m.created_at, u.id
LIMIT 1;
