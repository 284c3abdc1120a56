-- +goose Up
-- A signed-in request is answered from the server's session cache (issue 15):
-- who the person is, their commune and their memberships are kept in memory,
-- and each request checks only that nothing they depend on changed, in the
-- same round trip that sets the tenant scope. auth_version is what it checks:
-- every change to the account, its memberships, the units it belongs to or
-- its commune moves it on. The session's own revocation and expiry are read
-- from the sessions row by the same check, so they need no version.
-- Existing accounts start at 1; no data moves.
ALTER TABLE users ADD COLUMN auth_version bigint NOT NULL DEFAULT 1;

-- +goose StatementBegin
-- Any change to the account row itself (a disable, a password change, a new
-- name, the must-change flag) moves its version, whoever writes it.
CREATE FUNCTION users_auth_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.auth_version = OLD.auth_version THEN
    NEW.auth_version := OLD.auth_version + 1;
  END IF;
  RETURN NEW;
END $$;

-- A membership given, changed or taken away moves its holder's version.
CREATE FUNCTION memberships_auth_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE users SET auth_version = auth_version + 1
  WHERE id IN (SELECT user_id FROM changed_memberships);
  RETURN NULL;
END $$;

-- A unit renamed or moved changes what its members' memberships say.
CREATE FUNCTION units_auth_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE users SET auth_version = auth_version + 1
  WHERE id IN (SELECT m.user_id FROM memberships m JOIN changed_units u ON u.id = m.unit_id);
  RETURN NULL;
END $$;

-- A commune's name, time zone or due-soon setting is part of every actor of it.
CREATE FUNCTION communes_auth_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE users SET auth_version = auth_version + 1
  WHERE commune_id IN (SELECT id FROM changed_communes);
  RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER users_auth_version BEFORE UPDATE ON users
  FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION users_auth_version();
CREATE TRIGGER memberships_auth_version_insert AFTER INSERT ON memberships
  REFERENCING NEW TABLE AS changed_memberships FOR EACH STATEMENT EXECUTE FUNCTION memberships_auth_version();
CREATE TRIGGER memberships_auth_version_update AFTER UPDATE ON memberships
  REFERENCING NEW TABLE AS changed_memberships FOR EACH STATEMENT EXECUTE FUNCTION memberships_auth_version();
CREATE TRIGGER memberships_auth_version_delete AFTER DELETE ON memberships
  REFERENCING OLD TABLE AS changed_memberships FOR EACH STATEMENT EXECUTE FUNCTION memberships_auth_version();
CREATE TRIGGER units_auth_version AFTER UPDATE ON units
  REFERENCING NEW TABLE AS changed_units FOR EACH STATEMENT EXECUTE FUNCTION units_auth_version();
CREATE TRIGGER communes_auth_version AFTER UPDATE ON communes
  REFERENCING NEW TABLE AS changed_communes FOR EACH STATEMENT EXECUTE FUNCTION communes_auth_version();

-- +goose Down
DROP TRIGGER communes_auth_version ON communes;
DROP TRIGGER units_auth_version ON units;
DROP TRIGGER memberships_auth_version_delete ON memberships;
DROP TRIGGER memberships_auth_version_update ON memberships;
DROP TRIGGER memberships_auth_version_insert ON memberships;
DROP TRIGGER users_auth_version ON users;
DROP FUNCTION communes_auth_version();
DROP FUNCTION units_auth_version();
DROP FUNCTION memberships_auth_version();
DROP FUNCTION users_auth_version();
ALTER TABLE users DROP COLUMN auth_version;
