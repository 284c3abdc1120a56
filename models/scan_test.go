package models_test

import (
	"strings"
	"testing"

	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/models"
)

type scanned struct {
	ID    int64  `db:"id"`
	Title string `db:"title"`
	Note  string // no tag: not a destination
}

// TestRowScanner: rows land in the right fields, and a statement whose
// columns differ from the destinations (a column added, renamed or moved)
// is an error, not values in the wrong fields.
func TestRowScanner(t *testing.T) {
	db := testdb.New(t)
	sc := models.NewRowScanner("test", func(s *scanned) []any { return []any{&s.ID, &s.Title} })
	var out []scanned
	rows, err := db.Queryx(`SELECT 7::bigint AS id, 'bảy' AS title UNION ALL SELECT 8, 'tám'`)
	if err != nil {
		t.Fatal(err)
	}
	if err := sc.All(rows, &out); err != nil || len(out) != 2 || out[1].ID != 8 || out[1].Title != "tám" {
		t.Fatalf("%v %+v", err, out)
	}
	for _, q := range []string{`SELECT 'bảy' AS title, 7::bigint AS id`, `SELECT 7::bigint AS id, 'x' AS name`,
		`SELECT 7::bigint AS id, 'x' AS title, 1 AS extra`} {
		rows, err := db.Queryx(q)
		if err != nil {
			t.Fatal(err)
		}
		if err := sc.All(rows, &out); err == nil || !strings.Contains(err.Error(), "test returns") {
			t.Errorf("%s: %v", q, err)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("a destination without a db tag was accepted")
		}
	}()
	models.NewRowScanner("untagged", func(s *scanned) []any { return []any{&s.ID, &s.Note} })
}
