package netguard

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"testing"
)

func TestAllowed(t *testing.T) {
	for addr, want := range map[string]bool{
		"203.0.113.7": true, "8.8.8.8": true, "2001:4860:4860::8888": true,
		"127.0.0.1": false, "127.9.9.9": false, "::1": false, "169.254.169.254": false, "fe80::1": false,
		"10.1.2.3": false, "172.16.0.1": false, "192.168.1.1": false, "fd00::1": false, "100.64.0.1": false,
		"224.0.0.1": false, "ff02::1": false, "0.0.0.0": false, "::": false, "::ffff:127.0.0.1": false,
		"::ffff:192.168.0.1": false, "255.255.255.255": false,
	} {
		if got := Allowed(netip.MustParseAddr(addr)); got != want {
			t.Errorf("Allowed(%s) = %v, want %v", addr, got, want)
		}
	}
}

func TestCheckHost(t *testing.T) {
	for host, ok := range map[string]bool{
		"zalo-gateway.example.vn": true, "203.0.113.7": true,
		"localhost": false, "LOCALHOST.": false, "api.localhost": false, "127.0.0.1": false, "[::1]": false,
		"169.254.169.254": false, "10.0.0.5": false,
	} {
		if err := CheckHost(host); (err == nil) != ok {
			t.Errorf("CheckHost(%q) = %v", host, err)
		}
	}
}

// TestDialRefusesLoopbackByName: the check holds at dial time, after the
// name was resolved, so a name that points home is refused too.
func TestDialRefusesLoopbackByName(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, port, _ := net.SplitHostPort(l.Addr().String())
	_, err = DialContext(false)(context.Background(), "tcp", net.JoinHostPort("localhost", port))
	if !errors.Is(err, ErrForbidden) {
		t.Fatalf("dialling localhost: %v, want ErrForbidden", err)
	}
	c, err := DialContext(true)(context.Background(), "tcp", l.Addr().String())
	if err != nil {
		t.Fatalf("allowed private: %v", err)
	}
	c.Close()
}
