package api

import "github.com/tiendo/tiendo/handlers/httpx"

// APIHandler serves the JSON API.
type APIHandler struct {
	*httpx.Base
}
