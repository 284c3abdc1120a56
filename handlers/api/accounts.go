package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
)

// User administration. The store decides who may (admins of the commune) and
// which accounts exist for the caller (another commune's are not found).

func (h *Handler) createUser(c *gin.Context) error {
	var in accounts.NewUser
	if err := httpx.BindJSON(c, &in); err != nil {
		return err
	}
	u, err := h.Store.CreateUser(c.Request.Context(), httpx.Actor(c), in)
	return httpx.Respond(c, http.StatusCreated, u, err)
}

type resetPasswordRequest struct {
	Password string `json:"password"`
}

func (h *Handler) resetPassword(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	var req resetPasswordRequest
	if err := httpx.BindJSON(c, &req); err != nil {
		return err
	}
	err = h.Store.ResetPassword(c.Request.Context(), httpx.Actor(c), id, req.Password)
	return httpx.Respond(c, http.StatusNoContent, nil, err)
}

// setMemberships replaces the account's memberships with the list in the body.
func (h *Handler) setMemberships(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	var ms []accounts.MembershipInput
	if err := httpx.BindJSON(c, &ms); err != nil {
		return err
	}
	if ms == nil {
		return models.Invalid("body", "required", "cần gửi danh sách vai trò (có thể rỗng: [])")
	}
	u, err := h.Store.SetMemberships(c.Request.Context(), httpx.Actor(c), id, ms)
	return httpx.Respond(c, http.StatusOK, u, err)
}

// disableUser answers DELETE: the account is closed, not erased, since the
// history it wrote still names it.
func (h *Handler) disableUser(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	return httpx.Respond(c, http.StatusNoContent, nil, h.Store.DisableUser(c.Request.Context(), httpx.Actor(c), id))
}

// Personal API tokens of the caller, for integrations.

func (h *Handler) listTokens(c *gin.Context) error {
	tokens, err := h.Store.ListAPITokens(c.Request.Context(), httpx.Actor(c))
	return httpx.Respond(c, http.StatusOK, gin.H{"items": tokens, "next": nil}, err)
}

// createToken answers with the token itself, which is never shown again.
func (h *Handler) createToken(c *gin.Context) error {
	var in accounts.NewAPIToken
	if err := httpx.BindJSON(c, &in); err != nil {
		return err
	}
	tok, err := h.Store.CreateAPIToken(c.Request.Context(), httpx.Actor(c), in)
	if err == nil {
		c.Header("Cache-Control", "no-store")
	}
	return httpx.Respond(c, http.StatusCreated, tok, err)
}

func (h *Handler) revokeToken(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	return httpx.Respond(c, http.StatusNoContent, nil, h.Store.RevokeAPIToken(c.Request.Context(), httpx.Actor(c), id))
}

// updateUser changes an account's name, e-mail, phone and title (admins).
func (h *Handler) updateUser(c *gin.Context) error {
	var p accounts.UserPatch
	id, version, err := httpx.WriteTarget(c, &p)
	if err != nil {
		return err
	}
	u, err := h.Store.UpdateUser(c.Request.Context(), httpx.Actor(c), id, version, p)
	if err == nil {
		httpx.SetETag(c, u.Version)
	}
	return httpx.Respond(c, http.StatusOK, u, err)
}

// updateMe changes the caller's own e-mail, phone and reminder channels.
func (h *Handler) updateMe(c *gin.Context) error {
	version, err := httpx.IfMatch(c)
	if err != nil {
		return err
	}
	var p accounts.ProfilePatch
	if err := httpx.BindJSON(c, &p); err != nil {
		return err
	}
	u, err := h.Store.UpdateProfile(c.Request.Context(), httpx.Actor(c), version, p)
	if err == nil {
		httpx.SetETag(c, u.Version)
	}
	return httpx.Respond(c, http.StatusOK, u, err)
}
