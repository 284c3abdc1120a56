package notify_test

import (
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	"strings"
	"testing"
	"time"

	"github.com/tiendo/tiendo/internal/testnotify"
	"github.com/tiendo/tiendo/jobs/notify"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
)

func outbound() *deadlines.Outbound {
	task := int64(42)
	d := &deadlines.Outbound{ID: 7, CommuneID: 1, TaskID: &task, Kind: models.KindDueSoon, Channel: "email",
		Attempts: 1, MessageID: "0b7c8a0e-1d2f-4f7a-9a51-3c0d4e5f6a7b", CommuneName: "Vọng Đông",
		RecipientID: 3, RecipientName: "Võ Thị Ngọc Hân", RecipientEmail: "han@xa.example.vn",
		Payload:   []byte(`{"task_title":"Rà soát TTHC","due_on":"2024-10-03","days":3,"lead":3}`),
		CreatedAt: time.Date(2024, 9, 30, 7, 30, 0, 0, models.VietnamTime)}
	if err := notify.Render(d); err != nil {
		panic(err)
	}
	return d
}

// TestEmailOverRealSMTP sends through a real SMTP server twice, as a retry
// would: both copies carry the same Message-ID and read back as sent.
func TestEmailOverRealSMTP(t *testing.T) {
	t.Parallel()
	srv := testnotify.NewSMTP(t)
	clock := models.NewFixedClock(time.Date(2024, 9, 30, 7, 31, 0, 0, models.VietnamTime))
	email, err := notify.NewEmail(srv.URL(), clock)
	if err != nil {
		t.Fatal(err)
	}
	email.BaseURL = "https://tiendo.example.vn"
	d := outbound()
	for range 2 {
		if err := email.Send(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	got := srv.Messages()
	if len(got) != 2 || got[0].MessageID != got[1].MessageID || got[0].MessageID != email.MessageID(d) {
		t.Fatalf("want two copies with Message-ID %s, got %+v", email.MessageID(d), got)
	}
	m := got[0]
	if m.From != "tiendo@xa.example.vn" || len(m.To) != 1 || m.To[0] != "han@xa.example.vn" {
		t.Errorf("envelope %s → %v", m.From, m.To)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if subject != "Nhiệm vụ sắp đến hạn" {
		t.Errorf("subject %q", subject)
	}
	body := decodeBody(t, m)
	for _, want := range []string{"Nhiệm vụ «Rà soát TTHC» sẽ đến hạn vào 03/10/2024 (còn 3 ngày làm việc).",
		"https://tiendo.example.vn/nhiem-vu/42"} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
}

func decodeBody(t *testing.T, m testnotify.Mail) string {
	t.Helper()
	raw := string(m.Raw)
	i := strings.Index(raw, "\r\n\r\n")
	b, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(raw[i+4:])))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestEmailURL checks TIENDO_SMTP_URL parsing.
func TestEmailURL(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"", "http://mail.example.vn", "smtp://", "smtp://h?from=not an address"} {
		if _, err := notify.NewEmail(bad, models.SystemClock{}); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	e, err := notify.NewEmail("smtps://u:p@mail.example.vn?from=tiendo@example.vn", models.SystemClock{})
	if err != nil {
		t.Fatal(err)
	}
	if id := e.MessageID(outbound()); id != "<0b7c8a0e-1d2f-4f7a-9a51-3c0d4e5f6a7b@example.vn>" {
		t.Errorf("Message-ID %s", id)
	}
}

// TestEmailFailsWithoutAddress: a recipient without email is an error the
// dispatcher retries and, in the end, reports.
func TestEmailFailsWithoutAddress(t *testing.T) {
	t.Parallel()
	srv := testnotify.NewSMTP(t)
	email, _ := notify.NewEmail(srv.URL(), models.SystemClock{})
	d := outbound()
	d.RecipientEmail = ""
	if err := email.Send(context.Background(), d); err == nil {
		t.Fatal("sent to nobody")
	}
}
