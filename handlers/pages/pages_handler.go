package pages

import "github.com/tiendo/tiendo/handlers/httpx"

// Handler serves the HTML pages.
type Handler struct {
	*httpx.Base
}
