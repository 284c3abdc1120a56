package models

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"syscall"

	"github.com/lib/pq"
)

// IsUnavailable reports whether err says the database cannot be reached
// right now (down, restarting, shutting down, the connection lost) rather
// than anything about the request: the answer is then 503 with Retry-After,
// never a 500, and a retry after the restart will find it up again.
func IsUnavailable(err error) bool {
	if err == nil {
		return false
	}
	if noHostFits(err) { // before the checks below, which would judge by one host's error
		return true
	}
	var (
		pqErr *pq.Error
		opErr *net.OpError
	)
	switch {
	case errors.As(err, &pqErr):
		class := pqErr.Code.Class()
		// 08 connection exception; 57P01–57P03 admin/crash shutdown, cannot
		// connect now; 25006 a write reached a server that is (now) a
		// standby: a failover is under way, and the next connection finds
		// the new primary (target_session_attrs=read-write).
		return class == "08" || pqErr.Code == "57P01" || pqErr.Code == "57P02" || pqErr.Code == "57P03" ||
			pqErr.Code == "25006"
	case errors.As(err, &opErr):
		return true
	}
	return errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}
