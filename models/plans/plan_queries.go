package plans

import "github.com/jmoiron/sqlx"

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
