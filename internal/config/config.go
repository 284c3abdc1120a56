// Package config reads tiendo's settings from the environment, with the
// defaults a newcomer's `make run` needs.
package config

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is every setting of the binary.
type Config struct {
	DatabaseURL string // DATABASE_URL: use this server and start none
	// DATABASE_REPLICA_URL: a streaming hot standby GET requests read from
	// (optional; needs DATABASE_URL)
	ReplicaURL string
	// TIENDO_REPLICA_MAX_LAG: beyond this lag reads go to the primary (default 10s)
	ReplicaMaxLag time.Duration
	DataDir       string    // TIENDO_DATA_DIR: private PostgreSQL and files (default ./data)
	Addr          string    // TIENDO_ADDR: listen address (default 127.0.0.1:8080)
	DemoPassword  string    // TIENDO_DEMO_PASSWORD: password of the demo accounts
	SecureCookies bool      // TIENDO_SECURE_COOKIES: behind a TLS proxy
	Now           time.Time // TIENDO_NOW: start the clock at this instant (demo exploration)
	LogLevel      string    // TIENDO_LOG_LEVEL: debug, info, warn, error
	Scheduler     bool      // TIENDO_SCHEDULER: run the scheduled jobs in serve (default on)
	// TIENDO_TRUSTED_PROXIES: comma-separated addresses or CIDR ranges of the
	// reverse proxies whose X-Forwarded-For names the client (default none)
	TrustedProxies []string
	Notify         Notify // reminder delivery: TIENDO_SMTP_URL, TIENDO_DISPATCH_* (notify.go)
	// TIENDO_METRICS_ADDR: where /metrics listens, apart from the site so it
	// is never public by accident (default: nowhere, no metrics)
	MetricsAddr string
}

// FromEnv reads the environment; an unparsable value is an error naming the variable.
func FromEnv() (Config, error) {
	c := Config{
		DatabaseURL:  os.Getenv("DATABASE_URL"),
		ReplicaURL:   os.Getenv("DATABASE_REPLICA_URL"),
		DataDir:      envOr("TIENDO_DATA_DIR", "data"),
		Addr:         envOr("TIENDO_ADDR", "127.0.0.1:8080"),
		DemoPassword: os.Getenv("TIENDO_DEMO_PASSWORD"),
		LogLevel:     envOr("TIENDO_LOG_LEVEL", "info"),
		MetricsAddr:  os.Getenv("TIENDO_METRICS_ADDR"),
	}
	var err error
	if c.Scheduler, err = envSwitch("TIENDO_SCHEDULER", true); err != nil {
		return c, err
	}
	if c.SecureCookies, err = envSwitch("TIENDO_SECURE_COOKIES", false); err != nil {
		return c, err
	}
	if c.TrustedProxies, err = addressList("TIENDO_TRUSTED_PROXIES"); err != nil {
		return c, err
	}
	if err = c.replicaFromEnv(); err != nil {
		return c, err
	}
	if c.Notify, err = notifyFromEnv(); err != nil {
		return c, err
	}
	if c.DataDir, err = filepath.Abs(c.DataDir); err != nil {
		return c, fmt.Errorf("TIENDO_DATA_DIR: %w", err)
	}
	if v := os.Getenv("TIENDO_NOW"); v != "" {
		if c.Now, err = time.Parse(time.RFC3339, v); err != nil {
			return c, fmt.Errorf("TIENDO_NOW: want RFC 3339 such as 2024-09-30T17:00:00+07:00, got %q", v)
		}
	}
	return c, nil
}

// replicaFromEnv checks the standby's settings.
func (c *Config) replicaFromEnv() error {
	c.ReplicaMaxLag = 10 * time.Second
	if v := os.Getenv("TIENDO_REPLICA_MAX_LAG"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return fmt.Errorf("TIENDO_REPLICA_MAX_LAG: want a duration such as 10s, got %q", v)
		}
		c.ReplicaMaxLag = d
	}
	for key, dsn := range map[string]string{"DATABASE_URL": c.DatabaseURL, "DATABASE_REPLICA_URL": c.ReplicaURL} {
		if err := checkHostPorts(key, dsn); err != nil {
			return err
		}
	}
	if c.ReplicaURL != "" && c.DatabaseURL == "" {
		return fmt.Errorf("DATABASE_REPLICA_URL: a standby needs its primary in DATABASE_URL (the private cluster has none)")
	}
	return nil
}

// checkHostPorts refuses a URL naming several hosts each with its port
// (postgres://u@db1:5432,db2:5433/tiendo): lib/pq takes it without a word
// and connects to both on 5432, which a failover would only reveal.
func checkHostPorts(key, dsn string) error {
	rest, ok := strings.CutPrefix(dsn, "postgres://")
	if !ok {
		if rest, ok = strings.CutPrefix(dsn, "postgresql://"); !ok {
			return nil // key=value form: host=db1,db2 port=5432,5433 is read right
		}
	}
	authority, _, _ := strings.Cut(rest, "/")
	authority, _, _ = strings.Cut(authority, "?")
	if i := strings.LastIndex(authority, "@"); i >= 0 {
		authority = authority[i+1:]
	}
	hosts := strings.Split(authority, ",")
	if len(hosts) < 2 {
		return nil
	}
	for _, h := range hosts {
		if i := strings.LastIndex(h, "]"); i >= 0 { // [::1]:5433
			h = h[i+1:]
		}
		if strings.Contains(h, ":") {
			return fmt.Errorf("%s: with several hosts give the ports apart, as in postgres://tiendo@db1,db2/tiendo?port=5432,5433 (lib/pq would connect to %q on 5432)", key, authority)
		}
	}
	return nil
}

// envSwitch reads an on/off variable; unset means def.
func envSwitch(key string, def bool) (bool, error) {
	switch v := os.Getenv(key); v {
	case "":
		return def, nil
	case "on", "yes":
		return true, nil
	case "off", "no":
		return false, nil
	default:
		b, err := strconv.ParseBool(v)
		if err != nil {
			return false, fmt.Errorf("%s: want on or off, got %q", key, v)
		}
		return b, nil
	}
}

// addressList reads a comma-separated list of IP addresses and CIDR ranges.
func addressList(key string) ([]string, error) {
	var out []string
	for _, v := range strings.Split(os.Getenv(key), ",") {
		if v = strings.TrimSpace(v); v == "" {
			continue
		}
		if _, _, err := net.ParseCIDR(v); err != nil && net.ParseIP(v) == nil {
			return nil, fmt.Errorf("%s: %q is neither an IP address nor a CIDR range", key, v)
		}
		out = append(out, v)
	}
	return out, nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
