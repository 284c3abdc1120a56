-- +goose Up
-- Indicators (Decision 766/QĐ-TTg), dossier statistics, report settings and
-- the reports the scheduler builds at each period's cut-off date.
--
-- The 766 catalogue is global and built in (like plan_kinds): the Prime
-- Minister's decision is the same for every commune. What a commune owns is
-- its custom indicators and, for a built-in one, the row that carries its own
-- threshold and gives values, yearly targets and task links something to
-- point at. That row is created on the commune's first write about the
-- indicator, so a later release can still correct a built-in default for
-- every commune that has not overridden it.
--
-- Values may be implausible (a numerator above its denominator, a rate above
-- 100 %): real reports contain such slips, and tiendo flags them in its
-- data-quality findings rather than refusing to record what was printed.

CREATE TABLE indicator_groups (
  code        text PRIMARY KEY,
  name_vi     text NOT NULL,
  name_en     text NOT NULL,
  max_points  numeric NOT NULL CHECK (max_points >= 0),
  position    smallint NOT NULL
);
-- The six groups as the national public-service portal shows them (100
-- points), and a seventh for a commune's own indicators, which score nothing.
INSERT INTO indicator_groups (code, name_vi, name_en, max_points, position) VALUES
  ('publicity', 'Công khai, minh bạch', 'Publicity and transparency', 18, 1),
  ('progress', 'Tiến độ giải quyết', 'Handling progress', 20, 2),
  ('online', 'Dịch vụ công trực tuyến', 'Online public services', 12, 3),
  ('payment', 'Thanh toán trực tuyến', 'Online payment', 10, 4),
  ('satisfaction', 'Mức độ hài lòng', 'Satisfaction', 18, 5),
  ('digitization', 'Số hóa hồ sơ', 'Digitization', 22, 6),
  ('other', 'Chỉ tiêu khác', 'Other indicators', 0, 7);

-- Built-in indicators. Thresholds are the examples of Decision 766 where the
-- domain brief gives one, and the lower bound of the seed's required rate
-- otherwise; a group's points are split evenly between its indicators. All
-- are configurable per commune (indicators.threshold).
CREATE TABLE indicator_builtins (
  code        text PRIMARY KEY,
  group_code  text NOT NULL REFERENCES indicator_groups (code),
  name_vi     text NOT NULL,
  name_en     text NOT NULL,
  unit        text NOT NULL DEFAULT '%',
  threshold   numeric NOT NULL CHECK (threshold > 0),
  max_points  numeric NOT NULL CHECK (max_points >= 0),
  position    smallint NOT NULL
);
INSERT INTO indicator_builtins (code, group_code, name_vi, name_en, threshold, max_points, position) VALUES
  ('publicity', 'publicity', 'Công khai, minh bạch thông tin thủ tục hành chính', 'Procedures published in full', 80, 18, 1),
  ('on_time', 'progress', 'Tiến độ giải quyết hồ sơ (đúng hạn)', 'Dossiers resolved on time', 90, 20, 2),
  ('online_availability', 'online', 'Thủ tục hành chính cung cấp dịch vụ công trực tuyến', 'Procedures available online', 80, 6, 3),
  ('online_submission', 'online', 'Hồ sơ nộp trực tuyến (dịch vụ công trực tuyến)', 'Dossiers submitted online', 50, 6, 4),
  ('payment_integration', 'payment', 'Thủ tục có nghĩa vụ tài chính tích hợp thanh toán trực tuyến', 'Payment integration', 80, 5, 5),
  ('payment_online', 'payment', 'Hồ sơ thanh toán trực tuyến', 'Dossiers paid online', 50, 5, 6),
  ('satisfaction', 'satisfaction', 'Mức độ hài lòng của người dân, doanh nghiệp', 'Satisfaction', 90, 18, 7),
  ('digitization', 'digitization', 'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính', 'Dossiers and results digitized', 80, 11, 8),
  ('data_reuse', 'digitization', 'Khai thác, tái sử dụng dữ liệu đã số hóa', 'Reuse of digitized data', 80, 11, 9);

CREATE TABLE indicators (
  commune_id    bigint NOT NULL REFERENCES communes (id),
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code          text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,49}$'),
  -- Set on a built-in's row: the definition is the built-in's, threshold an override.
  builtin_code  text REFERENCES indicator_builtins (code),
  group_code    text NOT NULL REFERENCES indicator_groups (code),
  name_vi       text NOT NULL DEFAULT '',
  name_en       text NOT NULL DEFAULT '',
  unit          text NOT NULL DEFAULT '%',
  threshold     numeric CHECK (threshold > 0),
  max_points    numeric NOT NULL DEFAULT 0 CHECK (max_points >= 0 AND max_points <= 100),
  version       integer NOT NULL DEFAULT 1,
  created_by    bigint REFERENCES users (id),
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  UNIQUE (commune_id, id),
  CONSTRAINT indicators_code_key UNIQUE (commune_id, code),
  CONSTRAINT indicators_builtin_code CHECK (builtin_code IS NULL OR code = builtin_code),
  CONSTRAINT indicators_custom_defined CHECK (builtin_code IS NOT NULL OR (name_vi <> '' AND threshold IS NOT NULL))
);

-- A yearly target as the province sets it: one rate ("đạt 50%") or a range
-- ("đạt từ 90 - 100%"); met means at least target_low.
CREATE TABLE indicator_targets (
  commune_id    bigint NOT NULL,
  indicator_id  bigint NOT NULL,
  year          smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  target_low    numeric NOT NULL CHECK (target_low >= 0),
  target_high   numeric CHECK (target_high >= target_low),
  note          text NOT NULL DEFAULT '',
  updated_by    bigint REFERENCES users (id),
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (indicator_id, year),
  CONSTRAINT indicator_targets_indicator_fkey FOREIGN KEY (commune_id, indicator_id) REFERENCES indicators (commune_id, id)
);

-- One value per indicator and period, as a rate or as numerator/denominator.
CREATE TABLE indicator_values (
  commune_id    bigint NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  indicator_id  bigint NOT NULL,
  period        text NOT NULL,
  period_start  date NOT NULL,
  period_end    date NOT NULL,
  rate          numeric CHECK (rate >= 0),
  numerator     numeric CHECK (numerator >= 0),
  denominator   numeric CHECK (denominator > 0),
  -- The date the figure was published, e.g. 31/8/2024 on the service portal.
  as_of         date,
  source        text NOT NULL DEFAULT '',
  note          text NOT NULL DEFAULT '',
  recorded_by   bigint REFERENCES users (id),
  recorded_at   timestamptz NOT NULL,
  version       integer NOT NULL DEFAULT 1,
  UNIQUE (commune_id, id),
  CONSTRAINT indicator_values_period_key UNIQUE (commune_id, indicator_id, period_start, period_end),
  CONSTRAINT indicator_values_period_order CHECK (period_end >= period_start),
  CONSTRAINT indicator_values_given CHECK (rate IS NOT NULL OR (numerator IS NOT NULL AND denominator IS NOT NULL)),
  CONSTRAINT indicator_values_fraction CHECK ((numerator IS NULL) = (denominator IS NULL)),
  CONSTRAINT indicator_values_indicator_fkey FOREIGN KEY (commune_id, indicator_id) REFERENCES indicators (commune_id, id)
);
CREATE INDEX indicator_values_period ON indicator_values (commune_id, period_end, period_start);

-- Tasks that contribute to an indicator (their target and actual value are the task's).
CREATE TABLE task_indicators (
  commune_id    bigint NOT NULL,
  task_id       bigint NOT NULL,
  indicator_id  bigint NOT NULL,
  PRIMARY KEY (task_id, indicator_id),
  CONSTRAINT task_indicators_task_fkey FOREIGN KEY (commune_id, task_id) REFERENCES tasks (commune_id, id),
  CONSTRAINT task_indicators_indicator_fkey FOREIGN KEY (commune_id, indicator_id) REFERENCES indicators (commune_id, id)
);
CREATE INDEX task_indicators_indicator ON task_indicators (commune_id, indicator_id);

-- Dossier (hồ sơ) counts of a period at the one-stop desk.
CREATE TABLE dossier_stats (
  commune_id        bigint NOT NULL REFERENCES communes (id),
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  period            text NOT NULL,
  period_start      date NOT NULL,
  period_end        date NOT NULL,
  received          integer NOT NULL CHECK (received >= 0),
  resolved          integer NOT NULL CHECK (resolved >= 0),
  resolved_on_time  integer CHECK (resolved_on_time >= 0),
  -- Dossiers handled under "Ngày không viết – Ngày không hẹn" (Thursdays).
  no_appointment    integer CHECK (no_appointment >= 0),
  as_of             date,
  source            text NOT NULL DEFAULT '',
  note              text NOT NULL DEFAULT '',
  recorded_by       bigint REFERENCES users (id),
  recorded_at       timestamptz NOT NULL,
  version           integer NOT NULL DEFAULT 1,
  UNIQUE (commune_id, id),
  CONSTRAINT dossier_stats_period_key UNIQUE (commune_id, period_start, period_end),
  CONSTRAINT dossier_stats_period_order CHECK (period_end >= period_start)
);

-- Breakdowns of a dossier_stats row. Lines without a parent are parts of
-- their dimension's total (channel and field: received/resolved;
-- no_appointment: the Thursday total); a line with a parent is "of which"
-- (28 of the 557 partly-online dossiers went through BCCI). Linked groups
-- are counts of cases and have no total.
CREATE TABLE dossier_stat_lines (
  commune_id  bigint NOT NULL,
  stat_id     bigint NOT NULL,
  dimension   text NOT NULL CHECK (dimension IN ('channel', 'field', 'linked_group', 'no_appointment')),
  key         text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,49}$'),
  label       text NOT NULL DEFAULT '',
  parent_key  text,
  received    integer CHECK (received >= 0),
  resolved    integer CHECK (resolved >= 0),
  position    smallint NOT NULL,
  PRIMARY KEY (stat_id, dimension, key),
  CONSTRAINT dossier_stat_lines_stat_fkey FOREIGN KEY (commune_id, stat_id)
    REFERENCES dossier_stats (commune_id, id) ON DELETE CASCADE,
  CONSTRAINT dossier_stat_lines_parent_fkey FOREIGN KEY (stat_id, dimension, parent_key)
    REFERENCES dossier_stat_lines (stat_id, dimension, key) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);

-- Per-commune report settings; a commune without a row uses the defaults
-- (cut-off on the 15th of the month before the period's last month, as the
-- Ministry of Home Affairs does).
CREATE TABLE report_settings (
  commune_id        bigint PRIMARY KEY REFERENCES communes (id),
  cutoff_day        smallint NOT NULL DEFAULT 15 CHECK (cutoff_day BETWEEN 1 AND 28),
  cutoff_months_before_end smallint NOT NULL DEFAULT 1 CHECK (cutoff_months_before_end BETWEEN 0 AND 11),
  -- Which periods the scheduler builds: Q (quarters), H (halves), M9, Y.
  scheduled_kinds   text[] NOT NULL DEFAULT '{Q,H,M9,Y}',
  updated_by        bigint REFERENCES users (id),
  updated_at        timestamptz NOT NULL
);

-- Reports built by the scheduler at a period's cut-off (or on request), kept
-- as the file that was delivered. Small (tens of kilobytes), so bytea.
CREATE TABLE reports (
  commune_id    bigint NOT NULL REFERENCES communes (id),
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  period        text NOT NULL,
  period_start  date NOT NULL,
  period_end    date NOT NULL,
  cutoff_on     date NOT NULL,
  format        text NOT NULL CHECK (format IN ('xlsx', 'docx', 'csv', 'html')),
  file_name     text NOT NULL,
  content_type  text NOT NULL,
  content       bytea NOT NULL,
  built_at      timestamptz NOT NULL,
  built_by      text NOT NULL CHECK (built_by IN ('scheduler', 'user')),
  UNIQUE (commune_id, id),
  -- The scheduler's claim: one file per period and format, however often it runs.
  CONSTRAINT reports_scheduled_key UNIQUE (commune_id, period_start, period_end, format, built_by)
);

-- +goose StatementBegin
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['indicators', 'indicator_targets', 'indicator_values', 'task_indicators',
                           'dossier_stats', 'dossier_stat_lines', 'report_settings', 'reports'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (commune_id = tenant_id())', t);
    EXECUTE format('CREATE POLICY jobs_all ON %I TO tiendo_jobs USING (true) WITH CHECK (true)', t);
  END LOOP;
END $$;
-- +goose StatementEnd

GRANT SELECT ON indicator_groups, indicator_builtins TO tiendo_app, tiendo_jobs;
GRANT SELECT, INSERT, UPDATE ON indicators, indicator_values, dossier_stats, report_settings TO tiendo_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON indicator_targets, task_indicators, dossier_stat_lines TO tiendo_app;
-- Built reports are records of what was delivered: added and read, never rewritten.
GRANT SELECT, INSERT ON reports TO tiendo_app;
GRANT SELECT ON indicators, indicator_targets, indicator_values, task_indicators, dossier_stats,
  dossier_stat_lines, report_settings TO tiendo_jobs;
GRANT SELECT, INSERT ON reports TO tiendo_jobs;
GRANT USAGE ON SEQUENCE indicators_id_seq, indicator_values_id_seq, dossier_stats_id_seq, reports_id_seq
  TO tiendo_app, tiendo_jobs;

-- The scheduler tells the chairman in the inbox that a period's report is
-- ready, through the outbox of 00006 (kind 'report'). The kind list is
-- extended rather than restated, so kinds added to 00006 later are kept.
-- +goose StatementBegin
DO $$
DECLARE def text;
BEGIN
  SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint
  WHERE conrelid = 'deliveries'::regclass AND conname = 'deliveries_kind_check';
  IF def IS NOT NULL AND def NOT LIKE '%''report''%' THEN
    ALTER TABLE deliveries DROP CONSTRAINT deliveries_kind_check;
    EXECUTE 'ALTER TABLE deliveries ADD CONSTRAINT deliveries_kind_check '
      || regexp_replace(def, '\]\)', ', ''report''::text])');
  END IF;
END $$;
-- +goose StatementEnd

-- +goose Down
DROP TABLE reports, report_settings, dossier_stat_lines, dossier_stats, task_indicators, indicator_values,
  indicator_targets, indicators, indicator_builtins, indicator_groups;
