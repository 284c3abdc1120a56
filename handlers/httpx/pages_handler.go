package httpx

// PageHandler serves the HTML pages.
type PageHandler struct {
	*Base
}
