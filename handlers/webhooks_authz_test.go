package handlers_test

import (
	"context"
	"fmt"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
)

// webhookBody registers an endpoint at a public address (the table's
// server refuses none, but the rule is the production one).
func webhookBody(f *authzWorld, _ models.Role) any {
	return map[string]any{"url": fmt.Sprintf("https://zalo-bridge.example.vn/hook/%d", f.next()),
		"events": []string{"task.progress", "task.completed"}}
}

// newEndpoint registers, as the commune's system actor, an endpoint for a
// case to change, remove or test.
func (f *authzWorld) newEndpoint(ac *authzCommune) int64 {
	url, events := fmt.Sprintf("https://zalo-bridge.example.vn/authz/%d", f.next()), []string{"task.progress"}
	ep, err := f.Store.CreateEndpoint(context.Background(), ac.System, deadlines.EndpointInput{URL: &url, Events: &events})
	if err != nil {
		f.t.Fatal(err)
	}
	return ep.ID
}
