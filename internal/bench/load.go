package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"
)

// client is the load generator's HTTP client: keep-alive connections to the
// server under test only, which listens on 127.0.0.1.
type client struct {
	base string // http://127.0.0.1:PORT
	http *http.Client
}

func newClient(base string, conns int) (*client, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, err
	}
	if host := u.Hostname(); host != "127.0.0.1" {
		return nil, fmt.Errorf("bench: the load generator targets only 127.0.0.1, not %s", host)
	}
	tr := &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConns:        conns * 2,
		MaxIdleConnsPerHost: conns * 2,
		MaxConnsPerHost:     conns * 2,
		IdleConnTimeout:     time.Minute,
	}
	return &client{base: base, http: &http.Client{Transport: tr, Timeout: time.Minute}}, nil
}

// request is one call: method, path (with query), bearer token and body.
type request struct {
	method, path, token string
	body                []byte
}

// do sends r and drains the answer; it returns the status, the body's size and
// the latency.
func (c *client) do(ctx context.Context, r request) (int, []byte, time.Duration, error) {
	var body io.Reader
	if r.body != nil {
		body = bytesReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, c.base+r.path, body)
	if err != nil {
		return 0, nil, 0, err
	}
	if r.token != "" {
		req.Header.Set("Authorization", "Bearer "+r.token)
	}
	if r.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	t0 := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil, time.Since(t0), err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, b, time.Since(t0), err
}

// loadResult is what a load of concurrent clients measured.
type loadResult struct {
	Requests  int
	Errors    int
	FirstErr  string
	Elapsed   time.Duration
	Latencies []time.Duration
	// PerSecond counts the requests completed in each second of the load,
	// so that a throughput is a median of samples, as pgbench -P 1 gives.
	PerSecond []int
}

// Rates are the per-second throughputs of the whole seconds of the load.
func (l loadResult) Rates() []float64 {
	n := int(l.Elapsed / time.Second)
	out := make([]float64, 0, n)
	for i := 0; i < n && i < len(l.PerSecond); i++ {
		out = append(out, float64(l.PerSecond[i]))
	}
	if len(out) == 0 {
		out = append(out, l.RPS())
	}
	return out
}

// RPS is the completed requests per second.
func (l loadResult) RPS() float64 { return float64(l.Requests) / l.Elapsed.Seconds() }

// load runs clients loops for d (or until each made max requests, when max
// > 0); next gives client i's j-th request and want its expected status.
func (c *client) load(ctx context.Context, clients int, d time.Duration, max int, want int,
	next func(i, j int) request) loadResult {
	ctx, cancel := context.WithTimeout(ctx, d+30*time.Second)
	defer cancel()
	var (
		mu  sync.Mutex
		res loadResult
		wg  sync.WaitGroup
	)
	t0 := time.Now()
	deadline := t0.Add(d)
	for i := range clients {
		wg.Go(func() {
			var (
				lat       []time.Duration
				perSecond []int
			)
			errs, first := 0, ""
			for j := 0; (max > 0 && j < max) || (max <= 0 && time.Now().Before(deadline)); j++ {
				status, body, took, err := c.do(ctx, next(i, j))
				if err == nil && status != want {
					err = fmt.Errorf("status %d: %.200s", status, body)
				}
				if err != nil {
					errs++
					if first == "" {
						first = err.Error()
					}
					if ctx.Err() != nil {
						break
					}
					continue
				}
				lat = append(lat, took)
				sec := int(time.Since(t0) / time.Second)
				for len(perSecond) <= sec {
					perSecond = append(perSecond, 0)
				}
				perSecond[sec]++
			}
			mu.Lock()
			defer mu.Unlock()
			res.Latencies = append(res.Latencies, lat...)
			for len(res.PerSecond) < len(perSecond) {
				res.PerSecond = append(res.PerSecond, 0)
			}
			for k, n := range perSecond {
				res.PerSecond[k] += n
			}
			res.Requests += len(lat)
			res.Errors += errs
			if res.FirstErr == "" {
				res.FirstErr = first
			}
		})
	}
	wg.Wait()
	res.Elapsed = time.Since(t0)
	return res
}

// quantile is the q-quantile (0…1) of xs by the nearest-rank method.
func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	k := int(q*float64(len(s))+0.999999) - 1
	return s[min(max(k, 0), len(s)-1)]
}

func millis(ds []time.Duration) []float64 {
	out := make([]float64, len(ds))
	for i, d := range ds {
		out[i] = float64(d) / float64(time.Millisecond)
	}
	return out
}

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }
