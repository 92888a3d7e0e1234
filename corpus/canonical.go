package corpus

import (
	"bytes"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/publicsuffix"
)

// trackingParams are query parameters that only say how a reader arrived
// (campaign tags and click ids of Google, Facebook, Microsoft, Mailchimp and
// Instagram), never which article; CanonicalURL drops them. Keys compare
// case-insensitively; "utm_" is a prefix.
var trackingParams = []string{"fbclid", "gclid", "msclkid", "mc_cid", "mc_eid", "igshid"}

func isTrackingParam(key string) bool {
	k := strings.ToLower(key)
	if strings.HasPrefix(k, "utm_") {
		return true
	}
	for _, p := range trackingParams {
		if k == p {
			return true
		}
	}
	return false
}

// CanonicalURL returns the form of u under which an article is stored, so
// that links that differ only in form or tracking are one article: the
// scheme and host lower-cased, the default port (80 for http, 443 for
// https) dropped, no fragment, tracking parameters (utm_*, fbclid, gclid,
// msclkid, mc_cid, mc_eid, igshid) dropped, the query sorted by key, and an
// empty path as "/". A query that does not parse is kept as it is. u is not
// changed.
func CanonicalURL(u *url.URL) *url.URL {
	c := *u
	c.Scheme = strings.ToLower(c.Scheme)
	c.Host = strings.ToLower(c.Host)
	switch {
	case c.Scheme == "http" && strings.HasSuffix(c.Host, ":80"):
		c.Host = strings.TrimSuffix(c.Host, ":80")
	case c.Scheme == "https" && strings.HasSuffix(c.Host, ":443"):
		c.Host = strings.TrimSuffix(c.Host, ":443")
	}
	c.Fragment, c.RawFragment = "", ""
	if c.Path == "" && c.Opaque == "" {
		c.Path, c.RawPath = "/", ""
	}
	c.ForceQuery = false
	if c.RawQuery != "" {
		if q, err := url.ParseQuery(c.RawQuery); err == nil {
			for k := range q {
				if isTrackingParam(k) {
					delete(q, k)
				}
			}
			c.RawQuery = q.Encode() // sorted by key
		}
	}
	return &c
}

// pageCanonical returns the page's <link rel="canonical"> (resolved
// against final) as a canonical URL when it is an http(s) URL on the same
// registrable domain as final (www.example.com and example.com are one;
// hosts with no public suffix, such as IP addresses, must match exactly),
// else nil. The domain check keeps a page from filing itself under another
// site's article.
func pageCanonical(data []byte, final *url.URL) *url.URL {
	href := canonicalHref(data)
	if href == "" {
		return nil
	}
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return nil
	}
	u = final.ResolveReference(u)
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	if registrable(u.Hostname()) != registrable(final.Hostname()) {
		return nil
	}
	return CanonicalURL(u)
}

// registrable returns host's registrable domain (eTLD+1), or host itself
// when it has none.
func registrable(host string) string {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if d, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		return d
	}
	return host
}

// canonicalHref finds the first <link rel="canonical" href="..."> before
// the body, with x/net/html's tokenizer (readability does not report it).
func canonicalHref(data []byte) string {
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch atom.Lookup(name) {
			case atom.Body:
				return ""
			case atom.Link:
				var rel, href string
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					switch string(k) {
					case "rel":
						rel = string(v)
					case "href":
						href = string(v)
					}
				}
				for _, r := range strings.Fields(rel) {
					if strings.EqualFold(r, "canonical") && href != "" {
						return href
					}
				}
			}
		}
	}
}
