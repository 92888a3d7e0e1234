package bot

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/crisisbot/crisisbot/answer"
)

// Limits bounds the work users can cause.
type Limits struct {
	// PerUser questions are allowed per Window for each user; 0 means no
	// per-user limit.
	PerUser int
	Window  time.Duration
	// InFlight answers are composed at once; 0 means DefaultInFlight.
	InFlight int
	// Queued more may wait for a free slot; beyond that users are told
	// the bot is busy. 0 means none wait.
	Queued int
}

// Defaults for Limits.
const (
	DefaultInFlight = 4
	// maxTrackedUsers bounds the per-user limiter map. When it is reached,
	// idle users (with a full allowance) are dropped; if none is idle, the
	// user nearest to a full allowance is, so the map stays bounded.
	maxTrackedUsers = 10000
	// busyRetry is the retry hint when the bot is busy and no answer has
	// been timed yet.
	busyRetry = 5 * time.Second
)

// Refusal says why a request was not admitted and when to retry.
type Refusal struct {
	// Reason is "user" (the user's own rate) or "busy" (global).
	Reason     string
	RetryAfter time.Duration
}

// limiter applies the per-user rate and the global bound on answers in
// flight. x/time/rate does the token buckets; it takes the time as an
// argument, so the injected clock drives it.
type limiter struct {
	clock  answer.Clock
	limits Limits

	mu    sync.Mutex
	users map[string]*rate.Limiter
	// maxUsers is maxTrackedUsers; a field so tests can lower it.
	maxUsers int
	waiting  int
	// avg is a moving average of answer durations, for the busy hint.
	avg time.Duration

	slots chan struct{}
}

func newLimiter(l Limits, clock answer.Clock) *limiter {
	if l.InFlight <= 0 {
		l.InFlight = DefaultInFlight
	}
	if l.Window <= 0 {
		l.Window = time.Minute
	}
	return &limiter{clock: clock, limits: l, users: map[string]*rate.Limiter{}, maxUsers: maxTrackedUsers,
		slots: make(chan struct{}, l.InFlight)}
}

// Ticket is an admitted request's place: a slot in flight, or a place in
// the bounded queue for one.
type Ticket struct {
	l       *limiter
	held    bool
	waiting bool
	start   time.Time
}

// admit takes one of user's questions and a slot or a queue place, or
// says why not. A request refused for being busy does not use up the
// user's allowance.
func (l *limiter) admit(user string) (*Ticket, *Refusal) {
	now := l.clock.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	var res *rate.Reservation
	if l.limits.PerUser > 0 {
		lim := l.userLimiter(user, now)
		res = lim.ReserveN(now, 1)
		if d := res.DelayFrom(now); d > 0 {
			res.CancelAt(now)
			return nil, &Refusal{Reason: "user", RetryAfter: d}
		}
	}
	select {
	case l.slots <- struct{}{}:
		return &Ticket{l: l, held: true, start: now}, nil
	default:
	}
	if l.waiting < l.limits.Queued {
		l.waiting++
		return &Ticket{l: l, waiting: true, start: now}, nil
	}
	if res != nil {
		res.CancelAt(now)
	}
	retry := l.avg
	if retry <= 0 {
		retry = busyRetry
	}
	return nil, &Refusal{Reason: "busy", RetryAfter: retry}
}

// userLimiter returns user's bucket, creating it; l.mu is held.
func (l *limiter) userLimiter(user string, now time.Time) *rate.Limiter {
	if lim, ok := l.users[user]; ok {
		return lim
	}
	if len(l.users) >= l.maxUsers {
		nearest, most := "", -1.0
		for id, lim := range l.users {
			tokens := lim.TokensAt(now)
			if tokens >= float64(l.limits.PerUser) {
				delete(l.users, id)
			} else if tokens > most {
				nearest, most = id, tokens
			}
		}
		if len(l.users) >= l.maxUsers {
			// Everyone is active: forgetting the user nearest to a full
			// allowance gives back the least.
			delete(l.users, nearest)
		}
	}
	every := l.limits.Window / time.Duration(l.limits.PerUser)
	lim := rate.NewLimiter(rate.Every(every), l.limits.PerUser)
	l.users[user] = lim
	return lim
}

// Wait blocks until the ticket holds a slot in flight, or ctx ends.
func (t *Ticket) Wait(ctx context.Context) error {
	if t == nil || t.held {
		return nil
	}
	select {
	case t.l.slots <- struct{}{}:
		t.l.mu.Lock()
		t.l.waiting--
		t.l.mu.Unlock()
		t.held, t.waiting = true, false
		t.start = t.l.clock.Now()
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Release frees the ticket's slot or queue place. It is safe to call more
// than once.
func (t *Ticket) Release() {
	if t == nil {
		return
	}
	l := t.l
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case t.held:
		<-l.slots
		t.held = false
		d := l.clock.Now().Sub(t.start)
		if l.avg == 0 {
			l.avg = d
		} else {
			l.avg = (l.avg*7 + d) / 8
		}
	case t.waiting:
		l.waiting--
		t.waiting = false
	}
}
