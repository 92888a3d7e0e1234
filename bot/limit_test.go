package bot

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// admitNow admits user and releases the ticket at once, as a request that
// finished instantly; it returns the refusal, if any.
func admitNow(l *limiter, user string) *Refusal {
	t, r := l.admit(user)
	t.Release()
	return r
}

func TestLimitPerUserRate(t *testing.T) {
	clock := newFakeClock()
	l := newLimiter(Limits{PerUser: 5, Window: time.Minute, InFlight: 10}, clock)
	for i := range 5 {
		if r := admitNow(l, "alice"); r != nil {
			t.Fatalf("question %d refused: %+v", i+1, r)
		}
	}
	// 5 a minute is one every 12 s: the 6th must wait for the next one.
	steps := []struct {
		advance time.Duration
		want    *Refusal
	}{
		{0, &Refusal{Reason: "user", RetryAfter: 12 * time.Second}},
		{5 * time.Second, &Refusal{Reason: "user", RetryAfter: 7 * time.Second}},
		{7 * time.Second, nil},
		{0, &Refusal{Reason: "user", RetryAfter: 12 * time.Second}},
	}
	for i, s := range steps {
		clock.Advance(s.advance)
		if diff := cmp.Diff(s.want, admitNow(l, "alice")); diff != "" {
			t.Errorf("step %d (+%v): refusal (-want +got):\n%s", i, s.advance, diff)
		}
	}
	if r := admitNow(l, "bob"); r != nil {
		t.Errorf("another user was refused: %+v", r)
	}
	// After a whole quiet window the full allowance is back.
	clock.Advance(time.Minute)
	for i := range 5 {
		if r := admitNow(l, "alice"); r != nil {
			t.Fatalf("after a quiet minute, question %d refused: %+v", i+1, r)
		}
	}
}

func TestLimitBusyKeepsAllowance(t *testing.T) {
	clock := newFakeClock()
	l := newLimiter(Limits{PerUser: 2, Window: time.Minute, InFlight: 1}, clock)
	first, r := l.admit("alice")
	if r != nil {
		t.Fatalf("first request refused: %+v", r)
	}
	for range 3 {
		got := admitNow(l, "bob")
		if diff := cmp.Diff(&Refusal{Reason: "busy", RetryAfter: busyRetry}, got); diff != "" {
			t.Fatalf("while busy (-want +got):\n%s", diff)
		}
	}
	clock.Advance(8 * time.Second)
	first.Release()
	// The busy hint follows the answers' durations once one is timed.
	hold, _ := l.admit("carol")
	if diff := cmp.Diff(&Refusal{Reason: "busy", RetryAfter: 8 * time.Second}, admitNow(l, "dave")); diff != "" {
		t.Errorf("busy hint after an 8 s answer (-want +got):\n%s", diff)
	}
	hold.Release()
	// bob was refused three times for being busy, yet keeps both questions.
	for i := range 2 {
		if r := admitNow(l, "bob"); r != nil {
			t.Fatalf("bob's question %d refused after busy refusals: %+v", i+1, r)
		}
	}
	if r := admitNow(l, "bob"); r == nil || r.Reason != "user" {
		t.Errorf("bob's third question: got %+v, want a user refusal", r)
	}
}

func TestLimitQueue(t *testing.T) {
	l := newLimiter(Limits{InFlight: 2, Queued: 1}, newFakeClock())
	var held []*Ticket
	for i := range 2 {
		tk, r := l.admit(fmt.Sprint("u", i))
		if r != nil {
			t.Fatalf("request %d refused: %+v", i+1, r)
		}
		if err := tk.Wait(context.Background()); err != nil {
			t.Fatalf("request %d: Wait: %v", i+1, err)
		}
		held = append(held, tk)
	}
	third, r := l.admit("u2")
	if r != nil {
		t.Fatalf("third request refused, want it queued: %+v", r)
	}
	if _, r := l.admit("u3"); r == nil || r.Reason != "busy" {
		t.Fatalf("fourth request: got refusal %+v, want busy", r)
	}
	// The third waits: with no free slot, only its context can end Wait.
	done, cancel := context.WithCancel(context.Background())
	cancel()
	if err := third.Wait(done); !errors.Is(err, context.Canceled) {
		t.Fatalf("third Wait with no free slot = %v, want context.Canceled", err)
	}
	got := make(chan error)
	go func() { got <- third.Wait(context.Background()) }()
	held[0].Release()
	if err := <-got; err != nil {
		t.Fatalf("third Wait after a release: %v", err)
	}
	// The third now holds the freed slot and the queue place is free.
	if n := len(l.slots); n != 2 {
		t.Errorf("%d slots in use, want 2", n)
	}
	fifth, r := l.admit("u4")
	if r != nil {
		t.Errorf("fifth request refused with the queue free: %+v", r)
	}
	for _, tk := range []*Ticket{fifth, third, held[1]} {
		tk.Release()
	}
	if n, w := len(l.slots), l.waiting; n != 0 || w != 0 {
		t.Errorf("after every release: %d slots in use and %d waiting, want 0 and 0", n, w)
	}
}

func TestLimitWaitHonoursCtx(t *testing.T) {
	l := newLimiter(Limits{InFlight: 1, Queued: 1}, newFakeClock())
	first, _ := l.admit("a")
	defer first.Release()
	queued, r := l.admit("b")
	if r != nil {
		t.Fatalf("second request refused, want it queued: %+v", r)
	}
	ctx, cancel := context.WithCancel(context.Background())
	got := make(chan error)
	go func() { got <- queued.Wait(ctx) }()
	cancel()
	if err := <-got; !errors.Is(err, context.Canceled) {
		t.Fatalf("Wait after cancel = %v, want context.Canceled", err)
	}
	// Releasing the abandoned ticket gives its queue place back.
	queued.Release()
	if _, r := l.admit("c"); r != nil {
		t.Errorf("request after the cancelled one left: %+v, want it queued", r)
	}
}

func TestLimitReleaseTwice(t *testing.T) {
	l := newLimiter(Limits{InFlight: 2, Queued: 1}, newFakeClock())
	a, _ := l.admit("a")
	b, _ := l.admit("b")
	c, _ := l.admit("c") // queued
	for range 2 {
		a.Release()
		c.Release()
	}
	var nilTicket *Ticket
	nilTicket.Release()
	if err := nilTicket.Wait(context.Background()); err != nil {
		t.Errorf("nil ticket Wait: %v", err)
	}
	// b still holds its slot: a's second Release must not have freed it.
	if n, w := len(l.slots), l.waiting; n != 1 || w != 0 {
		t.Errorf("after double releases: %d slots in use and %d waiting, want 1 and 0", n, w)
	}
	b.Release()
	if n := len(l.slots); n != 0 {
		t.Errorf("after b's release: %d slots in use, want 0", n)
	}
}

func TestLimitTrackedUsersBounded(t *testing.T) {
	clock := newFakeClock()
	l := newLimiter(Limits{PerUser: 5, Window: time.Minute, InFlight: 10}, clock)
	l.maxUsers = 3
	for _, u := range []string{"a", "b", "c"} {
		admitNow(l, u)
	}
	// a, b and c are idle with their allowance back: d's arrival drops them.
	clock.Advance(time.Minute)
	admitNow(l, "d")
	if diff := cmp.Diff([]string{"d"}, userIDs(l)); diff != "" {
		t.Errorf("users after idle ones were dropped (-want +got):\n%s", diff)
	}
	// Nobody is idle: the user nearest to a full allowance (e, who asked
	// longest ago) is dropped, so the map never exceeds the bound.
	clock.Advance(time.Second)
	admitNow(l, "e")
	clock.Advance(time.Second)
	admitNow(l, "f")
	admitNow(l, "d")
	admitNow(l, "g")
	if diff := cmp.Diff([]string{"d", "f", "g"}, userIDs(l)); diff != "" {
		t.Errorf("users with everyone active (-want +got):\n%s", diff)
	}
	// d keeps its limiter (two questions used) while it is tracked.
	for range 3 {
		admitNow(l, "d")
	}
	if r := admitNow(l, "d"); r == nil || r.Reason != "user" {
		t.Errorf("d's 6th question in a minute: got %+v, want a user refusal", r)
	}
}

// userIDs returns the tracked users, sorted.
func userIDs(l *limiter) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Sorted(maps.Keys(l.users))
}
