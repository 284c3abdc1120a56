//go:build hatest

package hatest

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/lib/pq"
)

// reader reads as u, through both processes in turn, until ctx ends: the
// task list and the dashboard must show u's commune only.
func (l *load) reader(ctx context.Context, u *loadUser) {
	paths := []string{"/api/v1/tasks?limit=50", "/api/v1/dashboard?period=2024-M9"}
	for i := 0; ctx.Err() == nil; i++ {
		path := paths[i%len(paths)]
		st, body, _, _ := call(ctx, "GET", l.servers[(i/2)%len(l.servers)]+path, u.token, nil, nil)
		if ctx.Err() != nil {
			return
		}
		l.count(l.reads, st)
		if st == http.StatusOK {
			l.checkIsolation(u, path, body)
		} else if st != http.StatusServiceUnavailable && st != 0 {
			l.oddAnswer("GET "+path, st, body)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// checkIsolation looks for another commune in what u read: its name
// anywhere, or one of its task ids in a task list.
func (l *load) checkIsolation(u *loadUser, path string, body []byte) {
	var found []string
	for id, name := range l.names {
		if id != u.communeID && strings.Contains(string(body), name) {
			found = append(found, "the name of commune "+name)
		}
	}
	if strings.HasPrefix(path, "/api/v1/tasks") {
		var page taskPage
		if err := json.Unmarshal(body, &page); err != nil {
			found = append(found, "an unreadable page: "+err.Error())
		}
		for _, it := range page.Items {
			if !l.tasksOf[u.communeID][it.ID] {
				found = append(found, fmt.Sprintf("task %d of another commune", it.ID))
			}
		}
	}
	if len(found) > 0 {
		l.mu.Lock()
		l.leaks = append(l.leaks, fmt.Sprintf("%s GET %s: %s", u.name, path, strings.Join(found, ", ")))
		l.mu.Unlock()
	}
}

// loadUsers signs in the load's people (two of Vọng Đông, the chairman of
// Mỹ Hòa Hưng) and gives each the open tasks they may report on, and signs
// in the readers; it also learns every commune's tasks and name for the
// isolation check.
func (l *load) loadUsers(ctx context.Context, db *sql.DB, names, readers []string) error {
	for i, name := range append(append([]string{}, names...), readers...) {
		u := &loadUser{name: name, readOnly: i >= len(names)}
		if err := db.QueryRowContext(ctx, `SELECT commune_id FROM users WHERE username = $1`, name).Scan(&u.communeID); err != nil {
			return fmt.Errorf("user %s: %w", name, err)
		}
		if err := u.login(ctx, l.servers[0]); err != nil {
			return err
		}
		l.users = append(l.users, u)
	}
	if err := l.communes(ctx, db); err != nil {
		return err
	}
	for _, u := range l.users {
		if u.readOnly {
			continue
		}
		if err := l.probe(ctx, db, u); err != nil {
			return err
		}
	}
	return nil
}

func (l *load) communes(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `SELECT c.id, c.name, coalesce(array_agg(t.id) FILTER (WHERE t.id IS NOT NULL), '{}')
		FROM communes c LEFT JOIN tasks t ON t.commune_id = c.id GROUP BY c.id, c.name`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		var tasks pq.Int64Array
		if err := rows.Scan(&id, &name, &tasks); err != nil {
			return err
		}
		l.names[id], l.tasksOf[id] = name, map[int64]bool{}
		for _, t := range tasks {
			l.tasksOf[id][t] = true
		}
	}
	return rows.Err()
}

// probe keeps the open leaf tasks of u's commune that take u's report: a
// first report on each (acknowledged like any other).
func (l *load) probe(ctx context.Context, db *sql.DB, u *loadUser) error {
	var ids pq.Int64Array
	if err := db.QueryRowContext(ctx, `SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM (SELECT t.id FROM tasks t
		JOIN plans p ON p.id = t.plan_id AND p.deleted_at IS NULL
		WHERE t.commune_id = $1 AND t.status NOT IN ('done_on_time', 'done_late', 'cancelled')
		  AND NOT EXISTS (SELECT 1 FROM tasks s WHERE s.parent_id = t.id) ORDER BY t.id LIMIT 12) x`, u.communeID).Scan(&ids); err != nil {
		return err
	}
	for _, id := range ids {
		r := &report{key: fmt.Sprintf("ha-probe-%s-%d", u.name, id), user: u, task: id, percent: 5}
		st, _, _, _ := call(ctx, "POST", fmt.Sprintf("%s/api/v1/tasks/%d/progress", l.servers[0], id), u.token,
			map[string]any{"percent": r.percent, "note": "ha-test " + r.key}, map[string]string{"Idempotency-Key": r.key})
		if st == http.StatusCreated {
			u.tasks = append(u.tasks, id)
		}
	}
	if len(u.tasks) == 0 {
		return fmt.Errorf("%s may report on none of the tasks %v", u.name, ids)
	}
	return nil
}
