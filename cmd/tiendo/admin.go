package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"strings"

	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/domain"

	"github.com/tiendo/tiendo/internal/config"
	"github.com/tiendo/tiendo/models"
)

// The operator's commands: what the person who runs a province's instance
// does at its shell, before any commune has an admin to do it in the browser.
const (
	communeUsage = `usage: tiendo commune add -code 30316 -name "Vọng Đông" -province "An Giang" [-kind xa] ` +
		`-admin quantri -admin-name "Họ và tên" [-admin-email a@b.vn] [-office "Văn phòng UBND xã …"]`
	userUsage = "usage: tiendo user reset-password USERNAME"
)

// runCommune is `tiendo commune add`: a commune, its office and its first
// admin, whose temporary password is printed once.
func runCommune(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		return errors.New(communeUsage)
	}
	fs := flag.NewFlagSet("commune add", flag.ContinueOnError)
	var in accounts.NewTenant
	fs.StringVar(&in.Commune.Code, "code", "", "mã đơn vị hành chính (5 chữ số)")
	fs.StringVar(&in.Commune.Name, "name", "", "tên xã, phường hoặc đặc khu")
	fs.StringVar(&in.Commune.Province, "province", "", "tên tỉnh, thành phố")
	fs.StringVar(&in.Commune.Kind, "kind", "xa", "xa, phuong hoặc dac_khu")
	fs.StringVar(&in.OfficeName, "office", "", "tên đơn vị đầu tiên (mặc định: Văn phòng UBND …)")
	fs.StringVar(&in.Admin.Username, "admin", "", "tên đăng nhập của quản trị viên")
	fs.StringVar(&in.Admin.FullName, "admin-name", "", "họ và tên của quản trị viên")
	fs.StringVar(&in.Admin.Email, "admin-email", "", "email của quản trị viên (không bắt buộc)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	in.Admin.Password = models.TemporaryPassword()
	store, closeAll, err := operatorStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeAll()
	t, err := store.ProvisionCommune(ctx, in)
	if err != nil {
		return explain(err)
	}
	fmt.Printf("Đã tạo %s (mã %s, %s) với đơn vị %q.\n", t.Commune.Name, t.Commune.Code, t.Commune.Province, t.Office.Name)
	fmt.Printf("Quản trị viên / admin: %s, mật khẩu tạm / temporary password: %s\n", t.Admin.Username, in.Admin.Password)
	fmt.Println("Mật khẩu phải đổi ở lần đăng nhập đầu / it must be changed at the first sign-in.")
	return nil
}

// runUser is `tiendo user reset-password USERNAME`, for a commune whose only
// admin has lost the password.
func runUser(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	if len(args) != 2 || args[0] != "reset-password" {
		return errors.New(userUsage)
	}
	store, closeAll, err := operatorStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeAll()
	pw := models.TemporaryPassword()
	if err := store.OperatorResetPassword(ctx, args[1], pw); err != nil {
		if errors.Is(err, models.ErrNotFound) {
			return fmt.Errorf("không có tài khoản %q / no such account", args[1])
		}
		return explain(err)
	}
	fmt.Printf("Mật khẩu tạm của %s / temporary password: %s (phải đổi khi đăng nhập / must be changed at sign-in)\n", args[1], pw)
	return nil
}

func operatorStore(ctx context.Context, cfg config.Config, log *slog.Logger) (*domain.Store, func(), error) {
	db, store, err := openStore(ctx, cfg, log, false)
	if err != nil {
		return nil, nil, err
	}
	return store, func() { store.Close(); db.Close() }, nil
}

// explain turns a model error into one line per field, as flags name them.
func explain(err error) error {
	var v *models.ValidationError
	var c *models.ConflictError
	switch {
	case errors.As(err, &v):
		var lines []string
		for _, f := range v.Fields {
			lines = append(lines, "-"+strings.ReplaceAll(f.Field, "_", "-")+": "+f.Message)
		}
		return errors.New(strings.Join(lines, "; "))
	case errors.As(err, &c):
		return errors.New(c.Message)
	}
	return err
}
