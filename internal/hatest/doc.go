// Package hatest is the high-availability test of issue 18 (`make ha-test`):
// three PostgreSQL clusters under pg_auto_failover, two tiendo processes and
// a write load across a kill -9 of the primary. Its files carry the hatest
// build tag, so `make test` and `go vet ./...` never start it (it takes
// minutes and needs the pg_auto_failover packages).
package hatest
