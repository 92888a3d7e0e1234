package digest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gofrs/flock"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/errs"
)

// Composer builds the digest of (since, until]; Builder is one.
type Composer interface {
	Build(ctx context.Context, since, until time.Time) (Digest, error)
}

// Poster posts digests to channels.
type Poster interface {
	// PostDigest posts d to channelID; key ("2026-11-25") must be findable
	// in the post by FindDigest.
	PostDigest(ctx context.Context, channelID string, d Digest, key string) error
	// FindDigest reports whether a digest with key was already posted to
	// channelID (used after a crash mid-post).
	FindDigest(ctx context.Context, channelID, key string) (bool, error)
}

// Clock is the scheduler's only source of time.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

// Defaults of SchedulerOptions.
const (
	DefaultMinBackoff  = 30 * time.Second
	DefaultMaxBackoff  = 30 * time.Minute
	DefaultFirstWindow = 24 * time.Hour
)

const (
	// standbyRetry is how often a scheduler that does not hold the poster
	// lock tries to take it: a standby takes over within this long of the
	// holder's death.
	standbyRetry = time.Minute
	// maxWait bounds one wait, so that a wall clock that jumps (a machine
	// suspended, a clock set by hand) makes a post late by at most this.
	maxWait = time.Hour
)

// SchedulerOptions configures NewScheduler.
type SchedulerOptions struct {
	// Dir is the data directory: StateFile and the lock files live here.
	Dir      string
	Composer Composer
	// Poster may be nil for a scheduler that only manages subscriptions
	// and previews; Run needs one.
	Poster Poster
	// Clock is the wall clock when nil.
	Clock Clock
	// Logger receives every post, skip and failure (Run has no caller to
	// return them to); nil discards.
	Logger *slog.Logger
	// SkipEmpty posts nothing when nothing is new; the day still counts
	// as done.
	SkipEmpty bool
	// Config are the subscriptions declared in config; they cannot be
	// changed or removed by command.
	Config []Subscription
	// MinBackoff and MaxBackoff bound the delay before a failed post is
	// tried again, doubling from one to the other; DefaultMinBackoff and
	// DefaultMaxBackoff when 0.
	MinBackoff, MaxBackoff time.Duration
	// FirstWindow is what a channel's first digest covers;
	// DefaultFirstWindow when 0.
	FirstWindow time.Duration
}

// Scheduler posts each subscribed channel's digest once per scheduled day.
//
// Only the scheduler holding the poster lock (DIR/digest.lock) posts; any
// other stands by and takes over when the holder exits or dies. Before
// posting it records a claim in StateFile (the day, the window, the
// attempts) and clears it once the post succeeded, recording the day as
// done. A claim found later means the post's outcome is unknown (its
// poster died, or the post failed): the scheduler asks the Poster whether
// the post is there before posting again. So a day is posted at most once,
// a failed post is retried with backoff as the same day, and a scheduler
// started after a missed time posts one digest covering the whole gap.
type Scheduler struct {
	opts      SchedulerOptions
	clock     Clock
	log       *slog.Logger
	config    []Subscription // validated, by channel id
	statePath string
	changed   chan struct{} // Subscribe and Unsubscribe wake Run

	mu    sync.Mutex // serializes this process's state changes; see update
	cache state      // the state last read, for when the file cannot be read
}

// NewScheduler checks opts, validates the config subscriptions and reads
// the state. It does not take the poster lock: Run does. An unreadable
// StateFile is an error naming it. Poster may be nil (see
// SchedulerOptions).
func NewScheduler(opts SchedulerOptions) (*Scheduler, error) {
	if strings.TrimSpace(opts.Dir) == "" {
		return nil, errs.Errorf(errs.Invalid, "no data directory for the digest state")
	}
	if opts.Composer == nil {
		return nil, errors.New("digest scheduler: no Composer")
	}
	if opts.MinBackoff <= 0 {
		opts.MinBackoff = DefaultMinBackoff
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = DefaultMaxBackoff
	}
	if opts.MaxBackoff < opts.MinBackoff {
		return nil, errs.Errorf(errs.Invalid, "digest retry backoff: the maximum %s is below the minimum %s", opts.MaxBackoff, opts.MinBackoff)
	}
	if opts.FirstWindow <= 0 {
		opts.FirstWindow = DefaultFirstWindow
	}
	s := &Scheduler{
		opts: opts, clock: opts.Clock, log: opts.Logger,
		statePath: filepath.Join(opts.Dir, StateFile),
		changed:   make(chan struct{}, 1),
	}
	if s.clock == nil {
		s.clock = answer.RealClock{}
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	seen := map[string]bool{}
	for i, sub := range opts.Config {
		if err := sub.Validate(); err != nil {
			return nil, errs.Errorf(errs.Invalid, "digest subscription %d in the config: %s", i+1, errs.Message(err))
		}
		if seen[sub.ChannelID] {
			return nil, errs.Errorf(errs.Invalid, "channel %s has two digest subscriptions in the config", sub.ChannelID)
		}
		seen[sub.ChannelID] = true
		sub.FromConfig = true
		s.config = append(s.config, sub)
	}
	slices.SortFunc(s.config, bySubChannel)
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	st, err := readState(s.statePath)
	if err != nil {
		return nil, err
	}
	s.cache = st
	return s, nil
}

func bySubChannel(a, b Subscription) int { return strings.Compare(a.ChannelID, b.ChannelID) }

// Run posts the digests when due until ctx is done, and returns ctx's
// error, or an error when the lock file cannot be used. It first takes the
// poster lock, trying again every minute while another scheduler holds it.
func (s *Scheduler) Run(ctx context.Context) error {
	if s.opts.Poster == nil {
		return errors.New("digest scheduler: no Poster to post with")
	}
	lock := flock.New(filepath.Join(s.opts.Dir, posterLockFile))
	for waited := false; ; waited = true {
		ok, err := lock.TryLock()
		if err != nil {
			return fmt.Errorf("lock %s: %w", lock.Path(), err)
		}
		if ok {
			if waited {
				s.log.Info("digest: took over posting from the scheduler that held the lock", "lock", lock.Path())
			}
			break
		}
		if !waited {
			s.log.Info("digest: another scheduler is posting from this data directory; standing by", "lock", lock.Path())
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-s.clock.After(standbyRetry):
		}
	}
	defer lock.Unlock()

	for {
		next := s.tick(ctx)
		if err := ctx.Err(); err != nil {
			return err
		}
		wait := maxWait
		if !next.IsZero() {
			wait = min(max(next.Sub(s.clock.Now()), 0), maxWait)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-s.changed:
		case <-s.clock.After(wait):
		}
	}
}

// tick serves every subscription that is due and returns when the next
// thing is due (zero: nothing is scheduled).
func (s *Scheduler) tick(ctx context.Context) time.Time {
	st, err := s.read()
	if err != nil {
		retry := s.clock.Now().Add(s.opts.MinBackoff)
		s.log.Error("digest: cannot read the state", "err", err, "retry_at", retry)
		return retry
	}
	var next time.Time
	for _, sub := range s.merge(st) {
		if ctx.Err() != nil {
			break
		}
		if at := s.serve(ctx, sub); !at.IsZero() && (next.IsZero() || at.Before(next)) {
			next = at
		}
	}
	return next
}

// serve posts sub's digest if it is due, or retries a claimed one, and
// returns when sub next needs attention.
func (s *Scheduler) serve(ctx context.Context, sub Subscription) time.Time {
	now := s.clock.Now()
	var (
		job   claim
		retry bool
		wake  time.Time
	)
	err := s.update(func(st *state) error {
		cs := st.Channels[sub.ChannelID]
		if cs == nil {
			// A channel's first digest is at its next scheduled time: the
			// time just passed was before the channel had digests.
			day, _ := LastDue(sub, now)
			cs = &channelState{LastDay: day}
			st.Channels[sub.ChannelID] = cs
		}
		if c := cs.Claim; c != nil {
			if now.Before(c.NextAttempt) {
				wake = c.NextAttempt
				return nil
			}
			job, retry = *c, true
			return nil
		}
		day, _ := LastDue(sub, now)
		if day <= cs.LastDay {
			wake = NextDue(sub, now)
			return nil
		}
		since := cs.LastUntil
		if since.IsZero() {
			since = now.Add(-s.opts.FirstWindow)
		}
		cs.Claim = &claim{Day: day, Since: since, Until: later(now, since)}
		job = *cs.Claim
		return nil
	})
	if err != nil {
		retry := now.Add(s.opts.MinBackoff)
		s.log.Error("digest: cannot update the state", "channel", sub.ChannelID, "err", err, "retry_at", retry)
		return retry
	}
	if job.Day == "" {
		return wake
	}
	return s.deliver(ctx, sub, job, retry)
}

// deliver posts the claimed digest c. A retry first asks the Poster
// whether an earlier attempt got through.
func (s *Scheduler) deliver(ctx context.Context, sub Subscription, c claim, retry bool) time.Time {
	ch := sub.ChannelID
	if retry {
		found, err := s.opts.Poster.FindDigest(ctx, ch, c.Day)
		if err != nil {
			if ctx.Err() != nil {
				return time.Time{}
			}
			return s.fail(sub, c, fmt.Errorf("look for an earlier post: %w", err))
		}
		if found {
			s.log.Info("digest: found the post of an earlier attempt; recorded it", "channel", ch, "day", c.Day)
			return s.confirm(sub, c)
		}
		// Not posted, and a later day has come: one digest for both.
		now := s.clock.Now()
		if day, _ := LastDue(sub, now); day > c.Day {
			c.Day, c.Until = day, later(now, c.Since)
			if err := s.setClaim(ch, c); err != nil {
				return s.fail(sub, c, err)
			}
		}
	}
	d, err := s.opts.Composer.Build(ctx, c.Since, c.Until)
	if err != nil {
		if ctx.Err() != nil {
			return time.Time{}
		}
		return s.fail(sub, c, fmt.Errorf("build the digest: %w", err))
	}
	if d.Empty() && s.opts.SkipEmpty {
		s.log.Info("digest: nothing new; not posted", "channel", ch, "day", c.Day, "since", c.Since, "until", c.Until)
		return s.confirm(sub, c)
	}
	if err := s.opts.Poster.PostDigest(ctx, ch, d, c.Day); err != nil {
		if ctx.Err() != nil {
			return time.Time{} // the claim stays: the next start looks for the post
		}
		return s.fail(sub, c, fmt.Errorf("post the digest: %w", err))
	}
	s.log.Info("digest: posted", "channel", ch, "day", c.Day, "since", c.Since, "until", c.Until,
		"articles", len(d.Articles)+d.More, "events", len(d.Events), "disagreements", len(d.Disagreements))
	return s.confirm(sub, c)
}

func later(a, b time.Time) time.Time {
	if a.Before(b) {
		return b
	}
	return a
}

// fail records a failed attempt at c and when to try again.
func (s *Scheduler) fail(sub Subscription, c claim, err error) time.Time {
	c.Attempts++
	c.NextAttempt = s.clock.Now().Add(s.backoff(c.Attempts))
	if werr := s.setClaim(sub.ChannelID, c); werr != nil {
		s.log.Error("digest: cannot record the failed attempt", "channel", sub.ChannelID, "err", werr)
	}
	s.log.Warn("digest: post failed; will retry", "channel", sub.ChannelID, "day", c.Day,
		"attempt", c.Attempts, "retry_at", c.NextAttempt, "err", err)
	return c.NextAttempt
}

// backoff is the delay after the attempts-th failure: MinBackoff doubling
// up to MaxBackoff.
func (s *Scheduler) backoff(attempts int) time.Duration {
	d := s.opts.MinBackoff
	for i := 1; i < attempts && d < s.opts.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, s.opts.MaxBackoff)
}

// setClaim replaces the channel's claim; a channel unsubscribed meanwhile
// keeps none.
func (s *Scheduler) setClaim(channelID string, c claim) error {
	return s.update(func(st *state) error {
		if cs := st.Channels[channelID]; cs != nil && cs.Claim != nil {
			cs.Claim = &c
		}
		return nil
	})
}

// confirm records c's day as done and clears the claim.
func (s *Scheduler) confirm(sub Subscription, c claim) time.Time {
	now := s.clock.Now()
	lastDay := c.Day
	err := s.update(func(st *state) error {
		cs := st.Channels[sub.ChannelID]
		if cs == nil {
			return nil // unsubscribed while posting
		}
		if c.Day > cs.LastDay {
			cs.LastDay = c.Day
		}
		lastDay = cs.LastDay
		cs.LastUntil = later(cs.LastUntil, c.Until)
		cs.Claim = nil
		return nil
	})
	if err != nil {
		// The claim stays, so the retry finds this post rather than
		// posting again.
		retry := now.Add(s.opts.MinBackoff)
		s.log.Error("digest: posted but could not record it", "channel", sub.ChannelID, "day", c.Day, "err", err, "retry_at", retry)
		return retry
	}
	if day, _ := LastDue(sub, now); day > lastDay {
		return now // a later day is already due (the post confirmed was a late one)
	}
	return NextDue(sub, now)
}

// Subscribe adds or replaces the channel's subscription and stores it.
// Its first digest (or its first at a new time) is at its next scheduled
// time and starts where the channel's last one ended, or covers
// FirstWindow. A channel declared in the config cannot be changed here.
func (s *Scheduler) Subscribe(sub Subscription) error {
	if err := sub.Validate(); err != nil {
		return err
	}
	if s.fromConfig(sub.ChannelID) {
		return errs.Errorf(errs.Invalid, "the digest of <#%s> is set in the config file (digest.subscriptions); change it there", sub.ChannelID)
	}
	now := s.clock.Now()
	sub.FromConfig = false
	if sub.CreatedAt.IsZero() {
		sub.CreatedAt = now
	}
	sub.CreatedAt = sub.CreatedAt.UTC()
	err := s.update(func(st *state) error {
		i := slices.IndexFunc(st.Subscriptions, func(x Subscription) bool { return x.ChannelID == sub.ChannelID })
		if i >= 0 {
			st.Subscriptions[i] = sub
		} else {
			st.Subscriptions = append(st.Subscriptions, sub)
			slices.SortFunc(st.Subscriptions, bySubChannel)
		}
		cs := st.Channels[sub.ChannelID]
		if cs == nil {
			cs = &channelState{}
			st.Channels[sub.ChannelID] = cs
		}
		if day, _ := LastDue(sub, now); day > cs.LastDay {
			cs.LastDay = day
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("subscribe channel %s to the digest: %w", sub.ChannelID, err)
	}
	s.wake()
	return nil
}

// Unsubscribe removes the channel's stored subscription and progress; it
// reports false when there was none. A channel declared in the config is
// an errs.Invalid error.
func (s *Scheduler) Unsubscribe(channelID string) (bool, error) {
	if s.fromConfig(channelID) {
		return false, errs.Errorf(errs.Invalid, "the digest of <#%s> is set in the config file (digest.subscriptions); remove it there", channelID)
	}
	found := false
	err := s.update(func(st *state) error {
		i := slices.IndexFunc(st.Subscriptions, func(x Subscription) bool { return x.ChannelID == channelID })
		if i < 0 {
			return nil
		}
		found = true
		st.Subscriptions = slices.Delete(st.Subscriptions, i, i+1)
		delete(st.Channels, channelID)
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("unsubscribe channel %s from the digest: %w", channelID, err)
	}
	if found {
		s.wake()
	}
	return found, nil
}

func (s *Scheduler) wake() {
	select {
	case s.changed <- struct{}{}:
	default:
	}
}

func (s *Scheduler) fromConfig(channelID string) bool {
	_, ok := slices.BinarySearchFunc(s.config, channelID, func(x Subscription, id string) int {
		return strings.Compare(x.ChannelID, id)
	})
	return ok
}

// Subscriptions returns the config's subscriptions and the stored ones, by
// channel id.
func (s *Scheduler) Subscriptions() []Subscription {
	st, _ := s.read() // on error, the last state read
	return s.merge(st)
}

// Subscription returns the channel's subscription, if it has one.
func (s *Scheduler) Subscription(channelID string) (Subscription, bool) {
	for _, sub := range s.Subscriptions() {
		if sub.ChannelID == channelID {
			return sub, true
		}
	}
	return Subscription{}, false
}

// merge returns the config's subscriptions and st's, the config's winning
// for a channel in both.
func (s *Scheduler) merge(st state) []Subscription {
	out := slices.Clone(s.config)
	for _, sub := range st.Subscriptions {
		if !s.fromConfig(sub.ChannelID) {
			out = append(out, sub)
		}
	}
	slices.SortFunc(out, bySubChannel)
	return out
}

// Since returns where the channel's next digest starts: the end of its
// last one (or the start of the one being posted). For "" it is the
// latest over all channels. It is zero for a channel without a digest yet.
func (s *Scheduler) Since(channelID string) time.Time {
	st, _ := s.read()
	if channelID != "" {
		return channelSince(st.Channels[channelID])
	}
	var latest time.Time
	for _, cs := range st.Channels {
		latest = later(latest, channelSince(cs))
	}
	return latest
}

func channelSince(cs *channelState) time.Time {
	switch {
	case cs == nil:
		return time.Time{}
	case cs.Claim != nil:
		return cs.Claim.Since
	default:
		return cs.LastUntil
	}
}

// Preview builds the channel's next digest as it stands now: from Since,
// or from FirstWindow ago for a channel without a digest yet.
func (s *Scheduler) Preview(ctx context.Context, channelID string) (Digest, error) {
	now := s.clock.Now()
	since := s.Since(channelID)
	if since.IsZero() || since.After(now) {
		since = now.Add(-s.opts.FirstWindow)
	}
	return s.opts.Composer.Build(ctx, since, now)
}
