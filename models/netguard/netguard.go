// Package netguard keeps the requests tiendo makes on a commune's behalf
// (webhooks) away from the server's own network: loopback, link-local (cloud
// metadata at 169.254.169.254), private, shared (CGNAT), multicast and
// unspecified addresses. A commune admin chooses the URL, so without it the
// delivery log would be a port scanner of the machine and its intranet.
package netguard

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"syscall"
)

// ErrForbidden is the reason given for a destination inside the server's
// own networks; it names no address, for it is shown to the commune.
var ErrForbidden = errors.New("địa chỉ nhận thuộc mạng nội bộ, không được phép / destination is on a private network")

// shared is RFC 6598's carrier-grade NAT range, private in all but name.
var shared = netip.MustParsePrefix("100.64.0.0/10")

// Allowed reports whether ip is a public unicast address.
func Allowed(ip netip.Addr) bool {
	ip = ip.Unmap()
	return ip.IsValid() && ip.IsGlobalUnicast() && !ip.IsPrivate() && !shared.Contains(ip) &&
		!ip.IsLoopback() && !ip.IsLinkLocalUnicast() && !ip.IsMulticast() && !ip.IsUnspecified()
}

// CheckHost refuses a host that is, as written, an address that is not
// Allowed or a name of this machine. Names are checked again when dialled
// (Control), since a public name may resolve to a private address.
func CheckHost(host string) error {
	h := strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return ErrForbidden
	}
	if ip, err := netip.ParseAddr(h); err == nil && !Allowed(ip) {
		return ErrForbidden
	}
	return nil
}

// Control is a net.Dialer Control function that refuses to connect to an
// address that is not Allowed. It runs after name resolution, on the address
// actually dialled, so a name resolving to 127.0.0.1 is refused as well.
func Control(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("netguard: %q: %w", address, err)
	}
	if !Allowed(ap.Addr()) {
		return &DialError{Addr: ap.Addr()}
	}
	return nil
}

// DialError is a refused dial; its address is for the operator's log only.
type DialError struct{ Addr netip.Addr }

func (e *DialError) Error() string { return "netguard: refused to dial " + e.Addr.String() }

// Unwrap makes errors.Is(err, ErrForbidden) hold.
func (e *DialError) Unwrap() error { return ErrForbidden }

// DialContext is a dialer's DialContext that applies Control unless
// allowPrivate (TIENDO_WEBHOOK_ALLOW_PRIVATE, for tests and intranets).
func DialContext(allowPrivate bool) func(ctx context.Context, network, addr string) (net.Conn, error) {
	d := &net.Dialer{}
	if !allowPrivate {
		d.Control = Control
	}
	return d.DialContext
}
