package eval

import (
	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/timeline"
)

// Everything the evaluation needs of the timeline package is in this file.

// setTimeline is the timeline built over one set's articles: the engine
// consults it for "when" questions, as the shipped bot does, and the date
// figures check it.
type setTimeline struct {
	view   timeline.View
	events []timeline.Event
}

// buildTimeline indexes docs, as cmd/crisisbot's app does for the stored
// articles. lib lets the view search for a topic; it may be nil.
func buildTimeline(docs []corpus.Document, lib timeline.Searcher) *setTimeline {
	idx := timeline.NewIndex()
	for _, d := range docs {
		idx.Update(d)
	}
	return &setTimeline{view: timeline.View{Index: idx, Search: lib}, events: idx.Events()}
}

// Dated reports whether an event citing docID is dated value, as the
// event's date or as the date docID's own sentence gives it.
func (t *setTimeline) Dated(docID, value string) bool {
	for _, e := range t.events {
		for _, s := range e.Sources {
			if s.DocID == docID && (e.Date.Value == value || s.Date == value) {
				return true
			}
		}
	}
	return false
}

// DateOf implements answer.Dates like cmd/crisisbot's timelineDates.
func (t *setTimeline) DateOf(question string, passageIDs []string) (answer.DatedEvent, bool) {
	ev, ok := t.view.EventFor(question, passageIDs)
	if !ok {
		return answer.DatedEvent{}, false
	}
	passageOf := map[string]string{}
	out := answer.DatedEvent{Label: ev.Date.String()}
	for _, s := range ev.Sources {
		passageOf[s.DocID] = s.PassageID
		// Only the articles that themselves give this date are cited.
		if !s.Undated && s.Date == ev.Date.Value {
			out.PassageIDs = append(out.PassageIDs, s.PassageID)
		}
	}
	for _, c := range ev.DateClaims() {
		claim := answer.DatedClaim{Claim: c.Claim}
		for _, doc := range c.Sources {
			if p, ok := passageOf[doc]; ok {
				claim.PassageIDs = append(claim.PassageIDs, p)
			}
		}
		out.Claims = append(out.Claims, claim)
	}
	return out, true
}

// Disputed implements answer.Dates.
func (t *setTimeline) Disputed(passageIDs []string, statement string) bool {
	return t.view.Disputed(passageIDs, statement)
}
