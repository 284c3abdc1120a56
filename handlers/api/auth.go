package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/statistics"
)

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

func (r *loginRequest) validate() error {
	v := &models.ValidationError{}
	if r.Username == "" {
		v.Add("username", "required", "cần nhập tên đăng nhập")
	}
	if r.Password == "" {
		v.Add("password", "required", "cần nhập mật khẩu")
	}
	return v.Err()
}

type loginResponse struct {
	Token     string     `json:"token"`
	ExpiresAt time.Time  `json:"expires_at"`
	User      meResponse `json:"user"`
}

type meResponse struct {
	ID                 int64               `json:"id"`
	Username           string              `json:"username"`
	FullName           string              `json:"full_name"`
	MustChangePassword bool                `json:"must_change_password"`
	Commune            *models.CommuneInfo `json:"commune"`
	Province           string              `json:"province"`
	Memberships        []models.Membership `json:"memberships"`
}

func meOf(a *models.Actor) meResponse {
	ms := a.Memberships
	if ms == nil {
		ms = []models.Membership{}
	}
	me := meResponse{ID: a.UserID, Username: a.Username, FullName: a.FullName,
		MustChangePassword: a.MustChangePassword, Province: a.Commune.Province, Memberships: ms}
	if !a.IsProvinceViewer() {
		me.Commune = &a.Commune // a province account belongs to no commune
	}
	return me
}

func (h *Handler) login(c *gin.Context) error {
	var req loginRequest
	if err := httpx.BindJSON(c, &req); err != nil {
		return err
	}
	if err := req.validate(); err != nil {
		return err
	}
	l, err := h.Store.Login(c.Request.Context(), req.Username, req.Password, c.ClientIP(), c.Request.UserAgent())
	if err != nil {
		return err
	}
	h.sendLogin(c, l)
	return nil
}

// sendLogin answers with a new session, as a token and as the cookie. The
// body holds a secret, so no cache may keep it.
func (h *Handler) sendLogin(c *gin.Context, l *accounts.Login) {
	h.SetSessionCookie(c, l.Token, l.ExpiresAt)
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, loginResponse{Token: l.Token, ExpiresAt: l.ExpiresAt, User: meOf(l.Actor)})
}

// logout revokes the presented session; without one it still clears the cookie.
func (h *Handler) logout(c *gin.Context) error {
	if tok := httpx.RequestToken(c); tok != "" {
		if err := h.Store.Logout(c.Request.Context(), tok); err != nil {
			return err
		}
	}
	h.SetSessionCookie(c, "", time.Time{})
	c.Status(http.StatusNoContent)
	return nil
}

func (h *Handler) me(c *gin.Context) error {
	return httpx.Respond(c, http.StatusOK, meOf(httpx.Actor(c)), nil)
}

// changePassword replaces the caller's password and answers like a sign-in:
// every session of the account has ended, so the caller gets a new one, as
// a token and as the cookie.
func (h *Handler) changePassword(c *gin.Context) error {
	var req accounts.PasswordChange
	if err := httpx.BindJSON(c, &req); err != nil {
		return err
	}
	l, err := h.Store.ChangePassword(c.Request.Context(), httpx.Actor(c), req, c.Request.UserAgent())
	if err != nil {
		return err
	}
	h.sendLogin(c, l)
	return nil
}

// authenticate resolves the session cookie or bearer token to an actor, or
// answers 401. An account whose password an admin has set may only reach the
// routes that let its owner replace it (signing out needs no session).
func (h *Handler) authenticate(c *gin.Context) {
	a, err := h.Store.Authenticate(c.Request.Context(), httpx.RequestToken(c), c.ClientIP())
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	route := c.Request.Method + " " + c.FullPath()
	if a.MustChangePassword && !passwordChangeRoutes[route] {
		httpx.Fail(c, accounts.ErrPasswordChangeRequired)
		return
	}
	if a.IsProvinceViewer() && !provinceRoutes[route] {
		httpx.Fail(c, statistics.ErrProvinceScope)
		return
	}
	c.Set(httpx.ActorKey, a)
	c.Next()
}

// passwordChangeRoutes are what an account that must change its password may use.
var passwordChangeRoutes = map[string]bool{
	"GET /api/v1/me":           true,
	"POST /api/v1/me/password": true,
}

// provinceRoutes are what a province account may use: it belongs to no
// commune, so every commune route would only show it nothing.
var provinceRoutes = map[string]bool{
	"GET /api/v1/me":              true,
	"POST /api/v1/me/password":    true,
	"GET /api/v1/province/rollup": true,
	// The province's page and sent reports (sent_reports.go).
	"GET /api/v1/province/overview":                 true,
	"GET /api/v1/province/communes/:id":             true,
	"GET /api/v1/province/reports":                  true,
	"GET /api/v1/province/report-deadlines":         true,
	"PUT /api/v1/province/report-deadlines/:period": true,
	"GET /api/v1/report-versions/:id/files/:format": true,
}
