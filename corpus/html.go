package corpus

import (
	"errors"
	"io"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/crisisbot/crisisbot/errs"
)

// ParseHTML extracts the article from an HTML page with go-readability: the
// title, the site name as Outlet (when the page declares one), the published
// time at day precision (when the page has one), and the text with one
// paragraph per line. pageURL, which may be nil, resolves relative links and
// gives the URL (without its fragment) and the id (see URLID); without it the id is Slug of the
// title. The byline is not used: it names the author, not the outlet. A page
// with no extractable text is an error naming the page.
func ParseHTML(r io.Reader, pageURL *url.URL) (Document, error) {
	name := "HTML page"
	if pageURL != nil {
		name = pageURL.String()
	}
	art, err := readability.FromReader(r, pageURL)
	if err != nil {
		return Document{}, errs.Wrap(errs.Invalid, err, name+": cannot read the HTML")
	}
	var text strings.Builder
	if art.Node != nil {
		if err := art.RenderText(&text); err != nil {
			return Document{}, errs.Wrap(errs.Invalid, err, name+": cannot render the article text")
		}
	}
	doc := Document{
		Title:  strings.Join(strings.Fields(art.Title()), " "),
		Outlet: strings.Join(strings.Fields(art.SiteName()), " "),
		Body:   paragraphLines(text.String()),
	}
	if doc.Body == "" || !hasProse(doc.Body) {
		return Document{}, errs.Errorf(errs.Invalid, "%s: no article text found", name)
	}
	if t, err := art.PublishedTime(); err == nil {
		doc.Published = t.Format("2006-01-02")
		doc.PublishedPrecision = "day"
		doc.PublishedNote = "from the page's published-time metadata"
	} else if !errors.Is(err, readability.ErrTimestampMissing) {
		doc.PublishedNote = "the page's published-time metadata could not be read"
	}
	if doc.Title == "" {
		doc.Title = fallbackTitle(doc.Body)
	}
	if pageURL != nil {
		u := *pageURL
		u.Fragment, u.RawFragment = "", ""
		doc.URL = u.String()
		doc.ID = URLID(&u)
	} else if doc.ID = Slug(doc.Title); doc.ID == "" {
		doc.ID = "page-" + shortHash(doc.Body)
	}
	if err := finish(name, name, &doc); err != nil {
		return Document{}, err
	}
	return doc, nil
}

// paragraphLines turns rendered text (paragraphs between blank lines) into
// one trimmed paragraph per line, like the bundled articles.
func paragraphLines(text string) string {
	var b strings.Builder
	for l := range strings.Lines(text) {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
	}
	return b.String()
}
