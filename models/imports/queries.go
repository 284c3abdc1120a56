package imports

import "github.com/jmoiron/sqlx"

// importQueries read what a plan import and a plan export need.
type importQueries struct {
	Kinds    *sqlx.Stmt `query:"import-plan-kinds"`
	Tasks    *sqlx.Stmt `query:"export-plan-tasks"`
	Progress *sqlx.Stmt `query:"export-plan-progress"`
	Audit    *sqlx.Stmt `query:"export-plan-audit"`
}
