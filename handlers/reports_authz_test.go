package handlers_test

import (
	"fmt"
	"strings"

	"github.com/tiendo/tiendo/models"
)

// Authorization-table support for the indicator, dossier, report and import
// routes (authz_test.go): the values their path parameters take, and bodies.

// pathValues fills the non-id path parameters of the table's routes.
var pathValues = strings.NewReplacer(":code", "satisfaction", ":period", "2024-M9", ":year", "2024",
	":name", "plans.xlsx")

// statsWriters: admin, chairman and officers record statistics; steering
// members and team members read them.
func statsWriters(status int) codes { return roles(ok(status), ok(status), denied, ok(status), denied) }

func indicatorBody(f *authzWorld, _ models.Role) any {
	return map[string]any{"code": fmt.Sprintf("rieng_%d", f.next()), "name_vi": "Chỉ tiêu riêng", "threshold": 70}
}

var dossierBody = map[string]any{"received": 10, "resolved": 9,
	"channels": []map[string]any{{"key": "online_full", "received": 10, "resolved": 9}}}

var reportSettingsBody = map[string]any{"cutoff_day": 15, "cutoff_months_before_end": 1,
	"scheduled_kinds": []string{"Q", "M9", "Y"}}
