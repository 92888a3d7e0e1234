package main

import (
	"context"
	"slices"
	"time"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/digest"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/retrieval"
	"github.com/crisisbot/crisisbot/timeline"
)

// library is what the commands that read or change the stored articles
// need, whichever process holds the data directory: this one (*app), or a
// running serve reached through its local API (*apiClient). Both return
// data; the commands render it, so the output is the same either way.
type library interface {
	Ask(ctx context.Context, question string) (answer.Answer, error)
	Search(ctx context.Context, q searchQuery) ([]searchResult, error)
	Sources(ctx context.Context) ([]sourceInfo, error)
	Ingest(ctx context.Context, docs []corpus.Document) (retrieval.IngestReport, error)
	Remove(ctx context.Context, ids []string) error
	Timeline(ctx context.Context, req timeline.Request) ([]timeline.Event, error)
	Digest(ctx context.Context, q digestQuery) (digestResult, error)
	PollFeeds(ctx context.Context) (feedsJSON, error)
	// Backup writes a checked copy of the store to dest, an absolute path.
	Backup(ctx context.Context, dest string) (int64, error)
	Check(ctx context.Context) (retrieval.CheckReport, error)
	Close() error
}

// openLibrary returns the running serve's local API when one answers on
// the data directory's socket, and otherwise opens the directory here.
func openLibrary(ctx context.Context, e *env) (library, error) {
	return openBesideServe(ctx, e, false)
}

// openReader is openLibrary for the commands that only read the stored
// articles: without serve, they open the directory read-only beside each
// other (see openReadOnly).
func openReader(ctx context.Context, e *env) (library, error) {
	return openBesideServe(ctx, e, true)
}

// openBesideServe is openLibrary, read-only or not.
func openBesideServe(ctx context.Context, e *env, readOnly bool) (library, error) {
	cfg, err := e.loadConfig()
	if err != nil {
		return nil, err
	}
	if c, ok := dialAPI(ctx, cfg.DataDir); ok {
		return c, nil
	}
	if readOnly {
		return openReadOnly(ctx, e, cfg)
	}
	return openHeld(ctx, e, cfg, false)
}

// searchQuery is what search asks for; an empty Mode is the config's.
type searchQuery struct {
	Query string `json:"query"`
	Top   int    `json:"top"`
	Mode  string `json:"mode"`
}

// digestQuery is what digest asks for: Since as --since gives it, and the
// channel whose digest it is (empty for any).
type digestQuery struct {
	Since   string `json:"since"`
	Channel string `json:"channel"`
}

// digestResult is a digest with what rendering it needs: the zone of its
// dates and the model that wrote its overview.
type digestResult struct {
	Digest digest.Digest `json:"digest"`
	Zone   string        `json:"zone"`
	Model  string        `json:"model"`
}

// Ask answers a question. No lock of the library is held while the model
// composes: a search takes its lock only while it reads.
func (a *app) Ask(ctx context.Context, question string) (answer.Answer, error) {
	return a.engine.Ask(ctx, question)
}

// Search returns the passages a query retrieves.
func (a *app) Search(ctx context.Context, q searchQuery) ([]searchResult, error) {
	m := retrieval.Mode(q.Mode)
	if m == "" {
		m = retrieval.Mode(a.cfg.Retrieval.Fusion)
	}
	results, err := a.lib.Search(ctx, q.Query, retrieval.SearchOptions{K: q.Top, Mode: m})
	if err != nil {
		return nil, err
	}
	out := make([]searchResult, len(results))
	for i, r := range results {
		out[i] = searchResult{Rank: r.Rank, Score: r.Score, DocID: r.DocID, PassageID: r.ID, Title: r.Title, Text: r.Text}
	}
	return out, nil
}

// Sources lists the stored articles.
func (a *app) Sources(ctx context.Context) ([]sourceInfo, error) {
	docs := a.lib.Documents()
	out := make([]sourceInfo, len(docs))
	for i, d := range docs {
		out[i] = sourceInfo{ID: d.ID, Title: d.Title, Outlet: d.Outlet, Published: d.Published,
			PublishedPrecision: d.PublishedPrecision, URL: d.URL, Passages: d.Passages}
	}
	return out, nil
}

// Ingest stores docs, showing the progress where a meter is set, and
// brings a timeline already built up to date with what was stored.
func (a *app) Ingest(ctx context.Context, docs []corpus.Document) (retrieval.IngestReport, error) {
	var rep retrieval.IngestReport
	var err error
	if a.meter != nil {
		rep, err = ingest(ctx, a.lib, a.meter, docs)
	} else {
		rep, err = a.lib.Ingest(ctx, docs)
	}
	// Also after an error: every batch stored before it stays.
	if x := a.built.Load(); x != nil {
		for _, id := range slices.Concat(rep.Added, rep.Updated) {
			if doc, ok := a.lib.Document(id); ok {
				x.UpdateFacts(doc, a.lib.DocFacts(id))
			}
		}
	}
	return rep, err
}

// Remove removes stored articles, from the timeline too.
func (a *app) Remove(ctx context.Context, ids []string) error {
	// The library refuses the whole call, naming them, if any id is
	// unknown; one cut short has removed some.
	err := a.lib.Remove(ctx, ids...)
	if x := a.built.Load(); x != nil {
		for _, id := range ids {
			if _, stored := a.lib.Document(id); !stored {
				x.Remove(id)
			}
		}
	}
	return err
}

// Timeline returns the events req selects.
func (a *app) Timeline(ctx context.Context, req timeline.Request) ([]timeline.Event, error) {
	return a.timelineView().Events(ctx, req)
}

// Digest composes the digest that would be posted now.
func (a *app) Digest(ctx context.Context, q digestQuery) (digestResult, error) {
	sched, err := a.newScheduler(nil, nil)
	if err != nil {
		return digestResult{}, err
	}
	zone := a.cfg.Digest.Timezone
	if q.Channel != "" {
		sub, ok := sched.Subscription(q.Channel)
		if !ok {
			return digestResult{}, errs.Errorf(errs.Invalid, "channel %s gets no digest (crisisbot chat's /digest list shows the subscriptions)", q.Channel)
		}
		zone = sub.Zone
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return digestResult{}, errs.Wrap(errs.Invalid, err, "digest time zone "+zone)
	}
	now := a.clock.Now()
	from := now.Add(-24 * time.Hour)
	if q.Since != "" {
		if from, err = parseSince(q.Since, now, loc); err != nil {
			return digestResult{}, err
		}
	} else if t := sched.Since(q.Channel); !t.IsZero() {
		from = t
	}
	d, err := a.digestBuilder().Build(ctx, from, now)
	if err != nil {
		return digestResult{}, err
	}
	return digestResult{Digest: d, Zone: zone, Model: a.cfg.LLM.Model}, nil
}

// PollFeeds polls every configured feed once: with serve's poller when
// serve asks, else with one of its own that logs errors only (the report
// says what each feed and item came to).
func (a *app) PollFeeds(ctx context.Context) (feedsJSON, error) {
	if len(a.cfg.Feeds.URLs) == 0 {
		return feedsJSON{}, errs.Errorf(errs.Invalid, "no feeds configured: list RSS or Atom feeds under feeds.urls in the config")
	}
	p := a.poller
	if p == nil {
		logCfg := a.cfg.Log
		if logCfg.Level != "debug" {
			logCfg.Level = "error"
		}
		var err error
		if p, err = a.newPoller(ctx, newLogger(logCfg, a.logw)); err != nil {
			return feedsJSON{}, err
		}
	}
	rep := p.PollOnce(ctx)
	out := feedsJSON{Feeds: []feedJSON{}}
	for _, f := range rep.Feeds {
		fj := feedJSON{URL: f.URL, NotModified: f.NotModified, Added: nonNil(f.Added), Updated: nonNil(f.Updated), Skipped: []skipJSON{}}
		if f.Err != nil {
			fj.Error = errs.Message(fetchHint(f.Err))
		}
		for _, s := range f.Skipped {
			fj.Skipped = append(fj.Skipped, skipJSON{URL: s.URL, Reason: s.Reason})
		}
		out.Feeds = append(out.Feeds, fj)
	}
	return out, nil
}

// Backup copies the open store in one read transaction, beside serve's
// writes.
func (a *app) Backup(_ context.Context, dest string) (int64, error) {
	return a.lib.Backup(dest)
}

// Check verifies the open store.
func (a *app) Check(context.Context) (retrieval.CheckReport, error) {
	return a.lib.Check()
}

// IngestURL fetches one article through the fetch guard (the fetch
// section of the config, as for feeds) and stores it: /ingest.
func (a *app) IngestURL(ctx context.Context, url string) (retrieval.IngestReport, error) {
	doc, err := newFetcher(a.cfg.Fetch, a.clock.Now).Fetch(ctx, url)
	if err != nil {
		return retrieval.IngestReport{}, fetchHint(err) // the error names the URL
	}
	return a.Ingest(ctx, []corpus.Document{doc})
}
