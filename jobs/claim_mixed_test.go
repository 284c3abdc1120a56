package jobs

import (
	"context"
	"testing"
	"time"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/internal/testnotify"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
)

// TestInboxClaimedInBulkSendsCapped: one claim takes every due inbox
// delivery up to the inbox batch, but no more webhooks than the send batch;
// the webhooks left over stay queued for the next claim, and a dispatcher
// with those sizes still sends everything exactly once.
func TestInboxClaimedInBulkSendsCapped(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	rcv := testnotify.NewWebhook(t, "mot-khoa-bi-mat-du-dai-2024")
	enableWebhook(t, w, w.A, rcv)
	w.Clock.Set(vn(9, 29, 10, 0))
	chair, p := newPlan(t, w, w.A, "36/KH-UBND")
	officer := w.A.Users[models.RoleOfficer].ID
	for _, title := range []string{"Số hóa hồ sơ", "Rà soát hộ nghèo", "Kiểm tra an toàn thực phẩm"} {
		assign(t, w, chair, p, title, "2024-10-15", w.A.Office.ID, officer)
	}
	store := w.JobsStore(t)
	plan(t, Reminders{Store: store}, w, vn(9, 29, 10, 0)) // three "assigned": inbox and webhook each

	claimed, err := store.ClaimMixed(context.Background(), "a", 100, 2, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, o := range claimed {
		count[o.Channel]++
	}
	if count["inbox"] != 3 || count["webhook"] != 2 {
		t.Fatalf("claimed %v; want the 3 inbox deliveries and 2 of the 3 webhooks", count)
	}
	if got := deliveriesOf(t, w, w.A, deadlines.DeliveryFilter{Channel: "webhook", Status: "queued"}); len(got) != 1 {
		t.Fatalf("%d webhooks still queued; want 1", len(got))
	}

	w.Clock.Advance(2 * time.Minute) // the claim above expires unrecorded
	d := newDispatch(t, store, "b", nil)
	d.Batch, d.InboxBatch = 1, 2
	run(t, d)
	for _, ch := range []string{"inbox", "webhook"} {
		if got := deliveriesOf(t, w, w.A, deadlines.DeliveryFilter{Channel: ch, Status: "sent"}); len(got) != 3 {
			t.Errorf("%s: %d sent; want 3", ch, len(got))
		}
	}
	if n := len(inbox(t, w, w.A, models.RoleOfficer)); n != 3 {
		t.Errorf("%d notifications; want 3", n)
	}
	if n := len(rcv.Hits()); n != 3 {
		t.Errorf("%d webhook requests; want 3", n)
	}
}
