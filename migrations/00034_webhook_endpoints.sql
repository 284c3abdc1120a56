-- +goose Up
-- Event webhooks (issue 17): a commune registers endpoints (a chat bot's
-- bridge, a provincial system) that hear of what happens to its plans and
-- tasks. Events go through the same outbox as the reminders: a delivery on
-- the channel 'event' is addressed to an endpoint instead of a person, so it
-- is claimed, leased, retried, logged and capped exactly like a reminder.
--
-- An endpoint is soft-deleted: its deliveries stay in the log and name it.
-- The secret is kept as written because signing needs it (like the reminder
-- webhook's); no answer ever carries it after the one that created it.
CREATE TABLE webhook_endpoints (
  commune_id  bigint NOT NULL REFERENCES communes (id),
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL DEFAULT '',
  url         text NOT NULL CHECK (url <> '' AND length(url) <= 2000),
  secret      text NOT NULL CHECK (secret <> ''),
  -- The event types it receives; 'webhook.test' is only ever sent by hand.
  events      text[] NOT NULL CHECK (cardinality(events) BETWEEN 1 AND 20 AND events <@ ARRAY[
                'plan.created', 'task.assigned', 'task.progress', 'task.completed', 'task.overdue',
                'task.returned', 'extension.requested', 'extension.decided']::text[]),
  enabled     boolean NOT NULL DEFAULT true,
  version     integer NOT NULL DEFAULT 1,
  created_by  bigint,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  deleted_at  timestamptz,
  UNIQUE (commune_id, id),
  CONSTRAINT webhook_endpoints_created_by_fkey FOREIGN KEY (commune_id, created_by) REFERENCES users (commune_id, id)
);
-- The planner reads the live endpoints of every commune each minute.
CREATE INDEX webhook_endpoints_live ON webhook_endpoints (commune_id, id) WHERE deleted_at IS NULL;

ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_endpoints FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_endpoints USING (commune_id = tenant_id());
CREATE POLICY jobs_all ON webhook_endpoints TO tiendo_jobs USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON webhook_endpoints TO tiendo_app;
GRANT USAGE ON SEQUENCE webhook_endpoints_id_seq TO tiendo_app;
GRANT SELECT ON webhook_endpoints TO tiendo_jobs;

-- A delivery goes to a person or to an endpoint, never both. The event's
-- dedup key is (endpoint, type, window): the window names the row that is
-- the event (a progress report's id, a return's id…), so an event is queued
-- once per endpoint however often the planner runs, and its message_id is
-- the event id every attempt carries.
ALTER TABLE deliveries
  ALTER COLUMN recipient_id DROP NOT NULL,
  ADD COLUMN endpoint_id bigint,
  ADD CONSTRAINT deliveries_endpoint_fkey FOREIGN KEY (commune_id, endpoint_id)
    REFERENCES webhook_endpoints (commune_id, id),
  ADD CONSTRAINT deliveries_addressee CHECK ((recipient_id IS NULL) = (endpoint_id IS NOT NULL)
                                             AND (endpoint_id IS NOT NULL) = (channel = 'event'));
CREATE UNIQUE INDEX deliveries_event_dedup ON deliveries (commune_id, endpoint_id, kind, window_key)
  WHERE endpoint_id IS NOT NULL;

-- The whole list, as 00014 did, with 00032's report kinds, so that neither
-- migration undoes the other whichever runs last.
ALTER TABLE deliveries DROP CONSTRAINT deliveries_kind_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_kind_check
  CHECK (kind IN ('assigned', 'due_soon', 'due_today', 'overdue', 'escalation', 'stale', 'digest',
                  'delivery_failed', 'report', 'report_missing', 'returned', 'extension_requested',
                  'extension_decided', 'report_due', 'report_sent',
                  'plan.created', 'task.assigned', 'task.progress', 'task.completed', 'task.overdue',
                  'task.returned', 'extension.requested', 'extension.decided', 'webhook.test'));
ALTER TABLE deliveries DROP CONSTRAINT deliveries_channel_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_channel_check
  CHECK (channel IN ('inbox', 'email', 'webhook', 'event'));

-- "Gửi thử" queues a sample event from the request (it knows its endpoint
-- and channel, unlike a reminder); nothing else a request does writes here.
GRANT INSERT ON deliveries, delivery_events TO tiendo_app;
GRANT USAGE ON SEQUENCE deliveries_id_seq, delivery_events_id_seq TO tiendo_app;

-- +goose Down
REVOKE INSERT ON deliveries, delivery_events FROM tiendo_app;
REVOKE USAGE ON SEQUENCE deliveries_id_seq, delivery_events_id_seq FROM tiendo_app;
-- Going back forgets the events and the notices of their failures; the
-- log is append-only, so its guard steps aside for this one statement.
DELETE FROM notifications n USING deliveries d
  WHERE d.id = n.delivery_id AND d.kind = 'delivery_failed' AND d.payload ->> 'failed_channel' = 'event';
ALTER TABLE delivery_events DISABLE TRIGGER delivery_events_append_only;
DELETE FROM delivery_events e USING deliveries d
  WHERE d.id = e.delivery_id
    AND (d.channel = 'event' OR (d.kind = 'delivery_failed' AND d.payload ->> 'failed_channel' = 'event'));
ALTER TABLE delivery_events ENABLE TRIGGER delivery_events_append_only;
DELETE FROM deliveries WHERE channel = 'event' OR (kind = 'delivery_failed' AND payload ->> 'failed_channel' = 'event');
ALTER TABLE deliveries DROP CONSTRAINT deliveries_channel_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_channel_check CHECK (channel IN ('inbox', 'email', 'webhook'));
ALTER TABLE deliveries DROP CONSTRAINT deliveries_kind_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_kind_check
  CHECK (kind IN ('assigned', 'due_soon', 'due_today', 'overdue', 'escalation', 'stale', 'digest',
                  'delivery_failed', 'report', 'report_missing', 'returned', 'extension_requested',
                  'extension_decided', 'report_due', 'report_sent'));
DROP INDEX deliveries_event_dedup;
ALTER TABLE deliveries DROP CONSTRAINT deliveries_addressee, DROP CONSTRAINT deliveries_endpoint_fkey,
  DROP COLUMN endpoint_id, ALTER COLUMN recipient_id SET NOT NULL;
DROP TABLE webhook_endpoints;
