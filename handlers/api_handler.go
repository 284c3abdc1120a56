package handlers

// apiHandler serves the JSON API.
type apiHandler struct {
	*base
}
