//go:build hatest

package hatest

import (
	"context"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tiendo/tiendo/internal/pglocal"
)

// harness is everything the test started, torn down once whatever happens:
// at the end, on failure, or on Ctrl-C.
type harness struct {
	f       *formation
	servers []*tiendoServer
	bin     string    // the tiendo binary
	started time.Time // when the first tiendo process started (its clock: demoNow)
	once    sync.Once
}

func (h *harness) teardown(t testing.TB) {
	h.once.Do(func() {
		for _, s := range h.servers {
			if s != nil {
				s.d.stop(syscall.SIGTERM, 15*time.Second)
			}
		}
		if err := h.f.down(); err != nil {
			t.Logf("teardown: %v", err)
		}
	})
}

// newHarness starts the three clusters and returns with replication
// synchronous; Ctrl-C or the end of the test tears them down.
func newHarness(t *testing.T, ctx context.Context) *harness {
	acct, err := currentAccount()
	if err != nil {
		t.Fatal(err)
	}
	bin, err := pglocal.BinDir()
	if err != nil {
		t.Fatal(err)
	}
	autoctl, err := findAutoctl(bin)
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "tiendo-ha-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil { // the postgres account must enter it
		t.Fatal(err)
	}
	h := &harness{f: &formation{acct: acct, dir: dir, bin: bin, autoctl: autoctl}}
	t.Cleanup(func() { h.teardown(t) })
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		h.teardown(t)
		os.Exit(130)
	}()
	return h
}

func (h *harness) fail(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, n := range []*pgNode{h.f.monitor, h.f.nodes[0], h.f.nodes[1]} {
		if n != nil && n.d != nil {
			t.Log(n.d.tail(40))
		}
	}
	for _, s := range h.servers {
		t.Log(s.d.tail(40))
	}
	t.Fatal(err)
}

func ports(t *testing.T) [3]int {
	var p [3]int
	for i := range p {
		var err error
		if p[i], err = freePort(); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

// TestFailover is issue 18's proof; see the README, "Chạy nhiều máy".
func TestFailover(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	h := newHarness(t, ctx)
	began := time.Now()
	h.fail(t, h.f.up(ctx, ports(t)))
	t.Logf("formation up in %v\n%s", time.Since(began).Round(time.Second), h.f.showState(ctx))
	h.fail(t, h.f.prepareDatabase(ctx))
	var err error
	h.bin, err = tiendoBinary(ctx, h.f.dir)
	h.fail(t, err)
	h.fail(t, seed(ctx, h.bin, h.f.tiendoEnv(h.f.dir+"/files")))
	h.started = time.Now()
	for _, name := range []string{"tiendo-a", "tiendo-b"} {
		s, err := startTiendo(ctx, h.bin, h.f.tiendoEnv(h.f.dir+"/"+name), name)
		if s != nil {
			h.servers = append(h.servers, s)
		}
		h.fail(t, err)
	}
	r := h.run(t, ctx)
	r.readsBy = readsBy(h.servers)
	r.print(t)
	r.judge(t)
}
