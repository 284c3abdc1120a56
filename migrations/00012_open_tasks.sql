-- +goose Up
-- Only open tasks change status with the passage of time (a done task's
-- status is fixed by its completion date), and only open tasks remind; the
-- status sweep and the reminder planner read them, about a third of all
-- tasks at national scale, through this index when few enough.
CREATE INDEX tasks_open ON tasks (commune_id, due_on)
  WHERE completed_at IS NULL AND cancelled_at IS NULL AND deleted_at IS NULL;

-- A status or percent change rewrites the row; with free space on its page
-- PostgreSQL does it as a HOT update, touching none of the seven indexes
-- (one of them GIN). Full pages made the sweep and every progress report
-- update them all. Pages written from now on keep a fifth free; existing
-- ones gain room as VACUUM frees dead rows (VACUUM FULL tasks does it at once).
ALTER TABLE tasks SET (fillfactor = 80);

-- +goose Down
ALTER TABLE tasks RESET (fillfactor);
DROP INDEX tasks_open;
