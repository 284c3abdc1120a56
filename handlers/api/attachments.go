package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/handlers/httpx"
)

// attachmentThumbnail is GET /attachments/{id}/thumbnail: a photo's small
// JPEG, made on the server at upload (or on first view for older photos).
// Like the original it never changes, so the tag answers 304 to a browser
// that has it.
func (h *Handler) attachmentThumbnail(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	th, err := h.Store.AttachmentThumbnail(c.Request.Context(), httpx.Actor(c), id)
	if err != nil {
		return err
	}
	c.Header("ETag", th.ETag)
	c.Header("Cache-Control", "private, max-age=86400")
	if c.GetHeader("If-None-Match") == th.ETag {
		c.Status(http.StatusNotModified)
		return nil
	}
	c.Data(http.StatusOK, "image/jpeg", th.Content)
	return nil
}
