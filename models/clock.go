package models

import (
	"sync"
	"time"
)

// Clock tells the time. Rules take it from here and never from time.Now, so
// jobs and tests can run at any instant they choose.
type Clock interface {
	Now() time.Time
}

// SystemClock is the wall clock.
type SystemClock struct{}

// Now is time.Now.
func (SystemClock) Now() time.Time { return time.Now() }

// FixedClock is a settable clock for tests, demo loading and `jobs run --now`.
type FixedClock struct {
	mu sync.Mutex
	t  time.Time
}

// NewFixedClock starts a FixedClock at t.
func NewFixedClock(t time.Time) *FixedClock { return &FixedClock{t: t} }

// Now returns the time last set.
func (c *FixedClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set moves the clock to t.
func (c *FixedClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// Advance moves the clock forward by d.
func (c *FixedClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// OffsetClock runs at wall-clock speed from a chosen start, so a demo of 2024
// data can be explored as if it were that day.
type OffsetClock struct {
	offset time.Duration
}

// NewOffsetClock makes a clock that reads start now and advances from there.
func NewOffsetClock(start time.Time) *OffsetClock {
	return &OffsetClock{offset: time.Until(start)}
}

// Now is the wall clock shifted by the offset.
func (c *OffsetClock) Now() time.Time { return time.Now().Add(c.offset) }
