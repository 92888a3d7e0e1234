package answer

import (
	"context"
	"strings"
	"testing"

	"github.com/crisisbot/crisisbot/retrieval"
)

// TestWhenSaid: "When?" after an answer that gave someone's words, or
// after "who said that?" about them, dates the sentence that answer quoted
// first: the dates it gives, as written and the day each means, or, when
// it gives none, the day its article was published. After a question of
// no one's words it is asked again whole, as before.
func TestWhenSaid(t *testing.T) {
	docs := fixedSearcher{
		madeUpBy("a", "Dalby Times", "The deaths were a crime, Ivo Marten told reporters on Monday in Halden."),
		madeUpBy("b", "Halden Post", "Commenting on the lawsuit, Lena Varga stated: “If Halden decides to sue, this is its right.”"),
		madeUpBy("c", "Halden Post", "Two miners died in the police station in Halden on 3 March 2025."),
		madeUpBy("e", "Valdor News", "Speaking to Marten on Thursday, Brandt said that the border guards fired on the airliner by mistake, adding that two missiles exploded nearby."),
		madeUpBy("f", "Halden Wire", "Valdoria has not let consuls see the detained men, the Valdorian spokeswoman Eva Lind has said. \"We have asked to visit them,\" but access has not been granted, Lind said in a press briefing on Wednesday."),
		madeUpBy("g", "Halden Star", "On Tuesday, medical examiner Lena Holm issued a statement claiming two miners had been killed while detained in Halden on 3 March as a result of blows."),
		madeUpBy("h", "Dalby Wire", "Ivo Marten will stay in detention until December 30, 2025, Lena Varga said, citing the court."),
		madeUpBy("d", "Ostria Today", "Tensions have grown since December, when a miner was shot at the border, and Ostrian President Ola Brandt blamed Halden for the shooting."),
		madeUpBy("i", "Ostria Wire", "Halden has not granted consular access to the detained, Ostrian Foreign Ministry Spokeswoman Mia Dahl said at a briefing. On March 10, Halden's Interior Ministry announced a raid on the agency's office."),
	}
	e := New(docs, Options{})
	for _, tt := range []struct {
		history []Turn
		want    string
	}{
		{[]Turn{{Question: "What did Ivo Marten say about the deaths?", Answer: "The deaths were a crime, Ivo Marten told reporters on Monday in Halden. [1]"}},
			"The sentence from Dalby Times [1] gives “Monday” (10 March 2025) for these words."},
		{[]Turn{{Question: "What did Lena Varga say about the lawsuit?", Answer: "Commenting on the lawsuit, Lena Varga stated: “If Halden decides to sue, this is its right.” [1]"}},
			"The sentence from Halden Post [1] gives no date for these words; the article was published on 14 March 2025."},
		// "How did X respond" asks for X's words as "What did X say"
		// does: "When was that?" asks when they were said.
		{[]Turn{{Question: "How did Lena Varga respond to that?", Answer: "Commenting on the lawsuit, Lena Varga stated: “If Halden decides to sue, this is its right.” [1]"}},
			"The sentence from Halden Post [1] gives no date for these words; the article was published on 14 March 2025."},
		// A date of what the words are about is not theirs.
		{[]Turn{{Question: "What did Ola Brandt say about the shooting?", Answer: "Tensions have grown since December, when a miner was shot at the border, and Ostrian President Ola Brandt blamed Halden for the shooting. [1]"}},
			"The sentence from Ostria Today [1] gives no date for these words; the article was published on 14 March 2025. The sentence also gives “December” (December 2024)."},
		// A clause of speaking dates the words, though the reader gave
		// its date the event after it.
		{[]Turn{{Question: "What did Brandt say about the airliner?", Answer: "Speaking to Marten on Thursday, Brandt said that the border guards fired on the airliner by mistake, adding that two missiles exploded nearby. [1]"}},
			"The sentence from Valdor News [1] gives “Thursday” (13 March 2025) for these words."},
		// A date opening the sentence dates the statement after it; the
		// date of the killing the statement tells is not its.
		{[]Turn{{Question: "What did Lena Holm say?", Answer: "On Tuesday, medical examiner Lena Holm issued a statement claiming two miners had been killed while detained in Halden on 3 March as a result of blows. [1]"}},
			"The sentence from Halden Star [1] gives “Tuesday” (11 March 2025) for these words."},
		// Another sentence of the article dates the speaker's words.
		{[]Turn{{Question: "What did Eva Lind say about the detained men?", Answer: "Valdoria has not let consuls see the detained men, the Valdorian spokeswoman Eva Lind has said. [1]"}},
			"The sentence from Halden Wire [1] gives no date for these words; the article was published on 14 March 2025. Elsewhere the article gives “Wednesday” (12 March 2025) for words of Valdorian spokeswoman Eva Lind [1]."},
		// Another speaker who shares only a title's word and a country
		// ("Ministry", "Ostrian") gives no date for these words.
		{[]Turn{{Question: "What did Mia Dahl say about consular access?", Answer: "Halden has not granted consular access to the detained, Ostrian Foreign Ministry Spokeswoman Mia Dahl said at a briefing. [1]"}},
			"The sentence from Ostria Wire [1] gives no date for these words; the article was published on 14 March 2025."},
		// A comma inside the date ("December 30, 2025") ends no clause;
		// it had cut the clause short of the date, and crashed.
		{[]Turn{{Question: "What did Lena Varga say about Ivo Marten?", Answer: "Ivo Marten will stay in detention until December 30, 2025, Lena Varga said, citing the court. [1]"}},
			"The sentence from Dalby Wire [1] gives no date for these words; the article was published on 14 March 2025. The sentence also gives “December 30, 2025” (30 December 2025)."},
		{[]Turn{
			{Question: "Is Halden suing?", Answer: "Commenting on the lawsuit, Lena Varga stated: “If Halden decides to sue, this is its right.” [1]"},
			{Question: "who said that?", Answer: "The words are those of Lena Varga, as the article from Halden Post gives them [1]: “…”."}},
			"The sentence from Halden Post [1] gives no date for these words; the article was published on 14 March 2025."},
	} {
		a, err := e.AskWith(context.Background(), "when?", tt.history)
		if err != nil {
			t.Fatal(err)
		}
		if a.Text != tt.want || !a.Grounded || len(a.Citations) != 1 || a.Question != "when?" {
			t.Errorf("when? after %q: %q, want %q", tt.history[len(tt.history)-1].Question, a.Text, tt.want)
		}
		checkCitations(t, a)
	}
	// After a question of no one's words, "when?" asks it again whole.
	a, err := e.AskWith(context.Background(), "when?", []Turn{{Question: "Did two miners die in the police station?", Answer: "Two miners died in the police station in Halden on 3 March 2025. [1]"}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(a.Text, "The sentence from") || !strings.Contains(a.Text, "3 March 2025") {
		t.Errorf("when? after a question of an act: %q, want the act's date from the question asked whole", a.Text)
	}
}

// TestWhenDidSheSayThat: "when did she say that?" is "when?" after
// someone's words, also when the question that got them was "and X?"
// after another's.
func TestWhenDidSheSayThat(t *testing.T) {
	docs := fixedSearcher{
		madeUpBy("a", "Dalby Times", "The deaths were a crime, Ivo Marten told reporters on Monday in Halden."),
		madeUpBy("b", "Halden Post", "The deaths were an accident, Lena Varga told reporters on Tuesday in Dalby."),
	}
	history := []Turn{
		{Question: "What did Ivo Marten say about the deaths?", Answer: "The deaths were a crime, Ivo Marten told reporters on Monday in Halden. [1]"},
		{Question: "and Lena Varga?", Answer: "The deaths were an accident, Lena Varga told reporters on Tuesday in Dalby. [1]"},
	}
	a, err := New(docs, Options{}).AskWith(context.Background(), "when did she say that?", history)
	if err != nil {
		t.Fatal(err)
	}
	if want := "The sentence from Halden Post [1] gives “Tuesday” (11 March 2025) for these words."; a.Text != want {
		t.Errorf("answer %q, want %q", a.Text, want)
	}
}

// TestWhenDidHeSayThatAboutThem: "when did he say that?" asks when the
// words were said, also after "What did Halden say about them?", whose
// "when?" would ask when what they were about happened.
func TestWhenDidHeSayThatAboutThem(t *testing.T) {
	docs := fixedSearcher{
		madeUpBy("a", "Dalby Times", "Halden spokesman Ivo Marten said on Wednesday that Halden is in talks on the release of its citizens detained in Dalby."),
	}
	history := []Turn{
		{Question: "Why are Halden citizens held in Dalby?", Answer: "Halden citizens complained about document checks in Dalby. [1]"},
		{Question: "What did Halden say about them?", Answer: "Halden spokesman Ivo Marten said on Wednesday that Halden is in talks on the release of its citizens detained in Dalby. [1]"},
	}
	a, err := New(docs, Options{}).AskWith(context.Background(), "When did he say that?", history)
	if err != nil {
		t.Fatal(err)
	}
	if want := "The sentence from Dalby Times [1] gives “Wednesday” (12 March 2025) for these words."; a.Text != want {
		t.Errorf("answer %q, want %q", a.Text, want)
	}
	// An answer of no one's words gave no words to date.
	docs = append(docs, madeUpBy("b", "Halden Post", "Relations between Halden and Dalby took a hit in December 2024 over the detained citizens."))
	history[1].Answer = "Relations between Halden and Dalby took a hit in December 2024 over the detained citizens. [1]"
	if a, err = New(docs, Options{}).AskWith(context.Background(), "When did he say that?", history); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(a.Text, "for these words") {
		t.Errorf("answer %q dates words no one said", a.Text)
	}
}

// TestSaidOnDay: "What did X say on July 7?" is answered by X's words of
// that day: a day the sentence gives for them, or, when it gives none, its
// article's publication date (or the day before). With no words of X of
// that day, it says so rather than give words of another.
func TestSaidOnDay(t *testing.T) {
	on := func(id, published, text string) retrieval.Result {
		r := madeUpBy(id, "Halden Wire", text)
		r.Published = published
		return r
	}
	docs := fixedSearcher{
		on("a", "2025-07-07", "Halden and Ostria should remain close partners, Ostrian spokesman Ivo Marten said in a press briefing."),
		on("b", "2025-06-30", "Police raids cannot be grounds for protests, Ostrian spokesman Ivo Marten said."),
		on("c", "2025-07-20", "The miners' deaths were a tragedy, Ostrian spokesman Ivo Marten said on July 12."),
	}
	e := New(docs, Options{})
	for _, tt := range []struct{ q, want string }{
		{"What did Ivo Marten say on July 7?", "remain close partners"},
		{"What did Ivo Marten say on June 30?", "cannot be grounds"},
		{"What did Ivo Marten say on July 12?", "were a tragedy"},
		{"What did Ivo Marten say on 12 July 2025?", "were a tragedy"},
		// The article of 20 July gives 12 July for his words.
		{"What did Ivo Marten say on July 20?", "I found no words of Ivo Marten dated July 20 in the articles I have."},
	} {
		a, err := e.Ask(context.Background(), tt.q)
		if err != nil {
			t.Fatal(err)
		}
		lead, _, _ := strings.Cut(a.Text, " [1]")
		if !strings.Contains(lead, tt.want) || strings.Count(a.Text, "[") > 1 {
			t.Errorf("%s: %q, want only words with %q", tt.q, a.Text, tt.want)
		}
	}
}

// TestSaidOnDayNeedsADay: an article dated by its month only tells no
// words of a day in it, and words set "at the time" an article told before
// are not of its publication day.
func TestSaidOnDayNeedsADay(t *testing.T) {
	on := func(id, published, precision, text string) retrieval.Result {
		r := madeUpBy(id, "Halden Wire", text)
		r.Published, r.PublishedPrecision = published, precision
		return r
	}
	docs := fixedSearcher{
		on("a", "2025-07", "month", "Halden and Ostria should remain close partners, Ostrian spokesman Ivo Marten said in a press briefing."),
		on("b", "2025-07-08", "day", "The row began in December. At the time, Ostrian spokesman Ivo Marten said it was responding to a drone threat."),
		on("c", "2025-06-30", "day", "Police raids cannot be grounds for protests, Ostrian spokesman Ivo Marten said."),
		on("d", "2025-06-29", "day", "The miners were detained in Dalby on Friday."),
	}
	e := New(docs, Options{})
	a, err := e.Ask(context.Background(), "What did Ivo Marten say on July 7?")
	if err != nil {
		t.Fatal(err)
	}
	if want := "I found no words of Ivo Marten dated July 7 in the articles I have."; a.Text != want {
		t.Errorf("answer %q, want %q", a.Text, want)
	}
	// "In July" is what a month's article tells.
	if a, err = e.Ask(context.Background(), "What did Ivo Marten say in July?"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "close partners") {
		t.Errorf("in July: %q, want the July article's words", a.Text)
	}
}

// TestHeIsAPerson: "he" after "What did Moscow say?" is no city: it is the
// last person the answers quote by name. After "Who is Erik Lund?" it is
// left to the context, which names him.
func TestHeIsAPerson(t *testing.T) {
	h := []Turn{
		{Question: "Who was detained?", Answer: "Dalby is in contact with Ostria over the detained, Kremlin spokesman Ivo Marten said at a briefing. [1]"},
		{Question: "What did Moscow say about that?", Answer: "Authorities allege both are agents, though Moscow has denied these claims. [1]"},
		{Question: "When?", Answer: "The article gives no date for these words. [1]"},
	}
	if got, want := withEarlierSpeaker("What did he say on July 7?", h), "What did Ivo Marten say on July 7?"; got != want {
		t.Errorf("he after Moscow: %q, want %q", got, want)
	}
	if got, want := withEarlierSpeaker("What did they say on July 7?", h[1:]), "What did Moscow say on July 7?"; got != want {
		t.Errorf("they after Moscow: %q, want %q", got, want)
	}
	lund := []Turn{{Question: "Who is Erik Lund?", Answer: "Erik Lund is an analyst; “It is a signal,” Ivo Marten said. [1]"}}
	if got := withEarlierSpeaker("What did he say about the message?", lund); got != "What did he say about the message?" {
		t.Errorf("he after Who is Erik Lund: %q, want it left to the context", got)
	}
}

// TestWhenAfterAndWhatDidTheySay: "When was that?" after "And what did
// Halden say?" asks when Halden's words were said, as after a whole
// question; "Who said that?" after it asks of those words.
func TestWhenAfterAndWhatDidTheySay(t *testing.T) {
	docs := fixedSearcher{
		madeUpBy("a", "Dalby Times", "Halden's ambassador has been given a note demanding the release of the detained sailors, the Dalby Foreign Ministry said on Tuesday."),
		madeUpBy("b", "Halden Post", "On Monday, Halden's police raided the port and detained two sailors."),
	}
	e := New(docs, Options{})
	history := []Turn{
		{Question: "Why were the sailors detained?", Answer: "On Monday, Halden's police raided the port and detained two sailors. [1]"},
		{Question: "And what did Dalby say?", Answer: "Halden's ambassador has been given a note demanding the release of the detained sailors, the Dalby Foreign Ministry said on Tuesday. [1]"},
	}
	a, err := e.AskWith(context.Background(), "When was that?", history)
	if err != nil {
		t.Fatal(err)
	}
	if want := "The sentence from Dalby Times [1] gives “Tuesday” (11 March 2025) for these words."; a.Text != want {
		t.Errorf("when was that? %q, want %q", a.Text, want)
	}
	history = append(history, Turn{Question: "When was that?", Answer: a.Text})
	if a, err = e.AskWith(context.Background(), "Who said that?", history); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "The words are those of Dalby Foreign Ministry") {
		t.Errorf("who said that? %q, want the ministry", a.Text)
	}
}
