package models

import (
	"fmt"
	"reflect"
	"slices"

	"github.com/jmoiron/sqlx"
)

// Hot lists are scanned by hand: sqlx finds each row's field addresses by
// reflection, per row, which was a tenth of the server's time on "my tasks"
// and a quarter of the dashboard's Go time (issue 15's profiles). A
// RowScanner is as safe: the statement's columns are checked by name on
// every query against the fields' db tags, so a column added to the SQL and
// not to the destinations is an error, never a value in the wrong field.

// RowScanner reads the rows of one statement into values of T.
type RowScanner[T any] struct {
	name    string
	dest    func(*T) []any
	columns []string
}

// NewRowScanner scans statement name's rows through dest, which lists the
// addresses of a T's fields in the statement's column order. Every
// destination must be a field of T with a db tag (a mistake panics at
// start-up, in the package's var block).
func NewRowScanner[T any](name string, dest func(*T) []any) *RowScanner[T] {
	var v T
	base := reflect.ValueOf(&v).Elem()
	var cols []string
	for i, p := range dest(&v) {
		addr, found := reflect.ValueOf(p).Pointer(), false
		for f := range base.NumField() {
			if base.Field(f).Addr().Pointer() == addr && base.Type().Field(f).Tag.Get("db") != "" {
				cols, found = append(cols, base.Type().Field(f).Tag.Get("db")), true
				break
			}
		}
		if !found {
			panic(fmt.Sprintf("%s: destination %d is not a field of %T with a db tag", name, i, v))
		}
	}
	return &RowScanner[T]{name: name, dest: dest, columns: cols}
}

// All appends every row to out and closes rows.
func (sc *RowScanner[T]) All(rows *sqlx.Rows, out *[]T) error {
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	if !slices.Equal(cols, sc.columns) {
		return fmt.Errorf("%s returns %v, its scanner reads %v", sc.name, cols, sc.columns)
	}
	for rows.Next() {
		*out = append(*out, *new(T))
		if err := rows.Scan(sc.dest(&(*out)[len(*out)-1])...); err != nil {
			return err
		}
	}
	return rows.Err()
}
