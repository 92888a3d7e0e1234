package corpus

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/internal/fakeclock"
	"github.com/crisisbot/crisisbot/internal/syncbuf"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var pollStart = time.Date(2025, 7, 6, 8, 0, 0, 0, time.UTC)

// fakeSite is a loopback news site whose pages a test can change.
type fakeSite struct {
	srv   *httptest.Server
	mu    sync.Mutex
	pages map[string]fakePage
	hits  map[string]int
}

type fakePage struct {
	status       int // 0 means 200
	contentType  string
	body         string
	etag         bool // send an ETag (a hash of the body) and honour If-None-Match
	lastModified string
	redirect     string
}

func newFakeSite(t *testing.T) *fakeSite {
	s := &fakeSite{pages: make(map[string]fakePage), hits: make(map[string]int)}
	s.srv = httptest.NewServer(s)
	t.Cleanup(s.srv.Close)
	return s
}

func (s *fakeSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	pg, ok := s.pages[r.URL.Path]
	s.mu.Unlock()
	switch {
	case !ok:
		http.NotFound(w, r)
		return
	case pg.redirect != "":
		http.Redirect(w, r, pg.redirect, http.StatusFound)
		return
	case pg.status != 0 && pg.status != http.StatusOK:
		http.Error(w, "server trouble", pg.status)
		return
	}
	if pg.etag {
		tag := `"` + shortHash(pg.body) + `"`
		w.Header().Set("ETag", tag)
		if r.Header.Get("If-None-Match") == tag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	if pg.lastModified != "" {
		w.Header().Set("Last-Modified", pg.lastModified)
		if r.Header.Get("If-Modified-Since") == pg.lastModified {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.Header().Set("Content-Type", pg.contentType)
	io.WriteString(w, pg.body)
}

func (s *fakeSite) set(path string, pg fakePage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[path] = pg
}

func (s *fakeSite) hitsOf(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *fakeSite) url(path string) string { return s.srv.URL + path }

func (s *fakeSite) id(t *testing.T, path string) string { return URLID(mustURL(t, s.url(path))) }

func htmlPage(body string) fakePage {
	return fakePage{contentType: "text/html; charset=utf-8", body: body}
}

func rssPage(body string) fakePage { return fakePage{contentType: "application/rss+xml", body: body} }

// newsSite serves the feeds and articles of testdata/feeds, a malformed
// feed, a 500, an oversized feed and a redirect loop.
func newsSite(t *testing.T, feedETags bool) *fakeSite {
	s := newFakeSite(t)
	read := func(name string) string { return string(readFeedFile(t, name)) }
	rss := rssPage(read("rss.xml"))
	rss.etag = feedETags
	s.set("/feeds/rss.xml", rss)
	atom := fakePage{contentType: "application/atom+xml", body: read("atom.xml")}
	if feedETags {
		atom.lastModified = "Thu, 03 Jul 2025 10:00:00 GMT"
	}
	s.set("/feeds/atom.xml", atom)
	s.set("/feeds/malformed.xml", rssPage(read("malformed.xml")))
	s.set("/feeds/down.xml", fakePage{status: http.StatusInternalServerError})
	big := "<rss version=\"2.0\"><channel><title>Big</title>" + strings.Repeat("<item><title>Padding item</title><link>/x</link></item>", 1000) + "</channel></rss>"
	s.set("/feeds/big.xml", rssPage(big))
	s.set("/feeds/loop.xml", fakePage{redirect: "/feeds/loop.xml"})
	overchuk := htmlPage(read("articles/overchuk.html"))
	s.set("/articles/overchuk", overchuk)
	s.set("/mirror/overchuk", overchuk)
	s.set("/articles/sputnik", htmlPage(read("articles/sputnik.html")))
	s.set("/articles/football", htmlPage(read("articles/football.html")))
	s.set("/feeds/articles/ambassador", htmlPage(read("articles/ambassador.html")))
	// /articles/gone is a 404: its feed item has text of its own.
	return s
}

// keywordJudge keeps articles that name Azerbaijan or Yekaterinburg.
type keywordJudge struct{ err error }

func (j *keywordJudge) Judge(_ context.Context, doc Document) (Verdict, error) {
	if j.err != nil {
		return Verdict{}, j.err
	}
	text := doc.Title + " " + doc.Body
	if strings.Contains(text, "Azerbaijan") || strings.Contains(text, "Yekaterinburg") {
		return Verdict{Relevant: true, Reason: "on topic"}, nil
	}
	return Verdict{Reason: "off topic: no crisis keyword"}, nil
}

// recorder is a Store that keeps what it is given; fail, when set, decides
// an error for a document.
type recorder struct {
	mu   sync.Mutex
	docs []Document
	fail func(Document) error
	// had holds the body of each id stored before the poller started
	// (ingested by URL, say), as a library would.
	had map[string]string
}

// store keeps doc and says, as the library does, whether its id is new,
// updated or unchanged.
func (r *recorder) store(_ context.Context, doc Document) (Stored, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		if err := r.fail(doc); err != nil {
			return 0, err
		}
	}
	body, ok := r.had[doc.ID]
	for _, d := range r.docs {
		if d.ID == doc.ID {
			body, ok = d.Body, true
		}
	}
	r.docs = append(r.docs, doc)
	switch {
	case !ok:
		return StoredNew, nil
	case body != doc.Body:
		return StoredUpdated, nil
	}
	return StoredUnchanged, nil
}

func (r *recorder) stored() []Document {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Document(nil), r.docs...)
}

// syncBuffer captures logs written while the test reads them.
type syncBuffer = syncbuf.Buffer

type pollHarness struct {
	site  *fakeSite
	store *recorder
	clock *fakeclock.Clock
	log   *syncBuffer
}

// newPoller builds a poller for the site's feeds at paths; edit may change
// the options first.
func (h *pollHarness) newPoller(t *testing.T, paths []string, edit func(*PollerOptions)) *Poller {
	t.Helper()
	var feeds []string
	for _, p := range paths {
		feeds = append(feeds, h.site.url(p))
	}
	opts := PollerOptions{
		Feeds:   feeds,
		Fetcher: &Fetcher{AllowPrivate: true, MaxBytes: 16 << 10},
		Judge:   &keywordJudge{},
		Store:   h.store.store,
		Clock:   h.clock,
		Logger:  slog.New(slog.NewTextHandler(h.log, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	if edit != nil {
		edit(&opts)
	}
	p, err := NewPoller(opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func newHarness(site *fakeSite) *pollHarness {
	return &pollHarness{site: site, store: &recorder{}, clock: fakeclock.New(pollStart), log: &syncBuffer{}}
}

// reportSummary is a FeedReport with its error reduced to code and text.
type reportSummary struct {
	URL            string
	NotModified    bool
	ErrCode        string
	Added, Updated []string
	Skipped        []Skip
}

func summarize(rep PollReport) []reportSummary {
	var out []reportSummary
	for _, f := range rep.Feeds {
		s := reportSummary{URL: f.URL, NotModified: f.NotModified, Added: f.Added, Updated: f.Updated, Skipped: f.Skipped}
		if f.Err != nil {
			s.ErrCode = errs.Code(f.Err)
		}
		out = append(out, s)
	}
	return out
}

func TestPollOnce(t *testing.T) {
	site := newsSite(t, true)
	h := newHarness(site)
	feeds := []string{"/feeds/rss.xml", "/feeds/atom.xml", "/feeds/malformed.xml", "/feeds/down.xml", "/feeds/big.xml", "/feeds/loop.xml"}
	p := h.newPoller(t, feeds, nil)
	ctx := context.Background()
	rep := p.PollOnce(ctx)

	want := []reportSummary{
		{URL: site.url("/feeds/rss.xml"),
			// Newest first; the fbclid link is the overchuk article again.
			Added: []string{site.id(t, "/articles/gone"), site.id(t, "/articles/overchuk"), site.id(t, "/articles/sputnik")},
			Skipped: []Skip{
				{URL: site.url("/articles/football"), Reason: "off topic: no crisis keyword"},
				{URL: "cw-1004", Reason: `no link (item "Editor's note")`},
			}},
		{URL: site.url("/feeds/atom.xml"),
			Added:   []string{site.id(t, "/feeds/articles/ambassador")},
			Skipped: []Skip{{URL: site.url("/mirror/overchuk"), Reason: "same text as " + site.url("/articles/overchuk")}}},
		{URL: site.url("/feeds/malformed.xml"), ErrCode: errs.Invalid},
		{URL: site.url("/feeds/down.xml"), ErrCode: errs.Unavailable},
		{URL: site.url("/feeds/big.xml"), ErrCode: errs.Invalid},
		{URL: site.url("/feeds/loop.xml"), ErrCode: errs.Unavailable},
	}
	if diff := cmp.Diff(want, summarize(rep)); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
	for i, sub := range []string{"", "", "not a valid RSS or Atom feed", "HTTP 500", "16384-byte limit", "stopped after 5 redirects"} {
		if err := rep.Feeds[i].Err; sub != "" && (err == nil || !strings.Contains(err.Error(), sub)) {
			t.Errorf("feed %s: error %v, want %q", rep.Feeds[i].URL, err, sub)
		}
	}

	wantDocs := []Document{
		{ID: site.id(t, "/articles/gone"), Title: "Safarov brothers buried in Azerbaijan", Outlet: "Caucasus Wire",
			Published: "2025-07-05", PublishedPrecision: "day", PublishedNote: "from the feed",
			URL: site.url("/articles/gone"), Source: site.url("/articles/gone"), FetchedAt: pollStart,
			Body: "The Safarov brothers, who died in police custody in Yekaterinburg, were buried in their home village in Azerbaijan on Saturday.\nHundreds of mourners attended the funeral, relatives said."},
		{ID: site.id(t, "/articles/overchuk"), Title: "Baku cancels Overchuk visit after custody deaths", Outlet: "Caucasus Wire",
			Published: "2025-07-02", PublishedPrecision: "day", PublishedNote: "from the page's published-time metadata",
			URL: site.url("/articles/overchuk"), Source: site.url("/articles/overchuk"), FetchedAt: pollStart},
		{ID: site.id(t, "/articles/sputnik"), Title: "Police raid Sputnik Azerbaijan office in Baku", Outlet: "Caucasus Wire",
			Published: "2025-06-30", PublishedPrecision: "day", PublishedNote: "from the feed",
			URL: site.url("/articles/sputnik"), Source: site.url("/articles/sputnik"), FetchedAt: pollStart},
		{ID: site.id(t, "/feeds/articles/ambassador"), Title: "Moscow summons Azerbaijani ambassador", Outlet: "Baku Observer",
			Published: "2025-07-01", PublishedPrecision: "day", PublishedNote: "from the feed",
			URL: site.url("/feeds/articles/ambassador"), Source: site.url("/feeds/articles/ambassador"), FetchedAt: pollStart},
	}
	got := h.store.stored()
	ignoreFetchedBodies := cmpopts.IgnoreFields(Document{}, "Body")
	if diff := cmp.Diff(wantDocs, got, ignoreFetchedBodies); diff != "" {
		t.Errorf("stored documents (-want +got):\n%s", diff)
	}
	if len(got) == len(wantDocs) {
		if got[0].Body != wantDocs[0].Body {
			t.Errorf("feed-text body %q, want %q", got[0].Body, wantDocs[0].Body)
		}
		if !strings.Contains(got[1].Body, "Azerbaijan cancelled a planned visit") || !strings.Contains(got[3].Body, "summoned the Azerbaijani ambassador") {
			t.Errorf("fetched bodies: %q, %q", got[1].Body, got[3].Body)
		}
	}

	// The utm_ and fbclid links are one item: one fetch.
	if n := site.hitsOf("/articles/overchuk"); n != 1 {
		t.Errorf("overchuk article fetched %d times, want 1", n)
	}

	logs := h.log.String()
	for _, want := range []string{
		`level=INFO msg="feed item skipped" url=` + site.url("/articles/football") + ` reason="off topic: no crisis keyword"`,
		`level=WARN msg="feed poll failed" feed=` + site.url("/feeds/down.xml"),
		"next_attempt=2025-07-06T08:01:00.000Z",
	} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q:\n%s", want, logs)
		}
	}

	// A second poll: the feeds answer 304 (ETag, Last-Modified) and no
	// article is fetched again; the failing feeds fail again and nothing
	// else is stopped by them.
	articleHits := func() int {
		n := 0
		for _, a := range []string{"/articles/overchuk", "/mirror/overchuk", "/articles/sputnik", "/articles/football", "/articles/gone", "/feeds/articles/ambassador"} {
			n += site.hitsOf(a)
		}
		return n
	}
	before := articleHits()
	rep = p.PollOnce(ctx)
	want = []reportSummary{
		{URL: site.url("/feeds/rss.xml"), NotModified: true},
		{URL: site.url("/feeds/atom.xml"), NotModified: true},
		{URL: site.url("/feeds/malformed.xml"), ErrCode: errs.Invalid},
		{URL: site.url("/feeds/down.xml"), ErrCode: errs.Unavailable},
		{URL: site.url("/feeds/big.xml"), ErrCode: errs.Invalid},
		{URL: site.url("/feeds/loop.xml"), ErrCode: errs.Unavailable},
	}
	if diff := cmp.Diff(want, summarize(rep)); diff != "" {
		t.Errorf("second report (-want +got):\n%s", diff)
	}
	if after := articleHits(); after != before {
		t.Errorf("articles fetched %d times on a 304 poll", after-before)
	}
	if n := len(h.store.stored()); n != len(wantDocs) {
		t.Errorf("%d documents stored after the second poll, want %d", n, len(wantDocs))
	}
}

// testItem is one item of a generated RSS feed.
type testItem struct {
	title, link, content string
	date                 time.Time
}

func rssFeed(title string, items ...testItem) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0"?><rss version="2.0"><channel><title>%s</title>`, title)
	for _, it := range items {
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><pubDate>%s</pubDate>", it.title, it.link, it.date.Format(time.RFC1123Z))
		if it.content != "" {
			fmt.Fprintf(&b, "<description><![CDATA[%s]]></description>", it.content)
		}
		b.WriteString("</item>")
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

func articleHTML(title, text string) string {
	return "<html><head><title>" + title + "</title></head><body><article><p>" + text + "</p></article></body></html>"
}

// TestPollUpdates walks one article through a feed's changes: unchanged
// items are not refetched, a new date with the same text stores nothing, a
// new text is stored again under the same id, a copy under another URL is
// skipped, and tracking variants of the link are the same article.
func TestPollUpdates(t *testing.T) {
	site := newFakeSite(t)
	h := newHarness(site)
	p := h.newPoller(t, []string{"/feed"}, func(o *PollerOptions) { o.Judge = nil })
	ctx := context.Background()
	day := func(n int) time.Time { return time.Date(2025, 7, n, 9, 0, 0, 0, time.UTC) }
	v1 := "Azerbaijan recalled its ambassador from Moscow on Monday, the foreign ministry said."
	v2 := "Azerbaijan recalled its ambassador from Moscow on Monday. Russia said the move was regrettable."
	idA := site.id(t, "/a")

	steps := []struct {
		name        string
		items       []testItem
		pages       map[string]string // path → article text
		want        reportSummary
		wantFetches int // of /a, in total so far
		wantStored  int // documents, in total so far
	}{
		{name: "new", items: []testItem{{title: "Envoy recalled", link: "/a?utm_source=rss", date: day(1)}},
			pages: map[string]string{"/a": v1},
			want:  reportSummary{Added: []string{idA}}, wantFetches: 1, wantStored: 1},
		{name: "same item again", items: []testItem{{title: "Envoy recalled", link: "/a?utm_source=rss", date: day(1)}},
			want: reportSummary{}, wantFetches: 1, wantStored: 1},
		{name: "tracking variant with a new date, same text", items: []testItem{{title: "Envoy recalled", link: "/a?fbclid=xyz&utm_medium=social", date: day(2)}},
			want: reportSummary{}, wantFetches: 2, wantStored: 1},
		{name: "updated text", items: []testItem{{title: "Envoy recalled (updated)", link: "/a", date: day(3)}},
			pages: map[string]string{"/a": v2},
			want:  reportSummary{Updated: []string{idA}}, wantFetches: 3, wantStored: 2},
		{name: "same text under another URL", items: []testItem{
			{title: "Envoy recalled (updated)", link: "/a", date: day(3)},
			{title: "Copy", link: "/b", date: day(4)}},
			pages: map[string]string{"/b": v2},
			want:  reportSummary{Skipped: []Skip{{URL: site.url("/b"), Reason: "same text as " + site.url("/a")}}}, wantFetches: 3, wantStored: 2},
	}
	for _, st := range steps {
		site.set("/feed", rssPage(rssFeed("Wire", st.items...)))
		for path, text := range st.pages {
			site.set(path, htmlPage(articleHTML("Envoy", text)))
		}
		rep := p.PollOnce(ctx)
		st.want.URL = site.url("/feed")
		if diff := cmp.Diff([]reportSummary{st.want}, summarize(rep)); diff != "" {
			t.Errorf("%s: report (-want +got):\n%s", st.name, diff)
		}
		if n := site.hitsOf("/a"); n != st.wantFetches {
			t.Errorf("%s: /a fetched %d times in all, want %d", st.name, n, st.wantFetches)
		}
		if n := len(h.store.stored()); n != st.wantStored {
			t.Errorf("%s: %d documents stored in all, want %d", st.name, n, st.wantStored)
		}
	}
	docs := h.store.stored()
	if len(docs) == 2 {
		if docs[0].ID != idA || docs[1].ID != idA || docs[1].URL != site.url("/a") || docs[1].Body != v2 || docs[1].Title != "Envoy recalled (updated)" {
			t.Errorf("stored %+v then %+v; want the update under the same id and URL", docs[0], docs[1])
		}
	}
}

// TestPollRestart: a new Poller on the same state file neither stores nor
// refetches what the last one handled, even without feed validators.
func TestPollRestart(t *testing.T) {
	site := newsSite(t, false)
	h := newHarness(site)
	state := filepath.Join(t.TempDir(), "feeds.json")
	withState := func(o *PollerOptions) { o.StatePath = state }
	feeds := []string{"/feeds/rss.xml", "/feeds/atom.xml", "/feeds/down.xml"}
	first := h.newPoller(t, feeds, withState)
	first.PollOnce(context.Background())
	stored := len(h.store.stored())
	if stored != 4 {
		t.Fatalf("first poller stored %d documents, want 4", stored)
	}
	fetches := site.hitsOf("/articles/overchuk") + site.hitsOf("/articles/football") + site.hitsOf("/mirror/overchuk")

	second := h.newPoller(t, feeds, withState)
	rep := second.PollOnce(context.Background())
	for _, f := range rep.Feeds {
		if len(f.Added)+len(f.Updated) > 0 {
			t.Errorf("after a restart %s stored %v %v again", f.URL, f.Added, f.Updated)
		}
	}
	if n := len(h.store.stored()); n != stored {
		t.Errorf("%d documents stored after the restart, want %d", n, stored)
	}
	if n := site.hitsOf("/articles/overchuk") + site.hitsOf("/articles/football") + site.hitsOf("/mirror/overchuk"); n != fetches {
		t.Errorf("articles fetched %d more times after the restart, want 0", n-fetches)
	}
	// The failing feed's count survived the restart: its backoff goes on.
	data, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	var st pollState
	if err := json.Unmarshal(data, &st); err != nil {
		t.Fatal(err)
	}
	if fs := st.Feeds[site.url("/feeds/down.xml")]; fs == nil || fs.Failures != 2 || !strings.Contains(fs.LastError, "HTTP 500") {
		t.Errorf("state of the failing feed: %+v, want 2 failures", fs)
	}
}

func TestPollCorruptState(t *testing.T) {
	tests := []struct {
		name, content string
	}{
		{"not JSON", "{\"version\": 1, \"feeds\": {"},
		{"wrong shape", `{"version": 1, "items": [1, 2]}`},
		{"future version", `{"version": 99}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := newsSite(t, true)
			h := newHarness(site)
			state := filepath.Join(t.TempDir(), "feeds.json")
			if err := os.WriteFile(state, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			p := h.newPoller(t, []string{"/feeds/rss.xml"}, func(o *PollerOptions) { o.StatePath = state })
			aside, err := os.ReadFile(state + ".corrupt")
			if err != nil || string(aside) != tt.content {
				t.Errorf("corrupt state moved aside: %q, %v; want the old content", aside, err)
			}
			if logs := h.log.String(); !strings.Contains(logs, `level=WARN msg="feed state unreadable; moved aside, starting fresh"`) {
				t.Errorf("log lacks the warning:\n%s", logs)
			}
			if rep := p.PollOnce(context.Background()); len(rep.Feeds[0].Added) != 3 {
				t.Errorf("poll after a fresh start: %+v", rep.Feeds[0])
			}
			data, err := os.ReadFile(state)
			if err != nil {
				t.Fatal(err)
			}
			var st pollState
			if err := json.Unmarshal(data, &st); err != nil || st.Version != pollStateVersion || len(st.Docs) != 3 {
				t.Errorf("new state: version %d, %d docs, %v", st.Version, len(st.Docs), err)
			}
		})
	}
}

// TestRunBackoff drives Run with a fake clock: a failing feed is retried
// after 1m, 2m, 4m… up to MaxBackoff, the healthy feed keeps its interval,
// and the first success resets the failing feed to the interval.
func TestRunBackoff(t *testing.T) {
	site := newsSite(t, true)
	h := newHarness(site)
	p := h.newPoller(t, []string{"/feeds/rss.xml", "/feeds/down.xml"}, func(o *PollerOptions) {
		o.Interval = 30 * time.Minute
		o.MaxBackoff = 10 * time.Minute
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()

	// Minutes since the start: the bad feed fails at 0, 1, 3, 7, 15 (next
	// wait capped at 10), 25; the good feed is due at 30; the bad feed is
	// mended before 35 and is then due 30 minutes later, after the good
	// feed at 60.
	wantWaits := []time.Duration{1, 2, 4, 8, 10, 5, 5, 25}
	var waits []time.Duration
	for i := range wantWaits {
		var d time.Duration
		select {
		case d = <-h.clock.Afters():
		case err := <-done:
			t.Fatalf("Run returned early: %v", err)
		}
		waits = append(waits, d/time.Minute)
		if i == 6 { // at 30 minutes, before the poll at 35
			site.set("/feeds/down.xml", rssPage(rssFeed("Mended")))
		}
		h.clock.Advance(d)
	}
	<-h.clock.Afters() // Run is waiting again: its polls are done
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Run returned %v, want context.Canceled", err)
	}
	if diff := cmp.Diff(wantWaits, waits); diff != "" {
		t.Errorf("waits in minutes (-want +got):\n%s", diff)
	}
	if n := site.hitsOf("/feeds/down.xml"); n != 7 {
		t.Errorf("failing feed fetched %d times, want 7", n)
	}
	if n := site.hitsOf("/feeds/rss.xml"); n != 3 {
		t.Errorf("healthy feed fetched %d times, want 3 (at 0, 30 and 60 minutes)", n)
	}
	if n := len(h.store.stored()); n != 3 {
		t.Errorf("%d documents stored, want 3: the failing feed must not stop the other", n)
	}
	if logs := h.log.String(); !strings.Contains(logs, "failures=6 next_attempt=2025-07-06T08:35:00.000Z") {
		t.Errorf("log lacks the sixth failure's next attempt:\n%s", logs)
	}
}

// TestPollItemRetries: an article that cannot be fetched, with no text in
// the feed, is tried MaxItemTries times and then left until the item
// changes.
func TestPollItemRetries(t *testing.T) {
	site := newFakeSite(t)
	h := newHarness(site)
	p := h.newPoller(t, []string{"/feed"}, nil)
	day := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	site.set("/feed", rssPage(rssFeed("Wire", testItem{title: "Raid", link: "/raid", date: day, content: "Read more"})))
	site.set("/raid", fakePage{status: http.StatusServiceUnavailable})
	for try := 1; try <= MaxItemTries+1; try++ {
		rep := p.PollOnce(context.Background())
		var want []Skip
		if try <= MaxItemTries {
			want = []Skip{{URL: site.url("/raid"), Reason: fmt.Sprintf("fetch failed (try %d of %d), and the feed has no text for it: fetch %s: HTTP 503 Service Unavailable", try, MaxItemTries, site.url("/raid"))}}
		}
		if diff := cmp.Diff(want, rep.Feeds[0].Skipped); diff != "" {
			t.Errorf("poll %d: skipped (-want +got):\n%s", try, diff)
		}
	}
	if n := site.hitsOf("/raid"); n != MaxItemTries {
		t.Errorf("article fetched %d times, want %d", n, MaxItemTries)
	}
	if logs := h.log.String(); !strings.Contains(logs, `msg="giving up on a feed item until the feed updates it" url=`+site.url("/raid")) {
		t.Errorf("log lacks the give-up:\n%s", logs)
	}
	// The item is updated and the article is back.
	site.set("/feed", rssPage(rssFeed("Wire", testItem{title: "Raid", link: "/raid", date: day.Add(time.Hour)})))
	site.set("/raid", htmlPage(articleHTML("Raid", "Police raided the Sputnik Azerbaijan office in Baku on Monday.")))
	if rep := p.PollOnce(context.Background()); len(rep.Feeds[0].Added) != 1 {
		t.Errorf("after the update: %+v, want the article added", rep.Feeds[0])
	}
}

// TestPollRetriesAfterErrors: a store or judge failure leaves the item
// unrecorded, so the next poll tries it again.
func TestPollRetriesAfterErrors(t *testing.T) {
	tests := []struct {
		name       string
		judgeErr   error
		storeErr   error
		wantReason string
	}{
		{name: "store", storeErr: errors.New("disk full"), wantReason: "store failed: disk full"},
		{name: "judge", judgeErr: errors.New("embedder down"), wantReason: "topic check failed: embedder down"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := newFakeSite(t)
			h := newHarness(site)
			judge := &keywordJudge{err: tt.judgeErr}
			h.store.fail = func(Document) error { return tt.storeErr }
			p := h.newPoller(t, []string{"/feed"}, func(o *PollerOptions) { o.Judge = judge })
			site.set("/feed", rssPage(rssFeed("Wire", testItem{title: "Raid", link: "/raid", date: pollStart})))
			site.set("/raid", htmlPage(articleHTML("Raid", "Police raided the Sputnik Azerbaijan office in Baku on Monday.")))
			rep := p.PollOnce(context.Background())
			want := []Skip{{URL: site.url("/raid"), Reason: tt.wantReason}}
			if diff := cmp.Diff(want, rep.Feeds[0].Skipped); diff != "" || len(rep.Feeds[0].Added) != 0 {
				t.Errorf("first poll: added %v, skipped (-want +got):\n%s", rep.Feeds[0].Added, diff)
			}
			judge.err = nil
			h.store.mu.Lock()
			h.store.fail = nil
			h.store.mu.Unlock()
			rep = p.PollOnce(context.Background())
			if diff := cmp.Diff([]string{site.id(t, "/raid")}, rep.Feeds[0].Added); diff != "" {
				t.Errorf("second poll added (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNewPollerErrors(t *testing.T) {
	store := func(context.Context, Document) (Stored, error) { return StoredNew, nil }
	tests := []struct {
		name string
		opts PollerOptions
		want string
	}{
		{"no feeds", PollerOptions{Store: store}, "no feed URL"},
		{"relative URL", PollerOptions{Store: store, Feeds: []string{"https://a.example/rss", "/rss"}}, `"/rss": not an absolute URL`},
		{"bad scheme", PollerOptions{Store: store, Feeds: []string{"file:///etc/feed.xml"}}, `"file:///etc/feed.xml": scheme "file"`},
		{"listed twice", PollerOptions{Store: store, Feeds: []string{"https://a.example/rss", "HTTPS://A.example:443/rss#x"}}, "listed twice"},
		{"negative interval", PollerOptions{Store: store, Feeds: []string{"https://a.example/rss"}, Interval: -time.Minute}, "negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewPoller(tt.opts)
			if err == nil || errs.Code(err) != errs.Invalid || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v (code %s), want Invalid containing %q", err, errs.Code(err), tt.want)
			}
		})
	}
	if _, err := NewPoller(PollerOptions{Feeds: []string{"https://a.example/rss"}}); err == nil {
		t.Error("no error without a Store")
	}
}

// TestPruneState: the state keeps the MaxStateItems most recently seen
// items and stored documents.
func TestPruneState(t *testing.T) {
	p, err := NewPoller(PollerOptions{Feeds: []string{"https://a.example/rss"}, Store: func(context.Context, Document) (Stored, error) { return StoredNew, nil }})
	if err != nil {
		t.Fatal(err)
	}
	extra := 3
	for i := range MaxStateItems + extra {
		at := pollStart.Add(time.Duration(i) * time.Minute)
		u := fmt.Sprintf("https://a.example/%d", i)
		p.st.Items[u] = &itemState{Stamp: "s", Status: itemDone, Seen: at}
		h := fmt.Sprintf("hash-%d", i)
		p.st.Docs[u] = &docState{ID: fmt.Sprint(i), Hash: h, Stored: at}
		p.byHash[h] = u
	}
	p.pruneLocked()
	if len(p.st.Items) != MaxStateItems || len(p.st.Docs) != MaxStateItems || len(p.byHash) != MaxStateItems {
		t.Fatalf("kept %d items, %d docs, %d hashes; want %d each", len(p.st.Items), len(p.st.Docs), len(p.byHash), MaxStateItems)
	}
	for i := range extra + 1 {
		u := fmt.Sprintf("https://a.example/%d", i)
		_, item := p.st.Items[u]
		_, doc := p.st.Docs[u]
		_, hash := p.byHash[fmt.Sprintf("hash-%d", i)]
		if want := i >= extra; item != want || doc != want || hash != want {
			t.Errorf("%s: kept item %v, doc %v, hash %v; want %v", u, item, doc, hash, want)
		}
	}
}

// TestPollBlockedFeed: without AllowPrivate a loopback feed is a feed
// failure naming the refused address, and nothing is fetched.
func TestPollBlockedFeed(t *testing.T) {
	site := newsSite(t, true)
	h := newHarness(site)
	p := h.newPoller(t, []string{"/feeds/rss.xml"}, func(o *PollerOptions) { o.Fetcher = nil })
	rep := p.PollOnce(context.Background())
	err := rep.Feeds[0].Err
	if !errors.Is(err, ErrBlockedAddress) || !strings.Contains(err.Error(), "refused to connect to 127.0.0.1 (loopback address)") {
		t.Errorf("error %v, want a refused loopback address", err)
	}
	if n := site.hitsOf("/feeds/rss.xml"); n != 0 {
		t.Errorf("feed fetched %d times", n)
	}
}

func TestFeedDate(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		pub      time.Time
		day      string
		implausi bool
	}{
		{time.Date(2026, 11, 24, 23, 30, 0, 0, time.FixedZone("+04", 4*3600)), "2026-11-24", false},
		{now.Add(24 * time.Hour), "2026-11-26", false}, // a zone ahead
		{time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC), "", true},
		{time.Unix(0, 0), "", true},
	}
	for _, tt := range tests {
		day, note := feedDate(tt.pub, now)
		if day != tt.day || strings.Contains(note, "implausible") != tt.implausi {
			t.Errorf("feedDate(%v) = %q, %q; want %q (implausible %v)", tt.pub, day, note, tt.day, tt.implausi)
		}
	}
}

// TestPollCountsWhatTheStoreAdded: an article the store already has (it
// was ingested by URL before the feed listed it) is not reported added,
// so the count is of what is new.
func TestPollCountsWhatTheStoreAdded(t *testing.T) {
	site := newFakeSite(t)
	h := newHarness(site)
	p := h.newPoller(t, []string{"/feed"}, nil)
	site.set("/feed", rssPage(rssFeed("Wire",
		testItem{title: "Raid", link: "/raid", date: pollStart},
		testItem{title: "Visit", link: "/visit", date: pollStart})))
	raid := "Police raided the Sputnik Azerbaijan office in Baku on Monday."
	site.set("/raid", htmlPage(articleHTML("Raid", raid)))
	site.set("/visit", htmlPage(articleHTML("Visit", "Azerbaijan cancelled the visit of Overchuk after the Safarov deaths in custody.")))
	h.store.had = map[string]string{site.id(t, "/raid"): raid}
	rep := p.PollOnce(context.Background())
	if diff := cmp.Diff([]string{site.id(t, "/visit")}, rep.Feeds[0].Added); diff != "" {
		t.Errorf("added (-want +got):\n%s", diff)
	}
	want := []Skip{{URL: site.url("/raid"), Reason: "already stored as " + site.id(t, "/raid")}}
	if diff := cmp.Diff(want, rep.Feeds[0].Skipped); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
}
