package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/tiendo/tiendo/internal/config"
	"github.com/tiendo/tiendo/internal/pglocal"
)

// runBackup is `tiendo backup [-o FILE]`: the whole database — every
// commune's plans, history, audit log and delivery log — in pg_dump's custom
// format, from the same database serve uses (a running private cluster is
// reused, a stopped one started for the dump and stopped again).
func runBackup(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	out := fs.String("o", "tiendo-"+time.Now().Format("20060102-150405")+".dump", "file to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	dsn, stop, err := config.OwnerDSN(ctx, cfg, os.Stderr)
	if err != nil {
		return err
	}
	defer stop()
	// Write beside the target and rename, so a failed dump never leaves a
	// file that looks like a backup.
	tmp := *out + ".partial"
	if err := dumpTo(ctx, tmp, dsn); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, *out); err != nil {
		return err
	}
	fi, err := os.Stat(*out)
	if err != nil {
		return err
	}
	fmt.Printf("Đã sao lưu vào %s (%d KB) / backup written\n", *out, (fi.Size()+1023)/1024)
	return nil
}

// runRestore is `tiendo restore [-force] FILE`: the backup replaces the
// database in one transaction — all of it or, on any error, none of it.
// Without -force it refuses a database that already holds communes.
func runRestore(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	force := fs.Bool("force", false, "replace a database that already holds data")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: tiendo restore [-force] FILE")
	}
	file := fs.Arg(0)
	if _, err := os.Stat(file); err != nil {
		return err
	}
	// OwnerDSN migrates an empty database first, which also creates the
	// roles the backup's grants name.
	dsn, stop, err := config.OwnerDSN(ctx, cfg, os.Stderr)
	if err != nil {
		return err
	}
	defer stop()
	if n, err := communeCount(ctx, dsn); err != nil {
		return err
	} else if n > 0 && !*force {
		return fmt.Errorf("cơ sở dữ liệu đã có %d xã; thêm -force để thay thế toàn bộ / the database holds %d communes: "+
			"add -force to replace everything", n, n)
	}
	if err := pgTool(ctx, "pg_restore", "--clean", "--if-exists", "--single-transaction", "--exit-on-error",
		"--dbname="+dsn, file); err != nil {
		return err
	}
	fmt.Println("Đã khôi phục / restored from", file)
	return nil
}

func communeCount(ctx context.Context, dsn string) (int, error) {
	db, err := sqlx.ConnectContext(ctx, "postgres", dsn)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int
	err = db.GetContext(ctx, &n, `SELECT count(*) FROM communes`)
	return n, err
}

// dumpTo writes pg_dump's custom format into a new file readable by its
// owner only (0600 whatever the umask): a backup holds every commune's
// password and token hashes.
func dumpTo(ctx context.Context, file, dsn string) error {
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := f.Chmod(0o600); err != nil { // an older .partial kept its mode
		_ = f.Close()
		return err
	}
	path, err := pglocal.ClientTool("pg_dump")
	if err != nil {
		_ = f.Close()
		return err
	}
	cmd := exec.CommandContext(ctx, path, "--format=custom", "--dbname="+dsn)
	var stderr strings.Builder
	cmd.Stdout, cmd.Stderr = f, &stderr
	if err := cmd.Run(); err != nil {
		_ = f.Close()
		return fmt.Errorf("pg_dump: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return f.Close()
}

// pgTool runs one of PostgreSQL's client tools from the installation the
// private cluster uses, so its version matches the server's.
func pgTool(ctx context.Context, tool string, args ...string) error {
	path, err := pglocal.ClientTool(tool)
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, path, args...)
	var stderr strings.Builder
	cmd.Stdout, cmd.Stderr = os.Stdout, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %v: %s", tool, err, strings.TrimSpace(stderr.String()))
	}
	return nil
}
