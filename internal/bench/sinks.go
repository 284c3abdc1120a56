package bench

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"time"

	"github.com/emersion/go-smtp"
)

// webhookSink is a local endpoint that answers every webhook with 204.
type webhookSink struct {
	srv *httptest.Server
	n   atomic.Int64
}

func newWebhookSink() *webhookSink {
	s := &webhookSink{}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		s.n.Add(1)
		w.WriteHeader(http.StatusNoContent)
	}))
	return s
}

func (s *webhookSink) Close() { s.srv.Close() }

// smtpSink is a local SMTP server that accepts and drops every message.
type smtpSink struct {
	addr string
	srv  *smtp.Server
	n    atomic.Int64
}

func newSMTPSink() (*smtpSink, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &smtpSink{addr: ln.Addr().String()}
	s.srv = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &sinkSession{s}, nil }))
	s.srv.Domain = "localhost"
	s.srv.AllowInsecureAuth = true
	s.srv.ReadTimeout, s.srv.WriteTimeout = 30*time.Second, 30*time.Second
	s.srv.ErrorLog = quiet{}
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// URL is a TIENDO_SMTP_URL for the sink.
func (s *smtpSink) URL() string { return "smtp://" + s.addr + "?from=tiendo@bench.example.vn" }

func (s *smtpSink) Close() { s.srv.Close() }

type sinkSession struct{ s *smtpSink }

func (*sinkSession) Reset()                               { /* nothing kept */ }
func (*sinkSession) Logout() error                        { return nil }
func (*sinkSession) Mail(string, *smtp.MailOptions) error { return nil }
func (*sinkSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (x *sinkSession) Data(r io.Reader) error {
	_, err := io.Copy(io.Discard, r)
	x.s.n.Add(1)
	return err
}

type quiet struct{}

func (quiet) Printf(string, ...any) {}
func (quiet) Println(...any)        {}
