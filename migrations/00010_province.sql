-- +goose Up
-- Province-level accounts (province_viewer) belong to no commune: they read
-- roll-ups across the communes of their province and nothing else.
ALTER TABLE users ADD COLUMN province text;
ALTER TABLE users ADD CONSTRAINT users_home_check
  CHECK ((commune_id IS NULL) = (province IS NOT NULL AND province <> ''));

-- province_id is the province of the current transaction, NULL outside one.
CREATE FUNCTION tenant_province() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN NULLIF(current_setting('tiendo.province', true), '');

-- A province transaction may read, never write, the tasks and plans of the
-- communes of its province: permissive policies add to tenant_isolation.
-- +goose StatementBegin
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['plans', 'tasks'] LOOP
    EXECUTE format('CREATE POLICY province_read ON %I FOR SELECT TO tiendo_app USING (commune_id IN '
                   '(SELECT c.id FROM communes c WHERE c.province = tenant_province()))', t);
  END LOOP;
END $$;
-- +goose StatementEnd

-- +goose Down
DROP POLICY province_read ON plans;
DROP POLICY province_read ON tasks;
DROP FUNCTION tenant_province();
ALTER TABLE users DROP CONSTRAINT users_home_check;
ALTER TABLE users DROP COLUMN province;
