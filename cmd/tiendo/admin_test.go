package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tiendo/tiendo/models/domain"

	"github.com/tiendo/tiendo/internal/config"
	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/models"
)

// TestOperatorCommands registers a commune from the shell, signs its admin
// in with the printed password, resets that password, and shows
// that a wrong command says which flag to fix and writes nothing.
func TestOperatorCommands(t *testing.T) {
	t.Parallel()
	dsn := testdb.NewDSN(t)
	env := []string{"DATABASE_URL=" + dsn, "TIENDO_DATA_DIR=" + t.TempDir()}
	out := runCmd(t, env, "commune", "add", "-code", "30301", "-name", "Vĩnh Hanh", "-province", "An Giang",
		"-admin", "quantri.vh", "-admin-name", "Nguyễn Văn Quản")
	pw := regexp.MustCompile(`temporary password: ([a-z2-7]{16})`).FindStringSubmatch(out)
	if pw == nil || !strings.Contains(out, "Văn phòng UBND xã Vĩnh Hanh") {
		t.Fatalf("output:\n%s", out)
	}
	login := signIn(t, dsn, "quantri.vh")
	if err := login(pw[1]); err != nil {
		t.Fatalf("sign in with the printed password: %v", err)
	}
	out = runCmd(t, env, "user", "reset-password", "quantri.vh")
	again := regexp.MustCompile(`temporary password: ([a-z2-7]{16})`).FindStringSubmatch(out)
	if again == nil || again[1] == pw[1] {
		t.Fatalf("reset output:\n%s", out)
	}
	if err := login(pw[1]); !errors.Is(err, models.ErrBadCredentials) {
		t.Fatalf("the old password after a reset: %v", err)
	}
	if err := login(again[1]); err != nil {
		t.Fatalf("the reset password: %v", err)
	}

	msg := runFailing(t, env, "commune", "add", "-code", "30302", "-province", "An Giang", "-kind", "huyen",
		"-admin", "quantri.x", "-admin-name", "Lê Văn X")
	if !strings.Contains(msg, "-name:") || !strings.Contains(msg, "-kind:") {
		t.Fatalf("a wrong command should name its flags: %s", msg)
	}
	runCmd(t, env, "commune", "add", "-code", "30302", "-name", "Vĩnh Lợi", "-province", "An Giang",
		"-admin", "quantri.x", "-admin-name", "Lê Văn X")
	if msg := runFailing(t, env, "user", "reset-password", "khong_co_ai"); !strings.Contains(msg, "no such account") {
		t.Fatalf("unknown account: %s", msg)
	}
}

// signIn returns a function that signs username in on the database at dsn,
// as the server would.
func signIn(t *testing.T, dsn, username string) func(password string) error {
	db, err := config.ConnectApp(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	store, err := domain.Open(db, models.Options{Clock: models.SystemClock{}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(store.Close)
	return func(password string) error {
		_, err := store.Login(context.Background(), username, password, "127.0.0.1", "test")
		return err
	}
}

// runFailing runs the binary, expects it to fail, and returns its output.
func runFailing(t *testing.T, env []string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("tiendo %s succeeded:\n%s", strings.Join(args, " "), out)
	}
	return string(out)
}
