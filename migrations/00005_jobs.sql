-- +goose Up
-- Scheduled jobs work across every commune (a status sweep, reminder
-- planning), which row-level security forbids to tiendo_app. They run as
-- tiendo_jobs instead: a separate role with an explicit policy that lets it see
-- all communes. Request handling never uses this role, so a forgotten filter
-- in a handler still cannot leak.
-- +goose StatementBegin
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tiendo_jobs') THEN
    CREATE ROLE tiendo_jobs NOLOGIN NOBYPASSRLS;
  END IF;
  IF NOT pg_has_role(current_user, 'tiendo_jobs', 'MEMBER') THEN
    EXECUTE format('GRANT tiendo_jobs TO %I', current_user);
  END IF;
END $$;
-- +goose StatementEnd

-- job_runs claims each scheduled slot once across all replicas: the unique
-- key is the claim, so two processes firing at the same minute cannot both run.
CREATE TABLE job_runs (
  job          text NOT NULL,
  slot         timestamptz NOT NULL,
  claimed_by   text NOT NULL,
  started_at   timestamptz NOT NULL,
  finished_at  timestamptz,
  status       text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
  detail       text NOT NULL DEFAULT '',
  PRIMARY KEY (job, slot)
);

GRANT USAGE ON SCHEMA public TO tiendo_jobs;
GRANT SELECT, INSERT, UPDATE ON job_runs TO tiendo_jobs;
GRANT SELECT ON communes, users, plan_kinds, units, memberships, plans, plan_references, task_units,
  task_assignees, progress_updates, task_reviews TO tiendo_jobs;
GRANT SELECT, INSERT, UPDATE ON tasks TO tiendo_jobs;
GRANT SELECT, INSERT ON audit_log TO tiendo_jobs;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO tiendo_jobs;

-- +goose StatementBegin
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['units', 'memberships', 'plans', 'plan_references', 'tasks', 'task_units',
                           'task_assignees', 'progress_updates', 'audit_log', 'task_reviews'] LOOP
    EXECUTE format('CREATE POLICY jobs_all ON %I TO tiendo_jobs USING (true) WITH CHECK (true)', t);
  END LOOP;
END $$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['units', 'memberships', 'plans', 'plan_references', 'tasks', 'task_units',
                           'task_assignees', 'progress_updates', 'audit_log', 'task_reviews'] LOOP
    EXECUTE format('DROP POLICY jobs_all ON %I', t);
  END LOOP;
END $$;
-- +goose StatementEnd
DROP TABLE job_runs;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM tiendo_jobs;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM tiendo_jobs;
REVOKE USAGE ON SCHEMA public FROM tiendo_jobs;
