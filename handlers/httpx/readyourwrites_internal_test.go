package httpx

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"
)

// FuzzLastWriteCookie: whatever the cookie holds, reading it never fails the
// request, and only a positive number of milliseconds is believed.
func FuzzLastWriteCookie(f *testing.F) {
	for _, s := range []string{"1796312147569", "0", "-5", "abc", "", "99999999999999999999", "1e3"} {
		f.Add(s)
	}
	rw := ReadYourWrites{Window: 10 * time.Second}
	f.Fuzz(func(t *testing.T, v string) {
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set("Cookie", lastWriteCookie+"="+v)
		ctx := rw.withLastWrite(context.Background(), req)
		if ctx == context.Background() {
			return
		}
		if c, err := req.Cookie(lastWriteCookie); err != nil || c.Value == "" || c.Value[0] == '-' || c.Value == "0" {
			t.Errorf("cookie %q believed", v)
		}
	})
}
