package models_test

import (
	"database/sql"
	"errors"
	"fmt"
	"testing"

	"github.com/lib/pq"

	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/models"
)

// During a failover every host of a multi-host DATABASE_URL can answer with
// none of them of the wanted kind: the old primary demoted, the standby not
// yet promoted (a switchover, or a partitioned primary its keeper demoted).
// lib/pq then says it could connect to none of the hosts; that is the
// database being unavailable for a few seconds (503 with Retry-After), not a
// bug (500). Here both hosts are the test cluster, a primary, and the pool
// wants a standby: the same error, each host of the wrong kind.
func TestUnavailableWhenNoHostIsOfTheWantedKind(t *testing.T) {
	cfg, err := pq.NewConfig(testdb.NewDSN(t))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Multi = []pq.ConfigMultihost{{Host: cfg.Host, Hostaddr: cfg.Hostaddr, Port: cfg.Port}}
	cfg.TargetSessionAttrs = pq.TargetSessionAttrsStandby
	c, err := pq.NewConnectorConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(c)
	defer db.Close()
	err = db.Ping()
	if err == nil {
		t.Fatal("connected to a primary with target_session_attrs=standby")
	}
	if !models.IsUnavailable(err) {
		t.Errorf("%v: not unavailable", err)
	}
}

// A multi-host failure that a retry cannot mend stays a 500: a refused
// password on every host, or an error of some other kind on one of them.
func TestNoHostFitsOnlyForFailoverReasons(t *testing.T) {
	allHosts := func(errs ...error) error {
		for i, e := range errs {
			errs[i] = fmt.Errorf("connecting to db%d:5432: %w", i+1, e)
		}
		return fmt.Errorf("pq: could not connect to any of the hosts:\n%w", errors.Join(errs...))
	}
	auth := &pq.Error{Code: "28P01"}
	for _, err := range []error{allHosts(auth, auth), allHosts(errors.New("session is read-only"), errors.New("boom"))} {
		if models.IsUnavailable(err) {
			t.Errorf("%v: unavailable", err)
		}
	}
	failover := allHosts(errors.New("session is read-only"), errors.New("server is in hot standby mode"))
	for _, err := range []error{failover, fmt.Errorf("database: switching to role tiendo_app: %w", failover)} {
		if !models.IsUnavailable(err) {
			t.Errorf("%v: not unavailable", err)
		}
	}
}
