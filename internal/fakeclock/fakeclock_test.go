package fakeclock

import (
	"testing"
	"time"
)

func TestAfterFiresOnlyWhenAdvancedPastIt(t *testing.T) {
	start := time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC)
	c := New(start)
	ch := c.After(10 * time.Second)
	if d := <-c.Afters(); d != 10*time.Second {
		t.Errorf("announced %v, want 10s", d)
	}
	c.Advance(9 * time.Second)
	select {
	case <-ch:
		t.Fatal("fired 1s early")
	default:
	}
	c.Advance(time.Second)
	select {
	case got := <-ch:
		if want := start.Add(10 * time.Second); !got.Equal(want) {
			t.Errorf("fired with %v, want %v", got, want)
		}
	default:
		t.Fatal("did not fire when due")
	}
	select {
	case <-c.After(0):
	default:
		t.Error("After(0) did not fire at once")
	}
	if got := c.Now(); !got.Equal(start.Add(10 * time.Second)) {
		t.Errorf("Now = %v", got)
	}
}

func TestUnreadAnnouncementsDoNotBlock(t *testing.T) {
	c := New(time.Time{})
	for range announced + 10 {
		c.After(time.Second)
	}
	if n := len(c.Afters()); n != announced {
		t.Errorf("%d announcements buffered, want %d", n, announced)
	}
}
