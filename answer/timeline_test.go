package answer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/crisisbot/crisisbot/facts"
	"github.com/crisisbot/crisisbot/retrieval"
)

// fakeDates returns one event for every question, and records the
// passages it was offered.
type fakeDates struct {
	ev      DatedEvent
	offered []string
	// disputed is what Disputed answers; nil means "when ev has claims".
	disputed *bool
}

func (f *fakeDates) DateOf(_ string, ids []string) (DatedEvent, bool) {
	f.offered = ids
	return f.ev, f.ev.Label != ""
}

func (f *fakeDates) Disputed([]string, []string) bool {
	if f.disputed != nil {
		return *f.disputed
	}
	return len(f.ev.Claims) > 1
}

// TestTimelineKeepsTwoEventsApart: two dates in an answer are a
// disagreement only when the timeline says the articles date one event
// differently.
func TestTimelineKeepsTwoEventsApart(t *testing.T) {
	ps := loadPassages(t)
	const q = "When was the Azerbaijani airliner shot down?"
	plain, err := New(newBM25(ps), Options{}).Ask(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if plain.Disagreement == "" {
		t.Fatalf("fixture: no disagreement without the timeline: %q", plain.Text)
	}
	for _, disputed := range []bool{true, false} {
		a, err := New(newBM25(ps), Options{Dates: &fakeDates{disputed: &disputed}}).Ask(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		kept := strings.Contains(a.Text, plain.Disagreement)
		if kept != disputed || (a.Disagreement != "") != disputed {
			t.Errorf("disputed %v: disagreement kept %v in %q", disputed, kept, a.Text)
		}
		checkCitations(t, a)
	}
}

// TestNoTimelineDateAfterADisagreement: when the answer shows the
// sources' competing dates, the timeline's one date of the event is not
// added after them: it would read as the answer, siding with one source.
func TestNoTimelineDateAfterADisagreement(t *testing.T) {
	ps := loadPassages(t)
	const q = "When was the Azerbaijani airliner shot down?"
	var ids []string
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	// The timeline's event holds the first quote's date, December 2023,
	// and more articles than the answer cites.
	disputed := true
	dates := &fakeDates{ev: DatedEvent{Label: "December 2023", Value: "2023-12", PassageIDs: ids}, disputed: &disputed}
	a, err := New(newBM25(ps), Options{Dates: dates}).Ask(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if a.Disagreement == "" || strings.Contains(a.Text, "timeline dates this") {
		t.Errorf("answer %q: want the disagreement alone, without the timeline's one date", a.Text)
	}
}

func TestWhenAnswersDrawOnTheTimeline(t *testing.T) {
	ps := loadPassages(t)
	ctx := context.Background()
	// Every passage that mentions the Sputnik raid, as the timeline's
	// sources of the June 30 event.
	var raid []string
	for _, p := range ps {
		if strings.Contains(p.Text, "Sputnik") && strings.Contains(p.Text, "raid") {
			raid = append(raid, p.ID)
		}
	}
	if len(raid) < 2 {
		t.Fatalf("fixture has %d Sputnik raid passages, want 2 or more", len(raid))
	}
	const q = "When did Azerbaijani police raid Sputnik's Baku office?"
	dates := &fakeDates{ev: DatedEvent{Label: "30 June 2025", PassageIDs: raid}}
	a, err := New(newBM25(ps), Options{Dates: dates}).Ask(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if len(dates.offered) == 0 {
		t.Fatal("the timeline was not consulted for a when question")
	}
	if !strings.Contains(a.Text, "dates this to 30 June 2025 [") {
		t.Fatalf("answer lacks the timeline's date: %q", a.Text)
	}
	cited := map[string]bool{}
	for _, c := range a.Citations {
		cited[c.PassageID] = true
	}
	for _, id := range raid {
		if !cited[id] {
			t.Errorf("the timeline's source %s is not cited: %q", id, a.Text)
		}
	}
	checkCitations(t, a)

	// A date the articles disagree on is given per article, never as one.
	dates.ev = DatedEvent{Label: "December 2024", PassageIDs: raid, Claims: []DatedClaim{
		{Claim: "December 2024", PassageIDs: raid[:1]}, {Claim: "December 2023", PassageIDs: raid[1:]},
	}}
	a, err = New(newBM25(ps), Options{Dates: dates}).Ask(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "differ on the date: December 2024 [") || !strings.Contains(a.Text, "; December 2023 [") || strings.Contains(a.Text, "dates this to") {
		t.Errorf("disagreeing dates not given per article: %q", a.Text)
	}
	checkCitations(t, a)

	// Nor is the timeline's past date given for what is still to come.
	dates.ev = DatedEvent{Label: "30 June 2025", PassageIDs: raid}
	a, err = New(newBM25(ps), Options{Dates: dates}).Ask(ctx, "When will Azerbaijani police raid Sputnik's Baku office?")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(a.Text, "dates this to") {
		t.Errorf("a when-will answer got the timeline's date: %q", a.Text)
	}

	// Nor when the question dates an act by another event it names: the
	// timeline's date may be that event's ("over the crash").
	a, err = New(newBM25(ps), Options{Dates: dates}).Ask(ctx, "When did Azerbaijani police raid Sputnik's Baku office over the deaths?")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(a.Text, "dates this to") {
		t.Errorf("an answer dating an act over another event got the timeline's date: %q", a.Text)
	}

	// Other questions do not consult it.
	dates.offered = nil
	if _, err := New(newBM25(ps), Options{Dates: dates}).Ask(ctx, "Why was Sputnik's Baku office raided?"); err != nil {
		t.Fatal(err)
	}
	if dates.offered != nil {
		t.Error("the timeline was consulted for a why question")
	}
}

// TestTimelineDateOfAnotherEventIsLeftOut: when the quoted sentence dates
// what it says and the timeline's date cannot be that, the timeline found
// another event, and its date is not added; a date that fits is.
func TestTimelineDateOfAnotherEventIsLeftOut(t *testing.T) {
	ps := loadPassages(t)
	var raid []string
	for _, p := range ps {
		if strings.Contains(p.Text, "Sputnik") && strings.Contains(p.Text, "raid") {
			raid = append(raid, p.ID)
		}
	}
	const q = "When did Azerbaijani police raid Sputnik's Baku office?"
	for _, tt := range []struct {
		value string
		added bool
	}{{"2025-06-30", true}, {"2024-10", false}} {
		dates := &fakeDates{ev: DatedEvent{Label: tt.value, Value: tt.value, PassageIDs: raid}}
		a, err := New(newBM25(ps), Options{Dates: dates}).Ask(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(a.Text, "dates this to "+tt.value); got != tt.added {
			t.Errorf("timeline date %s added = %v, want %v: %q", tt.value, got, tt.added, a.Text)
		}
		checkCitations(t, a)
	}
}

// TestTimelineDateOfAnotherEventBesideAYear: a quote that says "released
// on Sunday" is not dated by the raid of June 30 because it also says
// "earlier this year": its finest date is the one that counts.
func TestTimelineDateOfAnotherEventBesideAYear(t *testing.T) {
	docs := []retrieval.Result{madeUp("a", "A miner held in Dalby earlier this year has now been freed, according to a statement released on Sunday by the ministry.")}
	docs[0].Published = "2025-10-20"
	dates := &fakeDates{ev: DatedEvent{Label: "30 June 2025", Value: "2025-06-30", PassageIDs: []string{"a#0", "b#0"}}}
	a, err := New(fixedSearcher(docs), Options{Dates: dates}).Ask(context.Background(), "When was the miner freed?")
	if err != nil {
		t.Fatal(err)
	}
	if !a.Grounded || strings.Contains(a.Text, "30 June 2025") {
		t.Errorf("answer %q: want the quote without the other event's date", a.Text)
	}
}

// TestTimelineDateOfAnotherEventInAnOpeningSentence: a passage's first
// sentence repeats the passage before, with whom its facts are stored;
// its years still say that the timeline's date is another event's.
func TestTimelineDateOfAnotherEventInAnOpeningSentence(t *testing.T) {
	docs := []retrieval.Result{madeUp("a", "Investigators say the miners were involved in several thefts in Dalby in 2001, 2010, and 2011. The ministry gave no names.")}
	docs[0].Facts = []facts.Fact{} // stored with the passage before
	dates := &fakeDates{ev: DatedEvent{Label: "27 June 2025", Value: "2025-06-27", PassageIDs: []string{"a#0", "b#0"}}}
	a, err := New(fixedSearcher(docs), Options{Dates: dates}).Ask(context.Background(), "Which years were the thefts the miners were investigated for?")
	if err != nil {
		t.Fatal(err)
	}
	if !a.Grounded || !strings.Contains(a.Text, "2001") || strings.Contains(a.Text, "27 June 2025") {
		t.Errorf("answer %q: want the years' quote without the other event's date", a.Text)
	}
}

// TestTimelineDateOfAnotherEventBesideTheAskedOne: "When was she born"
// quoted from "Lena Varga, born in 1966, was killed … on June 27" is not
// dated by the killing the timeline holds.
func TestTimelineDateOfAnotherEventBesideTheAskedOne(t *testing.T) {
	docs := []retrieval.Result{madeUp("a", "On March 7 in the police building of Ostrava, a citizen of Valdoria, Lena Varga, born in 1966, was killed with particular cruelty.")}
	dates := &fakeDates{ev: DatedEvent{Label: "7 March 2025", Value: "2025-03-07", PassageIDs: []string{"a#0", "b#0"}}}
	for _, tt := range []struct {
		q     string
		added bool
	}{{"When was Lena Varga born?", false}, {"When was Lena Varga killed?", true}} {
		a, err := New(fixedSearcher(docs), Options{Dates: dates}).Ask(context.Background(), tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(a.Text, "7 March 2025"); !a.Grounded || got != tt.added {
			t.Errorf("%s: timeline date added = %v, want %v: %q", tt.q, got, tt.added, a.Text)
		}
	}
}

// TestTimelineDateOfOneOfTwoDaysTheQuoteGives: "On February 4, … released
// a preliminary report on the crash that occurred on December 25, 2024"
// dates the report and the crash; the timeline's date of the crash would
// read as the report's, and is left out.
func TestTimelineDateOfOneOfTwoDaysTheQuoteGives(t *testing.T) {
	docs := []retrieval.Result{madeUp("a", "On February 4, the Transport Ministry of Dalby released a preliminary report on the crash that occurred on December 25, 2024, involving a Halden Air plane.")}
	dates := &fakeDates{ev: DatedEvent{Label: "25 December 2024", Value: "2024-12-25", PassageIDs: []string{"a#0", "b#0"}}}
	a, err := New(fixedSearcher(docs), Options{Dates: dates}).Ask(context.Background(), "When did Dalby put out its preliminary report on the Halden Air crash?")
	if err != nil {
		t.Fatal(err)
	}
	if !a.Grounded || !strings.Contains(a.Text, "On February 4") || strings.Contains(a.Text, "timeline dates this") {
		t.Errorf("answer %q: want the report's quote without the crash's date from the timeline", a.Text)
	}
}

// TestTimelineLineCitesAFewArticles: a date many articles give cites five
// of them, the answer's own first, and counts the rest.
func TestTimelineLineCitesAFewArticles(t *testing.T) {
	var docs fixedSearcher
	var ids []string
	for i := range 8 {
		id := fmt.Sprintf("d%d", i)
		docs = append(docs, madeUp(id, fmt.Sprintf("Report %d: police in Ostrava raided the traders' market on March 7.", i)))
		ids = append(ids, id+"#0")
	}
	dates := &fakeDates{ev: DatedEvent{Label: "7 March 2025", Value: "2025-03-07", PassageIDs: ids}}
	a, err := New(docs, Options{TopK: 8, Dates: dates}).Ask(context.Background(), "When did police in Ostrava raid the traders' market?")
	if err != nil {
		t.Fatal(err)
	}
	_, line, ok := strings.Cut(a.Text, "Across the articles")
	if !ok {
		t.Fatalf("no timeline line: %s", a.Text)
	}
	if n := strings.Count(line, "["); n != maxTimelineRefs || !strings.HasSuffix(line, " and 3 other articles.") {
		t.Errorf("timeline line cites %d articles: %q", n, line)
	}
	if !strings.Contains(line, "[1]") {
		t.Errorf("the answer's own article is not among those cited: %q", line)
	}
	checkCitations(t, a)
}

// TestBirthYearDisagreementNeedsNoTimeline: the timeline holds no births,
// so it cannot undo a disagreement on one.
func TestBirthYearDisagreementNeedsNoTimeline(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The victim, Lena Varga, born in 1966, ran a small business in Ostrava."),
		madeUp("b", "Among the victims were the brothers Lena Varga (b. 1956) and Tomas Varga (b. 1970), who died in custody."),
	}
	no := false
	a, err := New(docs, Options{Dates: &fakeDates{disputed: &no}}).Ask(context.Background(), "In what year was Lena Varga born?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Disagreement, "1966") || !strings.Contains(a.Disagreement, "1956") || strings.Contains(a.Disagreement, "1970") {
		t.Errorf("Disagreement = %q, want 1966 against 1956 (and not the brother's 1970): %s", a.Disagreement, a.Text)
	}
	checkCitations(t, a)
}

// TestNoDateForAnEventTheQuotesDoNotTell: "When was the cancelled visit
// rescheduled?", when only the cancellation is told, gets neither the
// timeline's date nor what "the weekend" means: both would read as the
// rescheduling's. (It is declined: TestWhenOfAnActNoSentenceTells.)
func TestNoDateForAnEventTheQuotesDoNotTell(t *testing.T) {
	docs := []retrieval.Result{madeUp("a", "The mayor of Halden cancelled a planned visit by the Ostrian minister over the weekend.")}
	dates := &fakeDates{ev: DatedEvent{Label: "8 March 2025", Value: "2025-03-08", PassageIDs: []string{"a#0", "b#0"}}}
	for _, tt := range []struct {
		q     string
		dated bool
	}{{"When was the Ostrian minister's cancelled visit to Halden rescheduled?", false}, {"When did the mayor of Halden cancel the Ostrian minister's visit?", true}} {
		a, err := New(fixedSearcher(docs), Options{Dates: dates}).Ask(context.Background(), tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(a.Text, "8 March 2025") || a.DateNote != ""; tt.dated && !a.Grounded || got != tt.dated {
			t.Errorf("%s: a date written = %v, want %v: %q", tt.q, got, tt.dated, a.Text)
		}
	}
}

func TestVerbUnsaid(t *testing.T) {
	for _, tt := range []struct {
		q, text string
		want    bool
	}{
		{"When was the cancelled visit rescheduled?", "The mayor cancelled the visit.", true},
		{"When was the visit cancelled?", "The mayor cancelled the visit.", false},
		{"When was the office raided?", "Police carried out a raid on the office.", false},
		{"When did the mayor cancel the visit?", "The visit was called off.", false},
	} {
		if got := verbUnsaid(tt.q, tt.text); got != tt.want {
			t.Errorf("verbUnsaid(%q, %q) = %v, want %v", tt.q, tt.text, got, tt.want)
		}
	}
}

// TestWhenAnswerTellsTheAskedVerb: "When was X released?" is answered by
// the sentence that tells the release, not by the dated sentence of the
// arrest that names X as well.
func TestWhenAnswerTellsTheAskedVerb(t *testing.T) {
	e := New(fixedSearcher{
		madeUp("a", "In June, the editor Pavel Orlik and the publisher Jan Brod were arrested by the authorities in Ostrava on fraud charges."),
		madeUp("b", "\"The publisher, Brod, has left Ostrava after his release from custody,\" the agency quoted her as saying today."),
	}, Options{})
	a, err := e.Ask(context.Background(), "When was Jan Brod released from custody?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "\"The publisher, Brod, has left Ostrava after his release") {
		t.Errorf("answer %q, want the release's sentence first", a.Text)
	}
	checkCitations(t, a)
}

// TestWhenLooksFurtherForTheAskedEventsDate: when the passages read date
// only other events ("…, the ministry announced on March 14, over the
// deaths … during police raids"), the answer looks further down the
// ranking for the asked event's own date, and the announcement's day is
// not shown beside it as a second answer.
func TestWhenLooksFurtherForTheAskedEventsDate(t *testing.T) {
	rs := firstK{
		madeUp("a", "Valdoria has cancelled all cultural events with Estmark, its culture ministry announced on March 14, over the deaths of two citizens during police raids in the Estmark city of Ostrava."),
		madeUp("b", "The deaths of the two citizens after the police raids in Ostrava strained ties further, officials in Valdoria said."),
		madeUp("c", "Valdoria summoned Estmark's ambassador over the deaths in Ostrava, its foreign ministry said."),
		madeUp("d", "On March 11, police in Ostrava carried out raids on the homes of dozens of Valdorian families."),
	}
	e := New(rs, Options{TopK: 2})
	a, err := e.Ask(context.Background(), "When did the police raids in Ostrava happen?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "On March 11, police in Ostrava carried out raids") {
		t.Errorf("answer %q, want the raids' own date first", a.Text)
	}
	if strings.Contains(a.Text, "March 14") {
		t.Errorf("answer %q gives the announcement's day beside the raids'", a.Text)
	}
	checkCitations(t, a)

	// The timeline is consulted on the passages the answer quotes: its
	// event of another day (the announcement) is not added to the raids'.
	fd := &fakeDates{ev: DatedEvent{Label: "14 March 2025", Value: "2025-03-14", PassageIDs: []string{"a#0", "b#0"}}}
	if a, err = New(rs, Options{TopK: 2, Dates: fd}).Ask(context.Background(), "When did the police raids in Ostrava happen?"); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(fd.offered, "d#0") || strings.Contains(a.Text, "14 March") {
		t.Errorf("timeline offered %v; answer %q: want the quoted passage offered and no line for another day", fd.offered, a.Text)
	}
	checkCitations(t, a)
}

// TestWhenLooksFurtherForAnyDate: when the passages read give no date at
// all, a "when" answer looks further down the ranking and gives the
// dated sentence it finds there rather than an undated one.
func TestWhenLooksFurtherForAnyDate(t *testing.T) {
	rs := firstK{
		madeUp("a", "The decision to cancel the Halden festival is lawful and adequate, the ministry spokesperson said."),
		madeUp("b", "Critics said the cancellation of the Halden festival hurt local traders badly."),
		madeUp("c", "Traders in Halden asked the ministry for help after the festival was called off."),
		madeUp("d", "Valdoria has cancelled the Halden festival, its culture ministry announced on March 12."),
	}
	a, err := New(rs, Options{TopK: 2}).Ask(context.Background(), "When was the Halden festival cancelled?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "March 12") {
		t.Errorf("answer %q gives no date", a.Text)
	}
	checkCitations(t, a)
}

// TestTimelineLineNeedsAnotherArticle: the timeline's date, given by
// another passage of the article the answer already cites, adds no source:
// no "Across the articles" line cites it as if it were one.
func TestTimelineLineNeedsAnotherArticle(t *testing.T) {
	a1 := madeUp("a", "Ola Brandt was released from custody in Halden on Sunday, the ministry said.")
	a2 := madeUp("a", "She flew home to Dalby the same day.")
	a2.ID = "a#1"
	dates := &fakeDates{ev: DatedEvent{Label: "9 March 2025", Value: "2025-03-09", PassageIDs: []string{"a#0", "a#1"}}}
	a, err := New(fixedSearcher{a1, a2}, Options{Dates: dates}).Ask(context.Background(), "When was Ola Brandt released from custody in Halden?")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(a.Text, "Across the articles") {
		t.Errorf("answer %q cites the article it quotes as another source", a.Text)
	}
	checkCitations(t, a)
}

// TestWhenSomeoneSpoke: "When did Tamm say …?" is answered by Tamm's words,
// not by a dated sentence of the arrests his words are about that names
// him nowhere; words that give no date are said to give none, beside the
// day their article was published, and the timeline's date of the
// arrests is not written as the day he spoke. The same holds for "when
// did he say that?" after "What did Ivo Tamm say …?".
func TestWhenSomeoneSpoke(t *testing.T) {
	tamm := madeUp("a", "Kremlin spokesman Ivo Tamm said the arrests of the reporters were an emotional reaction by Estmark, and that Valdoria would seek their release.")
	tamm.Published = "2025-07-01"
	other := madeUp("b", "On July 1, the reporter Lena Varga of the Halden Herald was arrested in Dalby.")
	docs := fixedSearcher{other, tamm}
	dates := &fakeDates{ev: DatedEvent{Label: "30 June 2025", Value: "2025-06-30", PassageIDs: []string{"b#0", "c#0"}}}
	e := New(docs, Options{Dates: dates})
	check := func(q string, a Answer) {
		t.Helper()
		checkCitations(t, a)
		if !strings.HasPrefix(a.Text, "Kremlin spokesman Ivo Tamm said") {
			t.Errorf("%s: answer %q, want Tamm's words first", q, a.Text)
		}
		if !strings.Contains(a.Text, "The article gives no date for these words; it was published on 1 July 2025 [1].") {
			t.Errorf("%s: answer %q, want the day the article was published", q, a.Text)
		}
		if strings.Contains(a.Text, "30 June 2025") || strings.Contains(a.Text, "Lena Varga") {
			t.Errorf("%s: answer %q dates his words by the arrests", q, a.Text)
		}
	}
	q := "When did Ivo Tamm say the arrests of the reporters were an emotional reaction?"
	check(q, mustAsk(t, e, q))
	// "speak of" asks of his words as "say" does.
	q = "When did Ivo Tamm speak of an emotional reaction to the arrests of the reporters?"
	check(q, mustAsk(t, e, q))
	// As asked, and in chat's lower case.
	for _, earlier := range []string{"What did Ivo Tamm say about the arrests of the reporters?", "what did ivo tamm say about the arrests of the reporters"} {
		history := []Turn{{Question: earlier, Answer: "Kremlin spokesman Ivo Tamm said the arrests of the reporters were an emotional reaction by Estmark. [1]"}}
		a, err := e.AskWith(context.Background(), "when did he say that?", history)
		if err != nil {
			t.Fatal(err)
		}
		check("when did he say that? after "+earlier, a)
	}
}

// TestADateOfAnotherClauseDoesNotAnswerWhen: "soured on Tuesday after two
// miners died" does not say which day they died, and a sentence giving
// that day ranks no higher than one that gives none.
func TestADateOfAnotherClauseDoesNotAnswerWhen(t *testing.T) {
	soured := madeUp("a", "Relations between Estmark and Valdoria soured on Tuesday after two miners died in police custody in Halden.")
	soured.Published = "2025-07-01"
	died := madeUp("b", "The two miners died in police custody in Halden, the union said.")
	for _, q := range []string{"On what day did the two miners die in police custody?", "When did the two miners die in police custody?"} {
		if a := askMadeUp(t, fixedSearcher{died, soured}, q); !strings.HasPrefix(a.Text, "The two miners died") {
			t.Errorf("%s: answer %q, want the sentence that tells of it first, not the day relations soured", q, a.Text)
		}
	}
}

// TestWhatElseIsNotWhatWasShown: "what else did he say?" is answered by
// his words the earlier answers did not show.
func TestWhatElseIsNotWhatWasShown(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Kremlin spokesman Ivo Tamm said the arrests of the reporters were an emotional reaction by Estmark."),
		madeUp("b", "Ivo Tamm also said that Valdoria would seek the reporters' release through talks."),
	}
	history := []Turn{{Question: "What did Ivo Tamm say about the arrests of the reporters?", Answer: "Kremlin spokesman Ivo Tamm said the arrests of the reporters were an emotional reaction by Estmark. [1]"}}
	a, err := New(docs, Options{}).AskWith(context.Background(), "what else did he say?", history)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "Ivo Tamm also said that Valdoria would seek") {
		t.Errorf("answer %q, want what the last answer did not show", a.Text)
	}
	// Asked again, neither earlier answer's words are more, nor shown
	// beside what is.
	docs = append(docs, madeUp("c", "Ivo Tamm said later that the reporters' arrests would not harm trade."))
	history = append(history, Turn{Question: "what else did he say?", Answer: a.Text})
	a, err = New(docs, Options{}).AskWith(context.Background(), "what else did he say?", history)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "Ivo Tamm said later") || strings.Contains(a.Text, "emotional reaction") || strings.Contains(a.Text, "through talks") {
		t.Errorf("answer %q, want only what neither earlier answer showed", a.Text)
	}
}

// TestTimelineDateOfAnUnquotedArticlesEvent: an event that only articles
// the answer does not quote date, of no date the first quote gives, is
// another than the one the answer tells; one whose date the first quote
// gives ("in December 2024") is dated as before.
func TestTimelineDateOfAnUnquotedArticlesEvent(t *testing.T) {
	other := madeUp("c", "The envoy was called in to the ministry on Friday.")
	for _, tt := range []struct {
		quoted, q, value, label string
		added                   bool
	}{
		{"Police in Halden detained several people accused of smuggling drugs from Ostria.", "When were people arrested in Halden on drug charges?", "2025-02-28", "28 February 2025", false},
		{"A missile shot down the Ostrian airliner in December 2024, the ministry said.", "When was the Ostrian airliner shot down?", "2024-12-25", "25 December 2024", true},
	} {
		docs := fixedSearcher{madeUp("a", tt.quoted), other}
		dates := &fakeDates{ev: DatedEvent{Label: tt.label, Value: tt.value, PassageIDs: []string{"c#0"}}}
		a, err := New(docs, Options{Dates: dates}).Ask(context.Background(), tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(a.Text, "dates this to "+tt.label); !a.Grounded || got != tt.added {
			t.Errorf("%s: timeline line added = %v, want %v: %q", tt.q, got, tt.added, a.Text)
		}
		checkCitations(t, a)
	}
}
