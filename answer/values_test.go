package answer

import (
	"context"
	"strings"
	"testing"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/facts"
	"github.com/crisisbot/crisisbot/retrieval"
)

// TestComposerTakesTheAskedValueFromFacts: the composer reads what a
// question asks from the passages' facts (a name, a place, a day, a quote
// with its speaker), with made-up passages. One sentence is asked for, so
// that only the speaker's sentence may join it.
func TestComposerTakesTheAskedValueFromFacts(t *testing.T) {
	doc := madeUp
	tests := []struct {
		name, q string
		docs    []retrieval.Result
		want    []string
	}{
		{
			name: "the speaker of a quote that runs over two sentences",
			q:    "What did Lena Varga say they keep offering their neighbours?",
			docs: []retrieval.Result{doc("a", "Talks stalled again this week. "+
				"\"We keep offering our neighbours a plan for reopening the border crossings. "+
				"We hope they will accept it soon,\" Deputy Foreign Minister Lena Varga said at a forum in Dalby.")},
			want: []string{"reopening the border crossings", "Lena Varga"},
		},
		{
			name: "a quotation that goes on after the sentence naming its speaker",
			q:    "What did Lena Varga say about the police search of the office?",
			docs: []retrieval.Result{doc("a", "Talks stalled again this week. "+
				"\"We cannot reach our staff by phone,\" Deputy Foreign Minister Lena Varga said at a forum in Dalby. "+
				"\"The police searched the office and took every computer.\"")},
			want: []string{"took every computer", "Lena Varga said"},
		},
		{
			name: "a surname in the question is that person, not the answer",
			q:    "Who called Berg's remarks unacceptable?",
			docs: []retrieval.Result{doc("a", "Spokesperson Ana Holm called the remarks made by Tomas Berg, the special envoy, unacceptable on Monday. "+
				"Tomas Berg had said the decision was a mistake.")},
			want: []string{"Ana Holm"},
		},
		{
			name: "the place beside the asked kind of place",
			q:    "In which Estmarkian city did the two miners die?",
			docs: []retrieval.Result{doc("a", "Tensions in the Northern Basin rose after the two miners died in custody last week. "+
				"Police in Halden, an Estmarkian city on the coast, detained the miners on Friday before they died.")},
			want: []string{"Halden"},
		},
		{
			name: "a day for a question that asks for a date",
			q:    "On what date did the ferry capsize?",
			docs: []retrieval.Result{doc("a", "The ferry capsized in March 2025 off the coast, officials said. "+
				"Divers reached the ferry, which capsized on March 9, 2025, after two days of searching.")},
			want: []string{"March 9"},
		},
		{
			name: "the day of a participle's event: raided on Monday, detaining",
			q:    "When were the Halden Post reporters detained?",
			docs: []retrieval.Result{doc("a", "The Halden Post reporters had covered the strike for a year. "+
				"Police raided the Halden Post office on Monday, detaining two reporters.")},
			want: []string{"on Monday, detaining two reporters", "“Monday” [1] is 10 March 2025"},
		},
		{
			name: "a duration for how long",
			q:    "How long was the Herald's editor ordered held?",
			docs: []retrieval.Result{doc("a", "A court in Halden ordered the Herald's editor held on Tuesday, along with 12 reporters. "+
				"The editor faces two months in detention pending trial.")},
			want: []string{"two months"},
		},
		{
			name: "an age for how old",
			q:    "How old was Ola Brandt when she was detained?",
			docs: []retrieval.Result{doc("a", "Ola Brandt was detained at the square in Halden with 14 protesters on Monday. "+
				"Brandt, 62, had led the dockers' union for a decade.")},
			want: []string{"62"},
		},
		{
			name: "the place where the named person spoke, not a city the passage describes",
			q:    "In which Estmarkian city was the Estmarkian diplomat Ola Brandt speaking when she talked about limiting the damage to ties with Dalby?",
			docs: []retrieval.Result{doc("a", "The dispute began last week when police in Halden, an Estmarkian city, raided the homes of Dalby nationals. "+
				"Estmark wants to limit the damage to its ties with Dalby, a diplomat said on Friday. "+
				"\"We hope the authorities will adhere to this approach,\" Deputy Director Ola Brandt said in Varna.")},
			want: []string{"Varna"},
		},
		{
			name: "where: a place the sentence puts the event in, not one that acts",
			q:    "Where did the Estmarkian ferry sink?",
			docs: []retrieval.Result{doc("a", "Dalby did not confirm that the Estmarkian ferry sank in a storm, officials said of the ferry. "+
				"Reporters in Dalby asked about the inquiry. "+
				"The Estmarkian ferry, which sank near Varna, carried 40 people.")},
			want: []string{"Varna"},
		},
		{
			name: "a birth year for how old, as the article gives it",
			q:    "How old was the miner Ola Brandt?",
			docs: []retrieval.Result{doc("a", "Talks on the inquiry begin next week in Halden. "+
				"The miner Ola Brandt, born in 1962, had led the dockers' union for a decade.")},
			want: []string{"born in 1962"},
		},
		{
			name: "the end of a term for how long, as the article gives it",
			q:    "How long will the miner Ola Brandt remain in pretrial detention?",
			docs: []retrieval.Result{doc("a", "Talks on the inquiry begin next week in Halden. "+
				"The miner Ola Brandt will remain in pretrial detention until December 30, 2025, the court's press service said.")},
			want: []string{"until December 30, 2025"},
		},
		{
			name: "the age of the person asked about, not another's",
			q:    "How old was the miner Ola Brandt when the Halden police detained her?",
			docs: []retrieval.Result{doc("a", "The Halden police detained the miner Ola Brandt and two others, who were released because they were only 4–5 years old at the time of the crime. "+
				"Talks on the inquiry begin next week. "+
				"Ola Brandt, 62, has led the Halden union since 2001.")},
			want: []string{"62"},
		},
		{
			name: "a count of a nation's people",
			q:    "How many Estmarkians were detained in Halden?",
			docs: []retrieval.Result{doc("a", "Police in Halden detained the Estmarkian union leader Ola Brandt on Monday. "+
				"Talks on the inquiry begin next week. "+
				"Officers later held 30 Estmarkians at the Halden docks after the raid.")},
			want: []string{"30 Estmarkians"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := New(fixedSearcher(tt.docs), Options{MaxSentences: 1}).Ask(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if !a.Grounded {
				t.Fatalf("abstained: %q", a.Text)
			}
			for _, w := range tt.want {
				if !strings.Contains(a.Text, w) {
					t.Errorf("answer lacks %q: %q", w, a.Text)
				}
			}
			checkCitations(t, a)
		})
	}
}

// TestTypedValueNeedsTheQuestionsNames: a date of another man's release
// does not answer when one man was released.
func TestTypedValueNeedsTheQuestionsNames(t *testing.T) {
	docs := []retrieval.Result{{Passage: corpus.Passage{ID: "a#0", DocID: "a", Published: "2025-03-14", PublishedPrecision: "day",
		Text: "A journalist who had been held in Dalby has now been freed and is on his way back to Estmark, according to a statement released on Sunday by Estmark's foreign ministry. " +
			"Spokeswoman Ana Holm said Ivo Marten had boarded a flight to Estmark. " +
			"The ministry has raised other cases with Dalby for months. " +
			"Tomas Berg, a second journalist, remains in custody in Dalby."}}}
	a, err := New(fixedSearcher(docs), Options{}).Ask(context.Background(), "When was Tomas Berg released and sent back to Estmark?")
	if err != nil {
		t.Fatal(err)
	}
	if a.Grounded {
		t.Errorf("answered a question about someone the passages do not name: %q", a.Text)
	}
}

// TestClassifyDurationsAgesAndRoles: "how long" and "how old" ask for a
// count of time or years, "which two bosses" for people, while "what did
// the spokesman say" asks for words and "what prison sentence" for a thing.
func TestClassifyDurationsAgesAndRoles(t *testing.T) {
	tests := []struct {
		q    string
		want kind
	}{
		{"How long was the editor held?", kindCount},
		{"How long ago did the ferry sink?", kindDate},
		{"How old was Ola Brandt?", kindCount},
		{"Which two Herald bosses were detained?", kindPerson},
		{"What Estmarkian singer did the ministry name?", kindPerson},
		{"What did the spokesman say about the talks?", kindOther},
		{"What prison sentence did the editor get?", kindOther},
		{"Which two men did the police detain?", kindPerson},
	}
	for _, tt := range tests {
		if got := classify(tt.q); got != tt.want {
			t.Errorf("classify(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

// TestOutletTheQuestionNames: "what did the Dalby Herald say" is answered
// from that outlet's passage, not from another outlet's better match.
func TestOutletTheQuestionNames(t *testing.T) {
	docs := []retrieval.Result{
		madeUpBy("b", "Estmark Post", "Police detained 45 miners in the raid on the union office in Halden on Monday, officials said."),
		madeUpBy("a", "Dalby Herald", "The raid on the union office lasted four hours. A total of 30 miners were detained in the operation."),
	}
	a, err := New(fixedSearcher(docs), Options{MaxSentences: 1}).Ask(context.Background(), "How many miners did the Dalby Herald say were detained in the raid on the union office?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "30 miners") || strings.Contains(a.Text, "45") {
		t.Errorf("answer %q, want the Dalby Herald's 30 only", a.Text)
	}
	checkCitations(t, a)
}

// TestAccordingToASideOfNoFigure: "According to the Halden foreign
// ministry, what happened in Dalby?" is answered by that ministry's words
// and the sentence that goes on from them, before another country's
// ministry's, though its sentence names Halden and Dalby as well.
func TestAccordingToASideOfNoFigure(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "According to Estmark's Foreign Ministry, what happened in Dalby was lawful, and the Halden Foreign Ministry was told what happened."),
		madeUp("b", "According to Halden's Foreign Ministry, police raided homes of Halden residents in Dalby. The raids left two men dead."),
	}
	for _, q := range []string{"According to the Halden Foreign Ministry, what happened in Dalby?", "according to the halden foreign ministry, what happened in dalby?"} {
		a := askMadeUp(t, docs, q)
		if !strings.HasPrefix(a.Text, "According to Halden's Foreign Ministry") || strings.Contains(a.Text, "Estmark") {
			t.Errorf("%s: answer %q, want Halden's ministry's words alone", q, a.Text)
		}
	}
}

// TestAnOutletAskedAsTheSpeaker: "What did Lorvan Watch say?" asks for
// the words of the group that publishes the statement; its name in the
// passage is no mere byline (which "according to the Dalby Herald" is).
func TestAnOutletAskedAsTheSpeaker(t *testing.T) {
	docs := []retrieval.Result{
		madeUpBy("a", "Lorvan Watch", "Reacting to reports of mass detentions in Halden, Marie Vesk, Lorvan Watch's Director for Estmark, said: “The authorities must investigate the deaths.”"),
		madeUpBy("b", "Estmark Post", "The Halden police detained 45 miners in the raid on the union office on Monday."),
	}
	a := askWith(t, fixedSearcher(docs), Options{MaxSentences: 1}, "What did Lorvan Watch say?")
	if !strings.Contains(a.Text, "must investigate") {
		t.Errorf("answer %q, want Lorvan Watch's words", a.Text)
	}
}

// TestSaidQuestionTakesTheAskedSpeakersWords: "What did Brandt say"
// prefers Brandt's words to a statement's quote on the same subject.
func TestSaidQuestionTakesTheAskedSpeakersWords(t *testing.T) {
	docs := []retrieval.Result{
		madeUp("a", "\"All strikes at the Halden docks that Ola Brandt planned are cancelled,\" the ministry's statement said."),
		madeUp("b", "The union leader spoke to reporters on Monday. \"We will go on if the talks fail,\" Ola Brandt said of the strikes."),
	}
	a, err := New(fixedSearcher(docs), Options{MaxSentences: 1}).Ask(context.Background(), "What did Ola Brandt say about the strikes at the Halden docks?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "talks fail") || strings.Contains(a.Text, "cancelled") {
		t.Errorf("answer %q, want Brandt's words and not the ministry's", a.Text)
	}
}

// TestLightVerbsOfQuestions: "find" in "What did the autopsy find?" asks
// for what was found, and the passage need not say "found".
func TestLightVerbsOfQuestions(t *testing.T) {
	docs := []retrieval.Result{
		madeUp("a", "An autopsy in Dalby concluded the miner died of a blow to the head."),
		madeUp("b", "The union in Halden called a strike on Monday over pay and safety at the mine."),
	}
	a, err := New(fixedSearcher(docs), Options{}).Ask(context.Background(), "What did the autopsy find?")
	if err != nil {
		t.Fatal(err)
	}
	if !a.Grounded || !strings.Contains(a.Text, "blow to the head") {
		t.Errorf("answer %q, want the autopsy's conclusion", a.Text)
	}
}

// TestTypedAnswerTakesASecondValue: when two sentences that score alike
// give different values, the answer quotes both ("which two men": one
// sentence names each).
func TestTypedAnswerTakesASecondValue(t *testing.T) {
	docs := []retrieval.Result{
		madeUp("a", "The Halden police detained the miner Ivo Marten at the docks on Monday."),
		madeUp("b", "The Halden police detained the miner Pavel Ruud at the docks on Monday."),
	}
	a, err := New(fixedSearcher(docs), Options{}).Ask(context.Background(), "Which two men did the Halden police detain at the docks?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Ivo Marten") || !strings.Contains(a.Text, "Pavel Ruud") {
		t.Errorf("answer %q, want both miners", a.Text)
	}
	checkCitations(t, a)
}

// TestWhereTakesOnePlace: a "where" question is answered by one place; a
// second sentence's place is most often another event's.
func TestWhereTakesOnePlace(t *testing.T) {
	docs := []retrieval.Result{
		madeUp("a", "The Estmarkian ferry began to sink near Varna in a storm, the coast guard said."),
		madeUp("b", "The minister said the Estmarkian ferry sinking would be investigated as he opened a meeting in Dalby."),
	}
	a, err := New(fixedSearcher(docs), Options{}).Ask(context.Background(), "Where did the Estmarkian ferry sink?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Varna") || strings.Contains(a.Text, "Dalby") {
		t.Errorf("answer %q, want Varna alone", a.Text)
	}
}

// TestWhoSaidAQuote: "who called it X" is answered by the quotation that
// says X, with the sentence that names its speaker, shown once each.
func TestWhoSaidAQuote(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "\"We want the harm admitted and the families paid,\" Lena Varga said. "+
			"Varga rejected the claim that a storm had downed the ferry.\n\n"+
			"\"Can you imagine a storm hitting it twice and then again? So, this is a tale for children. "+
			"We know what happened,\" Varga said."),
		madeUp("b", "Minister Tomas Berg said the ferry sank after a storm hit the coast, and that the crew could not reach the port."),
	}
	a, err := New(docs, Options{}).Ask(context.Background(), "Who called the storm explanation of the ferry sinking a tale for children?")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"a tale for children", "Varga said"} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("answer lacks %q: %s", want, a.Text)
		}
	}
	if n := strings.Count(a.Text, "So, this is a tale for children."); n != 1 {
		t.Errorf("the quote is shown %d times: %s", n, a.Text)
	}
}

// TestWhenIsNotABirthDate: "when did they die" is not answered by the
// years the victims were born.
func TestWhenIsNotABirthDate(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Among the victims were the brothers Lena Varga (b. 1956) and Tomas Varga (b. 1970), who died from injuries sustained during the operation."),
		madeUp("b", "The Varga brothers died in police custody in Ostrava on March 7, officials said."),
	}
	a, err := New(docs, Options{}).Ask(context.Background(), "When did the Varga brothers die?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "The Varga brothers died in police custody in Ostrava on March 7") {
		t.Errorf("answer does not start with the date of the deaths: %s", a.Text)
	}
}

// TestWhatDidXSayIsNotAQuoteAboutX: a quotation that names Tomas Berg is
// someone else's words about him, not his.
func TestWhatDidXSayIsNotAQuoteAboutX(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Lena Varga, the ministry's spokesperson, responded to comments made by Tomas Berg.\n\n"+
			"“The remarks made by Tomas Berg during his interview with the agency are unacceptable and biased.”"),
		madeUp("b", "Reacting to Berg’s claim that the closures would “impoverish the cultural life of Dalby,” the ministry voiced surprise at his remarks."),
	}
	a, err := New(docs, Options{MaxSentences: 1}).Ask(context.Background(), "What did Tomas Berg say?")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(a.Text, "The remarks made by Tomas Berg") {
		t.Errorf("answer quotes words about Berg as his: %s", a.Text)
	}
}

// TestTermEndAnswersOnlyUntil: "until March 30" is the end of a remand, the
// answer to "until what date", not to "when was she remanded".
func TestTermEndAnswersOnlyUntil(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Lena Varga, the Ostrava trader, will stay in custody in Ostrava until March 30, her lawyer said."),
		madeUp("b", "A court in Ostrava remanded the trader Lena Varga in custody on Tuesday, her lawyer said."),
	}
	for _, tt := range []struct{ q, want, not string }{
		{"When was Lena Varga remanded in custody in Ostrava?", "Tuesday", "March 30"},
		{"Until what date will Lena Varga stay in custody in Ostrava?", "March 30", "Tuesday"},
	} {
		a, err := New(docs, Options{}).Ask(context.Background(), tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(a.Text, tt.want) || strings.Contains(a.Text, tt.not) {
			t.Errorf("%s: answer %q, want %q without %q", tt.q, a.Text, tt.want, tt.not)
		}
	}
}

// TestCountOfAnotherEventIsNoAnswer: "how many were detained" is answered
// by the count of the detained, not by a sentence that matches more of
// the question's words with a count of the dead.
func TestCountOfAnotherEventIsNoAnswer(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Prosecutors opened an inquiry into the deaths of two miners who were killed in police custody during the operation in Halden."),
		madeUp("b", "During the operation on March 12, police detained dozens of miners in Halden."),
	}
	a, err := New(docs, Options{}).Ask(context.Background(), "How many miners were detained in the Halden operation?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "During the operation on March 12, police detained dozens") || strings.Contains(a.Text, "two miners") {
		t.Errorf("answer %q, want the dozens detained alone", a.Text)
	}
}

// TestWhereHeadingIsTheDestination: "where was the ferry heading" is
// answered by the place it went to ("from Dalby to Halden"), not by where
// it sank or the place a sentence that ranks first names.
func TestWhereHeadingIsTheDestination(t *testing.T) {
	e := New(fixedSearcher{
		madeUp("a", "Relations soured after the Nordlys ferry was hit by a missile and sank near the Estmark coast, killing 12 passengers."),
		madeUp("b", "On March 7, the Nordlys ferry sailing from Dalby to Halden sank near Ostrava, killing 12 of the 40 people on board."),
	}, Options{})
	a, err := e.Ask(context.Background(), "Where was the Nordlys ferry heading when it was hit?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "On March 7, the Nordlys ferry sailing from Dalby to Halden") {
		t.Errorf("answer %q, want the sentence that says where it went", a.Text)
	}
	checkCitations(t, a)
}

// TestAReportsDateIsNoAnswerForItsEvent: "said on March 9 that … were
// killed" dates the saying. "When were they killed?" is answered by the
// day of the killing, "On what date did police detain them?" by the
// detentions', and "When did the ministry speak out?" by the saying's;
// "When was he released, and who announced it?" not by the day something
// else was announced.
func TestAReportsDateIsNoAnswerForItsEvent(t *testing.T) {
	tests := []struct {
		docs    fixedSearcher
		q, lead string
	}{
		{fixedSearcher{
			madeUp("a", "The Valdorian foreign ministry said on March 9 that the miners Tomas Berg and Lena Varga were killed in police custody in Halden."),
			madeUp("b", "The miners Tomas Berg and Lena Varga died in a police station in Halden on March 7, relatives told reporters."),
		}, "When were the miners Tomas Berg and Lena Varga killed in Halden?", "The miners Tomas Berg and Lena Varga died in a police station in Halden on March 7"},
		{fixedSearcher{
			madeUp("a", "Valdorian officials said on March 9 that autopsies of two miners detained during a large police operation in Halden showed signs of beatings."),
			madeUp("b", "On March 2, officers detained dozens of Valdorian miners in an operation against smuggling."),
		}, "On what date did police in Halden detain the Valdorian miners?", "On March 2, officers detained dozens"},
		{fixedSearcher{
			madeUp("a", "The Valdorian foreign ministry said on March 9 that two miners died in police custody in Halden."),
			madeUp("b", "Relatives held a vigil in Halden for the two miners."),
		}, "When did the Valdorian foreign ministry first speak out about the deaths of the miners?", "The Valdorian foreign ministry said on March 9"},
		{fixedSearcher{
			madeUp("a", "A new inquiry into the Courier of Pavel Orlik was announced on March 9 by the ministry's spokeswoman Ona Lind."),
			madeUp("b", "“Pavel Orlik has been released from custody and has flown home,” Ona Lind told reporters on Sunday."),
		}, "When was Pavel Orlik released, and who announced it?", "“Pavel Orlik has been released"},
	}
	for _, tt := range tests {
		a, err := New(tt.docs, Options{}).Ask(context.Background(), tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(a.Text, tt.lead) {
			t.Errorf("%s\nanswer %q\nwant it led by %q", tt.q, a.Text, tt.lead)
		}
		checkCitations(t, a)
	}
}

// TestCountAccordingToSomeone: "How many did Valdoria say were detained"
// and "…, according to Estmark?" are answered by the count each is the
// source of, not by the count that ranks first, nor with the other's.
func TestCountAccordingToSomeone(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "More than 50 Valdorians were detained in Halden during the raids on Friday, local media reported."),
		madeUp("b", "According to Valdoria's foreign ministry, nine Valdorians were detained in the raids."),
		madeUp("c", "Estmark's investigators said six people were detained in total."),
		madeUp("d", "Ivo Tamm, an Estmarkian police spokesman, said several Valdorians were detained in Halden during the raids."),
	}
	tests := []struct{ q, lead, other string }{
		{"How many Valdorians did Valdoria say were detained in Halden?", "According to Valdoria's foreign ministry, nine Valdorians", "Ivo Tamm"},
		{"How many people were detained in the Halden raids, according to Estmark?", "Ivo Tamm, an Estmarkian police spokesman", "Valdoria's foreign ministry"},
		// No sentence is the mayor's: none of someone else named.
		{"How many Valdorians were detained in Halden during the raids, according to Halden's mayor?", "More than 50 Valdorians", "Ivo Tamm"},
	}
	for _, tt := range tests {
		a, err := New(docs, Options{}).Ask(context.Background(), tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(a.Text, tt.lead) || strings.Contains(a.Text, tt.other) {
			t.Errorf("%s\nanswer %q\nwant it led by %q, without %q's figure", tt.q, a.Text, tt.lead, tt.other)
		}
		checkCitations(t, a)
	}
}

// TestACountReportedBesideAnotherSpeaker: in "While the committee
// reported six arrests, local media indicated …" the committee reports its
// own count, not another's words, so it answers what the committee said.
func TestACountReportedBesideAnotherSpeaker(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The Investigative Committee of Halden confirmed that two suspects died during their arrest."),
		madeUp("b", "While the investigative committee reported a total of six arrests, local media indicated that at least three detainees were injured."),
		madeUp("c", "Halden is an industrial city."),
	}
	wantOpening(t, docs, "How many people did the Investigative Committee say it arrested?", "While the investigative committee reported a total of six arrests",
		"the committee's six arrests")
}

// TestOnBoardIsAboard: "How many passengers were aboard flight N4-512?"
// is answered by "There were 40 people on board, including 36
// passengers", not declined for want of a figure in the sentences that
// name the flight.
func TestOnBoardIsAboard(t *testing.T) {
	second := madeUp("a", "There were 40 people on board, including 36 passengers and four crew members. Most of them survived.")
	second.ID, second.Index = "a#1", 1
	docs := fixedSearcher{
		madeUp("a", "One year has passed since the crash of Nordair flight N4-512, an airliner flying from Halden to Dalby. The airline will pay compensation to each passenger who was injured in the crash of flight N4-512."),
		second,
		madeUp("b", "The airline's shares fell after the crash."),
	}
	q := "How many passengers were aboard flight N4-512?"
	a, err := New(docs, Options{}).Ask(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "36 passengers") {
		t.Errorf("%s\nanswer %q\nwant the 36 passengers", q, a.Text)
	}
	checkCitations(t, a)
	// "on board" is no act a count must tell in its words.
	docs = fixedSearcher{
		madeUp("a", "The Nordair aircraft was carrying five crew members and 36 passengers; 38 people lost their lives, while 29 others survived the crash near Kessel."),
		madeUp("b", "The airline's shares fell after the crash."),
	}
	q = "How many crew members were on board the Nordair plane that came down near Kessel?"
	wantHolding(t, docs, q, "five crew members")
}

// TestArrestsCountThePeopleArrested: "How many people did the committee
// say it arrested?" is answered by its "total of six arrests", not by its
// count of the two who died during their arrest.
func TestArrestsCountThePeopleArrested(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The Halden Investigative Committee confirmed that two suspects died during their arrest."),
		madeUp("b", "The Halden Investigative Committee reported a total of six arrests in the raids."),
	}
	q := "How many people did the Investigative Committee say it arrested?"
	wantHolding(t, docs, q, "six arrests")
}

// TestCountSaidByTheSurnameAlone: "How many did Ivo Tamm say …" is
// answered by words his article gives to "Tamm" or "he" after naming him
// in full, not by another article's count.
func TestCountSaidByTheSurnameAlone(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "“They were killed for who they were,” said Ivo Tamm, a political scientist, in an interview. “Migrants do the hardest work,” Tamm noted. He added that the brutal killing of five Valdorians by police was inconsistent with friendly relations."),
		madeUp("b", "The deaths of two ethnic Valdorians during a police raid last week in Halden escalated into a diplomatic confrontation."),
	}
	q := "How many Valdorians did Ivo Tamm say were killed by the police?"
	a, err := New(docs, Options{}).Ask(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "five Valdorians") || strings.Contains(a.Text, "two ethnic") {
		t.Errorf("%s\nanswer %q\nwant Tamm's five, without the other article's two", q, a.Text)
	}
	checkCitations(t, a)
}

// TestAPartOfAGroupAnswersOnlyAQuestionAboutSome: "four of them" counts
// some of the detained, no answer to how many were detained; "Of the six
// miners …, how many" asks for it.
func TestAPartOfAGroupAnswersOnlyAQuestionAboutSome(t *testing.T) {
	doc := corpus.Document{ID: "a", Published: "2025-07-01", PublishedPrecision: "day",
		Body: "Investigators said six miners — four of them from Dalby — were detained in Halden."}
	var part *facts.Fact
	for _, f := range facts.Read(doc) {
		if f.Kind == facts.KindQuantity && f.Quantity.Unit == facts.UnitPart {
			part = &f
		}
	}
	if part == nil {
		t.Fatal("no count of a part read")
	}
	for q, want := range map[string]bool{
		"How many miners were detained in Halden?":                        false,
		"Of the six miners detained in Halden, how many were from Dalby?": true,
		"How many of the miners detained in Halden were from Dalby?":      true,
	} {
		if got := newQuery(q, kindCount, questionTokens(q)).countsAsked(*part); got != want {
			t.Errorf("%s: the part %q counts what is asked: %v, want %v", q, part.Text, got, want)
		}
	}
}

// TestWhyAccordingToSomeone: "Why did the police say they raided it" asks
// the reason for the raid (not for "police"), and is answered first by
// the reason the police's side gave.
func TestWhyAccordingToSomeone(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The raid on the Courier's office in Halden came as tensions rose after the arrests of two Valdorian miners."),
		madeUp("b", "On Monday, acting on a search warrant, police in Halden raided the office of the Courier."),
		madeUp("c", "Police searched and raided the newsroom for hours. The Valdorian interior ministry said the Courier had continued to operate in Halden through illegal financing."),
	}
	q := "Why did Valdorian police say they raided the Courier newspaper in Halden?"
	a, err := New(docs, Options{}).Ask(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "The Valdorian interior ministry said") {
		t.Errorf("%s\nanswer %q, want it led by the reason the ministry gave", q, a.Text)
	}
	if at := askedAttribute(questionTokens(q)); at == nil || at.Focus != facts.Key("raid") && at.Focus != keyOf("raid") {
		t.Errorf("%s: asked attribute %+v, want the reason for the raid, not for \"police\"", q, at)
	}
	checkCitations(t, a)
}

// TestAQuestionAboutTwoPeopleIsAnsweredByASentenceNamingBoth: "When did
// Ivo Martinsky call Lena Varga?" is answered by the sentence naming them
// both (one spelling "Martinskyy", as transliterations vary), not by her
// call to someone else, which shares more of the question's words.
func TestAQuestionAboutTwoPeopleIsAnsweredByASentenceNamingBoth(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "On October 7, Lena Varga called Ivo Petrov to congratulate him on his birthday."),
		madeUp("b", "On Tuesday, July 1, President Ivo Martinskyy had a telephone conversation with his Valdorian counterpart Lena Varga."),
	}
	// Typed in lower case in a chat, the names are still names.
	for _, q := range []string{"When did Ivo Martinsky call Lena Varga?", "when did ivo martinsky call lena varga"} {
		a, err := New(docs, Options{}).Ask(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(a.Text, "On Tuesday, July 1, President Ivo Martinskyy") {
			t.Errorf("%s\nanswer %q, want the conversation of the two", q, a.Text)
		}
		checkCitations(t, a)
	}
}

// TestAsksDoer tells a question for who did an act from one for whom it
// was done to or what someone is.
func TestAsksDoer(t *testing.T) {
	for q, want := range map[string]bool{
		"who shot down the plane?":        true,
		"who has summoned the ambassador": true,
		"who was summoned?":               false,
		"who is shiriyev?":                false,
		"who did they arrest?":            false,
		"which two employees were held?":  false,
	} {
		if got := asksDoer(q); got != want {
			t.Errorf("asksDoer(%q) = %v, want %v", q, got, want)
		}
	}
}

// TestWhatXSaidNeedsXsWordsOnTheMatter: "What did Ola Brandt say about
// the strikes?" is not answered by a sentence that blames him (he is its
// object, not its speaker), nor by his words on another matter in an
// article that does not tell of the strikes; his words in an article that
// tells of them further on answer it.
func TestWhatXSaidNeedsXsWordsOnTheMatter(t *testing.T) {
	doc := func(id, text string) retrieval.Result {
		r := madeUp(id, text)
		r.ID, r.DocID = id, strings.Split(id, "#")[0]
		return r
	}
	blamed := doc("a#0", "Union members at the Halden docks accused their leader Ola Brandt of prolonging the strikes, which closed the harbour.")
	other := doc("b#0", "Ola Brandt said the new ferry line to Dalby would open in May.")
	q := "What did Ola Brandt say about the strikes?"
	if a := askMadeUp(t, fixedSearcher{blamed, other}, q); a.Grounded {
		t.Errorf("%s: answer %q, want none: he is blamed, and speaks of another matter", q, a.Text)
	}
	told := doc("c#0", "Ola Brandt, the union leader, spoke to reporters in Halden on Monday.")
	later := doc("c#1", "The strikes at the docks will go on until the talks resume, the union leader said.")
	if a := askMadeUp(t, fixedSearcher{blamed, other, told, later}, q); !a.Grounded {
		t.Errorf("%s: answer %q, want his words, in an article that tells of the strikes", q, a.Text)
	}
}

// TestWhatAGovernmentSaidIsNotAnotherCountrys: "what did the norwegian
// government say" (written in lower case, as chat is) asks for Norway's
// words: a Swedish government source's, which share "government", rank
// after them.
func TestWhatAGovernmentSaidIsNotAnotherCountrys(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "A Swedish government source told reporters the raid on the Norwegian union office in Halden was lawful."),
		madeUp("b", "The Norwegian government said the raid on the union office in Halden was an unfriendly act."),
	}
	q := "what did the norwegian government say about the raid on the union office?"
	wantOpening(t, docs, q, "The Norwegian government said", "Norway's words first")
}

// TestWhoIsSomeoneIsWhatTheArticleSaysTheyAre: "Who is Ivo Tamm?" asks
// what he is: the sentence saying "Tamm is a …" answers, beside the one
// that names him; the names beside his are no answer of their own.
func TestWhoIsSomeoneIsWhatTheArticleSaysTheyAre(t *testing.T) {
	docs := fixedSearcher{madeUp("a", "Talks on the inquiry begin next week in Halden. "+
		"The Halden Courier identified 41-year-old Ivo Tamm and 30-year-old Lena Varga among those detained. "+
		"Tamm is a graduate of Dalby University and the founder of the startup Nordwire.")}
	a, err := New(docs, Options{}).Ask(context.Background(), "Who is Ivo Tamm?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Tamm is a graduate of Dalby University") {
		t.Errorf("answer %q, want what Tamm is", a.Text)
	}
	docs = fixedSearcher{madeUp("a", "A Halden court extended the arrest of Lena Varga on Monday. "+
		"The Dalby court heard the case of Lena Varga, chairwoman of the Halden miners' union and a former member of parliament, on Friday.")}
	a, err = New(docs, Options{MaxSentences: 1}).Ask(context.Background(), "Who is Lena Varga?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "chairwoman of the Halden miners' union") {
		t.Errorf("answer %q, want the sentence that gives her role", a.Text)
	}
	// A line that ends in a colon, introducing what follows, is a
	// sentence.
	docs = fixedSearcher{madeUp("a", "Ivo Tamm writes for the Halden Courier of Lena Varga:\n\nOn June 27, police raided the homes of miners in Dalby. Two were killed.")}
	a, err = New(docs, Options{}).Ask(context.Background(), "Who is Ivo Tamm?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Ivo Tamm writes for the Halden Courier") {
		t.Errorf("answer %q, want the line that says whom he writes for", a.Text)
	}
	for _, q := range []string{"Who was detained?", "Who was the envoy summoned by Halden?", "who is he"} {
		if asksIdentity(q) {
			t.Errorf("asksIdentity(%q) = true, want false: it asks for a name", q)
		}
	}
}

// TestAReferenceEventIsNotAsked: "before the Dalby meeting" names the
// event a "when" question dates its own by; the meeting's date is not
// the answer, nor do its words outweigh the asked event's.
func TestAReferenceEventIsNotAsked(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Ostrian President Ola Brandt and Halden President Lena Varga met on October 10 in Dalby, amid a deep crisis in relations."),
		madeUp("b", "The decision follows a phone call on October 7, during which the two leaders discussed regional developments."),
		madeUp("c", "After the meeting between the presidents of Ostria and Halden on October 9 in Dalby, it became clear that relations were thawing."),
	}
	e := New(docs, Options{})
	for _, tt := range []struct{ q, lead string }{
		{"When did Ola Brandt and Lena Varga speak by phone before the Dalby meeting?", "The decision follows a phone call on October 7"},
		// The question's own event is asked, whatever follows.
		{"When did Ola Brandt and Lena Varga meet in Dalby after the phone call?", "Ostrian President Ola Brandt and Halden President Lena Varga met on October 10"},
	} {
		a, err := e.Ask(context.Background(), tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(a.Text, tt.lead) || strings.Contains(a.Text, "[2]") {
			t.Errorf("%s\nanswer %q\nwant it led by %q, alone", tt.q, a.Text, tt.lead)
		}
	}
}

// TestNationalsAmongThem: "How many of the passengers were Ostrian
// nationals?" counts Ostrians among them, not the passengers.
func TestNationalsAmongThem(t *testing.T) {
	q := "How many of the airliner's passengers were Ostrian nationals?"
	qu := newQuery(q, kindCount, questionTokens(q))
	doc := corpus.Document{ID: "a", Published: "2025-03-14", Body: "The plane was carrying 62 passengers, including 37 Haldenians, 16 Ostrians and 9 Valdorians."}
	var got []string
	for _, f := range facts.Read(doc) {
		if f.Kind == facts.KindQuantity && qu.countsAsked(f) {
			got = append(got, f.Text)
		}
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "16") {
		t.Errorf("counts asked %q, want the Ostrians' alone", got)
	}
	// "How many Haldenian citizens …": 37 citizens of Halden, not 16 of
	// Ostria.
	q = "How many Haldenian citizens were on board?"
	qu = newQuery(q, kindCount, questionTokens(q))
	doc.Body = "Of these, 37 were citizens of Haldenia, and 16 were citizens of Ostria."
	got = nil
	for _, f := range facts.Read(doc) {
		if f.Kind == facts.KindQuantity && qu.countsAsked(f) {
			got = append(got, f.Text)
		}
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "37") {
		t.Errorf("counts asked %q, want the Haldenians' alone", got)
	}
}

// TestAFamilyNamesItsMembers: "Which members of the Marten family died?"
// names the family, not a person: "Ivo and Lena Marten" answers it, though
// the question says "Marten".
func TestAFamilyNamesItsMembers(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The victims, including members of the Marten family originally from Dalby, were reportedly targeted in coordinated raids across more than ten apartments."),
		madeUp("b", "Two of the men detained -- Ivo and Lena Marten -- died in custody under suspicious circumstances."),
	}
	a, err := New(docs, Options{}).Ask(context.Background(), "Which members of the Marten family died?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Ivo and Lena Marten") {
		t.Errorf("answer %q, want the members named", a.Text)
	}
}

// TestABoundedWhen: "When did Brandt last visit Dalby before December
// 2025?" is answered by a date before it, not by the visit he skipped on
// 22 December.
func TestABoundedWhen(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "On December 22, 2025, Dalby was scheduled to host an informal summit, which President Ola Brandt did not visit."),
		madeUp("b", "Brandt had visited the previous summit in Dalby in October 2025."),
	}
	a, err := New(docs, Options{}).Ask(context.Background(), "When did Ola Brandt last visit a summit in Dalby before December 2025?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "Brandt had visited the previous summit in Dalby in October 2025.") {
		t.Errorf("answer %q, want the October visit", a.Text)
	}
}

// TestANamesLastWordIsNoNation: "Dalby Estman employees" are the staff of
// an outlet named "Dalby Estman", not employees of a nation, so its count
// of "employees of Dalby Estman" answers.
func TestANamesLastWordIsNoNation(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Seven employees of Dalby Estman, a branch of the state broadcaster, were detained in Ostrava."),
		madeUp("b", "The Dalby Estman office in Ostrava was searched by the police."),
	}
	wantOpening(t, docs, "How many Dalby Estman employees were detained?", "Seven employees of Dalby Estman", "the count of its employees")
}

// TestWhatDidTheyDoForALiving: "What did X do for a living?" asks what X
// is, which a sentence gives by its noun ("a 55-year-old taxi driver"),
// though it says nothing of a living; "What did X do?" asks what X did.
func TestWhatDidTheyDoForALiving(t *testing.T) {
	for q, want := range map[string]bool{
		"What did Ivo Tamm do for a living?": true, "What was Tamm's job?": true, "What does Ivo Tamm do?": true,
		"What did Ivo Tamm do?": false, "What did the police do for a living?": false,
	} {
		if got := reOccupationQ.MatchString(q); got != want {
			t.Errorf("%q: asks an occupation %v, want %v", q, got, want)
		}
	}
	docs := fixedSearcher{
		madeUp("a", "His brother, Ivo Tamm, a 55-year-old taxi driver and father of two, died of his injuries that morning."),
		madeUp("b", "Ivo Tamm and his brother were detained in Dalby during a raid on Friday."),
	}
	wantOpening(t, docs, "What did Ivo Tamm do for a living?", "His brother, Ivo Tamm, a 55-year-old taxi driver", "the sentence that says what he was")
}

// TestWhenDidTheyApologizeForIt: "When did Tamm apologize for the crash?"
// asks the apology's day; the crash it was for is a reference, whose date
// is no answer.
func TestWhenDidTheyApologizeForIt(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Russian President Ivo Tamm and Haldian President Lena Varga held talks there, their first full-scale meeting since the December 2024 Haldia Airlines passenger plane crash, which soured relations between the two countries."),
		madeUp("b", "Although Tamm apologized in a phone call with Varga on December 28, 2024, the two sides remained at odds over the responsibility for the incident."),
	}
	wantOpening(t, docs, "When did Tamm apologize to Varga for the crash?", "Although Tamm apologized in a phone call", "the apology's day first")
}

// TestWhichDidXActSkipsTheOppositeAct: "Which Ostrian diplomat did
// Valdoria summon?" is answered by Valdoria's summons, found further down
// when the passages read first tell only of Ostria's summons of
// Valdoria's envoy; neither that act nor a name of another act (a visit
// called off) is part of the answer.
func TestWhichDidXActSkipsTheOppositeAct(t *testing.T) {
	rs := firstK{
		madeUp("a", "The Ostrian ministry on June 29 summoned the Valdorian Embassy's chargé d'affaires, Jan Holm, demanding a full investigation."),
		madeUp("b", "The Ostrian government also announced the cancellation of a planned visit by Valdorian Deputy Prime Minister Ole Brandt."),
		madeUp("c", "On Tuesday, Ostria's ambassador was summoned to the Valdorian foreign ministry to receive an official protest."),
	}
	a, err := New(rs, Options{TopK: 2}).Ask(context.Background(), "Which Ostrian diplomat did Valdoria summon?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "On Tuesday, Ostria's ambassador was summoned") {
		t.Errorf("answer %q, want Valdoria's summons of Ostria's ambassador", a.Text)
	}
	for _, other := range []string{"Jan Holm", "Ole Brandt"} {
		if strings.Contains(a.Text, other) {
			t.Errorf("answer %q holds %s, of another act", a.Text, other)
		}
	}
	checkCitations(t, a)
}

// TestWhenFirstAsksTheEarliest: "When did Lund first apologise …?" is
// answered by the earliest dated apology, not by a later one told beside
// "the first meeting in a long time".
func TestWhenFirstAsksTheEarliest(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The first meeting in a long time between Ola Lund and Ivo Brandt took place on October 9, 2025, in Dalby, where Lund apologized to Brandt again for the ferry crash."),
		madeUp("b", "On December 28, 2024, Ola Lund called Ivo Brandt and apologized for the ferry crash."),
	}
	wantOpening(t, docs, "When did Lund first apologise to Brandt over the ferry crash?", "On December 28, 2024", "the first apology's day")
}

// TestWhenOfAPhrasalVerbDatesItsMeaning: "When did Valdoria call off the
// Ostrian events?" is answered by the day of the cancellation, which the
// facts date as a cancellation, not by the day Ostria regretted it.
func TestWhenOfAPhrasalVerbDatesItsMeaning(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Ostria on Monday regretted Valdoria's decision to cancel cultural events involving Ostrian institutions after the deaths in Kessel last week."),
		madeUp("b", "On Sunday, Valdoria cancelled all cultural events that had been scheduled with Ostrian institutions."),
	}
	wantOpening(t, docs, "On which day did Valdoria call off the Ostrian cultural events?", "On Sunday, Valdoria cancelled", "the cancellation's day first")
}

// TestWhenDidTheySayDatesThoseWords: "When did Halden's investigators say
// one miner died of heart failure?" dates the sentence that holds those
// words, not their words of another day beside it.
func TestWhenDidTheySayDatesThoseWords(t *testing.T) {
	docs := fixedSearcher{madeUp("a", "Two Valdorian miners died in Halden police custody last week. "+
		"One of the miners died of heart failure, while the cause of death of the other was being determined, Halden investigators said on Monday. "+
		"On Wednesday, Halden investigators said they had charged six other detained Valdorians with murder.")}
	wantOpening(t, docs, "When did Halden investigators say one miner died of heart failure?", "One of the miners died of heart failure", "the heart-failure words and their Monday")
}

// TestUntilWhenAsksTheTermsEnd: "Until what date will Ivo Tamm stay in
// custody?" is answered by the end of his term: not by the days he was
// detained, which are no disagreement either.
func TestUntilWhenAsksTheTermsEnd(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Ivo Tamm was detained on July 16 in Kessel, and the court placed him in pretrial detention."),
		madeUp("b", "The court in Kessel has extended the detention of Ivo Tamm. The accused will now remain in custody until May 31, 2026."),
		madeUp("d", "Tamm, who had been briefly detained on June 27, was taken in for questioning."),
	}
	a := askMadeUp(t, docs, "Until what date will Ivo Tamm stay in custody?")
	if !strings.HasPrefix(a.Text, "The accused will now remain in custody until May 31, 2026.") || strings.Contains(a.Text, "July 16") || strings.Contains(a.Text, "June 27") {
		t.Errorf("answer %q, want the end of his term alone", a.Text)
	}
}

// TestACountOfANationsPeople: "how many ostrian citizens died in the
// crash?" and "How many of the dead were citizens of Ostria?" are
// answered by the count of them, not the crash's toll that outscores it.
func TestACountOfANationsPeople(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "On December 25, a Valdorian Airlines passenger plane crashed near Lund, Ostria, killing 38 people."),
		madeUp("b", "Of the 67 people on board, 38 died. Among the victims were six Ostrian citizens. Ostria is conducting the investigation."),
	}
	for _, q := range []string{"how many ostrian citizens died in the plane crash?", "How many of the dead in the plane crash were citizens of Ostria?"} {
		if a := askMadeUp(t, docs, q); !strings.Contains(a.Text, "Among the victims were six Ostrian citizens") || strings.Contains(a.Text, "killing 38") {
			t.Errorf("%s: answer %q, want the six Ostrians", q, a.Text)
		}
	}
}

// TestAPluralIsNoMisspeltName: "executives", written nowhere, is not read
// as a misspelt "Executive" of "Executive Director Ivo Tamm": "Who are the
// two Nord Media executives detained in Halden?" asks of executives, and
// the passage that names them answers.
func TestAPluralIsNoMisspeltName(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "On July 1, police conducted an operation at the Halden office of Nord Media. As a result, the agency's Executive Director Ivo Tamm and Editor-in-Chief Ola Brandt were detained."),
		madeUp("b", "Nord Media has worked in Halden since 2015."),
	}
	wantHolding(t, docs, "Who are the two Nord Media executives detained in Halden?", "Ivo Tamm")
}

// TestAYearAskedRulesOutOtherYearsDates: "When did Tamm meet Brandt in
// 2026?" is not answered by a 2025 sentence that names both and a
// meeting, but by the one whose date falls in 2026.
func TestAYearAskedRulesOutOtherYearsDates(t *testing.T) {
	weekend := madeUpBy("a", "Post", "Brandt's administration went further over the weekend by suspending high-level meetings, barring a planned visit by Ostrian Deputy Prime Minister Ivo Tamm.")
	weekend.Published = "2025-06-30"
	march := madeUpBy("b", "News", "This was announced on March 2 during a meeting between President Ola Brandt and Ivo Tamm, Deputy Prime Minister of Ostria.")
	march.Published = "2026-03-02"
	docs := fixedSearcher{weekend, march}
	withFacts(docs)
	wantHolding(t, docs, "When did Tamm meet Brandt in 2026?", "announced on March 2")
}
