# tiendo — the two commands a newcomer needs are `make run` and `make test`.
GO      ?= go
BIN     := bin/tiendo
FUZZTIME ?= 30s

.PHONY: all build bench-build run test chaos ha-test vet fmt fuzz bench bench-clean bench-go clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/tiendo

## bench-build: the benchmark command, kept out of the product binary.
BENCH_BIN := bin/tiendo-bench
bench-build:
	$(GO) build -o $(BENCH_BIN) ./cmd/tiendo-bench

## run: start tiendo with its own PostgreSQL in ./data and the demo communes.
run: build
	./$(BIN) serve -demo

## test: the whole suite on a real PostgreSQL (a throwaway private cluster,
## or TEST_DATABASE_URL), after go vet and staticcheck (a Go tool dependency
## in go.mod, so `go mod download` brings it).
test:
	$(GO) vet ./...
	$(GO) tool staticcheck ./...
	$(GO) test -race -count=1 ./...

## chaos: the long crash test of the reminder dispatch: three real replicas,
## SIGKILLed one after another for CHAOS (default 5m) over a large outbox.
## `make test` runs its short version (three kills, about 20 s).
CHAOS ?= 5m
chaos:
	TIENDO_CHAOS_DURATION=$(CHAOS) $(GO) test -count=1 -timeout 60m -v -run 'TestCrashDuringDispatch' ./cmd/tiendo/

## ha-test: the failover test of issue 18 (about two minutes; never part of
## `make test`): pg_auto_failover's monitor, primary and synchronous standby
## on loopback ports, two tiendo processes of bin/tiendo under a write load,
## kill -9 of the primary; prints its figures (README, "High availability").
ha-test: build
	TIENDO_HA_BIN=$(CURDIR)/$(BIN) $(GO) test -tags hatest -count=1 -v -timeout 20m ./internal/hatest/

vet:
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

## fuzz: run every fuzz target for FUZZTIME each.
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list 'Fuzz.*' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run XXX -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

## bench: the scale benchmark (issue 7; never part of `make test`). Generates
## BENCH_PRESET (tiny, small, province, national) into a private cluster in
## BENCH_DIR unless it is already there, then measures every figure against
## its target and the ceilings (pgbench -S, /healthz): a table on stdout and
## JSON in bench/results/. With DATABASE_URL set, that database is used.
BENCH_PRESET ?= province
BENCH_DIR    ?= $(or $(TMPDIR),/tmp)/tiendo-bench-$(BENCH_PRESET)
BENCH_ARGS   ?=
bench: build bench-build
	TIENDO_DATA_DIR=$(BENCH_DIR) ./$(BENCH_BIN) gen --preset $(BENCH_PRESET) --if-empty
	TIENDO_DATA_DIR=$(BENCH_DIR) ./$(BENCH_BIN) run --server ./$(BIN) --preset $(BENCH_PRESET) $(BENCH_ARGS)

## bench-clean: throw the generated benchmark cluster away.
bench-clean:
	rm -rf $(BENCH_DIR)

## bench-go: the Go micro-benchmarks (go test -bench).
bench-go:
	$(GO) test -run XXX -bench . -benchmem ./...

clean:
	rm -rf bin
