package migrations_test

import (
	"context"
	"testing"

	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/migrations"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// TestDocNumbersTakeTheStandardForm: migration 00022 rewrites numbers stored
// in another case, keeps TTg, and turns a number that becomes equal to an
// active one into a confirmed duplicate instead of failing or losing it.
func TestDocNumbersTakeTheStandardForm(t *testing.T) {
	ctx := context.Background()
	db := testdb.New(t)
	p, err := migrations.Provider(db.DB)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 21); err != nil {
		t.Fatal(err)
	}
	db.MustExec(`INSERT INTO communes (code, name, kind, province) VALUES ('M1', 'Thử', 'xa', 'An Giang')`)
	insert := func(number, typ, symbol string, no int) {
		db.MustExec(`INSERT INTO plans (commune_id, doc_number, doc_no, doc_type, doc_symbol, issued_on, year, kind,
			title, created_at, updated_at) SELECT id, $1, $4, $2, $3, '2024-01-05', 2024, 'other', $1, now(), now()
			FROM communes WHERE code = 'M1'`, number, typ, symbol, no)
	}
	insert("06/KH-UBND", "KH", "KH-UBND", 6)
	insert("06/KH-ubnd", "KH", "KH-ubnd", 6)
	insert("07/KH-Ubnd", "KH", "KH-Ubnd", 7)
	insert("766/QĐ-ttg", "QĐ", "QĐ-ttg", 766)
	insert("05-CT/tw", "CT", "CT/tw", 5)
	insert("12/ubnd-vp", "", "ubnd-vp", 12)
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Queryx(`SELECT doc_number, doc_symbol, duplicate_confirmed FROM plans ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	want := []struct {
		number, symbol string
		dup            bool
	}{
		{"06/KH-UBND", "KH-UBND", false}, {"06/KH-UBND", "KH-UBND", true}, {"07/KH-UBND", "KH-UBND", false},
		{"766/QĐ-TTg", "QĐ-TTg", false}, {"05-CT/TW", "CT/TW", false}, {"12/UBND-VP", "UBND-VP", false},
	}
	for i := 0; rows.Next(); i++ {
		var number, symbol string
		var dup bool
		if err := rows.Scan(&number, &symbol, &dup); err != nil {
			t.Fatal(err)
		}
		if i >= len(want) || number != want[i].number || symbol != want[i].symbol || dup != want[i].dup {
			t.Errorf("row %d: %s %s %v", i, number, symbol, dup)
		}
	}
}
