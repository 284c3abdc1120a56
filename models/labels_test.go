package models_test

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/statistics"
)

// TestEveryEnumerationValueHasLabels holds each enumeration's one home of
// labels to the values the database allows (its CHECK constraint, read
// from the migrated schema): every value has a Vietnamese and an English
// label, and no label names a value the database would refuse.
func TestEveryEnumerationValueHasLabels(t *testing.T) {
	t.Parallel()
	db := testdb.New(t)
	cases := []struct {
		table, column string
		labels        map[string]models.Label
	}{
		{"tasks", "status", models.TaskStatusLabels},
		{"plans", "status", models.PlanStatusLabels},
		{"memberships", "role", models.RoleLabels},
		{"deliveries", "status", models.DeliveryStatusLabels},
		{"deliveries", "channel", models.ChannelLabels},
		{"deliveries", "kind", models.DeliveryKindLabels},
		{"calendar_feeds", "scope", models.FeedScopeLabels},
	}
	quoted := regexp.MustCompile(`'([a-z_.]+)'::text`) // event kinds have dots (task.progress)
	for _, c := range cases {
		var defs []string
		err := db.Select(&defs, `SELECT pg_get_constraintdef(oid) FROM pg_constraint
			WHERE conrelid = $1::regclass AND contype = 'c'`, c.table)
		if err != nil {
			t.Fatal(err)
		}
		var allowed []string
		for _, d := range defs {
			if strings.Contains(d, "("+c.column+" ") || strings.Contains(d, "(("+c.column+" ") {
				for _, m := range quoted.FindAllStringSubmatch(d, -1) {
					allowed = append(allowed, m[1])
				}
			}
		}
		if len(allowed) == 0 {
			t.Errorf("%s.%s: no CHECK constraint lists its values", c.table, c.column)
			continue
		}
		sort.Strings(allowed)
		for _, v := range allowed {
			l, ok := c.labels[v]
			if !ok || l.VI == "" || l.EN == "" {
				t.Errorf("%s.%s value %q: labels %+v", c.table, c.column, v, l)
			}
		}
		for v := range c.labels {
			if sort.SearchStrings(allowed, v) == len(allowed) || allowed[sort.SearchStrings(allowed, v)] != v {
				t.Errorf("%s.%s: label for %q, which the database does not allow", c.table, c.column, v)
			}
		}
	}
}

// TestPeriodsOfYearParse holds the named periods to the parser: every code
// a page offers is one models.ParsePeriod takes, of the kind it is listed
// under, with labels in both languages.
func TestPeriodsOfYearParse(t *testing.T) {
	for _, g := range models.PeriodsOfYear() {
		if l := models.PeriodKindLabels[g.Kind]; l.VI == "" || l.EN == "" {
			t.Errorf("kind %s: labels %+v", g.Kind, l)
		}
		for _, np := range g.Periods {
			p, err := statistics.ParsePeriod("2024-" + np.Suffix)
			if err != nil || p.Kind != g.Kind {
				t.Errorf("2024-%s: kind %q, err %v; listed under %s", np.Suffix, p.Kind, err, g.Kind)
			}
			if np.Label.VI == "" || np.Label.EN == "" {
				t.Errorf("2024-%s: labels %+v", np.Suffix, np.Label)
			}
		}
	}
}
