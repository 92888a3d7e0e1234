// Package corpus holds crisisbot's documents and passages: the bundled
// articles (embedded with go:embed), loaders for files, HTML, URLs and feeds,
// and the chunker that splits a document into citable passages.
package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Document is one article as stored: its metadata and its text, kept as the
// source gave it (errors included).
type Document struct {
	// ID is a short, stable slug, unique in a data directory.
	ID string `json:"id" yaml:"id"`
	// Title is the headline, or a faithful descriptive title.
	Title string `json:"title" yaml:"title"`
	// Outlet is set only where the text itself names it.
	Outlet string `json:"outlet,omitempty" yaml:"outlet"`
	// Published is an ISO date truncated to its precision: "2025-06-30",
	// "2025-07", "2025", or "" when unknown.
	Published string `json:"published,omitempty" yaml:"published"`
	// PublishedPrecision is "day", "week", "month", "year" or "".
	// "week" means the week that starts on Published.
	PublishedPrecision string `json:"published_precision,omitempty" yaml:"published_precision"`
	// PublishedNote says how Published was inferred.
	PublishedNote string `json:"published_note,omitempty" yaml:"published_note"`
	// URL is empty where unknown.
	URL string `json:"url,omitempty" yaml:"url"`
	// Source says where the document came from: "bundled", a file path or a URL.
	Source string `json:"source,omitempty" yaml:"-"`
	// FetchedAt is when a URL or feed item was fetched; zero for files.
	FetchedAt time.Time `json:"fetched_at,omitzero" yaml:"-"`
	// Body is the article text.
	Body string `json:"body" yaml:"-"`
}

// Hash returns the content hash that decides whether a re-ingest has work to
// do: it covers every field that reaches a passage or a citation.
func (d Document) Hash() string {
	h := sha256.New()
	for _, s := range []string{d.ID, d.Title, d.Outlet, d.Published, d.PublishedPrecision, d.URL, d.Body} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Passage is a citable piece of a document.
type Passage struct {
	// ID is stable across runs: the document id and the passage's position.
	ID    string `json:"id"`
	DocID string `json:"doc_id"`
	// Index is the passage's position in its document, from 0.
	Index int `json:"index"`
	// Start and End are byte offsets into the document body: Body[Start:End]
	// holds the passage's sentences in order. Text is those sentences, each
	// line a verbatim piece of the body (a newline between paragraphs),
	// without the lines the chunker drops in between (photo credits, link
	// lists, a repeated headline), so Text need not equal Body[Start:End].
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Document metadata, copied so that a passage can be cited on its own.
	Title     string `json:"title"`
	Outlet    string `json:"outlet,omitempty"`
	Published string `json:"published,omitempty"`
	// PublishedPrecision is the document's, so that a week or a month is
	// never shown as a day.
	PublishedPrecision string `json:"published_precision,omitempty"`
	URL                string `json:"url,omitempty"`
}

// DateLabel renders a publication date at its precision: a week-precise
// date is "week of 2025-06-30", never a day.
func DateLabel(published, precision string) string {
	if precision == "week" && published != "" {
		return "week of " + published
	}
	return published
}
