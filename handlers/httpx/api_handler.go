package httpx

// APIHandler serves the JSON API.
type APIHandler struct {
	*Base
}
