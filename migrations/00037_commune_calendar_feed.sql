-- +goose Up
-- The chairman's second calendar feed (issue 17): the commune's overdue and
-- due-soon tasks, whoever leads them, beside the person's own deadlines. A
-- person now has at most one feed of each scope; every existing feed is a
-- person's own ('mine'), as it was.
ALTER TABLE calendar_feeds
  ADD COLUMN scope text NOT NULL DEFAULT 'mine' CHECK (scope IN ('mine', 'commune')),
  DROP CONSTRAINT calendar_feeds_pkey,
  ADD PRIMARY KEY (user_id, scope);

-- +goose Down
-- The commune feeds go (their links stop); each person's own stays.
DELETE FROM calendar_feeds WHERE scope <> 'mine';
ALTER TABLE calendar_feeds DROP CONSTRAINT calendar_feeds_pkey, DROP COLUMN scope, ADD PRIMARY KEY (user_id);
