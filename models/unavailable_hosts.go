package models

import (
	"errors"
	"strings"
)

// lib/pq's words when a multi-host connection string found no host it could
// use (pq v1.12, conn.go); it has no typed error for them.
const noHostPrefix = "pq: could not connect to any of the hosts"

// wrongKind are lib/pq's target_session_attrs refusals: the host answered
// but is not the kind the pool wants (a standby where a primary is wanted,
// or the reverse).
var wrongKind = []string{
	"session is read-only", "session is not read-only",
	"server is in hot standby mode", "server is not in hot standby mode",
}

// noHostFits reports whether err is lib/pq's "could not connect to any of
// the hosts" with every host down or of the wrong kind: a failover in
// progress (the old primary demoted, the standby not yet promoted), over in
// seconds. A host that refused for any other reason (a password) makes it
// something a retry does not mend.
func noHostFits(err error) bool {
	for err != nil && !strings.HasPrefix(err.Error(), noHostPrefix) {
		err = errors.Unwrap(err)
	}
	if err == nil {
		return false
	}
	var joined interface{ Unwrap() []error }
	if !errors.As(err, &joined) {
		return false
	}
	for _, e := range joined.Unwrap() {
		if !IsUnavailable(e) && !isWrongKind(e) {
			return false
		}
	}
	return true
}

func isWrongKind(err error) bool {
	msg := err.Error()
	for _, s := range wrongKind {
		if strings.HasSuffix(msg, ": "+s) || msg == s {
			return true
		}
	}
	return false
}
