package accounts_test

import (
	"testing"

	"github.com/tiendo/tiendo/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }
