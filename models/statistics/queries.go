package statistics

import "github.com/jmoiron/sqlx"

// dossierQueries read and write the dossier statistics of a period.
type dossierQueries struct {
	List        *sqlx.Stmt `query:"list-dossier-stats"`
	Lines       *sqlx.Stmt `query:"dossier-stat-lines"`
	Lock        *sqlx.Stmt `query:"lock-dossier-stats"`
	Upsert      *sqlx.Stmt `query:"upsert-dossier-stats"`
	DeleteLines *sqlx.Stmt `query:"delete-dossier-stat-lines"`
	InsertLines *sqlx.Stmt `query:"insert-dossier-stat-lines"`
}

// indicatorQueries read and write indicators, targets, values and task links.
type indicatorQueries struct {
	Groups       *sqlx.Stmt `query:"indicator-groups"`
	List         *sqlx.Stmt `query:"list-indicators"`
	Ensure       *sqlx.Stmt `query:"ensure-indicator"`
	Lock         *sqlx.Stmt `query:"lock-indicator"`
	Insert       *sqlx.Stmt `query:"insert-indicator"`
	Update       *sqlx.Stmt `query:"update-indicator"`
	UpsertTarget *sqlx.Stmt `query:"upsert-indicator-target"`
	Values       *sqlx.Stmt `query:"indicator-values"`
	LockValue    *sqlx.Stmt `query:"lock-indicator-value"`
	UpsertValue  *sqlx.Stmt `query:"upsert-indicator-value"`
	SetTaskLinks *sqlx.Stmt `query:"set-task-indicators"`
	TaskCodes    *sqlx.Stmt `query:"task-indicator-codes"`
	Tasks        *sqlx.Stmt `query:"indicator-tasks"`
}

// provinceQueries read the roll-up of a province's communes.
type provinceQueries struct {
	Rollup *sqlx.Stmt `query:"province-rollup"`
}

// qualityQueries read what the data-quality checks look at.
type qualityQueries struct {
	Plans *sqlx.Stmt `query:"quality-plans"`
	Tasks *sqlx.Stmt `query:"quality-tasks"`
}

// reportQueries read a period report's rows and keep the built reports.
type reportQueries struct {
	Plans           *sqlx.Stmt `query:"report-plans"`
	Tasks           *sqlx.Stmt `query:"report-tasks"`
	Settings        *sqlx.Stmt `query:"report-settings"`
	UpsertSettings  *sqlx.Stmt `query:"upsert-report-settings"`
	InsertBuilt     *sqlx.Stmt `query:"insert-built-report"`
	ListBuilt       *sqlx.Stmt `query:"list-built-reports"`
	BuiltFile       *sqlx.Stmt `query:"built-report-file"`
	BuiltExists     *sqlx.Stmt `query:"built-report-exists"`
	Notify          *sqlx.Stmt `query:"enqueue-report-notice"`
	Narrative       *sqlx.Stmt `query:"report-narrative"`
	NarrativeLock   *sqlx.Stmt `query:"report-narrative-lock"`
	UpsertNarrative *sqlx.Stmt `query:"upsert-report-narrative"`
	Signer          *sqlx.Stmt `query:"report-signer"`
}

// snapshotQueries are the statements of queries/snapshots.sql.
type snapshotQueries struct {
	Take  *sqlx.Stmt `query:"take-snapshots"`
	Prune *sqlx.Stmt `query:"prune-snapshots"`
	List  *sqlx.Stmt `query:"list-snapshots"`
}
