// Package digest writes the daily digest — what is new in the corpus since
// a time: the new articles, each summarized in a line or two from its own
// text, the new timeline events and the new disagreements between sources,
// all citing the articles — and schedules it: one post per subscribed
// channel per scheduled day, at a time of day in the channel's time zone,
// even across restarts, crashes mid-post and two schedulers on one data
// directory.
package digest

import (
	"encoding/json"
	"time"
)

// Digest is what is new in (Since, Until].
type Digest struct {
	Since time.Time `json:"since"`
	Until time.Time `json:"until"`
	// Overview is the language model's paragraph citing [n]; "" when
	// extractive.
	Overview string `json:"overview"`
	// Articles are the new or updated articles, newest published first.
	Articles []Article `json:"articles"`
	// More counts the new articles left out by MaxArticles.
	More int `json:"more"`
	// Events are the new timeline events, by date.
	Events []Event `json:"events"`
	// MoreEvents counts the earlier new events left out by MaxEvents.
	MoreEvents int `json:"more_events"`
	// Disagreements are the new disagreements between sources, by date.
	Disagreements []Disagreement `json:"disagreements"`
	// MoreDisagreements counts the earlier new disagreements left out by
	// MaxDisagreements.
	MoreDisagreements int `json:"more_disagreements"`
	// Citations are numbered 1..n; every [n] above refers to one.
	Citations []Citation `json:"citations"`
}

// Article is one new or updated article.
type Article struct {
	DocID string `json:"doc_id"`
	Title string `json:"title"`
	// Outlet is "" where the article names none.
	Outlet string `json:"outlet,omitempty"`
	// Published is the date at its precision (corpus.DateLabel).
	Published string `json:"published,omitempty"`
	URL       string `json:"url,omitempty"`
	// Summary is the article's own lead, verbatim up to ~240 characters.
	Summary string `json:"summary"`
	// Updated marks an article whose earlier version was stored before
	// Since (DocInfo.FirstIngestedAt).
	Updated bool `json:"updated"`
	Cite    int  `json:"cite"`
}

// Event is one new timeline event.
type Event struct {
	Date    string `json:"date"`
	Summary string `json:"summary"`
	Cites   []int  `json:"cites"`
}

// Disagreement is an event on which the sources disagree, with at least one
// claim made only by new articles.
type Disagreement struct {
	Date    string  `json:"date"`
	Summary string  `json:"summary"`
	Claims  []Claim `json:"claims"`
}

// Claim is one side of a disagreement.
type Claim struct {
	Claim string `json:"claim"`
	Cites []int  `json:"cites"`
	// Account marks one side's account of a death (timeline.Claim):
	// the sides differ, not the articles cited.
	Account bool `json:"account,omitempty"`
}

// Citation is an article the digest cites as [N].
type Citation struct {
	N         int    `json:"n"`
	DocID     string `json:"doc_id"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet,omitempty"`
	Published string `json:"published,omitempty"`
	URL       string `json:"url,omitempty"`
}

// Empty reports whether nothing is new.
func (d Digest) Empty() bool {
	return len(d.Articles) == 0 && d.More == 0 && len(d.Events) == 0 && d.MoreEvents == 0 &&
		len(d.Disagreements) == 0 && d.MoreDisagreements == 0
}

// MarshalJSON writes the digest with [] rather than null for empty lists
// and the times in RFC 3339.
func (d Digest) MarshalJSON() ([]byte, error) {
	type plain Digest // without the method, so Marshal does not recurse
	p := plain(d)
	p.Articles = orEmpty(p.Articles)
	p.Events = orEmpty(p.Events)
	for i := range p.Events {
		p.Events[i].Cites = orEmpty(p.Events[i].Cites)
	}
	p.Disagreements = orEmpty(p.Disagreements)
	for i := range p.Disagreements {
		p.Disagreements[i].Claims = orEmpty(p.Disagreements[i].Claims)
		for j := range p.Disagreements[i].Claims {
			p.Disagreements[i].Claims[j].Cites = orEmpty(p.Disagreements[i].Claims[j].Cites)
		}
	}
	p.Citations = orEmpty(p.Citations)
	return json.Marshal(p)
}

// orEmpty returns a copy of s, never nil, so that filling in nil lists does
// not write into the caller's digest.
func orEmpty[T any](s []T) []T {
	return append(make([]T, 0, len(s)), s...)
}
