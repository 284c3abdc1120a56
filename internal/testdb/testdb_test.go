package testdb_test

import (
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/tiendo/tiendo/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func TestMigratedSchema(t *testing.T) {
	t.Parallel()
	db := testdb.New(t)
	var n int
	if err := db.Get(&n, "SELECT count(*) FROM goose_db_version WHERE version_id > 0"); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("goose_db_version has no applied migrations")
	}
	var s string
	if err := db.Get(&s, "SELECT unaccent('Ủy ban nhân dân xã')"); err != nil {
		t.Fatal(err)
	}
	if s != "Uy ban nhan dan xa" {
		t.Fatalf("unaccent = %q", s)
	}
}

// The parallel subtests write the same table name; sharing a database would
// make one of them fail on CREATE TABLE or see two rows.
func TestParallelDatabasesAreIsolated(t *testing.T) {
	for i := range 4 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			db := testdb.New(t)
			mine := fmt.Sprintf("subtest %d", i)
			db.MustExec("CREATE TABLE xa (ten text)")
			db.MustExec("INSERT INTO xa VALUES ($1)", mine)
			var got []string
			if err := db.Select(&got, "SELECT ten FROM xa"); err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0] != mine {
				t.Fatalf("rows = %q, want only %q", got, mine)
			}
		})
	}
}

func TestWriteInOneNotVisibleInOther(t *testing.T) {
	t.Parallel()
	a, b := testdb.New(t), testdb.New(t)
	a.MustExec("CREATE TABLE only_a (id int)")
	var n int
	err := b.Get(&n, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_a'")
	if err != nil || n != 0 {
		t.Fatalf("table from database a visible in b: n=%d err=%v", n, err)
	}
}

func TestNewDSNIsDroppedAfterTest(t *testing.T) {
	var dsn, name string
	t.Run("use", func(t *testing.T) {
		dsn = testdb.NewDSN(t)
		db, err := sql.Open("postgres", dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := db.QueryRow("SELECT current_database()").Scan(&name); err != nil {
			t.Fatal(err)
		}
	})
	admin := testdb.New(t)
	var n int
	if err := admin.Get(&n, "SELECT count(*) FROM pg_database WHERE datname = $1", name); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatalf("database %s still exists after its test ended", name)
	}
}

func TestCloneIsFast(t *testing.T) {
	t.Parallel()
	testdb.New(t) // the first clone may pay for starting the cluster
	const n = 5
	t0 := time.Now()
	for range n {
		testdb.New(t)
	}
	per := time.Since(t0) / n
	t.Logf("clone+connect: %v per database", per)
	if per > 2*time.Second {
		t.Fatalf("cloning takes %v per database", per)
	}
}
