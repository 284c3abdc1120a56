-- +goose Up
-- Defence in depth for tenant isolation. The server connects as the owner but
-- switches every pooled connection to tiendo_app, a role that neither owns the
-- tables nor bypasses row-level security. Each request's transaction names its
-- commune in the tiendo.commune_id setting, and the policies below hide every
-- other commune's rows even from a query that forgets its commune_id filter.
--
-- Roles are cluster-wide: create tiendo_app once, and let the migrating role
-- switch to it. A DBA may create the role and grant it beforehand instead.
-- +goose StatementBegin
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tiendo_app') THEN
    CREATE ROLE tiendo_app NOLOGIN NOBYPASSRLS;
  END IF;
  IF NOT pg_has_role(current_user, 'tiendo_app', 'MEMBER') THEN
    EXECUTE format('GRANT tiendo_app TO %I', current_user);
  END IF;
END $$;
-- +goose StatementEnd

-- tenant_id is the commune of the current transaction, NULL outside one.
CREATE FUNCTION tenant_id() RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE
RETURN NULLIF(current_setting('tiendo.commune_id', true), '')::bigint;

GRANT USAGE ON SCHEMA public TO tiendo_app;
-- Identity tables (no RLS): login must find a user before it knows the commune.
GRANT SELECT, INSERT, UPDATE ON communes, users, sessions TO tiendo_app;
GRANT SELECT ON plan_kinds TO tiendo_app;
GRANT SELECT, INSERT, UPDATE ON units, plans, tasks TO tiendo_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON memberships, plan_references, task_units, task_assignees TO tiendo_app;
-- History is append-only for the server: no UPDATE, no DELETE.
GRANT SELECT, INSERT ON progress_updates, audit_log TO tiendo_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO tiendo_app;

-- +goose StatementBegin
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['units', 'memberships', 'plans', 'plan_references', 'tasks', 'task_units',
                           'task_assignees', 'progress_updates'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (commune_id = tenant_id())', t);
  END LOOP;
END $$;
-- +goose StatementEnd

-- Audit rows of the commune are visible inside it; rows without a commune
-- (a failed login with an unknown name) can be written outside any commune
-- and are read only by the operator.
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_read ON audit_log FOR SELECT USING (commune_id = tenant_id());
CREATE POLICY tenant_write ON audit_log FOR INSERT WITH CHECK (commune_id IS NOT DISTINCT FROM tenant_id());

-- +goose Down
DROP POLICY tenant_read ON audit_log;
DROP POLICY tenant_write ON audit_log;
ALTER TABLE audit_log DISABLE ROW LEVEL SECURITY;
-- +goose StatementBegin
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['units', 'memberships', 'plans', 'plan_references', 'tasks', 'task_units',
                           'task_assignees', 'progress_updates'] LOOP
    EXECUTE format('DROP POLICY tenant_isolation ON %I', t);
    EXECUTE format('ALTER TABLE %I NO FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I DISABLE ROW LEVEL SECURITY', t);
  END LOOP;
END $$;
-- +goose StatementEnd
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM tiendo_app;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM tiendo_app;
REVOKE USAGE ON SCHEMA public FROM tiendo_app;
DROP FUNCTION tenant_id();
