package corpus

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crisisbot/crisisbot/errs"
)

func fixedNow() time.Time { return time.Date(2025, 7, 4, 12, 0, 0, 0, time.UTC) }

func newTestServer(t *testing.T) *httptest.Server {
	t.Helper()
	page, err := os.ReadFile(filepath.Join("testdata", "html", "article.html"))
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		if ua := r.Header.Get("User-Agent"); ua != "crisisbot-test/1.0" {
			http.Error(w, "bad user agent "+ua, http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	mux.HandleFunc("/notes.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, "Overchuk Visit Cancelled\nBaku cancelled the visit.\n")
	})
	mux.HandleFunc("/latin1.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=iso-8859-1")
		w.Write([]byte("Caf\xe9 owners in Baku reacted.\n"))
	})
	mux.HandleFunc("/post.md", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/markdown")
		fmt.Fprint(w, "---\ntitle: Sputnik Raid\npublished: \"2025-06-30\"\n---\nPolice raided the Sputnik office.\n")
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, strings.Repeat("Long text. ", 200))
	})
	mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for range 200 {
			fmt.Fprint(w, "Long text. ")
			w.(http.Flusher).Flush() // no Content-Length: the cap must hold while reading
		}
	})
	mux.HandleFunc("/binary.html", func(w http.ResponseWriter, r *http.Request) {
		// Pseudo-random bytes that a charset decoder turns into "valid" text.
		w.Header().Set("Content-Type", "text/html; charset=ibm866")
		b := make([]byte, 1500)
		x := uint32(2463534242)
		for i := range b {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			b[i] = byte(x)
		}
		w.Write(b)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/hops/{n}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscan(r.PathValue("n"), &n)
		if n == 0 {
			http.Redirect(w, r, "/notes.txt", http.StatusFound)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/hops/%d", n-1), http.StatusMovedPermanently)
	})
	mux.HandleFunc("/to-ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.com/file", http.StatusFound)
	})
	mux.HandleFunc("/pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		fmt.Fprint(w, "%PDF-1.4")
	})
	mux.HandleFunc("/down", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // answers only once the client gives up
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestFetch(t *testing.T) {
	srv := newTestServer(t)
	f := &Fetcher{Client: srv.Client(), UserAgent: "crisisbot-test/1.0", MaxBytes: 2000, Now: fixedNow}
	tests := []struct {
		path                          string
		wantTitle, wantBody, finalURL string
		wantPublished                 string
	}{
		{path: "/article", wantTitle: "Baku Cancels Overchuk Visit After Custody Deaths", wantBody: "Azerbaijan cancelled a planned visit", wantPublished: "2025-07-02"},
		{path: "/notes.txt", wantTitle: "Overchuk Visit Cancelled", wantBody: "Overchuk Visit Cancelled\nBaku cancelled the visit."},
		{path: "/latin1.txt", wantTitle: "Café owners in Baku reacted", wantBody: "Café owners in Baku reacted."},
		{path: "/post.md", wantTitle: "Sputnik Raid", wantBody: "Police raided the Sputnik office.", wantPublished: "2025-06-30"},
		{path: "/hops/4#frag", wantTitle: "Overchuk Visit Cancelled", wantBody: "Overchuk Visit Cancelled", finalURL: "/notes.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			raw := srv.URL + tt.path
			doc, err := f.Fetch(context.Background(), raw)
			if err != nil {
				t.Fatal(err)
			}
			final := tt.finalURL
			if final == "" {
				final = tt.path
			}
			if doc.URL != srv.URL+final {
				t.Errorf("URL = %q, want %q", doc.URL, srv.URL+final)
			}
			if want := URLID(mustURL(t, srv.URL+final)); doc.ID != want {
				t.Errorf("ID = %q, want %q", doc.ID, want)
			}
			if doc.Source != raw || !doc.FetchedAt.Equal(fixedNow()) {
				t.Errorf("Source %q FetchedAt %v, want %q and %v", doc.Source, doc.FetchedAt, raw, fixedNow())
			}
			if doc.Title != tt.wantTitle || !strings.HasPrefix(doc.Body, tt.wantBody) || doc.Published != tt.wantPublished {
				t.Errorf("got title %q published %q body %q", doc.Title, doc.Published, doc.Body)
			}
		})
	}
}

func TestFetchErrors(t *testing.T) {
	srv := newTestServer(t)
	f := &Fetcher{Client: srv.Client(), UserAgent: "crisisbot-test/1.0", MaxBytes: 2000, Now: fixedNow}
	tests := []struct {
		name     string
		url      string
		fetcher  *Fetcher
		code     string
		contains string
	}{
		{"non-http scheme", "file:///etc/passwd", f, errs.Invalid, `scheme "file"`},
		{"ftp scheme", "ftp://example.com/a.txt", f, errs.Invalid, `scheme "ftp"`},
		{"relative URL", "/article", f, errs.Invalid, "absolute"},
		{"oversized with Content-Length", srv.URL + "/big", f, errs.Invalid, "2000-byte limit"},
		{"oversized while reading", srv.URL + "/big-chunked", f, errs.Invalid, "2000-byte limit"},
		{"redirect loop", srv.URL + "/loop", f, errs.Unavailable, "stopped after 5 redirects"},
		{"six redirects", srv.URL + "/hops/5", f, errs.Unavailable, "stopped after 5 redirects"},
		{"redirect to ftp", srv.URL + "/to-ftp", f, errs.Unavailable, "only http and https"},
		{"404", srv.URL + "/missing", f, errs.NotFound, "404"},
		{"503", srv.URL + "/down", f, errs.Unavailable, "503"},
		{"unsupported type", srv.URL + "/pdf", f, errs.Invalid, "application/pdf"},
		{"binary served as html", srv.URL + "/binary.html", f, errs.Invalid, "does not look like article text"},
		// A deadline that has already passed: the test never waits on the clock.
		{"timeout", srv.URL + "/slow", &Fetcher{Client: srv.Client(), Timeout: time.Nanosecond, Now: fixedNow}, errs.Unavailable, "timed out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := tt.fetcher.Fetch(context.Background(), tt.url)
			if err == nil {
				t.Fatalf("no error; got %+v", doc)
			}
			if errs.Code(err) != tt.code {
				t.Errorf("code %q, want %q (%v)", errs.Code(err), tt.code, err)
			}
			if !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("error %q does not contain %q", err, tt.contains)
			}
		})
	}
}

// TestFetchDefaults checks that a zero Fetcher sends the default User-Agent
// and leaves the caller's client untouched.
func TestFetchDefaults(t *testing.T) {
	var gotUA string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotUA = r.Header.Get("User-Agent")
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "Some article text.")
	}))
	defer srv.Close()
	client := srv.Client()
	if _, err := (&Fetcher{Client: client}).Fetch(context.Background(), srv.URL+"/a.txt"); err != nil {
		t.Fatal(err)
	}
	if gotUA != DefaultUserAgent {
		t.Errorf("User-Agent %q, want %q", gotUA, DefaultUserAgent)
	}
	if client.CheckRedirect != nil {
		t.Error("Fetch changed the caller's client")
	}
}

func TestURLID(t *testing.T) {
	a := URLID(mustURL(t, "https://www.example.com/news/2025/07/azerbaijan-russia-relations-sink-after-custody-deaths-in-yekaterinburg"))
	b := URLID(mustURL(t, "https://www.example.com/news/2025/07/azerbaijan-russia-relations-sink-after-custody-deaths-in-yekaterinburg?page=2"))
	c := URLID(mustURL(t, "https://www.example.com/news/2025/07/azerbaijan-russia-relations-sink-after-custody-deaths-in-yekaterinburg#comments"))
	if a == b {
		t.Errorf("different URLs share the id %q", a)
	}
	if a != c {
		t.Errorf("the fragment changed the id: %q vs %q", a, c)
	}
	if !strings.HasPrefix(a, "example-com-news-2025-07-") || len(a) > 50 || Slug(a) != a {
		t.Errorf("URLID = %q: want a slug of host and path, at most 50 bytes", a)
	}
}
