package handlers

import "github.com/tiendo/tiendo/handlers/httpx"

// RouteList lists every registered route as "METHOD /path" in gin's pattern
// (/api/v1/tasks/:id), so that the authorization test can fail when a route
// is missing from its table. It exists only in test builds.
func RouteList() []string {
	var out []string
	for _, r := range newEngine(nil, httpx.Options{}).Routes() {
		out = append(out, r.Method+" "+r.Path)
	}
	return out
}
