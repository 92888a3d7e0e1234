package corpus

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crisisbot/crisisbot/errs"
	"github.com/google/go-cmp/cmp"
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
	f := &Fetcher{UserAgent: "crisisbot-test/1.0", MaxBytes: 2000, Now: fixedNow, AllowPrivate: true}
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
			// Source is the canonical URL, so that another link to the
			// same article is the same source.
			if doc.Source != doc.URL || !doc.FetchedAt.Equal(fixedNow()) {
				t.Errorf("Source %q FetchedAt %v, want %q and %v", doc.Source, doc.FetchedAt, doc.URL, fixedNow())
			}
			if doc.Title != tt.wantTitle || !strings.HasPrefix(doc.Body, tt.wantBody) || doc.Published != tt.wantPublished {
				t.Errorf("got title %q published %q body %q", doc.Title, doc.Published, doc.Body)
			}
		})
	}
}

func TestFetchErrors(t *testing.T) {
	srv := newTestServer(t)
	f := &Fetcher{UserAgent: "crisisbot-test/1.0", MaxBytes: 2000, Now: fixedNow, AllowPrivate: true}
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
		{"timeout", srv.URL + "/slow", &Fetcher{Timeout: time.Nanosecond, Now: fixedNow, AllowPrivate: true}, errs.Unavailable, "timed out"},
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
	if _, err := (&Fetcher{Client: client, AllowPrivate: true}).Fetch(context.Background(), srv.URL+"/a.txt"); err != nil {
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

// TestGetConditional: validators from one response are sent with the next
// request, and a 304 comes back as NotModified with no body.
func TestGetConditional(t *testing.T) {
	type seen struct{ accept, ifNoneMatch, ifModifiedSince string }
	var (
		mu  sync.Mutex
		got []seen
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, seen{r.Header.Get("Accept"), r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")})
		mu.Unlock()
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified) // no validators repeated
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Wed, 02 Jul 2025 09:30:00 GMT")
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, "<rss/>")
	}))
	defer srv.Close()
	f := &Fetcher{AllowPrivate: true}
	ctx := context.Background()

	first, err := f.Get(ctx, srv.URL+"/feed", "application/rss+xml", Validators{})
	if err != nil {
		t.Fatal(err)
	}
	wantV := Validators{ETag: `"v1"`, LastModified: "Wed, 02 Jul 2025 09:30:00 GMT"}
	if first.NotModified || string(first.Body) != "<rss/>" || first.ContentType != "application/rss+xml" || first.Validators != wantV {
		t.Errorf("first response %+v", first)
	}
	second, err := f.Get(ctx, srv.URL+"/feed", "application/rss+xml", first.Validators)
	if err != nil {
		t.Fatal(err)
	}
	if !second.NotModified || len(second.Body) != 0 || second.Validators != wantV || second.URL.String() != srv.URL+"/feed" {
		t.Errorf("second response %+v, want NotModified with the validators sent", second)
	}
	want := []seen{
		{"application/rss+xml", "", ""},
		{"application/rss+xml", `"v1"`, "Wed, 02 Jul 2025 09:30:00 GMT"},
	}
	mu.Lock()
	defer mu.Unlock()
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(seen{})); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

// TestGetMaxRedirects: the field overrides the default bound.
func TestGetMaxRedirects(t *testing.T) {
	srv := newTestServer(t)
	tests := []struct {
		max     int
		path    string
		wantErr string
	}{
		{max: 1, path: "/hops/0"},
		{max: 1, path: "/hops/1", wantErr: "stopped after 1 redirects"},
		{max: 0, path: "/hops/3"}, // 0 = MaxRedirects (5)
		{max: 7, path: "/hops/5"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.max, tt.path), func(t *testing.T) {
			f := &Fetcher{AllowPrivate: true, MaxRedirects: tt.max}
			resp, err := f.Get(context.Background(), srv.URL+tt.path, "", Validators{})
			if tt.wantErr == "" {
				if err != nil || resp.URL.Path != "/notes.txt" {
					t.Fatalf("got %v, %v; want /notes.txt", resp.URL, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || errs.Code(err) != errs.Unavailable {
				t.Fatalf("error %v, want %q", err, tt.wantErr)
			}
		})
	}
}

// TestFetchCanonical: tracking variants of one link are one document, and
// a page's own canonical link names it when it is on the same site.
func TestFetchCanonical(t *testing.T) {
	var srvURL string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		canonical := ""
		switch r.URL.Path {
		case "/amp/story":
			canonical = `<link rel="canonical" href="` + srvURL + `/story">`
		case "/foreign":
			canonical = `<link rel="canonical" href="https://another-site.example/story">`
		}
		fmt.Fprintf(w, `<html><head><title>Baku protests</title>%s</head><body><article><p>Protesters gathered outside the Russian embassy in Baku on Monday after the deaths in Yekaterinburg, officials said.</p></article></body></html>`, canonical)
	}))
	defer srv.Close()
	srvURL = srv.URL
	f := &Fetcher{AllowPrivate: true, Now: fixedNow}
	tests := []struct {
		path, want string
	}{
		{"/story", "/story"},
		{"/story?utm_source=rss&utm_medium=feed", "/story"},
		{"/story?fbclid=x#comments", "/story"},
		{"/amp/story?utm_source=twitter", "/story"},
		{"/foreign?gclid=1", "/foreign"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			doc, err := f.Fetch(context.Background(), srv.URL+tt.path)
			if err != nil {
				t.Fatal(err)
			}
			want := srv.URL + tt.want
			if doc.URL != want || doc.Source != want || doc.ID != URLID(mustURL(t, want)) {
				t.Errorf("URL %q Source %q ID %q, want %q and its id", doc.URL, doc.Source, doc.ID, want)
			}
		})
	}
}
