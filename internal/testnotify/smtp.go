// Package testnotify runs the receivers that notification tests deliver to:
// a real SMTP server (emersion/go-smtp) and a webhook endpoint that checks
// Standard Webhooks signatures. Both record what arrived, repeats included.
package testnotify

import (
	"errors"
	"io"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Mail is one message as the SMTP server received it.
type Mail struct {
	From      string
	To        []string
	MessageID string
	Header    mail.Header
	Raw       []byte
}

// SMTP is an SMTP server on a loopback port that keeps every message.
type SMTP struct {
	Addr string
	// Delay, when set, is how long each message's DATA takes, to widen the
	// window in which a test can kill its sender.
	Delay time.Duration
	// RefuseRcpt, when set, answers every recipient with 550 5.1.1 (no
	// such mailbox): a refusal no retry changes.
	RefuseRcpt bool

	srv  *smtp.Server
	mu   sync.Mutex
	mail []Mail
}

// NewSMTP starts a server, stopped when t ends.
func NewSMTP(t testing.TB) *SMTP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &SMTP{Addr: ln.Addr().String()}
	s.srv = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{srv: s}, nil }))
	s.srv.Domain = "localhost"
	s.srv.AllowInsecureAuth = true
	s.srv.ReadTimeout, s.srv.WriteTimeout = 30*time.Second, 30*time.Second
	s.srv.ErrorLog = quietLog{}
	go func() { _ = s.srv.Serve(ln) }()
	t.Cleanup(func() { s.srv.Close() })
	return s
}

// URL is a TIENDO_SMTP_URL for this server.
func (s *SMTP) URL() string { return "smtp://" + s.Addr + "?from=tiendo@xa.example.vn" }

// Messages is a copy of what arrived so far, in order.
func (s *SMTP) Messages() []Mail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Mail(nil), s.mail...)
}

type session struct {
	srv  *SMTP
	from string
	to   []string
}

func (s *session) Reset()        { s.from, s.to = "", nil }
func (s *session) Logout() error { return nil }

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if s.srv.RefuseRcpt {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox"}
	}
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	time.Sleep(s.srv.Delay)
	msg, err := mail.ReadMessage(strings.NewReader(string(raw)))
	if err != nil {
		return errors.New("554 unparsable message")
	}
	s.srv.mu.Lock()
	defer s.srv.mu.Unlock()
	s.srv.mail = append(s.srv.mail, Mail{From: s.from, To: s.to, MessageID: msg.Header.Get("Message-ID"),
		Header: msg.Header, Raw: raw})
	return nil
}

// quietLog drops the server's connection chatter (a killed client's EOF).
type quietLog struct{}

func (quietLog) Printf(string, ...any) {}
func (quietLog) Println(...any)        {}
