package deadlines

import "github.com/jmoiron/sqlx"

// calendarQueries read the overrides and their version.
type calendarQueries struct {
	Version  *sqlx.Stmt `query:"calendar-version"`
	Versions *sqlx.Stmt `query:"calendar-versions"`
	Load     *sqlx.Stmt `query:"calendar-overrides-all"`
	List     *sqlx.Stmt `query:"calendar-overrides-year"`
	Get      *sqlx.Stmt `query:"calendar-override"`
	Insert   *sqlx.Stmt `query:"insert-calendar-override"`
	Delete   *sqlx.Stmt `query:"delete-calendar-override"`
}

// deliveryQueries read the outbox as evidence: deliveries and their events.
type deliveryQueries struct {
	List   *sqlx.Stmt `query:"list-deliveries"`
	Get    *sqlx.Stmt `query:"get-delivery"`
	Events *sqlx.Stmt `query:"list-delivery-events"`
}

// jobQueries run on the jobs pool (role tiendo_jobs), which sees every commune.
type jobQueries struct {
	ClaimSlot     *sqlx.Stmt `query:"claim-slot"`
	RenewSlot     *sqlx.Stmt `query:"renew-slot"`
	FinishSlot    *sqlx.Stmt `query:"finish-slot"`
	LastSlot      *sqlx.Stmt `query:"last-slot"`
	CommuneClocks *sqlx.Stmt `query:"list-commune-clocks"`
	SweepStatuses *sqlx.Stmt `query:"sweep-statuses"`
}

// notificationQueries read and mark the in-app inbox.
type notificationQueries struct {
	List     *sqlx.Stmt `query:"list-notifications"`
	Unread   *sqlx.Stmt `query:"count-unread-notifications"`
	MarkRead *sqlx.Stmt `query:"mark-notification-read"`
	ReadAll  *sqlx.Stmt `query:"mark-all-notifications-read"`
}

// outboxQueries claim deliveries and record how each attempt went.
type outboxQueries struct {
	Claim   *sqlx.Stmt `query:"claim-deliveries"`
	Sending *sqlx.Stmt `query:"mark-delivery-sending"`
	Sent    *sqlx.Stmt `query:"mark-delivery-sent"`
	Failed  *sqlx.Stmt `query:"mark-delivery-failed"`
	Pending *sqlx.Stmt `query:"count-pending-deliveries"`
}

// outboxBatchQueries are the statements of queries/outbox_batch.sql.
type outboxBatchQueries struct {
	Inbox   *sqlx.Stmt `query:"deliver-batch-to-inbox"`
	Release *sqlx.Stmt `query:"release-deliveries"` // outbox_operator.go
	Backlog *sqlx.Stmt `query:"delivery-backlog"`   // outbox_operator.go
}

// reminderQueries plan the reminders, digests and event notices into the outbox.
type reminderQueries struct {
	Lock    *sqlx.Stmt `query:"plan-lock"`
	Tasks   *sqlx.Stmt `query:"plan-task-reminders"`
	Digests *sqlx.Stmt `query:"plan-digests"`
	Events  *sqlx.Stmt `query:"plan-events"`
}

// settingsQueries read and write commune_settings.
type settingsQueries struct {
	Get    *sqlx.Stmt `query:"get-settings"`
	Upsert *sqlx.Stmt `query:"upsert-settings"`
	All    *sqlx.Stmt `query:"list-settings"`
}

// webhookQueries keep a commune's event endpoints (queries/webhooks.sql).
type webhookQueries struct {
	List   *sqlx.Stmt `query:"list-webhook-endpoints"`
	Get    *sqlx.Stmt `query:"get-webhook-endpoint"`
	Insert *sqlx.Stmt `query:"insert-webhook-endpoint"`
	Update *sqlx.Stmt `query:"update-webhook-endpoint"`
	Delete *sqlx.Stmt `query:"delete-webhook-endpoint"`
	Test   *sqlx.Stmt `query:"queue-test-event"`
}

// eventQueries plan the event webhooks' deliveries (queries/events.sql).
type eventQueries struct {
	Plan *sqlx.Stmt `query:"plan-event-hooks"`
}
