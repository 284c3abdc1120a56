package plans

import "testing"

// TestListColumnsNameEveryDestination: each destination of a listed task has
// a field with a db tag, so the per-query check compares whole lists.
func TestListColumnsNameEveryDestination(t *testing.T) {
	var task Task
	if n := len(task.listDest()); len(listColumns) != n {
		t.Fatalf("%d destinations, %d named: %v", n, len(listColumns), listColumns)
	}
	for i, c := range listColumns {
		if c == "" || c == "-" {
			t.Errorf("destination %d has no column name", i)
		}
	}
}
