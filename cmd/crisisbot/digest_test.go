package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/crisisbot/crisisbot/internal/fakeclock"
)

// newFeedServer serves testdata/feeds on loopback: an RSS feed with one
// article about the crisis and one weather story, and their pages.
func newFeedServer(t *testing.T) *httptest.Server {
	t.Helper()
	file := func(name, contentType string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			b, err := os.ReadFile(filepath.Join("testdata", "feeds", name))
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", contentType)
			w.Write(b)
		}
	}
	mux := http.NewServeMux()
	mux.Handle("GET /feed.rss", file("news.rss", "application/rss+xml"))
	mux.Handle("GET /news/editors-freed", file("editors-freed.html", "text/html; charset=utf-8"))
	mux.Handle("GET /news/weather", file("weather.html", "text/html; charset=utf-8"))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// feedConfig writes a config that polls srv's feed, fetching from
// loopback as only tests need to.
func feedConfig(t *testing.T, srv *httptest.Server, extra string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "crisisbot.yaml")
	writeFile(t, path, "fetch:\n  allow_private: true\nfeeds:\n  urls: [\""+srv.URL+"/feed.rss\"]\n"+extra)
	return path
}

func TestIngestURLRefusesPrivateAddressesUnlessAllowed(t *testing.T) {
	srv := newFeedServer(t)
	c := newCLI(t)
	_, errOut, code := c.run("ingest", srv.URL+"/news/editors-freed")
	if code != 1 || !strings.Contains(errOut, "loopback") || !strings.Contains(errOut, "fetch.allow_private") || strings.Count(errOut, "refused") != 1 {
		t.Fatalf("ingest from loopback: exit %d, stderr %q; want exit 1 naming the loopback address and fetch.allow_private", code, errOut)
	}
	cfg := filepath.Join(t.TempDir(), "allow.yaml")
	writeFile(t, cfg, "fetch:\n  allow_private: true\n")
	out := c.mustRun("--config", cfg, "ingest", "--json", srv.URL+"/news/editors-freed?utm_source=x")
	var rep ingestJSON
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Added) != 1 || !strings.HasPrefix(rep.Added[0], "127-0-0-1") {
		t.Errorf("ingest added %v, want one document named from its canonical URL", rep.Added)
	}
}

func TestIngestFeedsThenDigest(t *testing.T) {
	srv := newFeedServer(t)
	c := newCLI(t)
	clock := fakeclock.New(time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC))
	c.clock = clock
	cfg := feedConfig(t, srv, "")
	c.mustRun("--config", cfg, "sources") // the bundled articles, stored now

	clock.Advance(2 * time.Hour)
	out := c.mustRun("--config", cfg, "ingest", "--feeds")
	for _, want := range []string{"added 1, updated 0, skipped 1", "skipped " + srv.URL + "/news/weather: "} {
		if !strings.Contains(out, want) {
			t.Errorf("ingest --feeds printed\n%s\nwant %q", out, want)
		}
	}
	// A second poll finds nothing new.
	if out := c.mustRun("--config", cfg, "ingest", "--feeds"); strings.Contains(out, "added 1") {
		t.Errorf("second poll stored the article again:\n%s", out)
	}

	clock.Advance(time.Hour)
	var d struct {
		Since    time.Time `json:"since"`
		Until    time.Time `json:"until"`
		Articles []struct {
			Title string `json:"title"`
			Cite  int    `json:"cite"`
		} `json:"articles"`
		Citations []struct {
			N   int    `json:"n"`
			URL string `json:"url"`
		} `json:"citations"`
	}
	out = c.mustRun("--config", cfg, "digest", "--json", "--since", "90m")
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("digest --json printed %q: %v", out, err)
	}
	if len(d.Articles) != 1 || !strings.Contains(d.Articles[0].Title, "Sputnik Azerbaijan editors") {
		t.Fatalf("digest articles = %+v, want the one feed article", d.Articles)
	}
	if n := d.Articles[0].Cite; n < 1 || n > len(d.Citations) || d.Citations[n-1].URL != srv.URL+"/news/editors-freed" {
		t.Errorf("article cites [%d] of %+v, want its canonical URL", n, d.Citations)
	}
	if want := clock.Now().Add(-90 * time.Minute); !d.Since.Equal(want) {
		t.Errorf("since = %v, want %v", d.Since, want)
	}

	// Text: the article with its citation and the sources list; since
	// the bundled articles (stored 3 hours ago) nothing else.
	text := c.mustRun("--config", cfg, "digest", "--since", "2h")
	for _, want := range []string{"Sputnik Azerbaijan editors", "[1]", "Sources:", srv.URL + "/news/editors-freed"} {
		if !strings.Contains(text, want) {
			t.Errorf("digest printed\n%s\nwant %q", text, want)
		}
	}
	if strings.Contains(text, "Snow expected") {
		t.Errorf("the off-topic item reached the digest:\n%s", text)
	}
	// A terminal gets plain text: Discord's bold and escapes would show.
	if strings.Contains(text, "**") || strings.Contains(text, `\`) || !strings.Contains(text, "\nNew articles\n") {
		t.Errorf("digest printed Markdown, want plain text:\n%s", text)
	}
	// A subscribed channel's digest is shown in its own time zone.
	zoned := feedConfig(t, srv, "digest:\n  subscriptions:\n    - channel: \"7\"\n      timezone: Asia/Baku\n")
	if out := c.mustRun("--config", zoned, "digest", "--channel", "7", "--since", "2h"); !strings.Contains(out, "+04") {
		t.Errorf("digest --channel 7 is not in the channel's zone (Asia/Baku, +04):\n%s", out)
	}
	// Nothing since the ingest: one line, no links.
	empty := c.mustRun("--config", cfg, "digest", "--since", "30m")
	if !strings.Contains(empty, "Nothing new since") || strings.Contains(empty, "http") {
		t.Errorf("empty digest printed\n%s\nwant a link-free \"Nothing new since\" line", empty)
	}
}

// TestDigestOverviewWithLLM drives the real go-openai client against a fake
// OpenAI-compatible server on loopback: with llm.model set the digest opens
// with the model's overview, its invented citation and link removed.
func TestDigestOverviewWithLLM(t *testing.T) {
	feeds := newFeedServer(t)
	var prompt atomic.Value
	llm := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		prompt.Store(string(body))
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":"x","object":"chat.completion","model":"fake-model","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Baku freed two Sputnik Azerbaijan editors [1]. Moscow apologised, see https://evil.example/x [7]."}}]}`)
	}))
	t.Cleanup(llm.Close)
	c := newCLI(t)
	clock := fakeclock.New(time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC))
	c.clock = clock
	cfg := feedConfig(t, feeds, "llm:\n  base_url: "+llm.URL+"/v1\n  model: fake-model\n")
	c.mustRun("--config", cfg, "ingest", "--feeds")
	clock.Advance(time.Hour)
	out := c.mustRun("--config", cfg, "digest", "--since", "2h")
	for _, want := range []string{"Baku freed two Sputnik Azerbaijan editors [1].", "overview by fake-model"} {
		if !strings.Contains(out, want) {
			t.Errorf("digest lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "evil.example") || strings.Contains(out, "[7]") || strings.Contains(out, "apologised") {
		t.Errorf("the overview keeps an invented citation or link:\n%s", out)
	}
	if p, _ := prompt.Load().(string); !strings.Contains(p, "Sputnik Azerbaijan editors") {
		t.Errorf("the model was not shown the new article: %s", p)
	}
}
