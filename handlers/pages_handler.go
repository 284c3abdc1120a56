package handlers

// pageHandler serves the HTML pages.
type pageHandler struct {
	*base
}
