package httpx

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
)

// User administration. The store decides who may (admins of the commune) and
// which accounts exist for the caller (another commune's are not found).

func (h *APIHandler) createUser(c *gin.Context) error {
	var in accounts.NewUser
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	u, err := h.Store.CreateUser(c.Request.Context(), actor(c), in)
	return respond(c, http.StatusCreated, u, err)
}

type resetPasswordRequest struct {
	Password string `json:"password"`
}

func (h *APIHandler) resetPassword(c *gin.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req resetPasswordRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	err = h.Store.ResetPassword(c.Request.Context(), actor(c), id, req.Password)
	return respond(c, http.StatusNoContent, nil, err)
}

// setMemberships replaces the account's memberships with the list in the body.
func (h *APIHandler) setMemberships(c *gin.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var ms []accounts.MembershipInput
	if err := bindJSON(c, &ms); err != nil {
		return err
	}
	if ms == nil {
		return models.Invalid("body", "required", "cần gửi danh sách vai trò (có thể rỗng: [])")
	}
	u, err := h.Store.SetMemberships(c.Request.Context(), actor(c), id, ms)
	return respond(c, http.StatusOK, u, err)
}

// disableUser answers DELETE: the account is closed, not erased, since the
// history it wrote still names it.
func (h *APIHandler) disableUser(c *gin.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return respond(c, http.StatusNoContent, nil, h.Store.DisableUser(c.Request.Context(), actor(c), id))
}

// Personal API tokens of the caller, for integrations.

func (h *APIHandler) listTokens(c *gin.Context) error {
	tokens, err := h.Store.ListAPITokens(c.Request.Context(), actor(c))
	return respond(c, http.StatusOK, gin.H{"items": tokens, "next": nil}, err)
}

// createToken answers with the token itself, which is never shown again.
func (h *APIHandler) createToken(c *gin.Context) error {
	var in accounts.NewAPIToken
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	tok, err := h.Store.CreateAPIToken(c.Request.Context(), actor(c), in)
	if err == nil {
		c.Header("Cache-Control", "no-store")
	}
	return respond(c, http.StatusCreated, tok, err)
}

func (h *APIHandler) revokeToken(c *gin.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return respond(c, http.StatusNoContent, nil, h.Store.RevokeAPIToken(c.Request.Context(), actor(c), id))
}

// updateUser changes an account's name, e-mail, phone and title (admins).
func (h *APIHandler) updateUser(c *gin.Context) error {
	var p accounts.UserPatch
	id, version, err := writeTarget(c, &p)
	if err != nil {
		return err
	}
	u, err := h.Store.UpdateUser(c.Request.Context(), actor(c), id, version, p)
	if err == nil {
		setETag(c, u.Version)
	}
	return respond(c, http.StatusOK, u, err)
}

// updateMe changes the caller's own e-mail, phone and reminder channels.
func (h *APIHandler) updateMe(c *gin.Context) error {
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var p accounts.ProfilePatch
	if err := bindJSON(c, &p); err != nil {
		return err
	}
	u, err := h.Store.UpdateProfile(c.Request.Context(), actor(c), version, p)
	if err == nil {
		setETag(c, u.Version)
	}
	return respond(c, http.StatusOK, u, err)
}
