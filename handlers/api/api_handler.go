package api

import "github.com/tiendo/tiendo/handlers/httpx"

// Handler serves the JSON API.
type Handler struct {
	*httpx.Base
}
