package plans

import "github.com/jmoiron/sqlx"

// attachmentQueries are the statements of queries/attachments.sql.
type attachmentQueries struct {
	Insert *sqlx.Stmt `query:"insert-attachment"`
	List   *sqlx.Stmt `query:"list-attachments"`
	Get    *sqlx.Stmt `query:"get-attachment"`
	// Thumbnails (thumbnail_store.go).
	InsertThumb   *sqlx.Stmt `query:"insert-thumbnail"`
	GetThumb      *sqlx.Stmt `query:"get-thumbnail"`
	InsertNoThumb *sqlx.Stmt `query:"insert-thumbnail-failure"`
}

// extensionQueries are the statements of queries/extensions.sql.
type extensionQueries struct {
	Insert         *sqlx.Stmt `query:"insert-extension"`
	InsertApproved *sqlx.Stmt `query:"insert-approved-extension"`
	Get            *sqlx.Stmt `query:"get-extension"`
	List           *sqlx.Stmt `query:"list-extensions"`
	Decide         *sqlx.Stmt `query:"decide-extension"`
}

// overviewQueries are the statements of queries/overview.sql.
type overviewQueries struct {
	Kinds *sqlx.Stmt `query:"list-plan-kinds"`
}

// planNumberQueries are the statements of queries/plan_numbers.sql.
type planNumberQueries struct {
	DocNumbers *sqlx.Stmt `query:"plan-doc-numbers"`
}

// planQueries read and write plans, tasks and their progress.
type planQueries struct {
	InsertPlan        *sqlx.Stmt `query:"insert-plan"`
	GetPlan           *sqlx.Stmt `query:"get-plan"`
	ListPlans         *sqlx.Stmt `query:"list-plans"`
	UpdatePlan        *sqlx.Stmt `query:"update-plan"`
	DeletePlan        *sqlx.Stmt `query:"delete-plan"`
	PlanByNumber      *sqlx.Stmt `query:"plan-by-number"`
	LockPlan          *sqlx.Stmt `query:"lock-plan"`
	PlanVersion       *sqlx.Stmt `query:"plan-version"`
	PlanRefs          *sqlx.Stmt `query:"plan-references"`
	DeletePlanRefs    *sqlx.Stmt `query:"delete-plan-references"`
	InsertPlanRef     *sqlx.Stmt `query:"insert-plan-reference"`
	PlanCounts        *sqlx.Stmt `query:"plan-status-counts"`
	InsertTask        *sqlx.Stmt `query:"insert-task"`
	GetTask           *sqlx.Stmt `query:"get-task"`
	ListTasks         *sqlx.Stmt `query:"list-tasks"`
	TaskHasRecipient  *sqlx.Stmt `query:"task-has-recipient"`
	InputHasRecipient *sqlx.Stmt `query:"input-has-recipient"`
	MoveTaskDue       *sqlx.Stmt `query:"move-task-due"`
	UpdateTask        *sqlx.Stmt `query:"update-task"`
	DeleteTask        *sqlx.Stmt `query:"delete-task"`
	SetAssignees      *sqlx.Stmt `query:"set-task-assignees"`
	LockTask          *sqlx.Stmt `query:"lock-task"`
	RefreshStatus     *sqlx.Stmt `query:"refresh-task-status"`
	InsertProgress    *sqlx.Stmt `query:"insert-progress"`
	ApplyProgress     *sqlx.Stmt `query:"apply-progress"`
	ListProgress      *sqlx.Stmt `query:"list-progress"`
	SetTaskUnits      *sqlx.Stmt `query:"set-task-units"`
}

// cloneQueries are the statements of queries/plans_clone.sql.
type cloneQueries struct {
	Tasks *sqlx.Stmt `query:"clone-plan-tasks"`
}

// reviewQueries are the statements of queries/reviews.sql.
type reviewQueries struct {
	Insert  *sqlx.Stmt `query:"insert-review"`
	List    *sqlx.Stmt `query:"list-reviews"`
	Accept  *sqlx.Stmt `query:"accept-task"`
	Return  *sqlx.Stmt `query:"return-task"`
	History *sqlx.Stmt `query:"task-history"`
}

// seriesQueries are the statements of queries/series.sql.
type seriesQueries struct {
	Insert   *sqlx.Stmt `query:"insert-series"`
	Get      *sqlx.Stmt `query:"get-series"`
	Lock     *sqlx.Stmt `query:"lock-series"`
	List     *sqlx.Stmt `query:"list-series"`
	Update   *sqlx.Stmt `query:"update-series"`
	Stop     *sqlx.Stmt `query:"stop-series"`
	Retire   *sqlx.Stmt `query:"retire-occurrences"`
	BadRefs  *sqlx.Stmt `query:"series-bad-refs"`
	Occurs   *sqlx.Stmt `query:"series-occurrences"`
	Generate *sqlx.Stmt `query:"generate-occurrences"`
	Open     *sqlx.Stmt `query:"open-series"`
}

// trashQueries list, restore and purge the recycle bin.
type trashQueries struct {
	List      *sqlx.Stmt `query:"list-trash"`
	Lock      *sqlx.Stmt `query:"lock-trashed-plan"`
	Restore   *sqlx.Stmt `query:"restore-plan"`
	RestoreTs *sqlx.Stmt `query:"restore-plan-tasks"`
	Purge     *sqlx.Stmt `query:"purge-trash"`
}
