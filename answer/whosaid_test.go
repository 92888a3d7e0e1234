package answer

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/crisisbot/crisisbot/retrieval"
)

// TestWhoSaidThat: "Who said that?" after an answer is answered from the
// speech facts of the sentence it quoted first: each voice that reports a
// clause, with the article's words from its cue to the end of what it
// attributes (the article's wording, not the speaker's); or that the
// article gives the words as its own, with the others' words it only
// mentions. After an abstention, or for a question that names what
// was said, the question is asked as any other.
func TestWhoSaidThat(t *testing.T) {
	docs := fixedSearcher{
		madeUpBy("a", "Halden Post", "Officials in Halden said the two miners were beaten to death, while Estmark has stated that one of the men died of heart failure."),
		madeUpBy("b", "Dalby Times", "Autopsies revealed broken ribs, contradicting Estmarkian claims that the miners died of heart failure."),
		madeUpBy("c", "Dalby Times", "“The deaths were a crime,” Ivo Marten told reporters on Monday."),
		madeUpBy("d", "Dalby Times", "Halden officials allege both reporters are spies, though Estmark has strongly denied these claims."),
		madeUpBy("e", "Dalby Times", "According to Ivo Marten, the miners were beaten in the police station."),
		madeUpBy("g", "Dalby Times", "The Estmark Inquiry Board of the northern region, whose seat is Vell, admitted two miners had died in custody, but claimed they were Estmark citizens."),
		madeUpBy("h", "Dalby Times", "The Halden ministry summoned the Estmark envoy on Saturday to protest what it called the “brutal killing” of two miners."),
		madeUpBy("k", "Dalby Times", "“We cannot reach our staff by phone,” Mara Lind said on Monday. “Police searched the office and took every computer we had.”"),
		madeUpBy("m", "Dalby Times", "According to the minister, the inquiry sent a letter saying the criminal case had already been closed."),
		madeUpBy("n", "Dalby Times", "Authorities allege both miners are smugglers, though Estmark has strongly denied these claims."),
		madeUpBy("f", "Miners Watch", "Reacting to the deaths, Lena Varga, Miners Watch's Director for Halden, said:\n\n“The authorities have shown complete disregard for human dignity.”"),
	}
	e := New(docs, Options{})
	for _, tt := range []struct {
		q, before string
		want      []string
	}{
		{"who said that?", "Officials in Halden said the two miners were beaten to death, while Estmark has stated that one of the men died of heart failure. [1]",
			[]string{"The words are those of the officials in Halden and Estmark, as the article from Halden Post gives them [1]: “Officials in Halden said the two miners were beaten to death”; “Estmark has stated that one of the men died of heart failure”."}},
		{"Who says so?", "Autopsies revealed broken ribs, contradicting Estmarkian claims that the miners died of heart failure. [2]",
			[]string{"I find no speaker named for these words in the article from Dalby Times [1].", "Its sentence also gives the words of Estmarkian: “Estmarkian claims that the miners died of heart failure”."}},
		{"according to whom?", "Police said so. “The deaths were a crime,” Ivo Marten told reporters on Monday. [3]",
			[]string{"The words are those of Ivo Marten, as the article from Dalby Times gives them [1]: “‘The deaths were a crime,’ Ivo Marten told”."}},
		{"who said so?", "Halden officials allege both reporters are spies, though Estmark has strongly denied these claims. [1]",
			[]string{"“Halden officials allege both reporters are spies”; “Estmark has strongly denied these claims”."}},
		// A noun for who speaks that opens the sentence is no name.
		{"who said that?", "Authorities allege both miners are smugglers, though Estmark has strongly denied these claims. [1]",
			[]string{"The words are those of the authorities and Estmark, as the article from Dalby Times gives them [1]"}},
		{"who said that?", "According to Ivo Marten, the miners were beaten in the police station. [1]",
			[]string{"[1]: “According to Ivo Marten, the miners were beaten in the police station”."}},
		// A quotation that the sentence before introduces ("…, said:")
		// is that speaker's.
		{"who said that?", "Reacting to the deaths, Lena Varga, Miners Watch's Director for Halden, said: “The authorities have shown complete disregard for human dignity.” [1]",
			[]string{"The words are those of Lena Varga, Miners Watch's Director for Halden, as the article from Miners Watch gives them [1]"}},
		// Words a sentence only mentions are given with whose they are:
		// "what it called" is its subject's.
		{"who said that?", "The Halden ministry summoned the Estmark envoy on Saturday to protest what it called the “brutal killing” of two miners. [1]",
			[]string{"I find no speaker named for these words in the article from Dalby Times [1].", "Its sentence also gives the words of Halden ministry: “it called the ‘brutal killing’ of two miners”."}},
		// An article before the speaker opens the sentence: the words
		// are the speaker's, not others' words the article mentions.
		{"who said that?", "The Estmark Inquiry Board of the northern region, whose seat is Vell, admitted two miners had died in custody, but claimed they were Estmark citizens. [1]",
			[]string{"The words are those of Estmark Inquiry Board of the northern region, as the article from Dalby Times gives them [1]"}},
		// A quotation that goes on after the sentence naming its speaker
		// is the speaker's, and the answer says where the name is.
		{"who said that?", "“Police searched the office and took every computer we had.” [1]",
			[]string{"The words are those of Mara Lind, as the article from Dalby Times gives them [1]: “‘Police searched the office and took every computer we had”.",
				"The article names Mara Lind in an earlier sentence, and the quotation goes on from it."}},
		// A speaker named by a role is "the minister".
		{"who said that?", "According to the minister, the inquiry sent a letter saying the criminal case had already been closed. [1]",
			[]string{"The words are those of the minister, as the article from Dalby Times gives them [1]"}},
		{"is that confirmed?", "Officials in Halden said the two miners were beaten to death, while Estmark has stated that one of the men died of heart failure. [1]",
			[]string{"“Officials in Halden said the two miners were beaten to death”"}},
	} {
		a, err := e.AskWith(context.Background(), tt.q, []Turn{{Question: "How did the miners die?", Answer: tt.before}})
		if err != nil {
			t.Fatal(err)
		}
		if !a.Grounded || a.WhoSaid != a.Text || len(a.Citations) != 1 || a.Question != tt.q {
			t.Errorf("%s after %q: %+v, want a grounded answer of whose words, citing one passage", tt.q, tt.before, a)
		}
		for _, w := range tt.want {
			if !strings.Contains(a.Text, w) {
				t.Errorf("%s after %q: answer %q, want %q", tt.q, tt.before, a.Text, w)
			}
		}
		checkCitations(t, a)
		// What is quoted is the article's own words, quotation marks
		// aside.
		noQuotes := strings.NewReplacer("“", "", "”", "", "‘", "", "’", "", "\"", "", "'", "")
		for _, m := range regexp.MustCompile(`“([^”]+)”`).FindAllStringSubmatch(a.Text, -1) {
			if !strings.Contains(noQuotes.Replace(a.Citations[0].Text), noQuotes.Replace(m[1])) {
				t.Errorf("%s: %q is not the article's words", tt.q, m[1])
			}
		}
	}
	for _, tt := range []struct{ q, before string }{
		{"who said that?", "The articles I have do not cover that."},
		{"Who said the miners died of heart failure?", "Officials in Halden said the two miners were beaten to death. [1]"},
	} {
		a, err := e.AskWith(context.Background(), tt.q, []Turn{{Question: "How did the miners die?", Answer: tt.before}})
		if err != nil {
			t.Fatal(err)
		}
		if a.WhoSaid != "" {
			t.Errorf("%s after %q: answered whose words the last answer quoted: %q", tt.q, tt.before, a.Text)
		}
	}
}

// TestANamedVoiceInAnotherRole: "the Haldia spokesman" is not a Haldia
// speaker given another role ("Haldia aide Lena Varga"), though both are
// Haldia's; a speaker named without a role may be he.
func TestANamedVoiceInAnotherRole(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Haldia spokesman Ivo Tamm said on Wednesday that the summit in Dalby had gone well for both sides."),
		madeUp("b", "Haldia aide Lena Varga said on Wednesday that the summit in Dalby had ended a swap."),
		madeUp("c", "The summit in Dalby was the first in two years."),
	}
	a := askMadeUp(t, docs, "What did the Haldia spokesman say about the Dalby summit?")
	if !strings.HasPrefix(a.Text, "Haldia spokesman Ivo Tamm said") || strings.Contains(a.Text, "Lena Varga") {
		t.Errorf("answer %q, want the spokesman's words alone", a.Text)
	}
	if a := askMadeUp(t, docs[1:], "What did the Haldia spokesman say about the Dalby summit?"); strings.Contains(a.Text, "Lena Varga said") {
		t.Errorf("answer %q, want no aide's words for the spokesman's", a.Text)
	}
}

// TestAPronounVoiceWithoutItsNamer: "He believes that …" opening a
// passage whose sentence naming him was not retrieved is not shown
// beside the answer: it would read as the outlet's view.
func TestAPronounVoiceWithoutItsNamer(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Recall that on July 1, the Haldian citizens detained the previous day were arrested in Dalby."),
		madeUp("b", "He believes that through these detentions, the Dalby authorities sent a message to the Haldian leadership."),
	}
	a := askMadeUp(t, docs, "Why were Haldian citizens detained in Dalby?")
	if strings.Contains(a.Text, "He believes") {
		t.Errorf("answer %q, want no words of an unnamed \"he\"", a.Text)
	}
}

// TestANameInAPlaceOrBeforeAnotherVoiceIsNoSpeaker: "police in Dalby
// detained several people accused of spying" gives no words of Dalby's,
// and neither does "…, Dalby appears less willing …," they say; "Dalby
// voiced surprise" does.
func TestANameInAPlaceOrBeforeAnotherVoiceIsNoSpeaker(t *testing.T) {
	for text, want := range map[string]bool{
		"The same day, police in Dalby detained several people accused of spying.":                                                false,
		"Buoyed by its victories, Dalby appears less willing to accommodate \"heavy-handed diplomacy,\" they say, which matters.": false,
		"Ties took a hit when a Dalby missile unit reportedly shot down the airliner.":                                            false,
		"Dalby voiced surprise at the arrests.":                                                                                   true,
	} {
		ev := analyse("What did Dalby say?", []retrieval.Result{madeUp("a", text)}, nil)
		if len(ev.Ranked) == 0 {
			t.Errorf("%q: no sentence", text)
			continue
		}
		if got := ev.heardIn(ev.Ranked[0], []string{keyOf("dalby")}); got != want {
			t.Errorf("%q: heard from Dalby %v, want %v", text, got, want)
		}
	}
}

// TestAPronounWhoseSentenceBeforeIsNotShown: "It also reminded Dalby of
// …" is not shown after Dalby's own words when the sentence before it,
// which says what "it" is (Halden's ministry), is not: it would read as
// Dalby's.
func TestAPronounWhoseSentenceBeforeIsNotShown(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Authorities allege both men are Dalby agents, though Dalby has strongly denied these claims, labeling the arrests as baseless."),
		madeUp("b", "Halden's foreign ministry said the measures at the Nord office were lawful. It also reminded Dalby of Halden's expectations for a \"thorough and objective\" investigation into the deaths."),
	}
	hist := []Turn{{Question: "What did Halden say about the Nord office?", Answer: "Halden's foreign ministry said the measures at the Nord office were lawful. [1]"}}
	a, err := New(docs, Options{}).AskWith(context.Background(), "And what did Dalby say?", hist)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "Authorities allege") || strings.Contains(a.Text, "It also reminded") {
		t.Errorf("answer %q, want Dalby's denial without \"it\" of Halden's", a.Text)
	}
}

// TestHowDidTheyJustifyAsksTheirWords: "How did Dalby justify …?" asks
// what Dalby said of it, not first another side's complaint about it.
func TestHowDidTheyJustifyAsksTheirWords(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "\"These are outrageous and unacceptable actions by Dalby's police against the Nord news agency,\" Halden's foreign ministry said of the raid."),
		madeUp("b", "Dalby rejected Halden's objections to the raid on the Nord news agency, stating that all actions were lawful and that an investigation is under way."),
	}
	wantOpening(t, docs, "How did Dalby justify its raid on the Nord news agency?", "Dalby rejected Halden's objections", "Dalby's own account first")
}

// TestWhatWasTheirReactionAsksTheirWords: "What was Dalby's reaction to
// …?" asks Dalby's words, as "How did Dalby react …?" does, not another
// side's on the same matter.
func TestWhatWasTheirReactionAsksTheirWords(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "\"These are outrageous and unacceptable actions by Dalby's police against the Nord news agency,\" Halden's foreign ministry said of the raid."),
		madeUp("b", "Dalby rejected Halden's objections to the raid on the Nord news agency, stating that all actions were lawful and that an investigation is under way."),
	}
	wantOpening(t, docs, "What was Dalby's reaction to the raid on the Nord news agency?", "Dalby rejected Halden's objections", "Dalby's own account first")
}

// TestAnOfficeInACapitalIsNotItsState: "the news agency's head office in
// Halden said" is the agency's words, not Halden's; "the Foreign Ministry
// in Halden said" is Halden's.
func TestAnOfficeInACapitalIsNotItsState(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The news agency's head office in Halden said it lost contact with its reporters held in Dalby."),
		madeUp("b", "The Foreign Ministry in Halden said the detention of the reporters in Dalby was illegal."),
	}
	wantOpening(t, docs, "What did Halden say about the reporters held in Dalby?", "The Foreign Ministry in Halden said", "the ministry's words, not the agency's office")
	a := askMadeUp(t, docs[:1], "What did Halden say about the reporters held in Dalby?")
	if a.Grounded {
		t.Errorf("answer %q: the agency's office in Halden given as Halden's voice", a.Text)
	}
}

// TestWhatDidXSayAboutWhyIsXsWords: "What did Tamm's lawyer say about
// why he lost his licence?" is answered by the lawyer's words, though they
// name no loss: his words are what is asked.
func TestWhatDidXSayAboutWhyIsXsWords(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Security officials in Halden have developed complaints against traders from Estmark. On July 4, it became known that the Halden authorities deprived the trader Ola Tamm of his licence. This decision was not a consequence of the dispute between the two cities, said Tamm's lawyer. On July 9, Tamm left Halden."),
		madeUp("b", "Traders from Estmark in Halden have complained of checks by security officials."),
	}
	wantOpening(t, docs, "What did Tamm's lawyer say about why he lost his licence?", "This decision was not a consequence", "the lawyer's words")
}

// TestAccordingToTheDescribedSpeaker: "Why did the president react so
// strongly, according to Marten?" is answered by "According to the
// political scientist, the president responded strongly because …" in
// the article whose one speaker he is; "react" is "respond".
func TestAccordingToTheDescribedSpeaker(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Relations have cooled, said Estmarkian political scientist Ivo Marten.\n\n\"It is a trend,\" Marten noted.\n\nAccording to the political scientist, President Ola Brandt responded strongly because he feels more confident than before."),
		madeUp("b", "President Ola Brandt met the envoy in Halden on Monday."),
	}
	for _, q := range []string{"Why did Brandt react so strongly, according to Marten?", "Why did Brandt react so strongly, according to the Estmarkian political scientist?"} {
		wantOpening(t, docs, q, "According to the political scientist, President Ola Brandt responded strongly", "Marten's reason")
	}
	for _, w := range []string{"react", "reacted", "reaction"} {
		if keyOf(w) != keyOf("responded") || keyOf("responsible") == keyOf("responded") {
			t.Errorf("keyOf(%q) = %q, keyOf(responded) = %q, keyOf(responsible) = %q: want %q as the first two only", w, keyOf(w), keyOf("responded"), keyOf("responsible"), w)
		}
	}
}

// TestADescribedSpeakerBeforeTheName: "What did the dead men's cousin
// say?" asks the cousin's words, whoever's cousin he is, and "The
// miners' cousin, Ola Brandt, told …" gives them, the description set off
// before his name.
func TestADescribedSpeakerBeforeTheName(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The Tamm brothers' cousin, Ola Brandt, told Halden TV that the men were beaten to death in custody."),
		madeUp("b", "Both men later died in custody in Dalby, while several others were taken to hospital."),
	}
	wantOpening(t, docs, "What did the dead men's cousin say on Halden television?", "The Tamm brothers' cousin, Ola Brandt, told", "the cousin's words")
}

// TestWhatDidXTellYAsksXsWords: "What did Lund tell Brandt … in their
// first phone call after the crash?" asks Lund's words: "call" there is
// the phone call's, not a verb of saying whose speaker runs up to it; in
// "What did the state department say about …" the verb is "say", and in
// "What did Swedish state television accuse Norway of" it is "accuse".
func TestWhatDidXTellYAsksXsWords(t *testing.T) {
	for q, want := range map[string]string{
		"What did Swedish state television accuse Norway of?":                          "Swedish state television",
		"What did the state call the arrests?":                                         "the state",
		"What did Ola Lund tell Ivo Brandt in their first phone call after the crash?": "Ola Lund",
		"What did the state department say about the arrests?":                         "the state department",
		"What did Lund say in the phone call after the crash?":                         "Lund",
	} {
		if got := newQuery(q, classify(q), questionTokens(q)).speakerText; got != want {
			t.Errorf("%s: speaker %q, want %q", q, got, want)
		}
	}
}

// TestAReactionIsWordsSaid: "How did Brandt react to the letter closing
// the case?" is answered by what Brandt stated of the letter: words said
// are the reaction, though they do not call themselves one.
func TestAReactionIsWordsSaid(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Valdorian Foreign Minister Ola Brandt stated that Ostria's letter terminating the criminal investigation was gravely surprising."),
		madeUp("b", "The ferry sank near Kessel in December, killing 38 people."),
	}
	wantOpening(t, docs, "How did Brandt react to the letter closing the case?", "Valdorian Foreign Minister Ola Brandt stated", "Brandt's words")
	// How someone described a thing is what they called it.
	docs = fixedSearcher{
		madeUp("a", "Before that, Western media reported that the ferry could have been hit by a torpedo. Brandt called these reports “journalistic guesses.”"),
		madeUp("b", "The ferry sank near Kessel in December, killing 38 people."),
	}
	wantHolding(t, docs, "How did Brandt describe the Western reports that a torpedo hit the ferry?", "journalistic guesses")
}

// TestOwnedBy: a place after an owner's name says where its office is;
// elsewhere it says whose the speaker is.
func TestOwnedBy(t *testing.T) {
	for speaker, want := range map[string]string{
		"A post-mortem examination carried out in Halden": "halden",
		"the Foreign Ministry in Halden":                  "halden",
		"political observers in Halden":                   "halden",
		"the news agency's head office in Halden":         "",
		"Valdoria's embassy in Halden":                    "valdoria",
	} {
		var place, owner bool
		for _, t := range ownedBy(speaker) {
			place = place || t.Key == keyOf("halden")
			owner = owner || t.Key == keyOf("valdoria")
		}
		switch want {
		case "halden":
			if !place {
				t.Errorf("%q: Halden's place lost", speaker)
			}
		case "":
			if place {
				t.Errorf("%q: Halden kept as whose it is", speaker)
			}
		case "valdoria":
			if place || !owner {
				t.Errorf("%q: place %v, owner %v; want Valdoria's alone", speaker, place, owner)
			}
		}
	}
}
