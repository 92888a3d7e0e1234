package digest

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/retrieval"
	"github.com/crisisbot/crisisbot/timeline"
)

// Defaults of a Builder.
const (
	DefaultMaxArticles      = 10
	DefaultMaxEvents        = 10
	DefaultMaxDisagreements = 5
	DefaultChatTimeout      = time.Minute
)

// Corpus is the article store a digest reads; *retrieval.Library is one.
type Corpus interface {
	// Documents lists every stored article, with IngestedAt in UTC.
	Documents() []retrieval.DocInfo
	// Document returns an article with its body.
	Document(id string) (corpus.Document, bool)
}

// Timeline gives the merged timeline events; *timeline.Index is one.
type Timeline interface {
	Events() []timeline.Event
}

// Builder builds digests.
type Builder struct {
	Corpus Corpus
	// Timeline is nil for a digest without events and disagreements.
	Timeline Timeline
	// Chat writes the overview paragraph; nil for an extractive digest.
	Chat answer.Chat
	// MaxArticles is DefaultMaxArticles when 0; the rest are counted in
	// Digest.More.
	MaxArticles int
	// MaxEvents and MaxDisagreements bound those sections, keeping the
	// latest; DefaultMaxEvents and DefaultMaxDisagreements when 0. The
	// rest are counted in Digest.MoreEvents and MoreDisagreements. (A
	// channel's first digest after a big ingest would otherwise list the
	// whole timeline.)
	MaxEvents, MaxDisagreements int
	// ChatTimeout bounds the overview's completion (go-openai has no
	// timeout of its own); DefaultChatTimeout when 0.
	ChatTimeout time.Duration
}

// Build returns what is new in (since, until]: the articles ingested in
// it, newest published first; the timeline events all of whose sources are among
// them; and the disagreements with a claim made only by them. A failing
// Chat leaves the digest extractive; only a cancelled ctx or a bad window
// is an error.
func (b Builder) Build(ctx context.Context, since, until time.Time) (Digest, error) {
	if b.Corpus == nil {
		return Digest{}, errors.New("build digest: no corpus")
	}
	if until.Before(since) {
		return Digest{}, errs.Errorf(errs.Invalid, "the digest would end (%s) before it starts (%s)",
			until.Format(time.RFC3339), since.Format(time.RFC3339))
	}
	if err := ctx.Err(); err != nil {
		return Digest{}, err
	}
	d := Digest{Since: since, Until: until}
	infos := b.Corpus.Documents()
	byID := make(map[string]retrieval.DocInfo, len(infos))
	var fresh []retrieval.DocInfo
	for _, info := range infos {
		byID[info.ID] = info
		// The bundled articles are where a data directory starts, not
		// news: a fresh install's first digest does not list them.
		if info.Source != corpus.BundledSource && info.IngestedAt.After(since) && !info.IngestedAt.After(until) {
			fresh = append(fresh, info)
		}
	}
	// Newest published first: a feed's or a folder's articles are stored
	// in one run, in the order it lists them, which says nothing of which
	// is news. ISO dates of any precision order as strings; an undated
	// article goes last, then the latest stored.
	slices.SortFunc(fresh, func(a, b retrieval.DocInfo) int {
		if c := strings.Compare(b.Published, a.Published); c != 0 {
			return c
		}
		if c := b.IngestedAt.Compare(a.IngestedAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	// isNew holds the articles first stored in the window; updated, those
	// stored before it and changed in it, with when they were first stored.
	isNew := make(map[string]bool, len(fresh))
	updated := map[string]time.Time{}
	for _, info := range fresh {
		if info.FirstIngestedAt.IsZero() || info.FirstIngestedAt.After(since) {
			isNew[info.ID] = true
		} else {
			updated[info.ID] = info.FirstIngestedAt
		}
	}
	// newsOf tells, for one event, which articles' mentions of it are
	// news: a new article's, or an updated one's when the event is dated
	// after its first version was stored. The events that version gave
	// were reported with it, and listing them again would mislead.
	newsOf := func(ev timeline.Event) func(docID string) bool {
		start, dated := eventStart(ev.Date)
		return func(id string) bool {
			first, ok := updated[id]
			return isNew[id] || ok && dated && start.After(first)
		}
	}

	c := citer{docs: byID, n: map[string]int{}}
	limit := b.MaxArticles
	if limit <= 0 {
		limit = DefaultMaxArticles
	}
	for _, info := range fresh {
		if len(d.Articles) == limit {
			d.More++
			continue
		}
		doc, ok := b.Corpus.Document(info.ID)
		if !ok {
			continue // removed since Documents
		}
		a := Article{
			DocID:     info.ID,
			Title:     displayText(info.Title),
			Outlet:    displayText(info.Outlet),
			Published: corpus.DateLabel(info.Published, info.PublishedPrecision),
			URL:       info.URL,
			Summary:   lead(doc.Body, info.Title),
			Cite:      c.cite(info.ID),
		}
		if a.Title == "" {
			a.Title = info.ID
		}
		// An earlier version was stored before the window: an update.
		a.Updated = !info.FirstIngestedAt.IsZero() && !info.FirstIngestedAt.After(since)
		d.Articles = append(d.Articles, a)
	}

	if b.Timeline != nil {
		var events, disagreements []timeline.Event
		for _, ev := range b.Timeline.Events() {
			news := newsOf(ev)
			if len(ev.Sources) > 0 && allNew(ev.Sources, news) {
				events = append(events, ev)
			}
			if newDisagreement(ev, news) {
				disagreements = append(disagreements, ev)
			}
		}
		// The events are in date order: keep the latest.
		events, d.MoreEvents = latest(events, b.MaxEvents, DefaultMaxEvents)
		disagreements, d.MoreDisagreements = latest(disagreements, b.MaxDisagreements, DefaultMaxDisagreements)
		for _, ev := range events {
			var cites []int
			for _, s := range ev.Sources {
				if !s.Undated { // an undated source only states a claim, not the date
					cites = c.add(cites, s.DocID)
				}
			}
			d.Events = append(d.Events, Event{Date: ev.DateText(), Summary: displayText(ev.Summary), Cites: sorted(cites)})
		}
		for _, ev := range disagreements {
			dis := Disagreement{Date: ev.DateText(), Summary: displayText(ev.Summary)}
			for _, cl := range ev.Conflicts {
				var cites []int
				for _, id := range cl.Sources {
					cites = c.add(cites, id)
				}
				dis.Claims = append(dis.Claims, Claim{Claim: displayText(cl.Claim), Cites: sorted(cites), Account: cl.Account})
			}
			d.Disagreements = append(d.Disagreements, dis)
		}
	}
	d.Citations = c.citations()

	if b.Chat != nil && len(d.Articles) > 0 {
		d.Overview = b.overview(ctx, d)
		if err := ctx.Err(); err != nil {
			return Digest{}, err
		}
	}
	return d, nil
}

// latest returns the last max of evs (def when max is 0) and how many it
// left out.
func latest(evs []timeline.Event, max, def int) ([]timeline.Event, int) {
	if max <= 0 {
		max = def
	}
	if len(evs) <= max {
		return evs, 0
	}
	return evs[len(evs)-max:], len(evs) - max
}

// eventStart returns the first day of an event's date ("2025-06-30",
// "2025-06", "2025", or a range "lo/hi").
func eventStart(d timeline.Date) (time.Time, bool) {
	lo, _, _ := strings.Cut(d.Value, "/")
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, lo); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func allNew(srcs []timeline.Source, isNew func(string) bool) bool {
	for _, s := range srcs {
		if !isNew(s.DocID) {
			return false
		}
	}
	return true
}

// newDisagreement reports whether ev has conflicts and a claim made only
// by new articles.
func newDisagreement(ev timeline.Event, isNew func(string) bool) bool {
	for _, cl := range ev.Conflicts {
		if len(cl.Sources) == 0 {
			continue
		}
		only := true
		for _, id := range cl.Sources {
			only = only && isNew(id)
		}
		if only {
			return true
		}
	}
	return false
}

// citer numbers the cited articles in order of first use.
type citer struct {
	docs  map[string]retrieval.DocInfo
	n     map[string]int
	order []string
}

// cite returns docID's number, 0 for an article no longer stored.
func (c *citer) cite(docID string) int {
	if n, ok := c.n[docID]; ok {
		return n
	}
	if _, ok := c.docs[docID]; !ok {
		return 0
	}
	c.order = append(c.order, docID)
	c.n[docID] = len(c.order)
	return len(c.order)
}

// add appends docID's number to cites once.
func (c *citer) add(cites []int, docID string) []int {
	if n := c.cite(docID); n > 0 && !slices.Contains(cites, n) {
		cites = append(cites, n)
	}
	return cites
}

func (c *citer) citations() []Citation {
	out := make([]Citation, len(c.order))
	for i, id := range c.order {
		info := c.docs[id]
		title := displayText(info.Title)
		if title == "" {
			title = id
		}
		out[i] = Citation{
			N: i + 1, DocID: id, Title: title, Outlet: displayText(info.Outlet),
			Published: corpus.DateLabel(info.Published, info.PublishedPrecision), URL: info.URL,
		}
	}
	return out
}

func sorted(s []int) []int {
	slices.Sort(s)
	return s
}

// displayText is s on one line, without control characters or links
// (links live in the citations): a Markdown link keeps its text.
func displayText(s string) string {
	s = clean(s)
	if !reURL.MatchString(s) {
		return s
	}
	s = reMDLink.ReplaceAllString(s, "$1")
	return tidy(reURL.ReplaceAllString(s, ""))
}
