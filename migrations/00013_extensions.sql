-- +goose Up
-- Deadline extensions ("đề xuất gia hạn"): whoever reports on a task may ask
-- for a later deadline with a reason; whoever manages the plan approves or
-- refuses. An approved request (or a return with a new deadline) moves
-- tasks.due_on, so every status and report counts "on time" against the
-- approved deadline, while original_due_on keeps the first one for the record.
ALTER TABLE tasks ADD COLUMN original_due_on date;

CREATE TABLE task_extensions (
  commune_id       bigint NOT NULL,
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id          bigint NOT NULL,
  requested_by     bigint NOT NULL,
  requested_at     timestamptz NOT NULL,
  -- The deadline in force when asked, and the one asked for.
  previous_due_on  date NOT NULL,
  due_on           date NOT NULL,
  reason           text NOT NULL CHECK (reason <> ''),
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
  decided_by       bigint,
  decided_at       timestamptz,
  decision_note    text NOT NULL DEFAULT '',
  UNIQUE (commune_id, id),
  FOREIGN KEY (commune_id, task_id) REFERENCES tasks (commune_id, id),
  CONSTRAINT task_extensions_requested_by_fkey FOREIGN KEY (commune_id, requested_by) REFERENCES users (commune_id, id),
  CONSTRAINT task_extensions_decided_by_fkey FOREIGN KEY (commune_id, decided_by) REFERENCES users (commune_id, id),
  CONSTRAINT task_extensions_later CHECK (due_on > previous_due_on),
  CONSTRAINT task_extensions_decided CHECK ((status = 'pending') = (decided_at IS NULL))
);
-- At most one open request per task: a second one is a 409, decided by the index.
CREATE UNIQUE INDEX task_extensions_one_pending ON task_extensions (task_id) WHERE status = 'pending';
CREATE INDEX task_extensions_task ON task_extensions (commune_id, task_id, id);

ALTER TABLE task_extensions ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_extensions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON task_extensions USING (commune_id = tenant_id());
CREATE POLICY jobs_all ON task_extensions TO tiendo_jobs USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON task_extensions TO tiendo_app;
GRANT SELECT ON task_extensions TO tiendo_jobs;
GRANT USAGE ON SEQUENCE task_extensions_id_seq TO tiendo_app, tiendo_jobs;

-- +goose Down
DROP TABLE task_extensions;
ALTER TABLE tasks DROP COLUMN original_due_on;
