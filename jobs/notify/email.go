package notify

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/url"
	"strings"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
)

// Email sends each delivery as a plain-text UTF-8 message over SMTP. Every
// attempt of one delivery carries the same Message-ID, so a mailbox or relay
// that sees a repeat (after a crash between sending and recording) can drop it.
type Email struct {
	addr        string // host:port
	host        string
	implicitTLS bool // smtps://
	startTLS    bool
	user, pass  string
	from        *mail.Address
	domain      string // of the Message-ID
	// BaseURL, when set, turns a message's link into an absolute URL.
	BaseURL string
	Clock   models.Clock
	// TLSConfig is used for smtps:// and STARTTLS; nil verifies against the
	// system roots as usual.
	TLSConfig *tls.Config
}

// NewEmail reads TIENDO_SMTP_URL: smtp://user:pass@host:port?from=addr for
// SMTP with STARTTLS (plain only to a loopback host, or with
// starttls=false), smtps:// for TLS from the first byte. from defaults to
// tiendo@host.
func NewEmail(rawURL string, clock models.Clock) (*Email, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return nil, errors.New("TIENDO_SMTP_URL: want smtp://user:pass@host:port?from=address or smtps://…")
	}
	e := &Email{host: u.Hostname(), implicitTLS: u.Scheme == "smtps", Clock: clock}
	port := u.Port()
	if port == "" {
		port = map[bool]string{true: "465", false: "587"}[e.implicitTLS]
	}
	e.addr = net.JoinHostPort(e.host, port)
	e.startTLS = !e.implicitTLS && u.Query().Get("starttls") != "false" && !isLoopback(e.host)
	if u.User != nil {
		e.user = u.User.Username()
		e.pass, _ = u.User.Password()
	}
	from := u.Query().Get("from")
	if from == "" {
		from = "tiendo@" + e.host
	}
	if e.from, err = mail.ParseAddress(from); err != nil {
		return nil, fmt.Errorf("TIENDO_SMTP_URL: from=%q: %w", from, err)
	}
	e.domain = e.from.Address[strings.LastIndex(e.from.Address, "@")+1:]
	return e, nil
}

func isLoopback(host string) bool {
	ip := net.ParseIP(host)
	return host == "localhost" || (ip != nil && ip.IsLoopback())
}

// Name implements Channel.
func (*Email) Name() string { return "email" }

// MessageID is the Message-ID header of delivery d, the same on every attempt.
func (e *Email) MessageID(d *deadlines.Outbound) string {
	return "<" + d.MessageID + "@" + e.domain + ">"
}

// Send implements Channel.
func (e *Email) Send(ctx context.Context, d *deadlines.Outbound) error {
	if d.RecipientEmail == "" {
		return errors.New("email: the recipient has no email address")
	}
	c, err := e.dial(ctx)
	if err != nil {
		return fmt.Errorf("email: %w", err)
	}
	defer c.Close()
	if e.user != "" {
		if err := c.Auth(sasl.NewPlainClient("", e.user, e.pass)); err != nil {
			return fmt.Errorf("email: auth: %w", err)
		}
	}
	if err := c.SendMail(e.from.Address, []string{d.RecipientEmail}, bytes.NewReader(e.message(d))); err != nil {
		var se *smtp.SMTPError
		if errors.As(err, &se) && se.Code >= 500 {
			// A 5xx reply (no such mailbox, message refused) will not change.
			return &PermanentError{Err: fmt.Errorf("email: %w", err)}
		}
		return fmt.Errorf("email: %w", err)
	}
	return c.Quit()
}

// dial connects within ctx's deadline, with TLS as the URL asked.
func (e *Email) dial(ctx context.Context) (*smtp.Client, error) {
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", e.addr)
	if err != nil {
		return nil, err
	}
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	cfg := e.TLSConfig
	if cfg == nil {
		cfg = &tls.Config{ServerName: e.host}
	}
	switch {
	case e.implicitTLS:
		return smtp.NewClient(tls.Client(conn, cfg)), nil
	case e.startTLS:
		return smtp.NewClientStartTLS(conn, cfg)
	}
	return smtp.NewClient(conn), nil
}

// message is the RFC 5322 message of d.
func (e *Email) message(d *deadlines.Outbound) []byte {
	var b bytes.Buffer
	from := mail.Address{Name: d.CommuneName + " (tiendo)", Address: e.from.Address}
	to := mail.Address{Name: d.RecipientName, Address: d.RecipientEmail}
	header := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	header("From", from.String())
	header("To", to.String())
	header("Subject", mime.QEncoding.Encode("utf-8", d.Title))
	header("Date", e.Clock.Now().Format(time.RFC1123Z))
	header("Message-ID", e.MessageID(d))
	header("Auto-Submitted", "auto-generated")
	header("X-Tiendo-Delivery", fmt.Sprint(d.ID))
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	b.WriteString("\r\n")
	text := d.Body
	if d.Link != "" {
		text += "\n\n" + strings.TrimSuffix(e.BaseURL, "/") + d.Link
	}
	qp := quotedprintable.NewWriter(&b)
	_, _ = qp.Write([]byte(strings.ReplaceAll(text, "\n", "\r\n")))
	_ = qp.Close()
	return b.Bytes()
}
