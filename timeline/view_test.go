package timeline

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/facts"
	"github.com/crisisbot/crisisbot/retrieval"
)

// passageIDs returns the passages every event of x quotes, as the answer
// engine offers EventFor the passages it retrieved.
func passageIDs(x *Index) []string {
	var ids []string
	for _, e := range x.Events() {
		for _, s := range e.Sources {
			ids = append(ids, s.PassageID)
		}
	}
	return ids
}

// TestEventForNeedsTheQuestionsEvent: a question that names a person is
// not answered by another event of that person; its other words must be
// in the event's quotes too.
func TestEventForNeedsTheQuestionsEvent(t *testing.T) {
	x := NewIndex()
	x.Update(corpus.Document{ID: "a", Published: "2025-07-01", PublishedPrecision: "day",
		Body: "Lena Varga, born in 1966, was killed in the police building in Ostrava on 27 June 2025."})
	v := View{Index: x}
	ids := passageIDs(x)
	if e, ok := v.EventFor("When was Lena Varga killed?", ids); !ok || e.Date.Value != "2025-06-27" {
		t.Errorf("EventFor(killed) = %+v, %v; want the killing on 27 June 2025", e.Date, ok)
	}
	if e, ok := v.EventFor("When was Lena Varga released?", ids); ok {
		t.Errorf("EventFor(released) = the event dated %s, want none: no quote says she was released", e.Date)
	}
}

// TestEventForNeedsTheDatingQuote: a month mention of the shooting down
// is not merged into the event of a call about it (their event words
// differ), and the call's day does not date the shooting down.
func TestEventForNeedsTheDatingQuote(t *testing.T) {
	x := NewIndex()
	x.Update(corpus.Document{ID: "a", Published: "2024-12-30", PublishedPrecision: "day",
		Body: "On December 28, the presidents of Estmark and Valdoria called each other regarding the crash of the ferry Aurora."})
	x.Update(corpus.Document{ID: "b", Published: "2025-07-01", PublishedPrecision: "day",
		Body: "The presidents of Estmark and Valdoria spoke of the ferry Aurora, which was shot down in December 2024."})
	v := View{Index: x}
	ids := passageIDs(x)
	if slices.ContainsFunc(x.Events(), func(e Event) bool { return len(e.Sources) == 2 }) {
		t.Errorf("events %+v: the month mention of the shooting down is merged into the call", x.Events())
	}
	if e, ok := v.EventFor("When was the ferry Aurora shot down?", ids); ok && e.Date.Value == "2024-12-28" {
		t.Errorf("EventFor(shot down) = the call's day, %s", e.Date)
	}
	if e, ok := v.EventFor("When did the presidents of Estmark and Valdoria call each other about the ferry?", ids); !ok || e.Date.Value != "2024-12-28" {
		t.Errorf("EventFor(call) = %+v, %v; want the call of 28 December 2024", e.Date, ok)
	}
}

// TestEventForNeedsTheQuestionsVerb: "When was X released from custody?"
// is not the day X was taken into custody, though its quote holds every
// other word of the question; a verb told in another form ("raiding" for
// "raided") still finds its event.
func TestEventForNeedsTheQuestionsVerb(t *testing.T) {
	x := NewIndex()
	x.Update(corpus.Document{ID: "a", Published: "2025-07-01", PublishedPrecision: "day",
		Body: "On June 30, police took the editor Pavel Orlik into custody after raiding the newspaper's office in Ostrava."})
	v := View{Index: x}
	ids := passageIDs(x)
	if e, ok := v.EventFor("When was the editor Pavel Orlik released from custody?", ids); ok {
		t.Errorf("EventFor(released) = the event dated %s, want none: no quote says he was released", e.Date)
	}
	if e, ok := v.EventFor("When was the newspaper's office in Ostrava raided?", ids); !ok || e.Date.Value != "2025-06-30" {
		t.Errorf("EventFor(raided) = %+v, %v; want the raid of 30 June 2025", e.Date, ok)
	}
}

// TestEventForNeedsTheVerbWithWhatItTells: the asked verb in a dating
// quote about something else ("took the dramatic move of raiding") does
// not make that quote's day the day the editor was moved to house arrest.
func TestEventForNeedsTheVerbWithWhatItTells(t *testing.T) {
	x := NewIndex()
	x.Update(corpus.Document{ID: "a", Published: "2025-07-01", PublishedPrecision: "day",
		Body: "On June 30, the authorities took the dramatic move of raiding the newspaper's office in Ostrava."})
	x.Update(corpus.Document{ID: "b", Published: "2025-07-02", PublishedPrecision: "day",
		Body: "The editor Pavel Orlik was arrested on June 30 after the raid on the newspaper's office in Ostrava."})
	v := View{Index: x}
	ids := passageIDs(x)
	if e, ok := v.EventFor("When was Pavel Orlik moved to house arrest?", ids); ok {
		t.Errorf("EventFor(moved) = the event dated %s, want none: no quote says he was moved", e.Date)
	}
	if e, ok := v.EventFor("When was Pavel Orlik arrested?", ids); !ok || e.Date.Value != "2025-06-30" {
		t.Errorf("EventFor(arrested) = %+v, %v; want the arrest of 30 June 2025", e.Date, ok)
	}
}

// TestATopicOfSeveralWordsKeepsEventsHoldingThemAll: "Halden arrests" is
// not every event that names Halden; "Courier-Halden" names the Courier.
func TestATopicOfSeveralWordsKeepsEventsHoldingThemAll(t *testing.T) {
	x := NewIndex()
	x.Update(corpus.Document{ID: "a", Published: "2025-07-01", PublishedPrecision: "day",
		Body: "Police in Halden arrested two editors of the Courier on June 30."})
	x.Update(corpus.Document{ID: "b", Published: "2025-07-02", PublishedPrecision: "day",
		Body: "The mayor of Halden opened a new bridge on June 20."})
	v := View{Index: x}
	es, err := v.Events(context.Background(), Request{About: "Halden arrests"})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1 || es[0].Date.Value != "2025-06-30" {
		t.Errorf("--about \"Halden arrests\" kept %+v, want the arrests of 30 June alone", es)
	}
	if es, _ := v.Events(context.Background(), Request{About: "Halden"}); len(es) != 2 {
		t.Errorf("--about Halden kept %d events, want both", len(es))
	}
	x.Update(corpus.Document{ID: "c", Published: "2025-07-03", PublishedPrecision: "day",
		Body: "The \"Courier-Halden\" agency was closed on July 2."})
	if es, _ := v.Events(context.Background(), Request{About: "Courier"}); len(es) != 2 {
		t.Errorf("--about Courier kept %d events, want the arrests and the closure of \"Courier-Halden\"", len(es))
	}
}

// TestTellingCitesTheSourcesOfTheAskedEvent: of the articles merged into
// one day's event, only those that tell the asked event are its sources
// for a "when" answer, and not one whose date is of no event word (a
// report's day), though its sentence holds the asked verb.
func TestTellingCitesTheSourcesOfTheAskedEvent(t *testing.T) {
	summon := facts.Key("summoned")
	e := Event{Date: Date{Value: "2025-07-01"}, Sources: []Source{
		{DocID: "a", Date: "2025-07-01", Trigger: summon, Quote: "Valdoria's ambassador was summoned to the Estmarkian foreign ministry on Tuesday."},
		{DocID: "b", Date: "2025-07-01", Trigger: facts.Key("accused"), Quote: "The Estmarkian ministry on July 1 accused Valdoria of unfriendly actions."},
		{DocID: "c", Date: "2025-07-01", Trigger: summon, Quote: "On July 1, Estmark summoned the ambassador of Valdoria."},
		{DocID: "d", Date: "2025-06", Trigger: summon, Quote: "Estmark summoned Valdoria's ambassador in June."},
		{DocID: "e", Date: "2025-07-01", Quote: "The ambassador, who was summoned last week, left Estmark, officials said on Tuesday."},
	}}
	for q, want := range map[string][]string{
		"When did Estmark summon Valdoria's ambassador?":       {"a", "c"},
		"When was Valdoria's ambassador summoned?":             {"a", "c"},
		"When did the row between Estmark and Valdoria start?": {"a", "b", "c", "e"},
	} {
		var got []string
		for _, s := range e.Telling(q) {
			got = append(got, s.DocID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: sources %v, want %v", q, got, want)
		}
	}
}

// TestATopicNoArticleNamesFindsNothing: the search behind a topic no
// event quotes stands related words in for missing ones; only passages
// holding one of the topic's own words count, so "football" finds
// nothing while "bridge football" finds the bridge. A topic of no word to
// look for is an error that names it.
func TestATopicNoArticleNamesFindsNothing(t *testing.T) {
	x := NewIndex()
	docs := []corpus.Document{
		{ID: "a", Published: "2025-07-01", PublishedPrecision: "day", Body: "Police in Halden arrested two editors of the Courier on June 30."},
		{ID: "b", Published: "2025-07-02", PublishedPrecision: "day", Body: "The mayor of Halden opened a new bridge on June 20."},
		{ID: "c", Published: "2025-07-03", PublishedPrecision: "day", Body: "Several people watched the match on June 25."},
	}
	var all []retrieval.Result
	for _, d := range docs {
		x.Update(d)
		all = append(all, retrieval.Result{Passage: corpus.Passage{ID: d.ID + "#000", DocID: d.ID, Text: d.Body}})
	}
	// everything stands for a search that returns every passage, however
	// little it has to do with the query, as a related word may bring.
	v := View{Index: x, Search: everything(all)}
	for _, topic := range []string{"football", "everyone"} {
		if es, err := v.Events(context.Background(), Request{About: topic}); err != nil || len(es) != 0 {
			t.Errorf("--about %s kept %d events (%v), want none: no article names it", topic, len(es), err)
		}
	}
	es, err := v.Events(context.Background(), Request{About: "bridge football"})
	if err != nil || len(es) != 1 || es[0].Date.Value != "2025-06-20" {
		t.Errorf("--about \"bridge football\" kept %+v (%v), want the bridge alone", es, err)
	}
	for _, topic := range []string{"the", "of the"} {
		_, err := v.Events(context.Background(), Request{About: topic})
		if errs.Code(err) != errs.Invalid || !strings.Contains(errs.Message(err), "no word to look for") {
			t.Errorf("--about %q: error %v, want an invalid topic", topic, err)
		}
	}
}

type everything []retrieval.Result

func (e everything) Search(context.Context, string, retrieval.SearchOptions) ([]retrieval.Result, error) {
	return e, nil
}

// TestDisputedByDateValues: an event its articles date "March 2024" and
// "March 2023" is disputed by an answer that quotes "March 5, 2024" and
// "March 2023", each on one claim though the first is not worded as its
// claim; an answer whose dates are of two events is not.
func TestDisputedByDateValues(t *testing.T) {
	x := NewIndex()
	for id, when := range map[string]string{"a": "on March 5, 2024", "b": "in March 2024", "c": "in March 2023"} {
		x.Update(corpus.Document{ID: id, Title: id, Published: "2025-03-20", PublishedPrecision: "day",
			Body: "A Nordair Airlines jet was shot down over the Dalby coast " + when + ", killing 20 passengers."})
	}
	v := View{Index: x}
	ids := passageIDs(x)
	if !v.Disputed(ids, []string{"2024-03-05", "2023-03"}) {
		t.Error("Disputed(March 5, 2024; March 2023) = false")
	}
	if v.Disputed(ids, []string{"2024-03-05", "2020"}) {
		t.Error("Disputed(March 5, 2024; 2020) = true: 2020 is no claim")
	}
	if v.Disputed(ids, []string{"2024-03-05"}) {
		t.Error("Disputed(March 5, 2024) = true: one date disputes nothing")
	}
}
