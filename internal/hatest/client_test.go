//go:build hatest

package hatest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// loadUser is a person of one commune signed in through the API.
type loadUser struct {
	name      string
	communeID int64
	token     string
	tasks     []int64 // tasks this person reports on
	readOnly  bool    // only reads (its reads may go to the standby: no write of its own to wait for)
}

var httpClient = &http.Client{Timeout: 20 * time.Second}

// call sends one API request; the status is 0 when no answer came (the
// connection failed or timed out).
func call(ctx context.Context, method, url, token string, body any, header map[string]string) (int, []byte, http.Header, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, nil, nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return 0, nil, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := httpClient.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, b, res.Header, err
}

// login signs the person in and keeps the API token.
func (u *loadUser) login(ctx context.Context, base string) error {
	st, b, _, err := call(ctx, "POST", base+"/api/v1/auth/login", "",
		map[string]string{"username": u.name, "password": demoPassword}, nil)
	if err != nil || st != http.StatusOK {
		return fmt.Errorf("login %s: %d %v %s", u.name, st, err, b)
	}
	var res struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal(b, &res); err != nil {
		return err
	}
	u.token = res.Token
	return nil
}

// progressAnswer is the part of a 201 the load generator keeps.
type progressAnswer struct {
	Progress struct {
		ID      int64 `json:"id"`
		TaskID  int64 `json:"task_id"`
		Percent int   `json:"percent"`
	} `json:"progress"`
}

// taskPage is the part of GET /tasks the isolation check reads.
type taskPage struct {
	Items []struct {
		ID int64 `json:"id"`
	} `json:"items"`
}

// readsBy sums tiendo_reads_total over the processes' /metrics: how many
// GETs read from the primary and how many from the standby
// (DATABASE_REPLICA_URL).
func readsBy(servers []*tiendoServer) map[string]int {
	out := map[string]int{}
	for _, s := range servers {
		st, body, _, err := call(context.Background(), "GET", s.metrics+"/metrics", "", nil, nil)
		if err != nil || st != http.StatusOK {
			continue
		}
		for _, line := range strings.Split(string(body), "\n") {
			rest, ok := strings.CutPrefix(line, `tiendo_reads_total{server="`)
			if !ok {
				continue
			}
			server, value, _ := strings.Cut(rest, `"} `)
			if n, err := strconv.ParseFloat(value, 64); err == nil {
				out[server] += int(n)
			}
		}
	}
	return out
}
