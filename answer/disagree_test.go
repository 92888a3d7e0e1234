package answer

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/retrieval"
)

// TestPromptListsEachSide: when the passages' facts disagree, the prompt
// sets out both sides with their passage numbers, so the model states
// both; when they do not, it says nothing.
func TestPromptListsEachSide(t *testing.T) {
	s := passagesByID(t, "south-caucasus-power-shift#010", "yekaterinburg-raid-fallout#008", "deaths-in-detention-crisis#013")
	rs, err := s.Search(context.Background(), "airliner", retrieval.SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	note := factNotes("When was the Azerbaijani airliner shot down?", rs)
	if !strings.Contains(note, "“December 2023”") || !strings.Contains(note, "“December 2024”") || !strings.Contains(note, "[3]") {
		t.Errorf("note %q, want both years with passage numbers", note)
	}
	one := passagesByID(t, "south-caucasus-power-shift#010")
	rs, _ = one.Search(context.Background(), "airliner", retrieval.SearchOptions{})
	if note := factNotes("When was the Azerbaijani airliner shot down?", rs); note != "" {
		t.Errorf("one passage: note %q, want none", note)
	}
}

// TestPromptNamesAReversedAct: asked whether one side did to the other
// what a passage tells only the other way round, the prompt names that
// passage; asked the right way round, it says nothing.
func TestPromptNamesAReversedAct(t *testing.T) {
	const lead = "Relations between Valdoria and Ostria soured this week. "
	rs := []retrieval.Result{
		madeUp("b", lead+"Valdoria's president met Ostria's ambassador after the crash."),
		madeUp("a", lead+"Ostria's president apologized to Valdoria's president for the crash."),
	}
	note := factNotes("Did Valdoria apologize to Ostria?", rs)
	if !strings.Contains(note, "Passage [2] tells of the act the question asks about the other way round") {
		t.Errorf("note %q, want passage [2] named", note)
	}
	if note := factNotes("Did Ostria apologize to Valdoria?", rs); note != "" {
		t.Errorf("the asked way round: note %q, want none", note)
	}
	// An apology for another matter than the one asked is not it the
	// other way round, in the prompt as in the extractive answer.
	rs = append(rs, madeUp("c", "Valdoria arrested two reporters of the Nord agency in June."))
	if note := factNotes("Did Valdoria apologize to Ostria for the Nord arrests?", rs); note != "" {
		t.Errorf("another matter: note %q, want none", note)
	}
}

// TestNoDisagreementAcrossCountedThings is the first report: the
// airliner's 38 dead and the two brothers are not two values of one count.
func TestNoDisagreementAcrossCountedThings(t *testing.T) {
	for _, fx := range fixtures {
		e := New(newBM25(loadFixture(t, fx)), Options{})
		for _, q := range []string{"How many passengers were killed?", "How many people died?", "How many people were detained in the Yekaterinburg raid?"} {
			a, err := e.Ask(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			if a.Disagreement != "" {
				t.Errorf("%s %q: made-up disagreement %q", fx, q, a.Disagreement)
			}
		}
	}
}

// firstK is a Searcher that returns its first K results, as a ranking
// cut at K does.
type firstK []retrieval.Result

func (f firstK) Search(_ context.Context, _ string, opts retrieval.SearchOptions) ([]retrieval.Result, error) {
	return slices.Clone(f[:min(opts.K, len(f))]), nil
}

// TestDisagreementAcrossAnAbbreviation: a date of "the NWA aircraft" and
// another of "a Northland Airways plane" are of one participant where a
// passage defines NWA as Northland Airways, so their dates disagree.
func TestDisagreementAcrossAnAbbreviation(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Northland Airways (NWA) resumed its flights to Halden on Monday."),
		madeUp("b", "We are preparing a case for the court, the president said, referring to the NWA aircraft that was shot down in December of last year."),
		madeUp("c", "In December 2023, a Northland Airways plane was mistakenly shot down, allegedly by an Ostrian missile."),
	}
	a := askMadeUp(t, docs, "When was the NWA plane shot down?")
	if !strings.Contains(a.Disagreement, "Sources disagree on the date") || !strings.Contains(a.Disagreement, "December 2023") {
		t.Errorf("answer %q, disagreement %q: want the two dates set against each other", a.Text, a.Disagreement)
	}
}

// TestOtherSideBeyondTheAnswersPassages: the other side of a count the
// answer gives may rank below the passages an answer reads; it is looked
// for further down and shown, cited, when it is a different value of the
// same count of the same event from another source.
func TestOtherSideBeyondTheAnswersPassages(t *testing.T) {
	doc := madeUp
	rs := []retrieval.Result{
		doc("a", "Police in Halden detained 40 miners on March 12 during the raid on the union office, the ministry said."),
		doc("b", "The union called a strike in Halden after the raid, and talks with the ministry stalled."),
		doc("c", "The ministry said the raid in Halden followed months of unrest at the mines."),
		doc("d", "Halden's mayor asked for calm after the raid and promised an inquiry."),
	}
	far := doc("e", "Police in Halden detained 65 miners on March 12 during the raid on the union office, the union said.")
	q := "How many miners did police detain in the raid in Halden?"

	near, err := New(firstK(rs), Options{TopK: 2}).Ask(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if near.Disagreement != "" {
		t.Fatalf("one source only: made-up disagreement %q", near.Disagreement)
	}
	a, err := New(firstK(append(slices.Clone(rs), far)), Options{TopK: 2}).Ask(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Disagreement, "40") || !strings.Contains(a.Disagreement, "65") {
		t.Fatalf("disagreement %q, want both 40 and 65; answer %q", a.Disagreement, a.Text)
	}
	if !strings.Contains(a.Text, "65 miners") {
		t.Errorf("answer %q does not show the other side in its own words", a.Text)
	}
	checkCitations(t, a)
}

// TestOtherAccountOfACauseBeyondTheAnswersPassages: when the accounts of a
// cause the answer reads are one side's, the other side's account ranked
// lower is looked for and listed with its speaker.
func TestOtherAccountOfACauseBeyondTheAnswersPassages(t *testing.T) {
	doc := madeUp
	rs := []retrieval.Result{
		doc("a", "Doctors at the hospital said the two miners died of head injuries after the raid in Halden."),
		doc("b", "The union said the miners died from beatings after the raid in Halden."),
		doc("c", "The ministry in Halden promised an inquiry after the raid on the union office."),
	}
	far := doc("d", "The police chief said the miners died of heart failure in the cells in Halden.")
	q := "What did the miners die of after the raid in Halden?"
	a, err := New(firstK(append(slices.Clone(rs), far)), Options{TopK: 2}).Ask(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"head injuries", "beatings", "heart failure", "police chief"} {
		if !strings.Contains(a.Disagreement, want) {
			t.Errorf("accounts %q, want %q among them; answer %q", a.Disagreement, want, a.Text)
		}
	}
	checkCitations(t, a)
}

// TestDisagreementIsAboutTheAskedEvent: sources that differ on how many
// died do not disagree on how many were on board.
func TestDisagreementIsAboutTheAskedEvent(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The ferry sank off Dalby on March 7, killing 38 of the 67 people on board."),
		madeUp("b", "The ferry sank off Dalby on March 7, killing 39 of 67 people on board."),
		madeUp("c", "A total of 67 people were on board the ferry that sank off Dalby on March 7."),
	}
	e := New(docs, Options{})
	for _, tt := range []struct {
		q        string
		disagree bool
	}{{"How many people died when the ferry sank?", true}, {"How many people were on board the ferry?", false}} {
		a, err := e.Ask(context.Background(), tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Disagreement != ""; got != tt.disagree {
			t.Errorf("%s: disagreement %q, want one: %v", tt.q, a.Disagreement, tt.disagree)
		}
	}
}

// TestOverlappingPassagesShowASentenceOnce: when one side of a
// disagreement is read from a passage that overlaps the answer's own, its
// sentence, already shown, is not shown again.
func TestOverlappingPassagesShowASentenceOnce(t *testing.T) {
	mk := func(id, doc, text string) retrieval.Result {
		return retrieval.Result{Passage: corpus.Passage{ID: id, DocID: doc, Text: text, Published: "2025-03-14", PublishedPrecision: "day"}}
	}
	s := "Police in Halden detained 40 miners on March 12 during the raid on the union office, the ministry said."
	docs := fixedSearcher{
		mk("a#0", "a", "The union called a strike. "+s),
		mk("b#0", "b", "Police in Halden detained 65 miners on March 12 during the raid on the union office, the union said."),
		mk("a#1", "a", s+" Talks stalled after the raid."),
	}
	a, err := New(docs, Options{}).Ask(context.Background(), "How many miners did police detain in the raid in Halden?")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(a.Text, "40 miners on March 12"); n != 1 || a.Disagreement == "" {
		t.Errorf("answer %q: the 40 shown %d times, want once, with the disagreement", a.Text, n)
	}
	checkCitations(t, a)
}
