package api

import (
	"strings"
	"testing"
)

// FuzzIdempotencyKey: the header parser never panics, and whatever it
// accepts is 1–255 printable ASCII characters.
func FuzzIdempotencyKey(f *testing.F) {
	for _, s := range []string{"abc", `"abc"`, `"a\"b"`, `"a\\b"`, "", `"`, `""`, "khóa", strings.Repeat("x", 256), "a\x00b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		key, err := parseIdempotencyKey([]string{s})
		if err != nil {
			return
		}
		if len(key) < 1 || len(key) > 255 {
			t.Fatalf("accepted %q of length %d", key, len(key))
		}
		for i := 0; i < len(key); i++ {
			if key[i] < 0x20 || key[i] > 0x7e {
				t.Fatalf("accepted %q with byte %#x", key, key[i])
			}
		}
	})
}
