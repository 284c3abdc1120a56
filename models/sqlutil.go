package models

import (
	"encoding/json"
	"errors"
	"reflect"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// Savepoint runs fn so that its failure leaves the transaction usable: the
// caller can then still read, e.g. to name the row a unique key collided with.
func (t *Tx) Savepoint(fn func() error) error {
	if _, err := t.ExecContext(t.Ctx, "SAVEPOINT sp"); err != nil {
		return err
	}
	if err := fn(); err != nil {
		if _, rbErr := t.ExecContext(t.Ctx, "ROLLBACK TO SAVEPOINT sp"); rbErr != nil {
			return errors.Join(err, rbErr)
		}
		return err
	}
	_, err := t.ExecContext(t.Ctx, "RELEASE SAVEPOINT sp")
	return err
}

// LockRow locks a row for a read-modify-write; a row outside the commune is
// ErrNotFound. The caller then loads the row, checks the actor's permission
// on it and only then checkIfMatch, so that a caller without the right hears
// 403 rather than a hint about the row's version.
func (s *Store) LockRow(t *Tx, lock *sqlx.Stmt, communeID, id int64) error {
	var version int
	return NotFound(t.Bind(lock).Get(&version, communeID, id))
}

// CheckIfMatch compares a client's If-Match with the row's version; 0 means
// the client sent none.
func CheckIfMatch(ifMatch, version int) error {
	if ifMatch != 0 && ifMatch != version {
		return &PreconditionError{Current: version}
	}
	return nil
}

// unmarshalPositional fills the fields of the struct v points to from a JSON
// array, in field order.
func unmarshalPositional(fields []json.RawMessage, v any) error {
	rv := reflect.ValueOf(v).Elem()
	if len(fields) != rv.NumField() {
		return errors.New("cursor: wrong number of fields")
	}
	for i, raw := range fields {
		if err := json.Unmarshal(raw, rv.Field(i).Addr().Interface()); err != nil {
			return err
		}
	}
	return nil
}

// StringArray is s as a PostgreSQL text[] parameter.
func StringArray(s []string) pq.StringArray { return pq.StringArray(s) }

// Int64Array is ids as a PostgreSQL bigint[] parameter, never NULL.
func Int64Array(ids []int64) pq.Int64Array {
	if ids == nil {
		return pq.Int64Array{}
	}
	return pq.Int64Array(ids)
}

// NullID is id for SQL, NULL when zero.
func NullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// NullInt is n for SQL, NULL when zero.
func NullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// NullString is s for SQL, NULL when empty.
func NullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// NullTime is t for SQL, NULL when zero.
func NullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}
