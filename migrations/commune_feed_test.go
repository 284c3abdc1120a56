package migrations_test

import (
	"context"
	"testing"

	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/migrations"
)

// TestAuthVersionAndFeedScopesGoDownAndUp: migrations 00036 (the session
// cache's users.auth_version and its triggers) and 00037 (a feed's scope)
// can be rolled back and applied again.
func TestAuthVersionAndFeedScopesGoDownAndUp(t *testing.T) {
	ctx := context.Background()
	db := testdb.New(t)
	p, err := migrations.Provider(db.DB)
	if err != nil {
		t.Fatal(err)
	}
	columns := func() int {
		var n int
		if err := db.Get(&n, `SELECT count(*) FROM information_schema.columns
			WHERE (table_name, column_name) IN (('users', 'auth_version'), ('calendar_feeds', 'scope'))`); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := columns(); n != 2 {
		t.Fatalf("%d of the two columns after going up", n)
	}
	if _, err := p.DownTo(ctx, 35); err != nil {
		t.Fatal(err)
	}
	if n := columns(); n != 0 {
		t.Fatalf("%d columns left after going down", n)
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
	if n := columns(); n != 2 {
		t.Fatalf("%d of the two columns after going up again", n)
	}
}
