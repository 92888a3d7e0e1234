package corpus

import (
	"bytes"
	"net/url"
	"strings"
	"time"

	"github.com/crisisbot/crisisbot/errs"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Feed is a parsed RSS or Atom feed.
type Feed struct {
	Title, Link string
	Items       []FeedItem
}

// FeedItem is one entry of a feed.
type FeedItem struct {
	// Link is absolute when the feed's URL was known.
	Title, Link, GUID string
	// Published and Updated are zero when the feed does not say. An Atom
	// entry with no published time has its updated time as Published.
	Published, Updated time.Time
	// Content is the item's HTML or text: content:encoded or Atom content,
	// else the description or Atom summary.
	Content string
}

// ParseFeed parses an RSS or Atom feed (JSON Feed too) with gofeed.
// Relative links are resolved against feedURL, which may be nil. An item
// with no link but a GUID that is an absolute http(s) URL (an RSS
// permalink) takes the GUID as its link. Data that is not a feed is an
// Invalid error naming the feed.
func ParseFeed(data []byte, feedURL *url.URL) (Feed, error) {
	name := "feed"
	if feedURL != nil {
		name = "feed " + feedURL.String()
	}
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return Feed{}, errs.Errorf(errs.Invalid, "%s: not a valid RSS or Atom feed: %v", name, err)
	}
	feed := Feed{
		Title: strings.Join(strings.Fields(parsed.Title), " "),
		Link:  resolveLink(feedURL, parsed.Link),
	}
	for _, it := range parsed.Items {
		if it == nil {
			continue
		}
		item := FeedItem{
			Title:   strings.Join(strings.Fields(it.Title), " "),
			Link:    resolveLink(feedURL, it.Link),
			GUID:    strings.TrimSpace(it.GUID),
			Content: it.Content,
		}
		if item.Link == "" && checkURL(item.GUID) == nil {
			item.Link = item.GUID
		}
		if strings.TrimSpace(item.Content) == "" {
			item.Content = it.Description
		}
		if it.PublishedParsed != nil {
			item.Published = *it.PublishedParsed
		}
		if it.UpdatedParsed != nil {
			item.Updated = *it.UpdatedParsed
		}
		feed.Items = append(feed.Items, item)
	}
	return feed, nil
}

// resolveLink resolves link against base; a link that does not parse is
// dropped, so the item is skipped as having none rather than fetched wrong.
func resolveLink(base *url.URL, link string) string {
	link = strings.TrimSpace(link)
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	return u.String()
}

// feedText renders an item's content, HTML or plain text, as one paragraph
// per line. A plain walk of the parse tree, not readability: feed content is
// a fragment with no page furniture to remove, too short for readability's
// scoring.
func feedText(content string) string {
	root, err := html.Parse(strings.NewReader(content))
	if err != nil {
		return ""
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		block := false
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe, atom.Svg:
				return
			case atom.Br:
				b.WriteByte('\n')
			case atom.P, atom.Div, atom.Li, atom.Blockquote, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
				atom.Tr, atom.Section, atom.Article, atom.Figure, atom.Figcaption, atom.Pre, atom.Ul, atom.Ol, atom.Table, atom.Hr:
				block = true
				b.WriteByte('\n')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteByte('\n')
		}
	}
	walk(root)
	return paragraphLines(b.String())
}
