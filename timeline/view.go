package timeline

import (
	"context"
	"fmt"
	"strings"

	"github.com/crisisbot/crisisbot/retrieval"
)

// Request asks for events by date and topic, as `crisisbot timeline` and
// /timeline take them.
type Request struct {
	// From and To are dates as ParseDateArg reads them; empty is open.
	From, To string
	// About is a topic: "Sputnik", "airliner", "Armenia".
	About string
}

// Searcher finds the passages about a topic. *retrieval.Library
// implements it.
type Searcher interface {
	Search(ctx context.Context, query string, opts retrieval.SearchOptions) ([]retrieval.Result, error)
}

// aboutK is how many passages the topic search keeps.
const aboutK = 8

// View answers Requests over an Index, with retrieval for the topic.
type View struct {
	Index  *Index
	Search Searcher
}

// Events returns the events a request selects, sorted by date. A topic
// keeps the events whose quoted sentence holds one of its words, as the
// retrieval analyzer stems them ("airliners" matches "airliner"); when no
// quote does, it keeps the events quoted from the passages retrieval
// ranks highest for it, so "plane crash" still finds the airliner.
func (v View) Events(ctx context.Context, r Request) ([]Event, error) {
	f := Filter{From: r.From, To: r.To}
	about := strings.TrimSpace(r.About)
	if about == "" {
		return v.Index.Query(f)
	}
	all, err := v.Index.Query(f)
	if err != nil {
		return nil, err
	}
	an := retrieval.NewAnalyzer()
	want := map[string]bool{}
	for _, t := range an.Terms(about) {
		want[t] = true
	}
	var out []Event
	for _, e := range all {
		if quotesAny(an, e, want) {
			out = append(out, e)
		}
	}
	if len(out) > 0 || v.Search == nil {
		return nonNil(out), nil
	}
	res, err := v.Search.Search(ctx, about, retrieval.SearchOptions{K: aboutK})
	if err != nil {
		return nil, fmt.Errorf("search the topic: %w", err)
	}
	f.PassageIDs = map[string]bool{}
	for _, p := range res {
		f.PassageIDs[p.ID] = true
	}
	return v.Index.Query(f)
}

// Topics returns the events' main names and topics, for autocomplete.
func (v View) Topics() []string { return v.Index.Topics() }

// quotesAny reports whether a source's quote or the summary of e holds
// one of the stemmed terms.
func quotesAny(an *retrieval.Analyzer, e Event, terms map[string]bool) bool {
	texts := []string{e.Summary}
	for _, s := range e.Sources {
		texts = append(texts, s.Quote)
	}
	for _, c := range e.Conflicts {
		texts = append(texts, c.Claim)
	}
	for _, t := range texts {
		for _, term := range an.Terms(t) {
			if terms[term] {
				return true
			}
		}
	}
	return false
}

func nonNil(es []Event) []Event {
	if es == nil {
		return []Event{}
	}
	return es
}

// EventFor returns the event a question asks about, among the events with
// a source quoted from passageIDs: the one whose quotes share the most of
// the question's words (two at least). It is how "when" answers draw on
// the timeline.
func (v View) EventFor(question string, passageIDs []string) (Event, bool) {
	an := retrieval.NewAnalyzer()
	want := map[string]bool{}
	for _, t := range an.Terms(question) {
		want[t] = true
	}
	in := map[string]bool{}
	for _, id := range passageIDs {
		in[id] = true
	}
	if len(want) < 2 {
		return Event{}, false
	}
	var best Event
	bestScore := 1
	// Most of the question's words must be in the quote: a date from a
	// loosely related sentence would be a wrong answer stated as fact.
	need := (len(want) + 1) / 2
	for _, e := range v.Index.Events() {
		if !hasSource(e, func(s Source) bool { return in[s.PassageID] }) {
			continue
		}
		seen := map[string]bool{}
		for _, s := range e.Sources {
			for _, t := range an.Terms(s.Quote + " " + e.Summary) {
				if want[t] {
					seen[t] = true
				}
			}
		}
		// A sentence can date two things ("arrested on June 27 ... murders
		// dating back to 2001"): on a tie the more precise date wins, as
		// the one a "when" question is after.
		if len(seen) >= need && (len(seen) > bestScore || len(seen) == bestScore && finer(e.Date, best.Date)) {
			best, bestScore = e, len(seen)
		}
	}
	return best, bestScore > 1
}

// finer reports whether a is more precise than b.
func finer(a, b Date) bool {
	rank := map[string]int{Day: 4, Month: 3, Year: 2, Range: 1}
	return rank[a.Precision] > rank[b.Precision]
}
