-- +goose Up
-- A period's register often resolves more than it received: the backlog
-- carried over from the period before ("kỳ trước chuyển sang"). It is
-- recorded beside received, and the resolution rate is resolved over
-- received + carried_over (models.DossierRate). Rows recorded before had no
-- such figure: they get 0, and those whose resolved is above received are
-- listed by the data-quality check rather than refused here.
ALTER TABLE dossier_stats
  ADD COLUMN carried_over integer NOT NULL DEFAULT 0 CONSTRAINT dossier_stats_carried_over_check CHECK (carried_over >= 0);

-- +goose Down
ALTER TABLE dossier_stats DROP COLUMN carried_over;
