// Package fakeclock is a clock for tests that moves only when told, so
// tests never wait on the wall clock. It satisfies answer.Clock.
package fakeclock

import (
	"sync"
	"time"
)

// announced is how many After calls Afters buffers; beyond it unread
// announcements are dropped rather than blocking the code under test.
const announced = 1024

// Clock is a fake clock. It is safe for concurrent use.
type Clock struct {
	mu     sync.Mutex
	now    time.Time
	timers []timer
	afters chan time.Duration
}

type timer struct {
	at time.Time
	ch chan time.Time
}

// New returns a Clock that reads start until advanced.
func New(start time.Time) *Clock {
	return &Clock{now: start, afters: make(chan time.Duration, announced)}
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// After returns a channel that receives the time once the clock has been
// advanced by d; at once when d <= 0.
func (c *Clock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.now
	} else {
		c.timers = append(c.timers, timer{at: c.now.Add(d), ch: ch})
	}
	c.mu.Unlock()
	select {
	case c.afters <- d:
	default:
	}
	return ch
}

// Afters receives the duration of every After call, in order, so a test
// can advance the clock once the code under test is waiting.
func (c *Clock) Afters() <-chan time.Duration { return c.afters }

// Advance moves the clock on by d and fires the timers that are due.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	kept := c.timers[:0]
	for _, t := range c.timers {
		if t.at.After(c.now) {
			kept = append(kept, t)
			continue
		}
		t.ch <- c.now
	}
	c.timers = kept
}
