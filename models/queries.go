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

// Queries are the core's named statements (queries/*.sql); each domain
// package embeds its own beside its code.
//
//go:embed queries/*.sql
var Queries embed.FS

// loadQueries reads the named blocks of queries/*.sql in files.
func loadQueries(files fs.FS) (map[string]string, error) {
	out := map[string]string{}
	err := fs.WalkDir(files, "queries", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(files, path)
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
func prepareQueries(db *sqlx.DB, texts map[string]string, q any, sb *Standby) error {
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
		if sb != nil {
			sb.register(stmt, text)
		}
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

type auditQueries struct {
	List   *sqlx.Stmt `query:"list-audit"`
	Insert *sqlx.Stmt `query:"insert-audit"`
}

type idempotencyQueries struct {
	Claim    *sqlx.Stmt `query:"claim-idempotency-key"`
	State    *sqlx.Stmt `query:"idempotency-key-state"`
	Fence    *sqlx.Stmt `query:"fence-idempotency-key"`
	Complete *sqlx.Stmt `query:"complete-idempotency-key"`
	Release  *sqlx.Stmt `query:"release-idempotency-key"`
	Purge    *sqlx.Stmt `query:"purge-idempotency-keys"`
}
