package models

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"reflect"
	"strings"

	"github.com/jmoiron/sqlx"
)

//go:embed queries/*.sql
var queryFiles embed.FS

// queries holds every statement of queries/*.sql, prepared at start-up so a
// broken query stops the process before it serves. Fields are filled by name
// from the `-- name: x` markers.
type queries struct {
	CommuneByID        *sqlx.Stmt `query:"commune-by-id"`
	InsertCommune      *sqlx.Stmt `query:"insert-commune"`
	ListUnits          *sqlx.Stmt `query:"list-units"`
	InsertUnit         *sqlx.Stmt `query:"insert-unit"`
	ListUsers          *sqlx.Stmt `query:"list-users"`
	InsertUser         *sqlx.Stmt `query:"insert-user"`
	InsertProvinceUser *sqlx.Stmt `query:"insert-province-user"`
	InsertMember       *sqlx.Stmt `query:"insert-membership"`
	UserByName         *sqlx.Stmt `query:"user-by-username"`
	UserByID           *sqlx.Stmt `query:"user-by-id"`
	MembershipsOf      *sqlx.Stmt `query:"memberships-of"`
	InsertSession      *sqlx.Stmt `query:"insert-session"`
	SessionByHash      *sqlx.Stmt `query:"session-by-hash"`
	TouchSession       *sqlx.Stmt `query:"touch-session"`
	RevokeSession      *sqlx.Stmt `query:"revoke-session"`
	InsertPlan         *sqlx.Stmt `query:"insert-plan"`
	GetPlan            *sqlx.Stmt `query:"get-plan"`
	ListPlans          *sqlx.Stmt `query:"list-plans"`
	UpdatePlan         *sqlx.Stmt `query:"update-plan"`
	DeletePlan         *sqlx.Stmt `query:"delete-plan"`
	PlanByNumber       *sqlx.Stmt `query:"plan-by-number"`
	LockPlan           *sqlx.Stmt `query:"lock-plan"`
	PlanVersion        *sqlx.Stmt `query:"plan-version"`
	PlanRefs           *sqlx.Stmt `query:"plan-references"`
	DeletePlanRefs     *sqlx.Stmt `query:"delete-plan-references"`
	InsertPlanRef      *sqlx.Stmt `query:"insert-plan-reference"`
	PlanCounts         *sqlx.Stmt `query:"plan-status-counts"`
	InsertTask         *sqlx.Stmt `query:"insert-task"`
	GetTask            *sqlx.Stmt `query:"get-task"`
	ListTasks          *sqlx.Stmt `query:"list-tasks"`
	TaskHasRecipient   *sqlx.Stmt `query:"task-has-recipient"`
	InputHasRecipient  *sqlx.Stmt `query:"input-has-recipient"`
	MoveTaskDue        *sqlx.Stmt `query:"move-task-due"`
	UpdateTask         *sqlx.Stmt `query:"update-task"`
	DeleteTask         *sqlx.Stmt `query:"delete-task"`
	SetTaskUnits       *sqlx.Stmt `query:"set-task-units"`
	SetAssignees       *sqlx.Stmt `query:"set-task-assignees"`
	LockTask           *sqlx.Stmt `query:"lock-task"`
	RefreshStatus      *sqlx.Stmt `query:"refresh-task-status"`
	InsertProgress     *sqlx.Stmt `query:"insert-progress"`
	ApplyProgress      *sqlx.Stmt `query:"apply-progress"`
	ListProgress       *sqlx.Stmt `query:"list-progress"`
	InsertAudit        *sqlx.Stmt `query:"insert-audit"`
}

// loadQueries reads the named blocks of queries/*.sql.
func loadQueries() (map[string]string, error) {
	out := map[string]string{}
	err := fs.WalkDir(queryFiles, "queries", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := queryFiles.ReadFile(path)
		if err != nil {
			return err
		}
		return parseQueries(path, string(b), out)
	})
	return out, err
}

// parseQueries splits a file at `-- name: x` lines.
func parseQueries(path, text string, out map[string]string) error {
	var name string
	var body strings.Builder
	flush := func() error {
		if name == "" {
			return nil
		}
		if _, dup := out[name]; dup {
			return fmt.Errorf("%s: query %q defined twice", path, name)
		}
		out[name] = strings.TrimSpace(body.String())
		body.Reset()
		return nil
	}
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := sc.Text()
		if n, ok := strings.CutPrefix(strings.TrimSpace(line), "-- name:"); ok {
			if err := flush(); err != nil {
				return err
			}
			name = strings.TrimSpace(n)
			continue
		}
		body.WriteString(line + "\n")
	}
	return flush()
}

// prepareQueries prepares every tagged field of q, a pointer to a struct of
// *sqlx.Stmt fields such as queries; an unknown name or a statement
// PostgreSQL rejects is an error at start-up. Features may keep their own
// struct (see Store.prepared) so that their statements live beside them.
func prepareQueries(db *sqlx.DB, texts map[string]string, q any) error {
	v := reflect.ValueOf(q).Elem()
	for i := range v.NumField() {
		name := v.Type().Field(i).Tag.Get("query")
		text, ok := texts[name]
		if !ok {
			return fmt.Errorf("query %q not found in queries/*.sql", name)
		}
		stmt, err := db.Preparex(text)
		if err != nil {
			return fmt.Errorf("query %q: %w", name, err)
		}
		v.Field(i).Set(reflect.ValueOf(stmt))
	}
	return nil
}

// closeQueries releases the prepared statements of a struct filled by prepareQueries.
func closeQueries(q any) {
	v := reflect.ValueOf(q).Elem()
	for i := range v.NumField() {
		if s, ok := v.Field(i).Interface().(*sqlx.Stmt); ok && s != nil {
			s.Close()
		}
	}
}
