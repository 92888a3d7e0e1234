package corpus

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/internal/atomicfile"
)

// Poller defaults and bounds.
const (
	// DefaultPollInterval is the time between two polls of one feed.
	DefaultPollInterval = 30 * time.Minute
	// DefaultMaxItems is how many of a feed's newest items one poll
	// considers.
	DefaultMaxItems = 50
	// FirstBackoff is the delay before retrying a feed that failed once; it
	// doubles with each further failure, up to MaxBackoff.
	FirstBackoff = time.Minute
	// MaxItemTries is how many polls try to fetch an item's article before
	// giving up on it until the feed updates the item.
	MaxItemTries = 3
	// MaxStateItems bounds the items and the documents the state remembers;
	// the least recently seen are forgotten first.
	MaxStateItems = 5000
)

// feedAccept is the Accept header of a feed request.
const feedAccept = "application/rss+xml, application/atom+xml, application/feed+json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"

// pollStateVersion is the version of the state file's format.
const pollStateVersion = 1

// Verdict is a Judge's decision on one article.
type Verdict struct {
	Relevant bool
	// Reason says what decided, for the log and the poll report.
	Reason string
}

// Judge decides whether an article is on topic.
type Judge interface {
	Judge(ctx context.Context, doc Document) (Verdict, error)
}

// Clock tells the time and waits; tests pass a fake one.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

// PollerOptions configure a Poller.
type PollerOptions struct {
	// Feeds are the feed URLs; each must be an absolute http(s) URL.
	Feeds []string
	// Interval is the time between two polls of one feed; 0 means
	// DefaultPollInterval.
	Interval time.Duration
	// Fetcher fetches feeds and articles; nil means a zero Fetcher.
	Fetcher *Fetcher
	// Judge keeps only relevant articles; nil keeps every one.
	Judge Judge
	// Store ingests one article and says what that changed. An article
	// updated at the same URL comes again with the same ID, to replace the
	// earlier version.
	Store func(ctx context.Context, doc Document) (Stored, error)
	// StatePath is the JSON state file (validators, seen items, content
	// hashes); "" keeps the state in memory only.
	StatePath string
	// Clock is the time source; nil means the wall clock.
	Clock Clock
	// Logger receives what a long-running loop has no caller to return to:
	// feed failures, skipped items, store errors. nil discards.
	Logger *slog.Logger
	// MaxItems is how many of a feed's newest items one poll considers; 0
	// means DefaultMaxItems.
	MaxItems int
	// MaxBackoff caps a failing feed's retry delay; 0 means four times
	// Interval (2h at the default interval), so that a dead feed is still
	// tried a few times a day without being hammered.
	MaxBackoff time.Duration
}

// PollReport is what one PollOnce did, feed by feed.
type PollReport struct {
	Feeds []FeedReport
}

// FeedReport is what one poll of a feed did.
type FeedReport struct {
	URL string
	// NotModified reports a 304: nothing new.
	NotModified bool
	// Err is the feed's failure: network, HTTP status, size, garbage.
	Err error
	// Added and Updated are the ids of the documents stored.
	Added, Updated []string
	// Skipped are the items not stored this time, with the reason. Items
	// already handled in an earlier poll are not listed.
	Skipped []Skip
}

// Stored is what storing an article changed: the store, not the poller's
// memory, knows whether it already had it (ingested by URL, or before the
// feed state was lost).
type Stored int

// What a Store call did.
const (
	StoredNew       Stored = iota // a document the store did not have
	StoredUpdated                 // a new version of a stored document
	StoredUnchanged               // the same text, already stored under the id
)

// Skip is an item not stored, and why.
type Skip struct {
	URL, Reason string
}

// Poller polls RSS and Atom feeds and stores their new, relevant articles.
// It is safe for concurrent use; polls run one at a time.
type Poller struct {
	opts  PollerOptions
	feeds []feedEntry
	clock Clock
	log   *slog.Logger

	mu     sync.Mutex // held for a whole feed poll; guards st and byHash
	st     *pollState
	byHash map[string]string // body hash → URL of the document stored with it
}

type feedEntry struct {
	url string // as configured
	key string // its canonical form: the state's key
}

// pollState is the state file.
type pollState struct {
	Version int                   `json:"version"`
	Feeds   map[string]*feedState `json:"feeds"`
	// Items are keyed by the canonical item link.
	Items map[string]*itemState `json:"items"`
	// Docs are keyed by the stored document's URL.
	Docs map[string]*docState `json:"docs"`
}

type feedState struct {
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	LastAttempt  time.Time `json:"last_attempt,omitzero"`
	LastSuccess  time.Time `json:"last_success,omitzero"`
	Failures     int       `json:"failures,omitempty"`
	LastError    string    `json:"last_error,omitempty"`
}

// Item statuses.
const (
	itemDone     = "done"      // stored, unchanged or a duplicate
	itemOffTopic = "off-topic" // the judge said no
	itemFailed   = "failed"    // no text could be had; retried up to MaxItemTries
)

type itemState struct {
	// Stamp is the item's updated (else published) time, or a hash of its
	// content when it has neither: a new stamp means the item changed.
	Stamp  string    `json:"stamp"`
	Status string    `json:"status"`
	Reason string    `json:"reason,omitempty"`
	Tries  int       `json:"tries,omitempty"`
	DocURL string    `json:"doc_url,omitempty"`
	Seen   time.Time `json:"seen"`
}

type docState struct {
	ID     string    `json:"id"`
	Hash   string    `json:"hash"` // of the body, white space normalized
	Stored time.Time `json:"stored"`
}

// wallClock is the real clock.
type wallClock struct{}

func (wallClock) Now() time.Time                         { return time.Now() }
func (wallClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// NewPoller checks opts and loads the state file. A state file that cannot
// be decoded is moved aside to StatePath+".corrupt" and the poller starts
// fresh: the stored articles are not in it, so nothing is lost but some
// refetching.
func NewPoller(opts PollerOptions) (*Poller, error) {
	if opts.Store == nil {
		return nil, errors.New("corpus: PollerOptions.Store is nil")
	}
	if len(opts.Feeds) == 0 {
		return nil, errs.Errorf(errs.Invalid, "feeds: no feed URL to poll")
	}
	switch {
	case opts.Interval < 0:
		return nil, errs.Errorf(errs.Invalid, "feeds: poll interval %v is negative", opts.Interval)
	case opts.MaxBackoff < 0:
		return nil, errs.Errorf(errs.Invalid, "feeds: maximum backoff %v is negative", opts.MaxBackoff)
	case opts.MaxItems < 0:
		return nil, errs.Errorf(errs.Invalid, "feeds: maximum items %d is negative", opts.MaxItems)
	}
	p := &Poller{opts: opts, clock: opts.Clock, log: opts.Logger}
	if p.opts.Interval == 0 {
		p.opts.Interval = DefaultPollInterval
	}
	if p.opts.MaxBackoff == 0 {
		p.opts.MaxBackoff = 4 * p.opts.Interval
	}
	if p.opts.MaxItems == 0 {
		p.opts.MaxItems = DefaultMaxItems
	}
	if p.opts.Fetcher == nil {
		p.opts.Fetcher = &Fetcher{}
	}
	if p.clock == nil {
		p.clock = wallClock{}
	}
	if p.log == nil {
		p.log = slog.New(slog.DiscardHandler)
	}
	seen := make(map[string]string)
	for _, raw := range opts.Feeds {
		u, err := parseHTTPURL(raw)
		if err != nil {
			return nil, errs.Errorf(errs.Invalid, "feeds: %q: %v", raw, err)
		}
		key := CanonicalURL(u).String()
		if first, dup := seen[key]; dup {
			return nil, errs.Errorf(errs.Invalid, "feeds: %q is listed twice (as %q too)", raw, first)
		}
		seen[key] = raw
		p.feeds = append(p.feeds, feedEntry{url: strings.TrimSpace(raw), key: key})
	}
	st, err := p.loadState()
	if err != nil {
		return nil, err
	}
	p.st = st
	p.byHash = make(map[string]string, len(st.Docs))
	for u, d := range st.Docs {
		p.byHash[d.Hash] = u
	}
	return p, nil
}

func newPollState() *pollState {
	return &pollState{
		Version: pollStateVersion,
		Feeds:   make(map[string]*feedState),
		Items:   make(map[string]*itemState),
		Docs:    make(map[string]*docState),
	}
}

// loadState reads StatePath, moving an undecodable file aside.
func (p *Poller) loadState() (*pollState, error) {
	path := p.opts.StatePath
	if path == "" {
		return newPollState(), nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return newPollState(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("read feed state: %w", err)
	}
	st := newPollState()
	err = json.Unmarshal(data, st)
	if err == nil && st.Version != pollStateVersion {
		err = fmt.Errorf("version %d, want %d", st.Version, pollStateVersion)
	}
	if err != nil {
		aside := path + ".corrupt"
		if rerr := os.Rename(path, aside); rerr != nil {
			return nil, fmt.Errorf("feed state %s is unreadable (%v) and cannot be moved aside: %w", path, err, rerr)
		}
		p.log.Warn("feed state unreadable; moved aside, starting fresh", "path", path, "moved_to", aside, "err", err)
		return newPollState(), nil
	}
	// JSON null entries would be nil pointers.
	maps.DeleteFunc(st.Feeds, func(_ string, v *feedState) bool { return v == nil })
	maps.DeleteFunc(st.Items, func(_ string, v *itemState) bool { return v == nil })
	maps.DeleteFunc(st.Docs, func(_ string, v *docState) bool { return v == nil })
	return st, nil
}

// saveLocked writes the state atomically. A failure is logged: the poller
// carries on from memory and tries again after the next feed.
func (p *Poller) saveLocked() {
	if p.opts.StatePath == "" {
		return
	}
	data, err := json.Marshal(p.st)
	if err == nil {
		err = atomicfile.WriteFile(p.opts.StatePath, data, 0o644)
	}
	if err != nil {
		p.log.Error("cannot save the feed state", "path", p.opts.StatePath, "err", err)
	}
}

// PollOnce polls every feed now, whatever its schedule, one after another.
func (p *Poller) PollOnce(ctx context.Context) PollReport {
	var rep PollReport
	for _, f := range p.feeds {
		if ctx.Err() != nil {
			rep.Feeds = append(rep.Feeds, FeedReport{URL: f.url, Err: ctx.Err()})
			continue
		}
		rep.Feeds = append(rep.Feeds, p.pollFeed(ctx, f))
	}
	return rep
}

// Run polls each feed when it is due until ctx is done, and returns
// ctx.Err(). A feed is due Interval after its last poll, or after its
// backoff when it failed; the schedule survives a restart through the
// state file, and a feed never polled is due at once.
func (p *Poller) Run(ctx context.Context) error {
	for {
		var next time.Time
		for _, f := range p.feeds {
			if err := ctx.Err(); err != nil {
				return err
			}
			due := p.due(f)
			if !due.After(p.clock.Now()) {
				p.pollFeed(ctx, f)
				due = p.due(f)
			}
			if next.IsZero() || due.Before(next) {
				next = due
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-p.clock.After(next.Sub(p.clock.Now())):
		}
	}
}

// due returns when feed f should next be polled.
func (p *Poller) due(f feedEntry) time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	fs := p.st.Feeds[f.key]
	if fs == nil || fs.LastAttempt.IsZero() {
		return time.Time{}
	}
	if fs.Failures > 0 {
		return fs.LastAttempt.Add(p.backoff(fs.Failures))
	}
	return fs.LastAttempt.Add(p.opts.Interval)
}

// backoff is the delay after the n-th failure in a row: FirstBackoff
// doubled n-1 times, capped at MaxBackoff.
func (p *Poller) backoff(n int) time.Duration {
	d := FirstBackoff
	for i := 1; i < n && d < p.opts.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, p.opts.MaxBackoff)
}

// pollFeed polls one feed and saves the state.
func (p *Poller) pollFeed(ctx context.Context, f feedEntry) FeedReport {
	p.mu.Lock()
	defer p.mu.Unlock()
	rep := FeedReport{URL: f.url}
	fs := p.st.Feeds[f.key]
	if fs == nil {
		fs = &feedState{}
		p.st.Feeds[f.key] = fs
	}
	now := p.clock.Now()
	resp, err := p.opts.Fetcher.Get(ctx, f.url, feedAccept, Validators{ETag: fs.ETag, LastModified: fs.LastModified})
	var feed Feed
	if err == nil && !resp.NotModified {
		feed, err = ParseFeed(resp.Body, resp.URL)
	}
	if err != nil {
		rep.Err = err
		if ctx.Err() != nil {
			return rep // shutting down: not the feed's fault
		}
		fs.LastAttempt = now
		fs.Failures++
		fs.LastError = err.Error()
		next := now.Add(p.backoff(fs.Failures))
		p.log.Warn("feed poll failed", "feed", f.url, "err", err, "failures", fs.Failures, "next_attempt", next)
		p.saveLocked()
		return rep
	}
	fs.LastAttempt, fs.LastSuccess = now, now
	fs.Failures, fs.LastError = 0, ""
	fs.ETag, fs.LastModified = resp.Validators.ETag, resp.Validators.LastModified
	if resp.NotModified {
		rep.NotModified = true
		p.log.Debug("feed not modified", "feed", f.url)
		p.saveLocked()
		return rep
	}
	for _, item := range newest(feed.Items, p.opts.MaxItems) {
		if ctx.Err() != nil {
			break
		}
		p.pollItem(ctx, feed, item, &rep)
	}
	p.pruneLocked()
	p.saveLocked()
	p.log.Info("feed polled", "feed", f.url, "items", len(feed.Items), "added", len(rep.Added), "updated", len(rep.Updated), "skipped", len(rep.Skipped))
	return rep
}

// newest returns the n newest items, newest first; undated items keep
// their feed order after the dated ones.
func newest(items []FeedItem, n int) []FeedItem {
	items = slices.Clone(items)
	slices.SortStableFunc(items, func(a, b FeedItem) int {
		return itemTime(b).Compare(itemTime(a))
	})
	return items[:min(n, len(items))]
}

func itemTime(it FeedItem) time.Time {
	if !it.Updated.IsZero() {
		return it.Updated
	}
	return it.Published
}

// itemStamp identifies an item's version: its updated or published time,
// or its content when it has neither.
func itemStamp(it FeedItem) string {
	if t := itemTime(it); !t.IsZero() {
		return t.UTC().Format(time.RFC3339Nano)
	}
	return "content:" + shortHash(it.Title+"\x00"+it.Content)
}

// pollItem handles one item: fetch, dedupe, judge, store.
func (p *Poller) pollItem(ctx context.Context, feed Feed, item FeedItem, rep *FeedReport) {
	skip := func(u, reason string) { rep.Skipped = append(rep.Skipped, Skip{URL: u, Reason: reason}) }
	if item.Link == "" {
		p.log.Debug("feed item skipped", "title", item.Title, "guid", item.GUID, "reason", "no link")
		skip(item.GUID, fmt.Sprintf("no link (item %q)", item.Title))
		return
	}
	u, err := parseHTTPURL(item.Link)
	if err != nil {
		p.log.Debug("feed item skipped", "url", item.Link, "reason", err)
		skip(item.Link, "link: "+err.Error())
		return
	}
	key := CanonicalURL(u).String()
	now := p.clock.Now()
	stamp := itemStamp(item)
	is := p.st.Items[key]
	if is != nil && is.Stamp == stamp {
		is.Seen = now
		if is.Status != itemFailed || is.Tries >= MaxItemTries {
			return // handled, or given up on until the item changes
		}
	} else {
		is = &itemState{Stamp: stamp}
	}

	doc, err := p.opts.Fetcher.Fetch(ctx, item.Link)
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		fallback, ferr := itemDocument(key, item)
		if ferr != nil {
			is.Tries++
			is.Status, is.Reason, is.Seen = itemFailed, err.Error(), now
			p.st.Items[key] = is
			reason := fmt.Sprintf("fetch failed (try %d of %d), and the feed has no text for it: %v", is.Tries, MaxItemTries, err)
			if is.Tries >= MaxItemTries {
				p.log.Warn("giving up on a feed item until the feed updates it", "url", key, "err", err, "tries", is.Tries)
			} else {
				p.log.Warn("cannot fetch a feed item; will retry next poll", "url", key, "err", err, "tries", is.Tries)
			}
			skip(key, reason)
			return
		}
		p.log.Info("cannot fetch a feed item; using the feed's text", "url", key, "err", err)
		doc = fallback
	}
	if item.Title != "" {
		doc.Title = item.Title
	}
	switch {
	case doc.Outlet != "":
	case feed.Title != "":
		doc.Outlet = feed.Title
	default:
		if du, err := url.Parse(doc.URL); err == nil {
			doc.Outlet = strings.TrimPrefix(du.Hostname(), "www.")
		}
	}
	if doc.Published == "" && !item.Published.IsZero() {
		doc.Published, doc.PublishedNote = feedDate(item.Published, now)
		if doc.Published != "" {
			doc.PublishedPrecision = "day"
		}
	}
	doc.FetchedAt = now

	h := bodyHash(doc.Body)
	record := func(status, reason string) {
		is.Status, is.Reason, is.Tries, is.DocURL, is.Seen = status, reason, 0, doc.URL, now
		p.st.Items[key] = is
	}
	if other, ok := p.byHash[h]; ok && other != doc.URL {
		reason := "same text as " + other
		p.log.Info("feed item skipped", "url", key, "reason", reason)
		record(itemDone, reason)
		skip(key, reason)
		return
	}
	prev := p.st.Docs[doc.URL]
	if prev != nil && prev.Hash == h {
		record(itemDone, "unchanged")
		return
	}
	if p.opts.Judge != nil {
		v, err := p.opts.Judge.Judge(ctx, doc)
		if err != nil {
			// Not recorded: the next poll asks again.
			p.log.Warn("cannot judge a feed item's topic; will retry next poll", "url", key, "err", err)
			skip(key, "topic check failed: "+err.Error())
			return
		}
		if !v.Relevant {
			p.log.Info("feed item skipped", "url", key, "reason", v.Reason)
			record(itemOffTopic, v.Reason)
			skip(key, v.Reason)
			return
		}
	}
	stored, err := p.opts.Store(ctx, doc)
	if err != nil {
		// Not recorded: the next poll tries again.
		p.log.Error("cannot store a feed item; will retry next poll", "url", key, "id", doc.ID, "err", err)
		skip(key, "store failed: "+err.Error())
		return
	}
	if prev != nil && p.byHash[prev.Hash] == doc.URL {
		delete(p.byHash, prev.Hash)
	}
	switch stored {
	case StoredNew:
		rep.Added = append(rep.Added, doc.ID)
		p.log.Info("feed article added", "url", doc.URL, "id", doc.ID)
	case StoredUpdated:
		rep.Updated = append(rep.Updated, doc.ID)
		p.log.Info("feed article updated", "url", doc.URL, "id", doc.ID)
	default:
		skip(key, "already stored as "+doc.ID)
	}
	p.st.Docs[doc.URL] = &docState{ID: doc.ID, Hash: h, Stored: now}
	p.byHash[h] = doc.URL
	record(itemDone, "stored")
}

// itemDocument builds a document from the item's own content, for when its
// article cannot be fetched; an item without prose is an error.
func itemDocument(canonical string, item FeedItem) (Document, error) {
	u, err := url.Parse(canonical)
	if err != nil {
		return Document{}, err
	}
	doc := Document{ID: URLID(u), URL: canonical, Source: canonical, Title: item.Title, Body: feedText(item.Content)}
	if !hasProse(doc.Body) {
		return Document{}, errs.Errorf(errs.Invalid, "%s: the feed has no article text for it", canonical)
	}
	if doc.Title == "" {
		doc.Title = fallbackTitle(doc.Body)
	}
	if err := finish(canonical, canonical, &doc); err != nil {
		return Document{}, err
	}
	return doc, nil
}

// feedDate returns an item's publication day and how it was found. A date
// in the future or from before news feeds existed is a feed's mistake (a
// template's 2099, a zero 1970), not a date to cite: it is left out, and
// the note says so.
func feedDate(pub, now time.Time) (day, note string) {
	if pub.After(now.Add(48*time.Hour)) || pub.Year() < 1995 {
		return "", "the feed's date " + pub.UTC().Format("2006-01-02") + " is implausible and was not used"
	}
	return pub.UTC().Format("2006-01-02"), "from the feed"
}

// bodyHash hashes a body with its white space normalized, so that a
// re-wrapped copy of an article is the same text.
func bodyHash(body string) string {
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(body), " ")))
	return hex.EncodeToString(sum[:])
}

// pruneLocked forgets the least recently seen items and the least recently
// stored documents beyond MaxStateItems.
func (p *Poller) pruneLocked() {
	oldest(p.st.Items, MaxStateItems, func(it *itemState) time.Time { return it.Seen }, func(string) {})
	oldest(p.st.Docs, MaxStateItems, func(d *docState) time.Time { return d.Stored }, func(k string) {
		if h := p.st.Docs[k].Hash; p.byHash[h] == k {
			delete(p.byHash, h)
		}
	})
}

// oldest deletes m's entries beyond keep, oldest by at first (ties by
// key), calling forget with each key before it goes.
func oldest[V any](m map[string]V, keep int, at func(V) time.Time, forget func(string)) {
	n := len(m) - keep
	if n <= 0 {
		return
	}
	keys := slices.Collect(maps.Keys(m))
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(at(m[a]).Compare(at(m[b])), strings.Compare(a, b))
	})
	for _, k := range keys[:n] {
		forget(k)
		delete(m, k)
	}
}
