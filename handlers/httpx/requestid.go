package httpx

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// RequestIDHeader carries a request's id in both directions: a trusted
// proxy may send one (so its log and ours name the same request), and every
// answer carries it so a civil servant can read it out on the phone.
const RequestIDHeader = "X-Request-Id"

// maxRequestID bounds an id taken from a proxy: it lands in every log line.
const maxRequestID = 64

type requestIDKey struct{}

// RequestIDs gives every request an id before anything else runs, so even
// the cross-origin refusal (which answers outside gin) carries it. The id
// is the trusted proxy's when the connection comes from one and it sent a
// well-formed id; any other client could otherwise choose the id of a
// request it did not make.
func RequestIDs(trusted []netip.Prefix, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := ""
		if fromProxy(trusted, r.RemoteAddr) {
			id = ParseRequestID(r.Header.Get(RequestIDHeader))
		}
		if id == "" {
			id = newRequestID()
		}
		w.Header().Set(RequestIDHeader, id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id)))
	})
}

// RequestID is the id requestIDs gave the request of ctx ("" outside one).
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// ParseRequestID returns a proxy's id when it is safe to log and to echo
// (1–64 letters, digits and . _ : -), else "".
func ParseRequestID(s string) string {
	if s == "" || len(s) > maxRequestID {
		return ""
	}
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			r == '.' || r == '_' || r == ':' || r == '-'
		if !ok {
			return ""
		}
	}
	return s
}

// idEncoding has no padding; lower-cased base32 has no 0, 1 or 8 to be
// mistaken for o, l or b when read out.
var idEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// newRequestID is 80 random bits as 16 characters: unique enough to find
// one line in a year of logs, short enough to read out.
func newRequestID() string {
	var b [10]byte
	_, _ = rand.Read(b[:])
	return strings.ToLower(idEncoding.EncodeToString(b[:]))
}

// ParseProxies reads Options.TrustedProxies as gin does (addresses or CIDR
// ranges); gin already logs an entry it cannot read, which is skipped here.
func ParseProxies(entries []string) []netip.Prefix {
	var out []netip.Prefix
	for _, e := range entries {
		if p, err := netip.ParsePrefix(e); err == nil {
			out = append(out, p.Masked())
		} else if a, err := netip.ParseAddr(e); err == nil {
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
		}
	}
	return out
}

// fromProxy says whether the connection's address is a trusted proxy.
func fromProxy(trusted []netip.Prefix, remoteAddr string) bool {
	if len(trusted) == 0 {
		return false
	}
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		host = remoteAddr
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	a = a.Unmap()
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// Observe tells Options.Observe of every answered request by the route
// pattern gin matched, never the path (a path carries ids). It runs
// outermost so that it sees the status of an answer a panic turned into a 500.
func Observe(report func(method, route string, status int, took time.Duration)) gin.HandlerFunc {
	if report == nil {
		return func(c *gin.Context) { c.Next() }
	}
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		report(c.Request.Method, c.FullPath(), c.Writer.Status(), time.Since(start))
	}
}
