package models_test

import (
	"testing"
	"time"

	"github.com/tiendo/tiendo/models"
)

// TestZoneOf: a commune's zone is loaded once and then shared, a name that
// is no zone falls back to Vietnam's, and the answer keeps its offset.
func TestZoneOf(t *testing.T) {
	first, again := models.ZoneOf("Asia/Bangkok"), models.ZoneOf("Asia/Bangkok")
	if first != again {
		t.Error("the zone was loaded twice")
	}
	if _, off := time.Date(2024, 9, 30, 9, 0, 0, 0, first).Zone(); off != 7*3600 {
		t.Errorf("Asia/Bangkok offset %d", off)
	}
	if got := models.ZoneOf("Không/Phải/Múi/Giờ"); got != models.VietnamTime {
		t.Errorf("an unknown zone gave %v", got)
	}
	if got := models.ZoneOf("Không/Phải/Múi/Giờ"); got != models.VietnamTime {
		t.Errorf("an unknown zone, asked again, gave %v", got)
	}
}
