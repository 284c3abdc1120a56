-- name: clone-plan-tasks
-- The live, not cancelled tasks of a plan with their links, in deadline order.
SELECT t.title, t.description, t.lead_unit_id, t.start_on, t.due_on, t.target_value, t.target_unit, t.weight,
       t.report_every, t.report_grace_days,
       ARRAY(SELECT tu.unit_id FROM task_units tu WHERE tu.task_id = t.id ORDER BY tu.unit_id) AS supporting_unit_ids,
       ARRAY(SELECT ta.user_id FROM task_assignees ta JOIN users u ON u.id = ta.user_id
             WHERE ta.task_id = t.id AND u.disabled_at IS NULL ORDER BY ta.user_id) AS assignee_ids
FROM tasks t
WHERE t.commune_id = $1 AND t.plan_id = $2 AND t.deleted_at IS NULL AND t.cancelled_at IS NULL
ORDER BY t.due_on, t.id;
