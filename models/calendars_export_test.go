package models

import "time"

// SetCalendarTTL lets tests shorten how long a replica trusts its cached
// commune calendars (calendars.go).
func SetCalendarTTL(s *Store, d time.Duration) { s.cals.ttl = d }
