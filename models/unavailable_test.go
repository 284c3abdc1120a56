package models

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"testing"

	"github.com/lib/pq"
)

func TestIsUnavailable(t *testing.T) {
	down := []error{
		driver.ErrBadConn, io.ErrUnexpectedEOF, fmt.Errorf("query: %w", syscall.ECONNREFUSED),
		&net.OpError{Op: "dial", Net: "unix", Err: syscall.ENOENT},
		&pq.Error{Code: "57P01"}, &pq.Error{Code: "57P03"}, &pq.Error{Code: "08006"}, &pq.Error{Code: "25006"},
	}
	for _, err := range down {
		if !IsUnavailable(err) {
			t.Errorf("%v: not unavailable", err)
		}
	}
	for _, err := range []error{nil, errors.New("boom"), &pq.Error{Code: "23505"}, &pq.Error{Code: "42P01"},
		ErrNotFound, &ValidationError{}} {
		if IsUnavailable(err) {
			t.Errorf("%v: unavailable", err)
		}
	}
}
