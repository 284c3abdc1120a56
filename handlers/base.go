package handlers

import (
	"log/slog"

	"github.com/tiendo/tiendo/models/domain"
)

// base is what the API and the pages share: the store, the log and the
// options.
type base struct {
	store *domain.Store
	log   *slog.Logger
	opts  Options
}
