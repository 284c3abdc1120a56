package config

import (
	"strings"
	"testing"
	"time"
)

// TestReplicaSettings: the standby's settings are read, defaulted and
// refused with the variable's name.
func TestReplicaSettings(t *testing.T) {
	t.Setenv("DATABASE_URL", "postgres://tiendo@db1,db2/tiendo?target_session_attrs=read-write")
	t.Setenv("DATABASE_REPLICA_URL", "postgres://tiendo@db2/tiendo")
	c, err := FromEnv()
	if err != nil || c.ReplicaURL == "" || c.ReplicaMaxLag != 10*time.Second {
		t.Fatalf("defaults: %v, %q, %s", err, c.ReplicaURL, c.ReplicaMaxLag)
	}
	t.Setenv("TIENDO_REPLICA_MAX_LAG", "3s")
	if c, err = FromEnv(); err != nil || c.ReplicaMaxLag != 3*time.Second {
		t.Fatalf("3s: %v, %s", err, c.ReplicaMaxLag)
	}
	for _, bad := range []string{"10", "-1s", "0s", "soon"} {
		t.Setenv("TIENDO_REPLICA_MAX_LAG", bad)
		if _, err := FromEnv(); err == nil || !strings.Contains(err.Error(), "TIENDO_REPLICA_MAX_LAG") {
			t.Errorf("TIENDO_REPLICA_MAX_LAG=%q: %v", bad, err)
		}
	}
	t.Setenv("TIENDO_REPLICA_MAX_LAG", "")
	t.Setenv("DATABASE_URL", "")
	if _, err := FromEnv(); err == nil || !strings.Contains(err.Error(), "DATABASE_REPLICA_URL") {
		t.Errorf("a standby without DATABASE_URL: %v", err)
	}
}

// TestHostPortsApart: a URL with several host:port pairs, which lib/pq
// would connect to on 5432 each, is refused naming the variable; the forms
// lib/pq reads right pass.
func TestHostPortsApart(t *testing.T) {
	for dsn, ok := range map[string]bool{
		"postgres://tiendo@db1:5432,db2:5433/tiendo":                              false,
		"postgresql://u:p@10.0.0.1:5432,10.0.0.2/tiendo?sslmode=disable":          false,
		"postgres://tiendo@[fd00::1]:5432,[fd00::2]:5432/tiendo":                  false,
		"postgres://tiendo@db1,db2/tiendo?port=5432,5433":                         true,
		"postgres://tiendo@db1:5432/tiendo":                                       true,
		"postgres://tiendo@[fd00::1],[fd00::2]/tiendo?port=5432,5432":             true,
		"host=db1,db2 port=5432,5433 user=tiendo target_session_attrs=read-write": true,
		"": true,
	} {
		err := checkHostPorts("DATABASE_URL", dsn)
		if (err == nil) != ok || (err != nil && !strings.Contains(err.Error(), "DATABASE_URL")) {
			t.Errorf("%q: %v", dsn, err)
		}
	}
}
