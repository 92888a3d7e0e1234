package digest

import (
	"context"
	"errors"
	"flag"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	_ "time/tzdata" // the DST tests must not depend on the machine's zoneinfo

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/internal/fakeclock"
	"github.com/crisisbot/crisisbot/retrieval"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fakeCorpus is an in-memory Corpus.
type fakeCorpus struct {
	infos []retrieval.DocInfo
	docs  map[string]corpus.Document
	first map[string]time.Time // FirstIngestedAt, when set
}

func (c *fakeCorpus) add(doc corpus.Document, at time.Time) {
	if c.docs == nil {
		c.docs = map[string]corpus.Document{}
	}
	c.docs[doc.ID] = doc
	c.infos = append(c.infos, retrieval.DocInfo{
		ID: doc.ID, Title: doc.Title, Outlet: doc.Outlet, Published: doc.Published,
		PublishedPrecision: doc.PublishedPrecision, URL: doc.URL, Source: doc.Source, IngestedAt: at.UTC(),
		FirstIngestedAt: c.first[doc.ID].UTC(),
	})
}

func (c *fakeCorpus) Documents() []retrieval.DocInfo { return slices.Clone(c.infos) }

func (c *fakeCorpus) Document(id string) (corpus.Document, bool) {
	d, ok := c.docs[id]
	return d, ok
}

// fakeChat replies with reply or fails with err, and records the prompts.
type fakeChat struct {
	reply string
	err   error

	mu   sync.Mutex
	msgs [][]answer.Message
}

func (c *fakeChat) Model() string { return "fake" }

func (c *fakeChat) Complete(ctx context.Context, msgs []answer.Message) (string, error) {
	c.mu.Lock()
	c.msgs = append(c.msgs, msgs)
	c.mu.Unlock()
	return c.reply, c.err
}

// fakeComposer returns a one-article digest of its window and records the
// windows it was asked for. With empty set it returns empty digests.
type fakeComposer struct {
	empty bool
	mu    sync.Mutex
	calls [][2]time.Time
}

func (c *fakeComposer) Build(ctx context.Context, since, until time.Time) (Digest, error) {
	c.mu.Lock()
	c.calls = append(c.calls, [2]time.Time{since, until})
	c.mu.Unlock()
	d := Digest{Since: since, Until: until}
	if !c.empty {
		d.Articles = []Article{{DocID: "a", Title: "A", Summary: "Something happened.", Cite: 1}}
		d.Citations = []Citation{{N: 1, DocID: "a", Title: "A"}}
	}
	return d, nil
}

// post is a digest as it reached the fake Discord.
type post struct {
	Channel, Key string
	At           time.Time // the clock when it was posted
	Since, Until time.Time
}

// fakeDiscord holds the posts every fakePoster made, like a server would:
// it survives a restart of the scheduler.
type fakeDiscord struct {
	mu     sync.Mutex
	posts  []post
	posted chan post // every post, as it is made
}

func newFakeDiscord() *fakeDiscord { return &fakeDiscord{posted: make(chan post, 100)} }

func (f *fakeDiscord) all() []post {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.posts)
}

func (f *fakeDiscord) record(p post) {
	f.mu.Lock()
	f.posts = append(f.posts, p)
	f.mu.Unlock()
	f.posted <- p
}

// Modes of a fakePoster's PostDigest.
const (
	postOK          = iota
	postThenHang    // the post reaches Discord, then the call hangs until cancelled
	hangWithoutPost // the call hangs until cancelled; nothing reaches Discord
)

// errServer is a Discord 5xx.
var errServer = errors.New("discord: 503 Service Unavailable")

// fakePoster is one process's Poster over a shared fakeDiscord.
type fakePoster struct {
	discord *fakeDiscord
	clock   *fakeclock.Clock
	mode    int

	mu       sync.Mutex
	failures int         // the next PostDigest calls that fail with errServer
	attempts []time.Time // every PostDigest call
	hanging  chan struct{}
}

func newFakePoster(d *fakeDiscord, clk *fakeclock.Clock) *fakePoster {
	return &fakePoster{discord: d, clock: clk, hanging: make(chan struct{}, 10)}
}

func (p *fakePoster) PostDigest(ctx context.Context, channelID string, d Digest, key string) error {
	now := p.clock.Now()
	p.mu.Lock()
	p.attempts = append(p.attempts, now)
	fail := p.failures > 0
	if fail {
		p.failures--
	}
	p.mu.Unlock()
	if fail {
		return errServer
	}
	pst := post{Channel: channelID, Key: key, At: now, Since: d.Since, Until: d.Until}
	switch p.mode {
	case postThenHang:
		p.discord.record(pst)
		p.hanging <- struct{}{}
		<-ctx.Done()
		return ctx.Err()
	case hangWithoutPost:
		p.hanging <- struct{}{}
		<-ctx.Done()
		return ctx.Err()
	}
	p.discord.record(pst)
	return nil
}

func (p *fakePoster) FindDigest(ctx context.Context, channelID, key string) (bool, error) {
	for _, q := range p.discord.all() {
		if q.Channel == channelID && q.Key == key {
			return true, nil
		}
	}
	return false, nil
}

func (p *fakePoster) setFailures(n int) {
	p.mu.Lock()
	p.failures = n
	p.mu.Unlock()
}

func (p *fakePoster) attemptTimes() []time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.attempts)
}

// driver advances a fake clock for one goroutine that waits on it.
type driver struct {
	clk *fakeclock.Clock
	// pending is when the waiter's last announced wait ends, once its
	// announcement has been read but the clock has not got there.
	pending time.Time
}

// to advances the clock to target, one step each time the code under test
// waits on it: to the end of the wait it announced, never past target. It
// returns once the clock is at target with the code waiting again, so
// nothing is left half-done. (With two goroutines waiting it still gets
// there, but a step may overshoot the other's timer.)
func (dr *driver) to(target time.Time) {
	for {
		due := dr.pending
		dr.pending = time.Time{}
		if due.IsZero() {
			d := <-dr.clk.Afters()
			due = dr.clk.Now().Add(d)
		}
		now := dr.clk.Now()
		if !now.Before(target) || due.After(target) {
			dr.clk.Advance(max(0, target.Sub(now)))
			dr.pending = due
			return
		}
		dr.clk.Advance(max(0, due.Sub(now)))
	}
}

// utc returns the given time in UTC.
func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

func mustLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func joinLines(lines ...string) string { return strings.Join(lines, "\n") }
