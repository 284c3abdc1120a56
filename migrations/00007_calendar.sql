-- +goose Up
-- The deadline engine: each commune's working-day calendar overrides,
-- recurring task series whose occurrences are ordinary tasks, and daily
-- status snapshots for trend charts.

-- calendar_version lets every replica notice that a commune's overrides
-- changed with one primary-key read instead of re-reading the overrides: the
-- trigger below bumps it on any change, whoever makes it.
ALTER TABLE communes ADD COLUMN calendar_version bigint NOT NULL DEFAULT 0;

-- One admin decision per date and commune, layered over the statutory rules
-- and the Government's published arrangements (calendar.Official). See
-- calendar.Override for what each action and kind means.
CREATE TABLE calendar_overrides (
  commune_id  bigint NOT NULL REFERENCES communes (id),
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  date        date NOT NULL CHECK (date BETWEEN '1900-01-01' AND '2100-12-31'),
  action      text NOT NULL CHECK (action IN ('add', 'remove')),
  -- NULL exactly when the action is remove: removing makes the date ordinary again.
  kind        text CHECK (kind IN ('holiday', 'compensatory', 'swapped', 'makeup')),
  name        text NOT NULL DEFAULT '' CHECK (length(name) <= 200),
  created_by  bigint REFERENCES users (id),
  created_at  timestamptz NOT NULL,
  CONSTRAINT calendar_overrides_date_key UNIQUE (commune_id, date),
  CONSTRAINT calendar_overrides_kind_for_add CHECK ((action = 'add') = (kind IS NOT NULL)),
  -- A make-up working day repays a swapped weekday on a weekend (ISO 6, 7).
  CONSTRAINT calendar_overrides_makeup_weekend CHECK (kind IS DISTINCT FROM 'makeup' OR extract(isodow FROM date) >= 6)
);

-- +goose StatementBegin
CREATE FUNCTION bump_calendar_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE communes SET calendar_version = calendar_version + 1
  WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.commune_id ELSE NEW.commune_id END;
  RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER calendar_overrides_version AFTER INSERT OR UPDATE OR DELETE ON calendar_overrides
  FOR EACH ROW EXECUTE FUNCTION bump_calendar_version();

-- A recurring task: the template of its occurrences and the rule that dates
-- them. Occurrences are generated ahead of time into tasks (series_id,
-- occurrence_on); generated_until is the last day already generated, so a
-- run only looks at days after it and a missed run is caught up by the next.
CREATE TABLE task_series (
  commune_id          bigint NOT NULL,
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id             bigint NOT NULL,
  title               text NOT NULL CHECK (title <> ''),
  description         text NOT NULL DEFAULT '',
  lead_unit_id        bigint NOT NULL,
  -- Copied onto each occurrence, whose task_units/task_assignees foreign keys
  -- check them again; the store checks them when the series is written.
  supporting_unit_ids bigint[] NOT NULL DEFAULT '{}',
  assignee_ids        bigint[] NOT NULL DEFAULT '{}',
  rule                text NOT NULL CHECK (rule IN ('weekly', 'monthly', 'quarterly')),
  weekdays            smallint[] NOT NULL DEFAULT '{}', -- ISO 8601: 1 = Monday … 7 = Sunday
  day_of_month        smallint CHECK (day_of_month BETWEEN 1 AND 31),
  on_holiday          text NOT NULL DEFAULT 'next_working_day' CHECK (on_holiday IN ('next_working_day', 'skip')),
  starts_on           date NOT NULL,
  ends_on             date,
  generated_until     date,
  stopped_at          timestamptz,
  version             integer NOT NULL DEFAULT 1,
  created_by          bigint REFERENCES users (id),
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  UNIQUE (commune_id, id),
  -- starts_on - 1 is a series stopped before its first day.
  CONSTRAINT task_series_ends_after_start CHECK (ends_on >= starts_on - 1),
  CONSTRAINT task_series_shape CHECK (CASE rule
    WHEN 'weekly' THEN cardinality(weekdays) > 0 AND day_of_month IS NULL
    ELSE cardinality(weekdays) = 0 AND day_of_month IS NOT NULL END),
  CONSTRAINT task_series_weekdays CHECK (weekdays <@ '{1,2,3,4,5,6,7}'::smallint[]),
  CONSTRAINT task_series_plan_fkey FOREIGN KEY (commune_id, plan_id) REFERENCES plans (commune_id, id),
  CONSTRAINT task_series_lead_unit_fkey FOREIGN KEY (commune_id, lead_unit_id) REFERENCES units (commune_id, id)
);
CREATE INDEX task_series_plan ON task_series (commune_id, plan_id, id);
-- The recurrence job's work list: series that may still have days to generate.
CREATE INDEX task_series_open ON task_series (generated_until) WHERE stopped_at IS NULL;

-- An occurrence is a real task linked to its series. The unique key makes
-- generation idempotent: replicas, retries and a request racing the job all
-- insert with ON CONFLICT DO NOTHING, and a deleted occurrence keeps its key
-- so it is never generated again.
ALTER TABLE tasks
  ADD COLUMN series_id bigint,
  ADD COLUMN occurrence_on date,
  ADD CONSTRAINT tasks_series_fkey FOREIGN KEY (commune_id, series_id) REFERENCES task_series (commune_id, id),
  ADD CONSTRAINT tasks_occurrence_key UNIQUE (series_id, occurrence_on),
  ADD CONSTRAINT tasks_occurrence_pair CHECK ((series_id IS NULL) = (occurrence_on IS NULL));

-- Task status counts per day: one row per plan (unit_id NULL), per lead unit
-- (plan_id NULL) and for the whole commune (both NULL). The unique index folds
-- NULL to 0 (ids start at 1) so that the daily upsert can name it as its
-- conflict target on PostgreSQL 13 and 14, which lack NULLS NOT DISTINCT.
CREATE TABLE status_snapshots (
  commune_id    bigint NOT NULL REFERENCES communes (id),
  day           date NOT NULL,
  plan_id       bigint,
  unit_id       bigint,
  total         integer NOT NULL,
  not_started   integer NOT NULL,
  in_progress   integer NOT NULL,
  due_soon      integer NOT NULL,
  overdue       integer NOT NULL,
  done_on_time  integer NOT NULL,
  done_late     integer NOT NULL,
  cancelled     integer NOT NULL,
  taken_at      timestamptz NOT NULL,
  CONSTRAINT status_snapshots_plan_fkey FOREIGN KEY (commune_id, plan_id) REFERENCES plans (commune_id, id),
  CONSTRAINT status_snapshots_unit_fkey FOREIGN KEY (commune_id, unit_id) REFERENCES units (commune_id, id),
  CONSTRAINT status_snapshots_one_group CHECK (plan_id IS NULL OR unit_id IS NULL)
);
CREATE UNIQUE INDEX status_snapshots_key ON status_snapshots (commune_id, day, (COALESCE(plan_id, 0)), (COALESCE(unit_id, 0)));

GRANT SELECT, INSERT, DELETE ON calendar_overrides TO tiendo_app;
GRANT SELECT, INSERT, UPDATE ON task_series TO tiendo_app;
GRANT SELECT ON status_snapshots TO tiendo_app;
GRANT USAGE ON SEQUENCE calendar_overrides_id_seq, task_series_id_seq TO tiendo_app;

-- The recurrence job writes occurrences with their units and people; the
-- snapshot job writes snapshots; every job reads each commune's calendar.
GRANT SELECT ON calendar_overrides TO tiendo_jobs;
GRANT SELECT, UPDATE ON task_series TO tiendo_jobs;
GRANT INSERT ON task_units, task_assignees TO tiendo_jobs;
GRANT SELECT, INSERT, UPDATE, DELETE ON status_snapshots TO tiendo_jobs;

-- +goose StatementBegin
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['calendar_overrides', 'task_series', 'status_snapshots'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (commune_id = tenant_id())', t);
    EXECUTE format('CREATE POLICY jobs_all ON %I TO tiendo_jobs USING (true) WITH CHECK (true)', t);
  END LOOP;
END $$;
-- +goose StatementEnd

-- +goose Down
REVOKE INSERT ON task_units, task_assignees FROM tiendo_jobs;
ALTER TABLE tasks DROP CONSTRAINT tasks_occurrence_pair, DROP CONSTRAINT tasks_occurrence_key,
  DROP CONSTRAINT tasks_series_fkey, DROP COLUMN occurrence_on, DROP COLUMN series_id;
DROP TABLE status_snapshots, task_series, calendar_overrides;
DROP FUNCTION bump_calendar_version();
ALTER TABLE communes DROP COLUMN calendar_version;
