// Package config reads tiendo's settings from the environment, with the
// defaults a newcomer's `make run` needs.
package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// Config is every setting of the binary.
type Config struct {
	DatabaseURL   string    // DATABASE_URL: use this server and start none
	DataDir       string    // TIENDO_DATA_DIR: private PostgreSQL and files (default ./data)
	Addr          string    // TIENDO_ADDR: listen address (default 127.0.0.1:8080)
	DemoPassword  string    // TIENDO_DEMO_PASSWORD: password of the demo accounts
	SecureCookies bool      // TIENDO_SECURE_COOKIES: behind a TLS proxy
	Now           time.Time // TIENDO_NOW: start the clock at this instant (demo exploration)
	LogLevel      string    // TIENDO_LOG_LEVEL: debug, info, warn, error
}

// FromEnv reads the environment; an unparsable value is an error naming the variable.
func FromEnv() (Config, error) {
	c := Config{
		DatabaseURL:  os.Getenv("DATABASE_URL"),
		DataDir:      envOr("TIENDO_DATA_DIR", "data"),
		Addr:         envOr("TIENDO_ADDR", "127.0.0.1:8080"),
		DemoPassword: os.Getenv("TIENDO_DEMO_PASSWORD"),
		LogLevel:     envOr("TIENDO_LOG_LEVEL", "info"),
	}
	var err error
	if c.DataDir, err = filepath.Abs(c.DataDir); err != nil {
		return c, fmt.Errorf("TIENDO_DATA_DIR: %w", err)
	}
	if v := os.Getenv("TIENDO_SECURE_COOKIES"); v != "" {
		if c.SecureCookies, err = strconv.ParseBool(v); err != nil {
			return c, fmt.Errorf("TIENDO_SECURE_COOKIES: want true or false, got %q", v)
		}
	}
	if v := os.Getenv("TIENDO_NOW"); v != "" {
		if c.Now, err = time.Parse(time.RFC3339, v); err != nil {
			return c, fmt.Errorf("TIENDO_NOW: want RFC 3339 such as 2024-09-30T17:00:00+07:00, got %q", v)
		}
	}
	return c, nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
