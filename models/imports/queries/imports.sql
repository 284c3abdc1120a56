-- name: import-plan-kinds
SELECT code, name_vi, name_en FROM plan_kinds ORDER BY code;

-- name: export-plan-tasks
-- A plan's tasks with unit names spelled out and their status now.
SELECT t.id, t.title, t.description, u.name AS lead_unit,
       COALESCE((SELECT string_agg(su.name, '; ' ORDER BY su.name) FROM task_units tu
                 JOIN units su ON su.id = tu.unit_id WHERE tu.task_id = t.id), '') AS supporting_units,
       t.start_on, t.due_on, t.target_value, t.target_unit, t.actual_value, t.percent,
       task_status(t.cancelled_at, t.completed_at, t.percent, t.due_on, $3, $4, $5) AS status,
       t.completed_at, t.cancelled_at, t.parent_id,
       COALESCE((SELECT string_agg(i.code, '; ' ORDER BY i.code) FROM task_indicators ti
                 JOIN indicators i ON i.id = ti.indicator_id WHERE ti.task_id = t.id), '') AS indicators
FROM tasks t JOIN units u ON u.id = t.lead_unit_id
WHERE t.commune_id = $1 AND t.plan_id = $2 AND t.deleted_at IS NULL
-- Level by level, so a sub-task's parent is on a row above it (the import
-- template's "Thuộc nhiệm vụ ở dòng" points up).
ORDER BY t.depth, t.due_on, t.id;

-- name: export-plan-progress
SELECT pu.id, pu.task_id, pu.author_id, COALESCE(u.full_name, '') AS author_name, pu.percent, pu.actual_value,
       pu.note, pu.created_at
FROM progress_updates pu
JOIN tasks t ON t.id = pu.task_id AND t.deleted_at IS NULL
LEFT JOIN users u ON u.id = pu.author_id
WHERE pu.commune_id = $1 AND t.plan_id = $2
ORDER BY pu.id;

-- name: export-plan-audit
-- The audit trail of the plan and of its tasks, oldest first.
SELECT a.id, a.at, a.actor_id, COALESCE(u.full_name, '') AS actor_name, host(a.ip) AS ip,
       a.action, a.entity, a.entity_id, a.before, a.after
FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
WHERE a.commune_id = $1
  AND ((a.entity = 'plan' AND a.entity_id = $2)
       OR (a.entity = 'task' AND a.entity_id IN (SELECT id FROM tasks WHERE commune_id = $1 AND plan_id = $2)))
ORDER BY a.id
LIMIT 5000;
