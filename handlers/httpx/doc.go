// Package httpx is what the API and the pages share: request binding and
// strict JSON, the one error→problem mapper, the request transaction that
// commits before the first byte, security headers and body limits, the
// signed-in actor, session cookies and idempotency claims.
package httpx
