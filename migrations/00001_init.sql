-- +goose Up
-- The foundation schema: tenants (communes), their units and people, plans,
-- tasks, append-only progress history and the audit log. Every tenant-owned
-- table carries commune_id, and foreign keys include it so that a row can
-- never point into another commune.

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- search_fold makes "ke hoach chuyen doi so" match "Kế hoạch chuyển đổi số".
-- unaccent's rules may or may not fold đ depending on the version, so translate
-- handles it explicitly. IMMUTABLE (with the dictionary named) so that it can
-- back a generated column and a trigram index.
CREATE FUNCTION search_fold(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN lower(translate(public.unaccent('public.unaccent'::regdictionary, t), 'đĐ', 'dD'));

-- doc_type_name spells out a document type so that "ke hoach chuyen doi so"
-- finds 12/KH-UBND "Ứng dụng … chuyển đổi số": people search by what a
-- document is called, not by its abbreviation.
CREATE FUNCTION doc_type_name(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN CASE t
  WHEN 'KH' THEN 'kế hoạch' WHEN 'QĐ' THEN 'quyết định' WHEN 'CTr' THEN 'chương trình'
  WHEN 'ĐA' THEN 'đề án' WHEN 'BC' THEN 'báo cáo' WHEN 'CT' THEN 'chỉ thị' WHEN 'TB' THEN 'thông báo'
  WHEN 'HD' THEN 'hướng dẫn' WHEN 'NQ' THEN 'nghị quyết' WHEN 'PA' THEN 'phương án' WHEN 'TTr' THEN 'tờ trình'
  ELSE '' END;

-- forbid_change keeps history tables append-only even for code that forgets.
-- +goose StatementBegin
CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
-- +goose StatementEnd

CREATE TABLE communes (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code        text NOT NULL UNIQUE,
  name        text NOT NULL CHECK (name <> ''),
  kind        text NOT NULL CHECK (kind IN ('xa', 'phuong', 'dac_khu')),
  province    text NOT NULL,
  time_zone   text NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
  -- How many working days before its deadline a task counts as due soon.
  due_soon_working_days smallint NOT NULL DEFAULT 3 CHECK (due_soon_working_days BETWEEN 0 AND 30),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE units (
  commune_id  bigint NOT NULL REFERENCES communes (id),
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  parent_id   bigint,
  kind        text NOT NULL CHECK (kind IN ('office', 'hamlet', 'steering_committee', 'team', 'one_stop_desk')),
  name        text NOT NULL CHECK (name <> ''),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (commune_id, id),
  CONSTRAINT units_name_key UNIQUE (commune_id, name),
  CONSTRAINT units_parent_fkey FOREIGN KEY (commune_id, parent_id) REFERENCES units (commune_id, id)
);

CREATE TABLE users (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Home commune; NULL is reserved for province-level accounts.
  commune_id           bigint REFERENCES communes (id),
  username             text NOT NULL CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
  full_name            text NOT NULL,
  email                text NOT NULL DEFAULT '',
  password_hash        text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT false,
  disabled_at          timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_username_key UNIQUE (username),
  UNIQUE (commune_id, id)
);

CREATE TABLE memberships (
  commune_id  bigint NOT NULL,
  user_id     bigint NOT NULL,
  unit_id     bigint NOT NULL,
  role        text NOT NULL CHECK (role IN ('admin', 'chairman', 'steering_member', 'officer', 'team_member')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, unit_id, role),
  CONSTRAINT memberships_user_fkey FOREIGN KEY (commune_id, user_id) REFERENCES users (commune_id, id),
  CONSTRAINT memberships_unit_fkey FOREIGN KEY (commune_id, unit_id) REFERENCES units (commune_id, id)
);
CREATE INDEX memberships_unit ON memberships (commune_id, unit_id);

-- Server-side sessions and the bearer tokens handed out at login. Only a
-- SHA-256 of the token is kept, so a database dump cannot be replayed.
CREATE TABLE sessions (
  token_hash   bytea PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users (id),
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  ip           inet,
  user_agent   text NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

-- A managed list; the four kinds of the seed report plus "other" are built in.
CREATE TABLE plan_kinds (
  code     text PRIMARY KEY,
  name_vi  text NOT NULL,
  name_en  text NOT NULL,
  builtin  boolean NOT NULL DEFAULT false
);
INSERT INTO plan_kinds (code, name_vi, name_en, builtin) VALUES
  ('admin_reform', 'Cải cách hành chính', 'Administrative reform', true),
  ('emulation', 'Thi đua', 'Emulation movement', true),
  ('propaganda', 'Tuyên truyền', 'Propaganda and communication', true),
  ('digital_transformation', 'Chuyển đổi số', 'Digital transformation', true),
  ('other', 'Khác', 'Other', true);

CREATE TABLE plans (
  commune_id   bigint NOT NULL REFERENCES communes (id),
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  doc_number   text NOT NULL,              -- as written: 06/KH-UBND
  doc_no       integer NOT NULL CHECK (doc_no > 0),
  doc_type     text NOT NULL,              -- KH
  doc_symbol   text NOT NULL,              -- KH-UBND
  issued_on    date NOT NULL,
  year         smallint NOT NULL CHECK (year BETWEEN 1900 AND 2100),
  kind         text NOT NULL,
  title        text NOT NULL CHECK (title <> ''),
  summary      text NOT NULL DEFAULT '',
  status       text NOT NULL DEFAULT 'active' CHECK (status IN ('draft', 'active', 'completed', 'cancelled')),
  -- Set when the user knowingly recorded a number already used that year:
  -- registers contain such mistakes and tiendo must be able to hold them.
  duplicate_confirmed boolean NOT NULL DEFAULT false,
  version      integer NOT NULL DEFAULT 1,
  created_by   bigint REFERENCES users (id),
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  deleted_at   timestamptz,
  search       text GENERATED ALWAYS AS (search_fold(doc_number || ' ' || doc_type_name(doc_type) || ' ' || title || ' ' || summary)) STORED,
  UNIQUE (commune_id, id),
  CONSTRAINT plans_kind_fkey FOREIGN KEY (kind) REFERENCES plan_kinds (code)
);
CREATE UNIQUE INDEX plans_doc_number_key ON plans (commune_id, year, doc_symbol, doc_no)
  WHERE deleted_at IS NULL AND NOT duplicate_confirmed;
CREATE INDEX plans_list ON plans (commune_id, year DESC, issued_on DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX plans_search ON plans USING gin (search gin_trgm_ops);

CREATE TABLE plan_references (
  commune_id  bigint NOT NULL,
  plan_id     bigint NOT NULL,
  position    smallint NOT NULL,
  doc_number  text NOT NULL,
  issued_on   date,
  issuer      text NOT NULL DEFAULT '',
  title       text NOT NULL DEFAULT '',
  PRIMARY KEY (plan_id, position),
  FOREIGN KEY (commune_id, plan_id) REFERENCES plans (commune_id, id)
);

CREATE TABLE tasks (
  commune_id    bigint NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id       bigint NOT NULL,
  title         text NOT NULL CHECK (title <> ''),
  description   text NOT NULL DEFAULT '',
  lead_unit_id  bigint NOT NULL,
  start_on      date NOT NULL,
  due_on        date NOT NULL,
  target_value  numeric,
  target_unit   text NOT NULL DEFAULT '',
  weight        numeric NOT NULL DEFAULT 1 CHECK (weight > 0),
  percent       smallint NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
  actual_value  numeric,
  -- Kept current by every write and by the status sweep; reads recompute it
  -- with task_status so that the passage of time is never missed.
  status        text NOT NULL DEFAULT 'not_started',
  completed_at  timestamptz,
  cancelled_at  timestamptz,
  last_progress_at timestamptz,
  version       integer NOT NULL DEFAULT 1,
  created_by    bigint REFERENCES users (id),
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  deleted_at    timestamptz,
  search        text GENERATED ALWAYS AS (search_fold(title || ' ' || description)) STORED,
  UNIQUE (commune_id, id),
  CONSTRAINT tasks_due_after_start CHECK (due_on >= start_on),
  CONSTRAINT tasks_status_check CHECK (status IN ('not_started', 'in_progress', 'due_soon', 'overdue', 'done_on_time', 'done_late', 'cancelled')),
  CONSTRAINT tasks_plan_fkey FOREIGN KEY (commune_id, plan_id) REFERENCES plans (commune_id, id),
  CONSTRAINT tasks_lead_unit_fkey FOREIGN KEY (commune_id, lead_unit_id) REFERENCES units (commune_id, id)
);
CREATE INDEX tasks_plan ON tasks (commune_id, plan_id, due_on, id) WHERE deleted_at IS NULL;
CREATE INDEX tasks_due ON tasks (commune_id, due_on, id) WHERE deleted_at IS NULL;
CREATE INDEX tasks_lead_unit ON tasks (commune_id, lead_unit_id, due_on, id) WHERE deleted_at IS NULL;
CREATE INDEX tasks_search ON tasks USING gin (search gin_trgm_ops);

CREATE TABLE task_units (
  commune_id  bigint NOT NULL,
  task_id     bigint NOT NULL,
  unit_id     bigint NOT NULL,
  PRIMARY KEY (task_id, unit_id),
  FOREIGN KEY (commune_id, task_id) REFERENCES tasks (commune_id, id),
  CONSTRAINT task_units_unit_fkey FOREIGN KEY (commune_id, unit_id) REFERENCES units (commune_id, id)
);
CREATE INDEX task_units_unit ON task_units (commune_id, unit_id);

CREATE TABLE task_assignees (
  commune_id  bigint NOT NULL,
  task_id     bigint NOT NULL,
  user_id     bigint NOT NULL,
  PRIMARY KEY (task_id, user_id),
  FOREIGN KEY (commune_id, task_id) REFERENCES tasks (commune_id, id),
  CONSTRAINT task_assignees_user_fkey FOREIGN KEY (commune_id, user_id) REFERENCES users (commune_id, id)
);
CREATE INDEX task_assignees_user ON task_assignees (commune_id, user_id);

CREATE TABLE progress_updates (
  commune_id    bigint NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id       bigint NOT NULL,
  author_id     bigint NOT NULL REFERENCES users (id),
  percent       smallint NOT NULL CHECK (percent BETWEEN 0 AND 100),
  actual_value  numeric,
  note          text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL,
  FOREIGN KEY (commune_id, task_id) REFERENCES tasks (commune_id, id)
);
CREATE INDEX progress_updates_task ON progress_updates (commune_id, task_id, created_at, id);
CREATE TRIGGER progress_updates_append_only BEFORE UPDATE OR DELETE ON progress_updates
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

CREATE TABLE audit_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  commune_id  bigint REFERENCES communes (id),
  actor_id    bigint REFERENCES users (id),
  at          timestamptz NOT NULL,
  ip          inet,
  action      text NOT NULL,
  entity      text NOT NULL,
  entity_id   bigint,
  before      jsonb,
  after       jsonb
);
CREATE INDEX audit_log_entity ON audit_log (commune_id, entity, entity_id, id);
CREATE INDEX audit_log_commune ON audit_log (commune_id, id);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- task_status is the one definition of a task's status. The caller passes
-- "today" and the last day that still counts as due soon, both computed from
-- the injected clock and the working-day calendar, so the rule stays testable
-- with a fixed clock. A deadline ends at 24:00 local time of due_on.
CREATE FUNCTION task_status(cancelled_at timestamptz, completed_at timestamptz, percent smallint,
                            due_on date, today date, soon_until date, tz text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
  WHEN cancelled_at IS NOT NULL THEN 'cancelled'
  WHEN completed_at IS NOT NULL THEN
    CASE WHEN (completed_at AT TIME ZONE tz)::date <= due_on THEN 'done_on_time' ELSE 'done_late' END
  WHEN due_on < today THEN 'overdue'
  WHEN due_on <= soon_until THEN 'due_soon'
  WHEN percent > 0 THEN 'in_progress'
  ELSE 'not_started'
END;

-- +goose Down
DROP TABLE audit_log, progress_updates, task_assignees, task_units, tasks, plan_references, plans,
  plan_kinds, sessions, memberships, users, units, communes;
DROP FUNCTION task_status, forbid_change, doc_type_name, search_fold;
