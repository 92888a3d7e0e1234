package eval

import (
	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/internal/timelinedates"
	"github.com/crisisbot/crisisbot/retrieval"
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

// buildTimeline indexes docs from their stored facts, as cmd/crisisbot's
// app does. lib lets the view search for a topic.
func buildTimeline(docs []corpus.Document, lib *retrieval.Library) *setTimeline {
	idx := timeline.NewIndex()
	for _, d := range docs {
		idx.UpdateFacts(d, lib.DocFacts(d.ID))
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

// DateOf implements answer.Dates through the adapter the CLI uses.
func (t *setTimeline) DateOf(question string, passageIDs []string) (answer.DatedEvent, bool) {
	return t.dates().DateOf(question, passageIDs)
}

// Disputed implements answer.Dates.
func (t *setTimeline) Disputed(passageIDs []string, dates []string) bool {
	return t.dates().Disputed(passageIDs, dates)
}

func (t *setTimeline) dates() timelinedates.Dates {
	return timelinedates.Dates{View: func() timeline.View { return t.view }}
}
