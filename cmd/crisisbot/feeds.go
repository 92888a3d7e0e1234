package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/crisisbot/crisisbot/config"
	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/retrieval"
)

// feedsStateFile holds the feeds' validators, backoff and seen items.
const feedsStateFile = "feeds.json"

// newFetcher builds the fetcher every download goes through.
func newFetcher(c config.Fetch, now func() time.Time) *corpus.Fetcher {
	return &corpus.Fetcher{
		Timeout:      c.Timeout,
		MaxBytes:     c.MaxBytes,
		MaxRedirects: c.MaxRedirects,
		UserAgent:    c.UserAgent,
		AllowPrivate: c.AllowPrivate,
		Now:          now,
	}
}

// fetchHint adds the config key to an address refused against SSRF.
func fetchHint(err error) error {
	if errors.Is(err, corpus.ErrBlockedAddress) {
		return errs.Errorf(errs.Invalid, "%s (set fetch.allow_private: true in the config to fetch from your own network)", errs.Message(err))
	}
	return err
}

// store ingests one article from a feed, refreshes the timeline for it,
// and tells the poller what the library made of it; a refusal (over the
// limits) is an error.
func (a *app) store(ctx context.Context, doc corpus.Document) (corpus.Stored, error) {
	rep, err := a.lib.Ingest(ctx, []corpus.Document{doc})
	if err != nil {
		return 0, err
	}
	if len(rep.Refused) > 0 {
		return 0, errs.Errorf(errs.Invalid, "refused: %s", rep.Refused[0].Reason)
	}
	if len(rep.Unchanged) > 0 {
		return corpus.StoredUnchanged, nil
	}
	// The library read the article's facts at ingest: the timeline merges those.
	a.timelineView().Index.UpdateFacts(doc, a.lib.DocFacts(doc.ID))
	if len(rep.Updated) > 0 {
		return corpus.StoredUpdated, nil
	}
	return corpus.StoredNew, nil
}

// newPoller builds the feed poller over the app, or nil when no feeds are
// configured.
func (a *app) newPoller(ctx context.Context, logger *slog.Logger) (*corpus.Poller, error) {
	f := a.cfg.Feeds
	if len(f.URLs) == 0 {
		return nil, nil
	}
	t := a.cfg.Topic
	judge, err := retrieval.NewTopicJudge(ctx, retrieval.TopicOptions{
		Keywords: t.Keywords, MinKeywords: t.MinKeywords, Description: t.Description, Threshold: t.Threshold,
		Embedder: a.embedder,
	})
	if err != nil {
		return nil, fmt.Errorf("topic: %w", err)
	}
	return corpus.NewPoller(corpus.PollerOptions{
		Feeds:     f.URLs,
		Interval:  f.PollInterval,
		MaxItems:  f.MaxItems,
		Fetcher:   newFetcher(a.cfg.Fetch, a.clock.Now),
		Judge:     judge,
		Store:     a.store,
		StatePath: filepath.Join(a.cfg.DataDir, feedsStateFile),
		Clock:     a.clock,
		Logger:    logger,
	})
}
