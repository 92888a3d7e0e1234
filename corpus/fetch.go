package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/crisisbot/crisisbot/errs"
	"golang.org/x/net/html/charset"
)

// Fetcher defaults.
const (
	DefaultUserAgent = "crisisbot/1.0 (+https://github.com/crisisbot/crisisbot; news corpus fetcher)"
	DefaultMaxBytes  = 5 << 20
	DefaultTimeout   = 30 * time.Second
	// MaxRedirects is how many redirects a fetch follows.
	MaxRedirects = 5
)

// Fetcher fetches one article over http(s). The zero value is ready to use.
type Fetcher struct {
	// Client does the requests; nil means a client with DefaultTimeout. Its
	// CheckRedirect is replaced for each fetch (see MaxRedirects).
	Client *http.Client
	// UserAgent is sent with every request; "" means DefaultUserAgent.
	UserAgent string
	// MaxBytes caps the response body; a larger one is an error. 0 means
	// DefaultMaxBytes.
	MaxBytes int64
	// Timeout bounds each fetch; 0 means DefaultTimeout.
	Timeout time.Duration
	// Now stamps Document.FetchedAt; nil means time.Now.
	Now func() time.Time
}

// Fetch downloads rawURL and parses it by content type: text/html (and
// XHTML) with ParseHTML, text/markdown with ParseMarkdown, text/plain with
// ParseText. The document's id is URLID of the final URL (after redirects),
// its URL that URL, its Source rawURL and FetchedAt the time of the fetch.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (Document, error) {
	u, err := parseHTTPURL(rawURL)
	if err != nil {
		return Document{}, errs.Errorf(errs.Invalid, "fetch %q: %v", rawURL, err)
	}
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	client := &http.Client{Timeout: DefaultTimeout}
	if f.Client != nil {
		c := *f.Client
		client = &c
	}
	client.CheckRedirect = checkRedirect
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return Document{}, errs.Errorf(errs.Invalid, "fetch %s: %v", rawURL, err)
	}
	ua := f.UserAgent
	if ua == "" {
		ua = DefaultUserAgent
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/markdown,text/plain;q=0.9")
	resp, err := client.Do(req)
	if err != nil {
		return Document{}, fetchError(ctx, rawURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		code := errs.Unavailable
		switch {
		case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
			code = errs.NotFound
		case resp.StatusCode >= 400 && resp.StatusCode < 500 && resp.StatusCode != http.StatusTooManyRequests:
			code = errs.Invalid
		}
		return Document{}, errs.Errorf(code, "fetch %s: HTTP %s", rawURL, resp.Status)
	}

	limit := f.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	if resp.ContentLength > limit {
		return Document{}, errs.Errorf(errs.Invalid, "fetch %s: the response is %d bytes, over the %d-byte limit", rawURL, resp.ContentLength, limit)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return Document{}, fetchError(ctx, rawURL, err)
	}
	if int64(len(data)) > limit {
		return Document{}, errs.Errorf(errs.Invalid, "fetch %s: the response is over the %d-byte limit", rawURL, limit)
	}

	final := *resp.Request.URL
	final.Fragment, final.RawFragment = "", ""
	doc, err := parseResponse(rawURL, &final, resp.Header.Get("Content-Type"), data)
	if err != nil {
		return Document{}, err
	}
	doc.ID = URLID(&final)
	doc.URL = final.String()
	doc.Source = rawURL
	now := time.Now
	if f.Now != nil {
		now = f.Now
	}
	doc.FetchedAt = now()
	return doc, nil
}

func parseResponse(rawURL string, final *url.URL, contentType string, data []byte) (Document, error) {
	mediaType, params, err := mime.ParseMediaType(contentType)
	if err != nil || contentType == "" {
		mediaType, params, _ = mime.ParseMediaType(http.DetectContentType(data))
	}
	name := path.Base(final.Path)
	if name == "/" || name == "." {
		name = final.Host
	}
	switch mediaType {
	case "text/html", "application/xhtml+xml":
		// ParseHTML detects the page's charset itself.
		doc, err := ParseHTML(bytes.NewReader(data), final)
		if err != nil {
			return Document{}, fmt.Errorf("fetch %s: %w", rawURL, err)
		}
		return doc, nil
	case "text/plain", "text/markdown", "text/x-markdown":
		text, err := decodeCharset(data, params["charset"])
		if err != nil {
			return Document{}, errs.Errorf(errs.Invalid, "fetch %s: %v", rawURL, err)
		}
		parse := ParseText
		if mediaType != "text/plain" || strings.HasSuffix(name, ".md") || strings.HasSuffix(name, ".markdown") {
			parse = ParseMarkdown
		}
		doc, err := parse(rawURL, text)
		if err != nil {
			return Document{}, err
		}
		return doc, nil
	default:
		return Document{}, errs.Errorf(errs.Invalid, "fetch %s: unsupported content type %q (want text/html, text/markdown or text/plain)", rawURL, mediaType)
	}
}

// decodeCharset converts text in a declared non-UTF-8 charset to UTF-8.
func decodeCharset(data []byte, label string) ([]byte, error) {
	label = strings.ToLower(strings.TrimSpace(label))
	if label == "" || label == "utf-8" || label == "utf8" || label == "us-ascii" {
		return data, nil
	}
	r, err := charset.NewReaderLabel(label, bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("charset %q: %w", label, err)
	}
	return io.ReadAll(r)
}

func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > MaxRedirects {
		return fmt.Errorf("stopped after %d redirects", MaxRedirects)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("redirect to %q: only http and https are fetched", req.URL.Redacted())
	}
	return nil
}

// fetchError turns a transport error into a coded error, telling a timeout
// from a refused connection.
func fetchError(ctx context.Context, rawURL string, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return errs.Wrap(errs.Unavailable, err, fmt.Sprintf("fetch %s: timed out", rawURL))
	}
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		err = ue.Err
	}
	return errs.Errorf(errs.Unavailable, "fetch %s: %v", rawURL, err)
}

// parseHTTPURL accepts only absolute http(s) URLs with a host.
func parseHTTPURL(rawURL string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return nil, err
	}
	if err := checkURL(u.String()); err != nil {
		return nil, err
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

// checkURL accepts "" (unknown) or an absolute http(s) URL with a host.
func checkURL(raw string) error {
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		if u.Scheme == "" {
			return errors.New("not an absolute URL (want http:// or https://)")
		}
		return fmt.Errorf("scheme %q is not supported (want http or https)", u.Scheme)
	}
	if u.Host == "" {
		return errors.New("the URL has no host")
	}
	return nil
}

// URLID returns a document id for u: Slug of its host and path, cut to 40
// runes, then "-" and 8 hex digits of the SHA-256 of the whole URL, so that
// two URLs with the same slug still get different ids.
func URLID(u *url.URL) string {
	c := *u
	c.Fragment, c.RawFragment = "", ""
	base := Slug(strings.TrimPrefix(c.Host, "www.") + " " + c.Path)
	if r := []rune(base); len(r) > 40 {
		base = strings.TrimRight(trimToHyphen(string(r[:41])), "-")
	}
	h := shortHash(c.String())
	if base == "" {
		return "url-" + h
	}
	return base + "-" + h
}
