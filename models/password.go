package models

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// PasswordParams are argon2id's cost settings; they are stored inside every
// hash, so raising them later does not break existing accounts.
type PasswordParams struct {
	MemoryKiB uint32
	Time      uint32
	Threads   uint8
}

// DefaultPasswordParams follow OWASP's argon2id baseline (19 MiB, 2 passes).
var DefaultPasswordParams = PasswordParams{MemoryKiB: 19 * 1024, Time: 2, Threads: 1}

// TestPasswordParams are cheap settings for tests; never use them in production.
var TestPasswordParams = PasswordParams{MemoryKiB: 64, Time: 1, Threads: 1}

const argonKeyLen = 32

// HashPassword returns a PHC-format argon2id hash of pw.
func HashPassword(pw string, p PasswordParams) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.MemoryKiB, p.Threads, argonKeyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version,
		p.MemoryKiB, p.Time, p.Threads, enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// CheckPassword reports whether pw matches the PHC hash, in constant time.
func CheckPassword(pw, hash string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errors.New("password hash: not argon2id")
	}
	var version int
	var p PasswordParams
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errors.New("password hash: unsupported version")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.MemoryKiB, &p.Time, &p.Threads); err != nil {
		return false, fmt.Errorf("password hash: %w", err)
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[4])
	want, err2 := enc.DecodeString(parts[5])
	if err := errors.Join(err1, err2); err != nil {
		return false, fmt.Errorf("password hash: %w", err)
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.MemoryKiB, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// ValidatePassword applies the account rules: at least 10 characters and not
// the username.
func ValidatePassword(username, pw string) error {
	if len([]rune(pw)) < 10 {
		return Invalid("password", "too_short", "mật khẩu phải có ít nhất 10 ký tự")
	}
	if strings.EqualFold(strings.TrimSpace(pw), username) {
		return Invalid("password", "same_as_username", "mật khẩu không được trùng tên đăng nhập")
	}
	return nil
}

// TemporaryPassword is a password handed over once — by an admin, the
// operator's shell or the demo — whose owner replaces it at the first sign-in:
// 16 base32 characters (80 random bits), lower case so that it reads out
// easily over the phone and passes ValidatePassword.
func TemporaryPassword() string { return strings.ToLower(rand.Text()[:16]) }
