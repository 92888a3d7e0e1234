package digest

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/internal/fakeclock"
	"github.com/crisisbot/crisisbot/internal/syncbuf"
)

// harness is a data directory, a clock and a fake Discord that outlive the
// schedulers started on them, as they would outlive a process.
type harness struct {
	t        *testing.T
	dir      string
	clk      *fakeclock.Clock
	discord  *fakeDiscord
	composer *fakeComposer
	logs     *syncBuffer
	drv      *driver
}

func newHarness(t *testing.T, start time.Time) *harness {
	clk := fakeclock.New(start)
	return &harness{
		t: t, dir: t.TempDir(), clk: clk, discord: newFakeDiscord(),
		composer: &fakeComposer{}, logs: &syncBuffer{}, drv: &driver{clk: clk},
	}
}

// driveTo advances the clock to target as the running scheduler waits.
func (h *harness) driveTo(target time.Time) { h.drv.to(target) }

// syncBuffer captures logs written while the test reads them.
type syncBuffer = syncbuf.Buffer

// scheduler returns a scheduler over h's directory posting with p; opts
// gives Config, SkipEmpty and the like.
func (h *harness) scheduler(p *fakePoster, opts SchedulerOptions) *Scheduler {
	h.t.Helper()
	opts.Dir, opts.Composer, opts.Poster, opts.Clock = h.dir, h.composer, p, h.clk
	opts.Logger = slog.New(slog.NewTextHandler(h.logs, nil))
	s, err := NewScheduler(opts)
	if err != nil {
		h.t.Fatal(err)
	}
	return s
}

// run starts s.Run and returns a stop that cancels it and waits for it to
// return, as a process that is stopped.
func (h *harness) run(s *Scheduler) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			h.t.Errorf("Run returned %v, want context.Canceled", err)
		}
		h.drv.pending = time.Time{} // that wait died with the scheduler
	}
	h.t.Cleanup(stop)
	return stop
}

// start is scheduler and run together.
func (h *harness) start(p *fakePoster, opts SchedulerOptions) (*Scheduler, func()) {
	s := h.scheduler(p, opts)
	return s, h.run(s)
}

// posts returns what reached Discord as key, time and window.
func (h *harness) posts() []post { return h.discord.all() }

func nineUTC(channel string) SchedulerOptions {
	return SchedulerOptions{Config: []Subscription{{ChannelID: channel, Time: "09:00"}}}
}

func p(key string, at, since, until time.Time) post {
	return post{Channel: "chan", Key: key, At: at, Since: since, Until: until}
}

func TestSchedulerAcrossDST(t *testing.T) {
	tests := []struct {
		name        string
		time, zone  string
		start, stop time.Time
		want        map[string]time.Time // scheduled day → post instant
	}{
		{
			name: "New York 02:30 across the spring-forward gap", time: "02:30", zone: "America/New_York",
			start: utc(2026, 3, 7, 0, 0), stop: utc(2026, 3, 10, 0, 0),
			want: map[string]time.Time{
				"2026-03-07": utc(2026, 3, 7, 7, 30), // EST
				"2026-03-08": utc(2026, 3, 8, 7, 0),  // 02:30 does not exist: 03:00 EDT
				"2026-03-09": utc(2026, 3, 9, 6, 30), // EDT
			},
		},
		{
			name: "New York 01:30 across the fall-back overlap", time: "01:30", zone: "America/New_York",
			start: utc(2026, 10, 31, 0, 0), stop: utc(2026, 11, 3, 0, 0),
			want: map[string]time.Time{
				"2026-10-31": utc(2026, 10, 31, 5, 30), // EDT
				"2026-11-01": utc(2026, 11, 1, 5, 30),  // the first 01:30 (EDT), not the second (06:30Z)
				"2026-11-02": utc(2026, 11, 2, 6, 30),  // EST
			},
		},
		{
			name: "London 09:00 across the spring change", time: "09:00", zone: "Europe/London",
			start: utc(2026, 3, 27, 12, 0), stop: utc(2026, 3, 31, 0, 0),
			want: map[string]time.Time{
				"2026-03-28": utc(2026, 3, 28, 9, 0), // GMT
				"2026-03-29": utc(2026, 3, 29, 8, 0), // BST
				"2026-03-30": utc(2026, 3, 30, 8, 0),
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, tc.start)
			_, stop := h.start(newFakePoster(h.discord, h.clk), SchedulerOptions{
				Config: []Subscription{{ChannelID: "chan", Time: tc.time, Zone: tc.zone}},
			})
			h.driveTo(tc.stop)
			stop()
			got := map[string]time.Time{}
			posts := h.posts()
			for i, q := range posts {
				if _, dup := got[q.Key]; dup {
					t.Errorf("day %s posted twice", q.Key)
				}
				got[q.Key] = q.At
				// The windows chain: each digest starts where the last ended.
				if i > 0 && !q.Since.Equal(posts[i-1].Until) {
					t.Errorf("post %d covers from %s; the one before ended at %s", i, q.Since, posts[i-1].Until)
				}
				if !q.Until.Equal(q.At) {
					t.Errorf("post %d covers until %s, posted at %s", i, q.Until, q.At)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("posts by day (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSchedulerRestart(t *testing.T) {
	day1 := utc(2026, 11, 25, 9, 0)
	day2 := utc(2026, 11, 26, 9, 0)
	hour := time.Hour

	t.Run("stopped right before the time: one post on start", func(t *testing.T) {
		h := newHarness(t, utc(2026, 11, 25, 0, 0))
		_, stop := h.start(newFakePoster(h.discord, h.clk), nineUTC("chan"))
		h.driveTo(day1.Add(-time.Minute))
		stop()
		h.clk.Advance(31 * time.Minute) // down at 09:00
		_, stop = h.start(newFakePoster(h.discord, h.clk), nineUTC("chan"))
		h.driveTo(day2.Add(hour))
		stop()
		start2 := day1.Add(30 * time.Minute)
		want := []post{
			p("2026-11-25", start2, start2.Add(-24*hour), start2),
			p("2026-11-26", day2, start2, day2),
		}
		if diff := cmp.Diff(want, h.posts()); diff != "" {
			t.Errorf("posts (-want +got):\n%s", diff)
		}
	})

	t.Run("stopped right after the post: no second post", func(t *testing.T) {
		h := newHarness(t, utc(2026, 11, 25, 0, 0))
		_, stop := h.start(newFakePoster(h.discord, h.clk), nineUTC("chan"))
		h.driveTo(day1.Add(5 * time.Minute))
		stop()
		h.clk.Advance(5 * time.Minute)
		_, stop = h.start(newFakePoster(h.discord, h.clk), nineUTC("chan"))
		h.driveTo(day2.Add(hour))
		stop()
		want := []post{
			p("2026-11-25", day1, day1.Add(-24*hour), day1),
			p("2026-11-26", day2, day1, day2),
		}
		if diff := cmp.Diff(want, h.posts()); diff != "" {
			t.Errorf("posts (-want +got):\n%s", diff)
		}
	})

	for _, tc := range []struct {
		name    string
		mode    int
		want    []post
		attempt bool // whether the second process posts day 1
	}{
		{
			name: "stopped during a post that got through: found, not posted again",
			mode: postThenHang,
			want: []post{
				p("2026-11-25", day1, day1.Add(-24*hour), day1),
				p("2026-11-26", day2, day1, day2),
			},
		},
		{
			name: "stopped during a post that did not get through: posted once",
			mode: hangWithoutPost,
			want: []post{
				p("2026-11-25", day1.Add(time.Minute), day1.Add(-24*hour), day1), // the claimed window
				p("2026-11-26", day2, day1, day2),
			},
			attempt: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, utc(2026, 11, 25, 0, 0))
			first := newFakePoster(h.discord, h.clk)
			first.mode = tc.mode
			_, stop := h.start(first, nineUTC("chan"))
			advanceTo(t, h.clk, day1)
			<-first.hanging // in PostDigest
			stop()          // the process dies before confirming
			h.clk.Advance(time.Minute)
			second := newFakePoster(h.discord, h.clk)
			_, stop = h.start(second, nineUTC("chan"))
			h.driveTo(day2.Add(hour))
			stop()
			if diff := cmp.Diff(tc.want, h.posts()); diff != "" {
				t.Errorf("posts (-want +got):\n%s", diff)
			}
			wantAttempts := []time.Time{day2}
			if tc.attempt {
				wantAttempts = []time.Time{day1.Add(time.Minute), day2}
			}
			if diff := cmp.Diff(wantAttempts, second.attemptTimes()); diff != "" {
				t.Errorf("second process's post attempts (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSchedulerDowntime(t *testing.T) {
	day1 := utc(2026, 11, 25, 9, 0)
	back := utc(2026, 11, 28, 12, 0) // three days later
	h := newHarness(t, utc(2026, 11, 25, 0, 0))
	_, stop := h.start(newFakePoster(h.discord, h.clk), nineUTC("chan"))
	h.driveTo(day1.Add(time.Hour))
	stop()
	h.clk.Advance(back.Sub(h.clk.Now()))
	_, stop = h.start(newFakePoster(h.discord, h.clk), nineUTC("chan"))
	next := utc(2026, 11, 29, 9, 0)
	h.driveTo(next.Add(time.Hour))
	stop()
	want := []post{
		p("2026-11-25", day1, day1.Add(-24*time.Hour), day1),
		p("2026-11-28", back, day1, back), // one catch-up for the whole gap
		p("2026-11-29", next, back, next),
	}
	if diff := cmp.Diff(want, h.posts()); diff != "" {
		t.Errorf("posts (-want +got):\n%s", diff)
	}
}

func TestSchedulerCrashMidPostThenDowntime(t *testing.T) {
	day1 := utc(2026, 11, 25, 9, 0)
	back := utc(2026, 11, 26, 12, 0) // after the 26th's time
	h := newHarness(t, utc(2026, 11, 25, 8, 0))
	first := newFakePoster(h.discord, h.clk)
	first.mode = postThenHang
	_, stop := h.start(first, nineUTC("chan"))
	advanceTo(t, h.clk, day1)
	<-first.hanging
	stop()
	h.clk.Advance(back.Sub(h.clk.Now()))
	_, stop = h.start(newFakePoster(h.discord, h.clk), nineUTC("chan"))
	h.driveTo(back.Add(2 * time.Hour))
	stop()
	// The 25th's post is found and recorded; the 26th, already due, is
	// posted at once.
	want := []post{
		p("2026-11-25", day1, day1.Add(-24*time.Hour), day1),
		p("2026-11-26", back, day1, back),
	}
	if diff := cmp.Diff(want, h.posts()); diff != "" {
		t.Errorf("posts (-want +got):\n%s", diff)
	}
}

func TestSchedulerTwoAtOnce(t *testing.T) {
	day1 := utc(2026, 11, 25, 9, 0)
	h := newHarness(t, utc(2026, 11, 25, 8, 0))
	a, b := newFakePoster(h.discord, h.clk), newFakePoster(h.discord, h.clk)
	_, stopA := h.start(a, nineUTC("chan"))
	_, stopB := h.start(b, nineUTC("chan"))
	// One holds the poster lock and waits for 09:00, the other retries the
	// lock every minute.
	got := []time.Duration{<-h.clk.Afters(), <-h.clk.Afters()}
	if !(cmp.Equal(got, []time.Duration{time.Hour, time.Minute}) || cmp.Equal(got, []time.Duration{time.Minute, time.Hour})) {
		t.Fatalf("the two schedulers wait %v; want one 1h (for 09:00) and one 1m (for the lock)", got)
	}
	h.clk.Advance(time.Hour)
	<-h.discord.posted
	stopA()
	stopB()
	posts := h.posts()
	if diff := cmp.Diff([]post{p("2026-11-25", day1, day1.Add(-24*time.Hour), day1)}, posts); diff != "" {
		t.Errorf("posts (-want +got):\n%s", diff)
	}
	if n := len(a.attemptTimes()) + len(b.attemptTimes()); n != 1 {
		t.Errorf("%d post attempts, want 1", n)
	}
}

func TestSchedulerStandbyTakesOver(t *testing.T) {
	h := newHarness(t, utc(2026, 11, 25, 9, 10))
	holder, standby := newFakePoster(h.discord, h.clk), newFakePoster(h.discord, h.clk)
	_, stopHolder := h.start(holder, nineUTC("chan"))
	if d := <-h.clk.Afters(); d != time.Hour {
		t.Fatalf("the first scheduler waits %v, want 1h (it holds the lock; nothing is due)", d)
	}
	_, stopStandby := h.start(standby, nineUTC("chan"))
	if d := <-h.clk.Afters(); d != time.Minute {
		t.Fatalf("the second scheduler waits %v, want 1m (standing by)", d)
	}
	stopHolder()
	h.clk.Advance(time.Minute) // the standby tries the lock again and gets it
	day2 := utc(2026, 11, 26, 9, 0)
	h.driveTo(day2.Add(time.Hour))
	stopStandby()
	// The channel was first seen at 09:10 on the 25th, after its time:
	// its first digest is on the 26th.
	if diff := cmp.Diff([]post{p("2026-11-26", day2, day2.Add(-24*time.Hour), day2)}, h.posts()); diff != "" {
		t.Errorf("posts (-want +got):\n%s", diff)
	}
	if n := len(standby.attemptTimes()); n != 1 {
		t.Errorf("the standby made %d post attempts, want 1", n)
	}
	if !strings.Contains(h.logs.String(), "took over") {
		t.Errorf("no log of the takeover:\n%s", h.logs)
	}
}

func TestSchedulerRetriesFailedPost(t *testing.T) {
	day1 := utc(2026, 11, 25, 9, 0)
	h := newHarness(t, utc(2026, 11, 25, 8, 0))
	poster := newFakePoster(h.discord, h.clk)
	poster.failures = 2 // two 5xx
	_, stop := h.start(poster, nineUTC("chan"))
	day2 := utc(2026, 11, 26, 9, 0)
	h.driveTo(day2.Add(time.Hour))
	stop()
	wantAttempts := []time.Time{day1, day1.Add(30 * time.Second), day1.Add(90 * time.Second), day2}
	if diff := cmp.Diff(wantAttempts, poster.attemptTimes()); diff != "" {
		t.Errorf("post attempts (-want +got):\n%s", diff)
	}
	// The retry posts the day's digest (the window claimed at 09:00), and
	// the next day is still due: the retry did not count as one.
	want := []post{
		p("2026-11-25", day1.Add(90*time.Second), day1.Add(-24*time.Hour), day1),
		p("2026-11-26", day2, day1, day2),
	}
	if diff := cmp.Diff(want, h.posts()); diff != "" {
		t.Errorf("posts (-want +got):\n%s", diff)
	}
	logs := h.logs.String()
	if n := strings.Count(logs, "post failed"); n != 2 {
		t.Errorf("%d failures logged, want 2:\n%s", n, logs)
	}
	if !strings.Contains(logs, "retry_at=2026-11-25T09:01:30") {
		t.Errorf("the second failure does not log its retry time:\n%s", logs)
	}
}

func TestSchedulerFailingPastTheNextDay(t *testing.T) {
	h := newHarness(t, utc(2026, 11, 25, 8, 0))
	poster := newFakePoster(h.discord, h.clk)
	poster.failures = 1 << 20 // Discord is down for a day
	_, stop := h.start(poster, nineUTC("chan"))
	day2 := utc(2026, 11, 26, 9, 0)
	h.driveTo(day2.Add(30 * time.Minute))
	poster.setFailures(0)
	day3 := utc(2026, 11, 27, 9, 0)
	h.driveTo(day3.Add(time.Hour))
	stop()
	posts := h.posts()
	if len(posts) != 2 {
		t.Fatalf("%d posts, want 2 (one for the 25th and 26th together, one for the 27th): %+v", len(posts), posts)
	}
	// Still failing when the 26th came: the claim moved to the 26th and
	// kept its start, so one digest covers both days.
	got := posts[0]
	if got.Key != "2026-11-26" || !got.Since.Equal(utc(2026, 11, 24, 9, 0)) || got.Until.Before(day2) {
		t.Errorf("catch-up post = %+v, want key 2026-11-26 from 24 Nov 09:00 to after 26 Nov 09:00", got)
	}
	if diff := cmp.Diff(p("2026-11-27", day3, got.Until, day3), posts[1]); diff != "" {
		t.Errorf("next post (-want +got):\n%s", diff)
	}
	for _, at := range poster.attemptTimes() {
		if at.Sub(utc(2026, 11, 25, 9, 0)) < 0 {
			t.Errorf("attempt at %v, before the first time was due", at)
		}
	}
}

func TestSchedulerBackoff(t *testing.T) {
	s := &Scheduler{opts: SchedulerOptions{MinBackoff: 30 * time.Second, MaxBackoff: 5 * time.Minute}}
	want := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute, 5 * time.Minute, 5 * time.Minute}
	for i, w := range want {
		if got := s.backoff(i + 1); got != w {
			t.Errorf("backoff after %d failures = %v, want %v", i+1, got, w)
		}
	}
	if got := s.backoff(1000); got != 5*time.Minute {
		t.Errorf("backoff after 1000 failures = %v, want the maximum", got)
	}
}

func TestSchedulerSkipEmpty(t *testing.T) {
	day1 := utc(2026, 11, 25, 9, 0)
	for _, skip := range []bool{true, false} {
		h := newHarness(t, utc(2026, 11, 25, 8, 0))
		h.composer.empty = true
		opts := nineUTC("chan")
		opts.SkipEmpty = skip
		s, stop := h.start(newFakePoster(h.discord, h.clk), opts)
		h.driveTo(day1.Add(time.Hour))
		stop()
		wantPosts := 1
		if skip {
			wantPosts = 0
		}
		if n := len(h.posts()); n != wantPosts {
			t.Errorf("skip_empty %v: %d posts, want %d", skip, n, wantPosts)
		}
		// Either way the day is done: the next digest starts at 09:00.
		if got := s.Since("chan"); !got.Equal(day1) {
			t.Errorf("skip_empty %v: Since = %v, want %v", skip, got, day1)
		}
	}
}

func TestSchedulerWakesOnSubscribe(t *testing.T) {
	h := newHarness(t, utc(2026, 11, 25, 8, 0))
	s, stop := h.start(newFakePoster(h.discord, h.clk), SchedulerOptions{})
	if d := <-h.clk.Afters(); d != maxWait {
		t.Fatalf("with no subscriptions Run waits %v, want %v", d, maxWait)
	}
	if err := s.Subscribe(Subscription{ChannelID: "chan", Time: "08:30"}); err != nil {
		t.Fatal(err)
	}
	if d := <-h.clk.Afters(); d != 30*time.Minute {
		t.Fatalf("after a subscription for 08:30 Run waits %v, want 30m", d)
	}
	h.clk.Advance(30 * time.Minute)
	got := <-h.discord.posted
	stop()
	at := utc(2026, 11, 25, 8, 30)
	if diff := cmp.Diff(p("2026-11-25", at, at.Add(-24*time.Hour), at), got); diff != "" {
		t.Errorf("post (-want +got):\n%s", diff)
	}
}

func TestSchedulerFirstDigestAtNextTime(t *testing.T) {
	now := utc(2026, 11, 25, 10, 0) // after today's 09:00
	h := newHarness(t, now)
	s := h.scheduler(newFakePoster(h.discord, h.clk), SchedulerOptions{FirstWindow: 48 * time.Hour})
	if err := s.Subscribe(Subscription{ChannelID: "chan", Time: "09:00", CreatedBy: "42"}); err != nil {
		t.Fatal(err)
	}
	if got := s.Since("chan"); !got.IsZero() {
		t.Errorf("Since before the first digest = %v, want zero", got)
	}
	d, err := s.Preview(context.Background(), "chan")
	if err != nil {
		t.Fatal(err)
	}
	if !d.Since.Equal(now.Add(-48*time.Hour)) || !d.Until.Equal(now) {
		t.Errorf("Preview covers %v to %v, want FirstWindow up to now", d.Since, d.Until)
	}
	stop := h.run(s)
	next := utc(2026, 11, 26, 9, 0)
	h.driveTo(next.Add(time.Hour))
	stop()
	if diff := cmp.Diff([]post{p("2026-11-26", next, next.Add(-48*time.Hour), next)}, h.posts()); diff != "" {
		t.Errorf("posts (-want +got):\n%s", diff)
	}
	if got := s.Since(""); !got.Equal(next) {
		t.Errorf("Since(\"\") = %v, want %v", got, next)
	}
}

func TestSchedulerSubscriptions(t *testing.T) {
	h := newHarness(t, utc(2026, 11, 25, 8, 0))
	opts := SchedulerOptions{Config: []Subscription{{ChannelID: "100", Time: "09:00"}}}
	s := h.scheduler(newFakePoster(h.discord, h.clk), opts)

	if err := s.Subscribe(Subscription{ChannelID: "200", GuildID: "g", Time: "18:00", Zone: "Asia/Baku", CreatedBy: "42"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"subscribe a config channel", s.Subscribe(Subscription{ChannelID: "100", Time: "10:00"})},
		{"subscribe with a bad time", s.Subscribe(Subscription{ChannelID: "300", Time: "25:00"})},
		{"subscribe with a bad zone", s.Subscribe(Subscription{ChannelID: "300", Time: "10:00", Zone: "Nowhere"})},
		{"unsubscribe a config channel", func() error { _, err := s.Unsubscribe("100"); return err }()},
	} {
		if errs.Code(tc.err) != errs.Invalid {
			t.Errorf("%s: error %v (code %s), want invalid", tc.name, tc.err, errs.Code(tc.err))
		}
	}

	want := []Subscription{
		{ChannelID: "100", Time: "09:00", FromConfig: true},
		{ChannelID: "200", GuildID: "g", Time: "18:00", Zone: "Asia/Baku", CreatedAt: utc(2026, 11, 25, 8, 0), CreatedBy: "42"},
	}
	if diff := cmp.Diff(want, s.Subscriptions()); diff != "" {
		t.Errorf("Subscriptions (-want +got):\n%s", diff)
	}
	// Stored: another scheduler on the directory (a restart) sees it.
	again := h.scheduler(newFakePoster(h.discord, h.clk), opts)
	if diff := cmp.Diff(want, again.Subscriptions()); diff != "" {
		t.Errorf("Subscriptions after a restart (-want +got):\n%s", diff)
	}

	// Replacing keeps one subscription per channel.
	if err := again.Subscribe(Subscription{ChannelID: "200", Time: "07:15", Zone: "Europe/London"}); err != nil {
		t.Fatal(err)
	}
	if got := s.Subscriptions(); len(got) != 2 || got[1].Time != "07:15" {
		t.Errorf("after replacing, Subscriptions = %+v", got)
	}

	if ok, err := s.Unsubscribe("300"); ok || err != nil {
		t.Errorf("Unsubscribe of an unknown channel = %v, %v; want false, nil", ok, err)
	}
	if ok, err := s.Unsubscribe("200"); !ok || err != nil {
		t.Errorf("Unsubscribe(200) = %v, %v; want true, nil", ok, err)
	}
	if diff := cmp.Diff(want[:1], again.Subscriptions()); diff != "" {
		t.Errorf("after Unsubscribe (-want +got):\n%s", diff)
	}
}

func TestSchedulerWithoutPoster(t *testing.T) {
	clk := fakeclock.New(utc(2026, 11, 25, 8, 0))
	s, err := NewScheduler(SchedulerOptions{Dir: t.TempDir(), Composer: &fakeComposer{}, Clock: clk})
	if err != nil {
		t.Fatalf("NewScheduler without a Poster (previews only): %v", err)
	}
	if err := s.Subscribe(Subscription{ChannelID: "1", Time: "09:00"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Preview(context.Background(), "1"); err != nil {
		t.Fatal(err)
	}
	if err := s.Run(context.Background()); err == nil {
		t.Error("Run without a Poster did not fail")
	}
}

func TestNewSchedulerErrors(t *testing.T) {
	clk := fakeclock.New(utc(2026, 11, 25, 8, 0))
	poster := newFakePoster(newFakeDiscord(), clk)

	t.Run("corrupt state file", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, StateFile)
		corrupt := []byte(`{"version": 1, "subscriptions": [`)
		if err := os.WriteFile(path, corrupt, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := NewScheduler(SchedulerOptions{Dir: dir, Composer: &fakeComposer{}, Poster: poster, Clock: clk})
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Fatalf("NewScheduler over a corrupt state = %v, want an error naming %s", err, path)
		}
		if got, _ := os.ReadFile(path); !bytes.Equal(got, corrupt) {
			t.Error("the corrupt state file was changed")
		}
	})

	for _, tc := range []struct {
		name string
		opts SchedulerOptions
		want string
	}{
		{"no directory", SchedulerOptions{Composer: &fakeComposer{}, Poster: poster}, "no data directory"},
		{"bad config subscription", SchedulerOptions{Dir: t.TempDir(), Composer: &fakeComposer{}, Poster: poster,
			Config: []Subscription{{ChannelID: "1", Time: "9"}}}, "subscription 1 in the config"},
		{"a channel twice in config", SchedulerOptions{Dir: t.TempDir(), Composer: &fakeComposer{}, Poster: poster,
			Config: []Subscription{{ChannelID: "1", Time: "09:00"}, {ChannelID: "1", Time: "10:00"}}}, "two digest subscriptions"},
		{"backoff bounds reversed", SchedulerOptions{Dir: t.TempDir(), Composer: &fakeComposer{}, Poster: poster,
			MinBackoff: time.Hour, MaxBackoff: time.Minute}, "below the minimum"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewScheduler(tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("NewScheduler = %v, want an error with %q", err, tc.want)
			}
		})
	}
}

// advanceTo is driveTo for when the code under test will not wait again
// (a post that hangs): it returns as soon as the clock is at target.
func advanceTo(t *testing.T, clk *fakeclock.Clock, target time.Time) {
	t.Helper()
	for clk.Now().Before(target) {
		d := <-clk.Afters()
		clk.Advance(max(0, min(d, target.Sub(clk.Now()))))
	}
}
