package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
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
	// MaxRedirects is how many redirects a fetch follows by default.
	MaxRedirects = 5
)

// articleAccept is the Accept header of Fetch: the types parseResponse reads.
const articleAccept = "text/html,application/xhtml+xml,text/markdown,text/plain;q=0.9"

// Fetcher fetches over http(s), refusing non-public addresses unless told
// otherwise. The zero value is ready to use.
type Fetcher struct {
	// Client is kept for its Timeout (nil means DefaultTimeout). Its
	// Transport and CheckRedirect are not used: every request goes through
	// the Fetcher's own transport, so that the address guard always applies.
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
	// AllowPrivate permits connections to loopback, private, link-local and
	// other non-public addresses, which are refused by default (SSRF guard).
	AllowPrivate bool
	// MaxRedirects is how many redirects a fetch follows; 0 means the
	// MaxRedirects constant.
	MaxRedirects int
}

// Validators are the cache validators of a response, sent back on the next
// request so that an unchanged resource costs a 304 and no body.
type Validators struct {
	ETag, LastModified string
}

// Response is a successful fetch.
type Response struct {
	// URL is the final URL, after redirects, without a fragment.
	URL         *url.URL
	ContentType string
	// Body is empty when NotModified.
	Body []byte
	// NotModified reports a 304: the validators sent still hold.
	NotModified bool
	// Validators are the response's, or those sent when a 304 omits them.
	Validators Validators
}

// Get fetches rawURL, an absolute http(s) URL, with accept as the Accept
// header ("" sends none) and a conditional request when v has a validator.
// It follows at most MaxRedirects redirects, to http(s) only, and refuses to
// connect to non-public addresses unless AllowPrivate. Errors are coded:
// Invalid for a bad URL, a refused address, a 4xx or an oversized body;
// NotFound for 404 and 410; Unavailable for timeouts, network errors, 5xx,
// 429 and redirect trouble.
func (f *Fetcher) Get(ctx context.Context, rawURL string, accept string, v Validators) (Response, error) {
	u, err := parseHTTPURL(rawURL)
	if err != nil {
		return Response{}, errs.Errorf(errs.Invalid, "fetch %q: %v", rawURL, err)
	}
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	// A transport per call keeps the Fetcher a plain, copyable value; the
	// cost, one connection per fetch, is small at a feed poller's pace.
	tr := f.transport()
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: DefaultTimeout, CheckRedirect: f.checkRedirect}
	if f.Client != nil {
		client.Timeout = f.Client.Timeout
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return Response{}, errs.Errorf(errs.Invalid, "fetch %s: %v", rawURL, err)
	}
	ua := f.UserAgent
	if ua == "" {
		ua = DefaultUserAgent
	}
	req.Header.Set("User-Agent", ua)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := client.Do(req)
	if err != nil {
		return Response{}, fetchError(ctx, rawURL, err)
	}
	defer resp.Body.Close()

	final := *resp.Request.URL
	final.Fragment, final.RawFragment = "", ""
	out := Response{
		URL:         &final,
		ContentType: resp.Header.Get("Content-Type"),
		Validators:  Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")},
	}
	if resp.StatusCode == http.StatusNotModified && (v.ETag != "" || v.LastModified != "") {
		out.NotModified = true
		if out.Validators.ETag == "" {
			out.Validators.ETag = v.ETag
		}
		if out.Validators.LastModified == "" {
			out.Validators.LastModified = v.LastModified
		}
		return out, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		code := errs.Unavailable
		switch {
		case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
			code = errs.NotFound
		case resp.StatusCode >= 400 && resp.StatusCode < 500 && resp.StatusCode != http.StatusTooManyRequests:
			code = errs.Invalid
		}
		return Response{}, errs.Errorf(code, "fetch %s: HTTP %s", rawURL, resp.Status)
	}

	limit := f.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	if resp.ContentLength > limit {
		return Response{}, errs.Errorf(errs.Invalid, "fetch %s: the response is %d bytes, over the %d-byte limit", rawURL, resp.ContentLength, limit)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return Response{}, fetchError(ctx, rawURL, err)
	}
	if int64(len(data)) > limit {
		return Response{}, errs.Errorf(errs.Invalid, "fetch %s: the response is over the %d-byte limit", rawURL, limit)
	}
	out.Body = data
	return out, nil
}

// transport clones http.DefaultTransport with the address guard on its
// dialer. Proxy is nil: through a proxy the dialer would see only the
// proxy's address and the guard would check nothing.
func (f *Fetcher) transport() *http.Transport {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = nil
	d := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	if !f.AllowPrivate {
		d.Control = guardControl
	}
	tr.DialContext = d.DialContext
	return tr
}

// checkRedirect bounds redirects and refuses non-http(s) targets.
func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	limit := f.MaxRedirects
	if limit <= 0 {
		limit = MaxRedirects
	}
	if len(via) > limit {
		return fmt.Errorf("stopped after %d redirects", limit)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("redirect to %q: only http and https are fetched", req.URL.Redacted())
	}
	return nil
}

// Fetch downloads rawURL with Get and parses it by content type: text/html
// (and XHTML) with ParseHTML, text/markdown with ParseMarkdown, text/plain
// with ParseText. The document is filed under its canonical URL: the page's
// <link rel="canonical"> when it is an absolute http(s) URL on the same
// registrable domain, else CanonicalURL of the final URL (after
// redirects). ID is URLID of it, and URL and Source are it, so that the
// same article reached through another link is the same source. FetchedAt
// is the time of the fetch.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (Document, error) {
	resp, err := f.Get(ctx, rawURL, articleAccept, Validators{})
	if err != nil {
		return Document{}, err
	}
	doc, canon, err := parseResponse(rawURL, resp.URL, resp.ContentType, resp.Body)
	if err != nil {
		return Document{}, err
	}
	doc.ID = URLID(canon)
	doc.URL = canon.String()
	doc.Source = doc.URL
	now := time.Now
	if f.Now != nil {
		now = f.Now
	}
	doc.FetchedAt = now()
	return doc, nil
}

// parseResponse parses a fetched body and returns the document with the
// canonical URL to file it under (see Fetch).
func parseResponse(rawURL string, final *url.URL, contentType string, data []byte) (Document, *url.URL, error) {
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
			return Document{}, nil, fmt.Errorf("fetch %s: %w", rawURL, err)
		}
		if c := pageCanonical(data, final); c != nil {
			return doc, c, nil
		}
		return doc, CanonicalURL(final), nil
	case "text/plain", "text/markdown", "text/x-markdown":
		text, err := decodeCharset(data, params["charset"])
		if err != nil {
			return Document{}, nil, errs.Errorf(errs.Invalid, "fetch %s: %v", rawURL, err)
		}
		parse := ParseText
		if mediaType != "text/plain" || strings.HasSuffix(name, ".md") || strings.HasSuffix(name, ".markdown") {
			parse = ParseMarkdown
		}
		doc, err := parse(rawURL, text)
		if err != nil {
			return Document{}, nil, err
		}
		return doc, CanonicalURL(final), nil
	default:
		return Document{}, nil, errs.Errorf(errs.Invalid, "fetch %s: unsupported content type %q (want text/html, text/markdown or text/plain)", rawURL, mediaType)
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

// fetchError turns a transport error into a coded error, telling a timeout
// from a refused connection.
func fetchError(ctx context.Context, rawURL string, err error) error {
	var blocked *blockedError
	if errors.As(err, &blocked) {
		return &errs.Error{Code: errs.Invalid, Message: fmt.Sprintf("fetch %s: %s", rawURL, blocked), Err: ErrBlockedAddress}
	}
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
