package corpus

import (
	"testing"
)

func TestCanonicalURL(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"HTTPS://WWW.Example.COM/News/Story", "https://www.example.com/News/Story"},
		{"http://example.com:80/a", "http://example.com/a"},
		{"https://example.com:443/a", "https://example.com/a"},
		{"http://example.com:443/a", "http://example.com:443/a"},
		{"https://example.com:8443/a", "https://example.com:8443/a"},
		{"https://example.com", "https://example.com/"},
		{"https://example.com?", "https://example.com/"},
		{"https://example.com/a#comments", "https://example.com/a"},
		{"https://example.com/a?utm_source=rss&utm_medium=feed&UTM_Campaign=x", "https://example.com/a"},
		{"https://example.com/a?id=7&fbclid=abc&gclid=def&msclkid=1&mc_cid=2&mc_eid=3&igshid=4", "https://example.com/a?id=7"},
		{"https://example.com/a?z=1&a=2&m=3", "https://example.com/a?a=2&m=3&z=1"},
		{"https://example.com/a?page=2&utm_source=x#top", "https://example.com/a?page=2"},
		{"http://[::1]:80/a", "http://[::1]/a"},
		{"https://example.com/a?bad=%zz&utm_source=x", "https://example.com/a?bad=%zz&utm_source=x"}, // unparsable query kept
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			in := mustURL(t, tt.in)
			before := in.String()
			if got := CanonicalURL(in).String(); got != tt.want {
				t.Errorf("CanonicalURL(%s) = %s, want %s", tt.in, got, tt.want)
			}
			if in.String() != before {
				t.Errorf("CanonicalURL changed its argument to %s", in)
			}
		})
	}
}

// TestCanonicalURLIdempotent: a canonical URL is its own canonical form, so
// a stored URL re-canonicalized keeps its id.
func TestCanonicalURLIdempotent(t *testing.T) {
	for _, raw := range []string{
		"HTTPS://Example.com:443?b=2&a=1&utm_term=x#f",
		"http://example.com/path%20with%20spaces?q=a+b",
		"https://example.com/a?x=1&x=0",
	} {
		once := CanonicalURL(mustURL(t, raw))
		twice := CanonicalURL(mustURL(t, once.String()))
		if once.String() != twice.String() {
			t.Errorf("%s: %s then %s", raw, once, twice)
		}
	}
}

func TestPageCanonical(t *testing.T) {
	final := "https://www.example.com/news/story?utm_source=rss"
	tests := []struct {
		name, html, want string // want "" means nil
	}{
		{"same host", `<head><link rel="canonical" href="https://www.example.com/news/story-123"></head>`, "https://www.example.com/news/story-123"},
		{"same registrable domain", `<link rel=canonical href="https://example.com/news/story?utm_medium=x">`, "https://example.com/news/story"},
		{"sub-domain of it", `<link href="https://amp.example.com/s" rel="canonical">`, "https://amp.example.com/s"},
		{"relative", `<link rel="canonical" href="/news/story">`, "https://www.example.com/news/story"},
		{"several rel values", `<link rel="alternate canonical" href="https://example.com/x">`, "https://example.com/x"},
		{"another site", `<link rel="canonical" href="https://other.example.org/news/story">`, ""},
		{"a look-alike domain", `<link rel="canonical" href="https://example.com.evil.net/x">`, ""},
		{"not http", `<link rel="canonical" href="ftp://example.com/x">`, ""},
		{"empty href", `<link rel="canonical" href="">`, ""},
		{"none", `<head><title>x</title></head><body><p>text</p></body>`, ""},
		{"in the body only", `<body><link rel="canonical" href="https://example.com/x"></body>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := pageCanonical([]byte(tt.html), mustURL(t, final))
			switch {
			case tt.want == "" && got != nil:
				t.Errorf("got %s, want none", got)
			case tt.want != "" && (got == nil || got.String() != tt.want):
				t.Errorf("got %v, want %s", got, tt.want)
			}
		})
	}
}

// TestPageCanonicalIPHost: a host with no public suffix must match exactly.
func TestPageCanonicalIPHost(t *testing.T) {
	final := mustURL(t, "http://127.0.0.1:8080/a")
	if got := pageCanonical([]byte(`<link rel="canonical" href="http://127.0.0.1:8080/b">`), final); got == nil || got.String() != "http://127.0.0.1:8080/b" {
		t.Errorf("same IP host: got %v", got)
	}
	if got := pageCanonical([]byte(`<link rel="canonical" href="http://127.0.0.2/b">`), final); got != nil {
		t.Errorf("another IP: got %v, want none", got)
	}
}
