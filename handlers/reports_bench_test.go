package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
)

// BenchmarkReport builds the 9-month report of a busy commune — the seed's
// figures plus 40 plans of 25 tasks each (1,000 tasks, a third done, a third
// overdue) — through the router, in every format:
//
//	go test -run XXX -bench Report -benchtime 20x ./handlers/
func BenchmarkReport(b *testing.B) {
	e := newEnvTB(b)
	e.recordSeed()
	seedBusyCommune(b, e)
	token := e.token(e.chairA())
	for _, format := range []string{"json", "xlsx", "docx", "csv", "html"} {
		b.Run(format, func(b *testing.B) {
			var size int
			for range b.N {
				req := httptest.NewRequest("GET", "/api/v1/reports?period=2024-M9&format="+format, nil)
				req.Header.Set("Authorization", "Bearer "+token)
				rec := httptest.NewRecorder()
				e.handler.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("%d %s", rec.Code, rec.Body)
				}
				size = rec.Body.Len()
			}
			b.ReportMetric(float64(size), "bytes/report")
		})
	}
}

// seedBusyCommune adds 40 plans × 25 tasks through the store.
func seedBusyCommune(b *testing.B, e *env) {
	ctx := context.Background()
	chair := e.World.Actor(b, e.A, models.RoleChairman)
	t0 := time.Now()
	hundred, half := 100, 50
	for p := range 40 {
		plan, err := e.Store.CreatePlan(ctx, chair, plans.PlanInput{DocNumber: fmt.Sprintf("%d/KH-UBND", 100+p),
			IssuedOn: calendar.NewDate(2024, time.Month(1+p%9), 1+p%27), Kind: "other", Title: fmt.Sprintf("Kế hoạch %d", p)})
		if err != nil {
			b.Fatal(err)
		}
		for k := range 25 {
			due := calendar.NewDate(2024, time.Month(1+k%12), 28)
			task, err := e.Store.CreateTask(ctx, chair, plan.ID, plans.TaskInput{Title: fmt.Sprintf("Nhiệm vụ %d.%d", p, k),
				LeadUnitID: []int64{e.A.Office.ID, e.A.Hamlet1.ID, e.A.Hamlet2.ID}[k%3],
				StartOn:    calendar.NewDate(2024, time.January, 2), DueOn: due})
			if err != nil {
				b.Fatal(err)
			}
			pct := []*int{&hundred, &half, nil}[k%3]
			if pct != nil {
				if _, err := e.Store.ReportProgress(ctx, chair, task.ID, plans.ProgressInput{Percent: pct}); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	b.Logf("seeded 40 plans, 1.000 tasks in %v", time.Since(t0).Round(time.Millisecond))
}
