-- +goose Up
-- The reminder pipeline: per-commune reminder settings, an outbox of
-- deliveries (one row per reminder × recipient × channel, queued once however
-- often and on however many replicas the planner runs), its append-only
-- event log, and the in-app inbox that the dispatcher fills.

-- Reminder rules and channels of one commune. A commune without a row uses
-- the column defaults, which are the product's defaults.
CREATE TABLE commune_settings (
  commune_id           bigint PRIMARY KEY REFERENCES communes (id),
  -- Working days before the deadline at which "due soon" reminders go out.
  due_soon_days        integer[] NOT NULL DEFAULT '{3,1}',
  due_today            boolean NOT NULL DEFAULT true,
  -- Overdue reminders: on the overdue_first_after-th working day after the
  -- deadline, then every overdue_every working days.
  overdue_first_after  smallint NOT NULL DEFAULT 1 CHECK (overdue_first_after BETWEEN 1 AND 30),
  overdue_every        smallint NOT NULL DEFAULT 3 CHECK (overdue_every BETWEEN 1 AND 30),
  -- Working days overdue at which the chairmen hear of it; 0 turns it off.
  escalate_after       smallint NOT NULL DEFAULT 5 CHECK (escalate_after BETWEEN 0 AND 60),
  -- Calendar days without a progress report after which a task in progress
  -- counts as stale; 0 turns it off.
  stale_after_days     smallint NOT NULL DEFAULT 14 CHECK (stale_after_days BETWEEN 0 AND 365),
  digest_enabled       boolean NOT NULL DEFAULT true,
  -- Local time from which a working day's reminders and digests go out.
  digest_at            time NOT NULL DEFAULT '07:30',
  -- Email needs the server's TIENDO_SMTP_URL as well.
  email_enabled        boolean NOT NULL DEFAULT true,
  webhook_enabled      boolean NOT NULL DEFAULT false,
  webhook_url          text NOT NULL DEFAULT '',
  -- The HMAC key of the webhook signatures; never shown back to anyone.
  webhook_secret       text NOT NULL DEFAULT '',
  version              integer NOT NULL DEFAULT 1,
  updated_by           bigint REFERENCES users (id),
  updated_at           timestamptz NOT NULL,
  CONSTRAINT commune_settings_due_soon_days CHECK (cardinality(due_soon_days) <= 5
    AND 1 <= ALL (due_soon_days) AND 30 >= ALL (due_soon_days)),
  CONSTRAINT commune_settings_webhook CHECK (NOT webhook_enabled OR (webhook_url <> '' AND webhook_secret <> ''))
);

-- The outbox. The unique index is the dedup key: the planner inserts with
-- ON CONFLICT DO NOTHING, so a reminder is queued once per (task, recipient,
-- kind, channel, window) whoever plans it and however often. task_id is NULL
-- for a digest; the index folds it to 0 (ids start at 1) because PostgreSQL
-- 13 and 14 lack NULLS NOT DISTINCT. Its column order lets the planner ask
-- "has this task's reminder of this window gone out?" with one index probe.
--
-- The table takes hundreds of thousands of rows a day at national scale, so
-- it carries only the indexes and foreign keys that earn their cost: the
-- recipient's key includes commune_id, which also proves the commune exists.
--
-- A delivery is claimable while queued, failed (retry due) or sending with an
-- expired lease; next_attempt_at holds the retry time or the lease's end, so
-- one partial index serves the dispatcher's claim. attempts counts claims and
-- doubles as the fencing token of the current claim.
CREATE TABLE deliveries (
  commune_id       bigint NOT NULL,
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id          bigint,
  recipient_id     bigint NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('assigned', 'due_soon', 'due_today', 'overdue', 'escalation',
                                                 'stale', 'digest', 'delivery_failed')),
  channel          text NOT NULL CHECK (channel IN ('inbox', 'email', 'webhook')),
  -- Which occurrence of the reminder this is, e.g. "2024-10-03/3" (due soon,
  -- three days before the deadline of 3 October) or "2024-09-30" (a digest).
  window_key       text NOT NULL,
  -- The facts the message is written from, captured when planned.
  payload          jsonb NOT NULL DEFAULT '{}',
  status           text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'dead')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  lease_until      timestamptz,
  claimed_by       text NOT NULL DEFAULT '',
  last_error       text NOT NULL DEFAULT '',
  -- The same Message-ID / webhook-id on every attempt, so receivers can
  -- drop the repeats that at-least-once delivery may cause.
  message_id       uuid NOT NULL DEFAULT gen_random_uuid(),
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  sent_at          timestamptz,
  UNIQUE (commune_id, id),
  CONSTRAINT deliveries_task_fkey FOREIGN KEY (commune_id, task_id) REFERENCES tasks (commune_id, id),
  CONSTRAINT deliveries_recipient_fkey FOREIGN KEY (commune_id, recipient_id) REFERENCES users (commune_id, id),
  CONSTRAINT deliveries_lease CHECK ((status = 'sending') = (lease_until IS NOT NULL)),
  CONSTRAINT deliveries_sent CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
CREATE UNIQUE INDEX deliveries_dedup ON deliveries (commune_id, (COALESCE(task_id, 0)), kind, window_key, recipient_id, channel);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at, id) WHERE status IN ('queued', 'sending', 'failed');
-- A task's deliveries are found through the dedup key's prefix; a person's
-- (what everyone but the managers lists) through this one.
CREATE INDEX deliveries_recipient ON deliveries (commune_id, recipient_id, id);

-- Every state change of a delivery, appended by the statement that makes it.
CREATE TABLE delivery_events (
  commune_id   bigint NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_id  bigint NOT NULL,
  at           timestamptz NOT NULL,
  event        text NOT NULL CHECK (event IN ('queued', 'claimed', 'sent', 'failed', 'dead')),
  attempt      integer NOT NULL DEFAULT 0,
  -- The process (host/pid) that made the change, '' for the planner's queueing.
  actor        text NOT NULL DEFAULT '',
  detail       text NOT NULL DEFAULT '',
  CONSTRAINT delivery_events_delivery_fkey FOREIGN KEY (commune_id, delivery_id) REFERENCES deliveries (commune_id, id)
);
CREATE INDEX delivery_events_delivery ON delivery_events (commune_id, delivery_id, id);
CREATE TRIGGER delivery_events_append_only BEFORE UPDATE OR DELETE ON delivery_events
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- The in-app inbox. delivery_id is unique and the row is written by the
-- statement that marks its delivery sent: exactly once, whatever crashes.
CREATE TABLE notifications (
  commune_id   bigint NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id      bigint NOT NULL,
  delivery_id  bigint NOT NULL,
  kind         text NOT NULL,
  task_id      bigint,
  title        text NOT NULL,
  body         text NOT NULL,
  link         text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL,
  read_at      timestamptz,
  CONSTRAINT notifications_delivery_key UNIQUE (delivery_id),
  CONSTRAINT notifications_delivery_fkey FOREIGN KEY (commune_id, delivery_id) REFERENCES deliveries (commune_id, id),
  CONSTRAINT notifications_user_fkey FOREIGN KEY (commune_id, user_id) REFERENCES users (commune_id, id)
);
CREATE INDEX notifications_inbox ON notifications (commune_id, user_id, id);
CREATE INDEX notifications_unread ON notifications (commune_id, user_id, id) WHERE read_at IS NULL;

-- +goose StatementBegin
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['commune_settings', 'deliveries', 'delivery_events', 'notifications'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (commune_id = tenant_id())', t);
    EXECUTE format('CREATE POLICY jobs_all ON %I TO tiendo_jobs USING (true) WITH CHECK (true)', t);
  END LOOP;
END $$;
-- +goose StatementEnd

-- Requests read settings, the outbox and its log, and their inbox; they
-- write settings and mark notifications read, nothing else. The jobs plan
-- and dispatch. The event log is append-only for both.
GRANT SELECT, INSERT, UPDATE ON commune_settings TO tiendo_app;
GRANT SELECT ON deliveries, delivery_events, notifications TO tiendo_app;
GRANT UPDATE (read_at) ON notifications TO tiendo_app;
GRANT SELECT ON commune_settings TO tiendo_jobs;
GRANT SELECT, INSERT, UPDATE ON deliveries TO tiendo_jobs;
GRANT SELECT, INSERT ON delivery_events, notifications TO tiendo_jobs;
GRANT USAGE ON SEQUENCE deliveries_id_seq, delivery_events_id_seq, notifications_id_seq TO tiendo_jobs;

-- +goose Down
DROP TABLE notifications, delivery_events, deliveries, commune_settings;
