# tiendo — the two commands a newcomer needs are `make run` and `make test`.
GO      ?= go
BIN     := bin/tiendo
FUZZTIME ?= 30s

.PHONY: all build run test chaos vet fmt fuzz bench clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/tiendo

## run: start tiendo with its own PostgreSQL in ./data and the demo communes.
run: build
	./$(BIN) serve -demo

## test: the whole suite on a real PostgreSQL (a throwaway private cluster,
## or TEST_DATABASE_URL).
test:
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

## chaos: the long crash test of the reminder dispatch: three real replicas,
## SIGKILLed one after another for CHAOS (default 5m) over a large outbox.
## `make test` runs its short version (three kills, about 20 s).
CHAOS ?= 5m
chaos:
	TIENDO_CHAOS_DURATION=$(CHAOS) $(GO) test -count=1 -timeout 60m -v -run 'TestCrashDuringDispatch' ./cmd/tiendo/

vet:
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

## fuzz: run every fuzz target for FUZZTIME each.
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list 'Fuzz.*' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run XXX -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

## bench: speed figures; never part of `make test`.
bench:
	$(GO) test -run XXX -bench . -benchmem ./...

clean:
	rm -rf bin
