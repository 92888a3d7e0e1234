package answer

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestQuestionTokensDropFramingWords(t *testing.T) {
	tests := []struct {
		q    string
		want []string // words whose keys remain
	}{
		{"What government post does Overchuk hold?", []string{"government", "Overchuk"}},
		{"How do the articles spell the first name of Ziyaddin Safarov's brother?", []string{"Ziyaddin", "Safarov", "brother"}},
		{"What was the death toll when the jet was brought down?", []string{"death", "jet", "brought"}},
		{"On what date did police arrest them?", []string{"police", "arrest"}},
		// "post-mortem" is content, "find" a light verb, and "first" is framing
		// only before "name".
		{"What did the post-mortem find first?", []string{"post", "mortem", "first"}},
		// What is asked ("for what reason") and how ("what else",
		// "eventually") are no words a passage must hold.
		{"For what reason did Halden cancel the visit?", []string{"Halden", "cancel", "visit"}},
		{"What else did Ola Brandt say?", []string{"Ola", "Brandt"}},
		{"What eventually happened to Ola Brandt in the end?", []string{"Ola", "Brandt"}},
		{"What happened to Ola Brandt later?", []string{"Ola", "Brandt"}},
		{"Was Ola Brandt released later than Ivo Tamm?", []string{"Ola", "Brandt", "released", "later", "Ivo", "Tamm"}},
		// "first" asks for the earliest act, unless a noun's.
		{"When did Brandt first apologise to Halden?", []string{"Brandt", "apologise", "Halden"}},
		{"When was the first meeting in Halden?", []string{"first", "meeting", "Halden"}},
	}
	for _, tt := range tests {
		var want []string
		for _, w := range tt.want {
			want = append(want, keyOf(strings.ToLower(w)))
		}
		if diff := cmp.Diff(want, contentKeys(questionTokens(tt.q))); diff != "" {
			t.Errorf("%s: keys (-want +got):\n%s", tt.q, diff)
		}
	}
}

func TestAskedAttribute(t *testing.T) {
	tests := []struct {
		q    string
		want *attribute
	}{
		{"What is the name of Azerbaijan's ambassador in Moscow?", &attribute{Focus: keyOf("ambassador"), Kind: attrNameOf}},
		{"What is the name of the Russian police officer charged with it?", &attribute{Focus: keyOf("officer"), Kind: attrNameOf}},
		{"What were the names of the two brothers who died?", &attribute{Focus: keyOf("brothers"), Kind: attrNameOf}},
		{"What was the flight number of the plane?", &attribute{Focus: keyOf("flight"), Kind: attrCode}},
		{"Why were Igor Kartavykh and Yevgeny Belousov released?", &attribute{Focus: keyOf("released"), Kind: attrReason}},
		{"What offences were the union staff accused of?", &attribute{Focus: keyOf("accused"), Kind: attrWhatOf, Verb: "accused"}},
		{"Which crimes were they charged with?", &attribute{Focus: keyOf("charged"), Kind: attrWhatOf, Verb: "charged"}},
		{"In which years were the murders they are accused of committed?", nil},
		{"What did Estmark's prosecutors accuse the police of?", &attribute{Focus: keyOf("accuse"), Kind: attrWhatOf, Verb: "accuse"}},
		{"What is the number of people detained?", nil},
		{"How many people were detained?", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, askedAttribute(questionTokens(tt.q))); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.q, diff)
		}
	}
	if k := classify("What was the flight number of the plane?"); k != kindOther {
		t.Errorf("an identifier question classifies as %v, want other", k)
	}
	if k := classify("What is the number of people detained?"); k != kindCount {
		t.Errorf("a count question classifies as %v, want count", k)
	}
	if k := classify("What did the miners die of?"); k != kindCause {
		t.Errorf("a cause question classifies as %v, want cause", k)
	}
	// "Did they die of X?" asks the cause too: each account answers it.
	if k := classify("Did the two miners die of heart failure?"); k != kindCause {
		t.Errorf("a yes/no cause question classifies as %v, want cause", k)
	}
	if k := classify("For what reason did Halden cancel the visit?"); k != kindReason {
		t.Errorf("\"for what reason\" classifies as %v, want reason", k)
	}
}

func TestStatesResponse(t *testing.T) {
	who := responders("How did Putin respond to the downing of the plane?")
	if diff := cmp.Diff(map[string]bool{keyOf("putin"): true}, who); diff != "" {
		t.Fatalf("responders (-want +got):\n%s", diff)
	}
	for s, want := range map[string]bool{
		"While Putin issued an apology, Aliyev demanded an investigation.":      true,
		"Tensions between Putin and Aliyev grew after the plane was shot down.": false,
		// The present tense too.
		"Local media call them spies, allegations that Putin rejects as absurd.": true,
	} {
		if got := statesResponse(tokenize(s), who); got != want {
			t.Errorf("statesResponse(%q) = %v, want %v", s, got, want)
		}
	}
	if responders("How many people died?") != nil {
		t.Error("a question that is not about a response has responders")
	}
}

// TestExtractiveAskedAttributes checks that a question asking for a name,
// a code or a reason is answered only by a sentence holding it, and that
// framing words do not cause abstentions.
func TestExtractiveAskedAttributes(t *testing.T) {
	tests := []struct {
		q    string
		want string // in the answer; "" means an abstention
	}{
		{"What is the name of Azerbaijan's ambassador in Moscow who was summoned?", ""},
		{"What was the flight number of the Azerbaijani Airlines plane that was shot down?", ""},
		{"Why were Igor Kartavykh and Yevgeny Belousov released?", ""},
		{"What government post does Overchuk hold?", "Deputy Prime Minister"},
		{"How did Putin respond to the downing of the Azerbaijani plane?", "apology"},
	}
	for _, fx := range fixtures {
		e := New(newBM25(loadFixture(t, fx)), Options{})
		for _, tt := range tests {
			t.Run(fx+"/"+tt.q, func(t *testing.T) {
				a, err := e.Ask(context.Background(), tt.q)
				if err != nil {
					t.Fatal(err)
				}
				if tt.want == "" {
					if a.Grounded || a.Text != NotCovered {
						t.Errorf("answered %q, want an abstention", a.Text)
					}
					return
				}
				if !a.Grounded || !strings.Contains(a.Text, tt.want) {
					t.Errorf("grounded=%v %q, want an answer with %q", a.Grounded, a.Text, tt.want)
				}
				checkCitations(t, a)
				checkQuotes(t, a)
			})
		}
	}
	// A name beside the asked-for noun answers "the names of the brothers".
	e := New(passagesByID(t, "south-caucasus-power-shift#006"), Options{})
	a, err := e.Ask(context.Background(), "What were the names of the two brothers who died in Russian custody?")
	if err != nil {
		t.Fatal(err)
	}
	if !a.Grounded || !strings.Contains(a.Text, "Huseyn Safarov") {
		t.Errorf("grounded=%v %q, want the brothers' names", a.Grounded, a.Text)
	}
}

func TestPossessorOf(t *testing.T) {
	descr := descriptors(questionTokens("Whose military intelligence reported the buildup?"))
	for s, want := range map[string]bool{
		"On July 5, Ukraine’s Main Intelligence Directorate (HUR) reported a buildup.": true,
		"Ukraine's military intelligence reported a buildup.":                          true,
		"Military intelligence in Ukraine reported a buildup.":                         false,
	} {
		if got := possessorOf(s, tokenize(s), descr); got != want {
			t.Errorf("possessorOf(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestWhoCalledItFindsTheSourceInTheSameSentence: "Who called X Y?" is
// answered by the sentence whose own source calls it so, even when the
// source is no person ("the Harbour Council"), over sentences that name
// people and share the question's other words. A quote an outlet passes on
// ("…, the Courier reports") does not make the outlet its source.
func TestWhoCalledItFindsTheSourceInTheSameSentence(t *testing.T) {
	e := New(fixedSearcher{
		madeUp("a", "“The closure of the old market has impoverished the town,” said Mayor Anna Brill, who criticised the closure of the old market on Friday."),
		madeUp("b", "Trader Paul Oster said the closure of the old market was hasty."),
		madeUp("c", "The province ordered the closure of the old market — a decision the Harbour Council has described as “regrettable.”"),
		madeUp("d", "“The closure of the old market was regrettable and hasty,” the Courier reports."),
	}, Options{})
	a, err := e.Ask(context.Background(), "Who called the closure of the old market regrettable?")
	if err != nil {
		t.Fatal(err)
	}
	if !a.Grounded || !strings.HasPrefix(a.Text, "The province ordered the closure of the old market — a decision the Harbour Council") {
		t.Errorf("answer %q, want the Harbour Council's sentence first", a.Text)
	}
	checkCitations(t, a)
	checkQuotes(t, a)

	// Without the council's sentence, the outlet that passes a quote on is
	// not given as who called it so.
	e = New(fixedSearcher{
		madeUp("a", "“The closure of the old market has impoverished the town,” said Mayor Anna Brill, who criticised the closure of the old market on Friday."),
		madeUp("d", "“The closure of the old market was regrettable and hasty,” the Courier reports."),
	}, Options{})
	if a, err = e.Ask(context.Background(), "Who called the closure of the old market regrettable?"); err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(a.Text, "“The closure of the old market was regrettable") {
		t.Errorf("answer %q: the Courier, which reports the quote, is given as its source", a.Text)
	}
}

// TestWhatDidXSayFindsXsWords: "What did Estmark say killed Lena Varga?"
// is answered by the sentence where Estmark's officials are cued as
// speaking, looked for further down the ranking when the passages read
// hold only other speakers' words and narration; never by the other
// side's claim.
func TestWhatDidXSayFindsXsWords(t *testing.T) {
	rs := firstK{
		madeUp("a", "Valdorian prosecutors said they had opened an investigation into the killing of Lena Varga by police in Ostrava."),
		madeUp("b", "Tensions rose after Lena Varga was killed in Estmark police custody in Ostrava last week."),
		madeUp("c", "Valdoria summoned Estmark's ambassador over the killing of Lena Varga, its foreign ministry said."),
		madeUp("d", "Estmark officials claimed that Lena Varga died of heart failure during questioning."),
	}
	a, err := New(rs, Options{TopK: 2}).Ask(context.Background(), "What did Estmark say killed Lena Varga?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "Estmark officials claimed that Lena Varga died of heart failure") {
		t.Errorf("answer %q, want Estmark's officials' words first", a.Text)
	}
	if strings.Contains(a.Text, "Valdorian prosecutors said") {
		t.Errorf("answer %q gives the other side's words", a.Text)
	}
	checkCitations(t, a)
}

// TestWhyFindsTheReasonInARelatedWord: "why is X angry" is answered by a
// sentence telling of X's anger, a word the thesaurus relates to the
// asked one, when no sentence has the asked word itself; a sentence of
// neither still answers nothing.
func TestWhyFindsTheReasonInARelatedWord(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Valdoria summoned Ostria's ambassador on Monday after the raids on its citizens in Halden."),
		madeUp("b", "The deaths of two Valdorian brothers in Ostrian police custody in Halden caused anger in Valdoria, whose officials accused Ostria of torture."),
	}
	a := askMadeUp(t, docs, "Why is Valdoria angry at Ostria?")
	if !a.Grounded || !strings.HasPrefix(a.Text, "The deaths of two Valdorian brothers") {
		t.Errorf("answer %q, want the sentence telling of Valdoria's anger", a.Text)
	}
	if a := askMadeUp(t, docs[:1], "Why is Valdoria angry at Ostria?"); a.Grounded {
		t.Errorf("answered %q from a sentence that tells of no anger, want an abstention", a.Text)
	}
}

// TestWhatDidXSayIsNotRelayedWords: "what did X say" is answered by X's
// words, not by a sentence whose words are only relayed ("…, local media
// reported"), which is not shown after them either.
func TestWhatDidXSayIsNotRelayedWords(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Police in Halden raided the offices of Ostria's news agency Nord on Monday, local media reported. "+
			"Ostria has strongly denied the claims, calling the raid on Nord's office an unfriendly act."),
	}
	a := askMadeUp(t, docs, "What did Ostria say about the Nord raid?")
	if !strings.HasPrefix(a.Text, "Ostria has strongly denied") || strings.Contains(a.Text, "local media reported") {
		t.Errorf("answer %q, want Ostria's words alone", a.Text)
	}
	// Oslo's words first (a capital speaks for its country), and the
	// relayed ones, close behind, not after them.
	docs = fixedSearcher{
		madeUp("a", "Valdoria's police have stormed Nord's Halden bureau, detaining staff as ties with Oslo sour. "+
			"Police in Halden raided the offices of Norway's state-funded news agency Nord on Monday, local media reported."),
		madeUp("b", "In a dramatic move, Valdorian police raided Nord's Halden office and detained two employees. "+
			"Authorities allege both individuals are operatives of Norway's Police Security Service (PST), though Oslo has strongly denied these claims, labeling the arrests as baseless."),
	}
	a = askMadeUp(t, docs, "What did Oslo say about the Nord raid?")
	if !strings.HasPrefix(a.Text, "Authorities allege both individuals") || strings.Contains(a.Text, "local media reported") {
		t.Errorf("answer %q, want Oslo's words and no one else's", a.Text)
	}
	// "state-funded" is no word of speech beside Norway: no one gives
	// Norway's words.
	docs = fixedSearcher{madeUp("a", "Police in Halden raided the offices of Norway's state-funded news agency Nord on Monday, local media reported.")}
	if a = askMadeUp(t, docs, "What did Norway say about the Nord raid?"); a.Grounded {
		t.Errorf("answered %q, want an abstention: no passage gives Norway's words", a.Text)
	}
}

// TestWhatReasonDidTheyGive: "What reason did X give for Y?" asks why, as
// X tells it: the reason X's side gave answers, not a sentence that tells
// of Y again.
func TestWhatReasonDidTheyGive(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Ostrian police raided the office of the Nord news agency in Halden on Monday, local media reported."),
		madeUp("b", "According to Ostrian authorities, the Nord news agency had kept working through illegal financing after its licence was revoked."),
	}
	wantOpening(t, docs, "What reason did Ostrian authorities give for raiding the Nord news agency's office?", "According to Ostrian authorities", "the reason Ostria's authorities gave")
}

// TestWhatDidXSayQuotesWhatXIntroduces: a sentence saying X responded,
// followed by a quotation that names no speaker, gives X's words in that
// quotation; a quotation that names X is someone else's words about X.
func TestWhatDidXSayQuotesWhatXIntroduces(t *testing.T) {
	intro := "Lena Varga, Spokesperson for Valdoria's Foreign Ministry, responded to comments made by Tomas Berg about the cancelled concerts.\n\n"
	docs := fixedSearcher{madeUp("a", intro+"“His words distort a lawful decision and are unacceptable,” Nord reports.")}
	wantHolding(t, docs, "What did Lena Varga say about Tomas Berg?", "are unacceptable")
	docs = fixedSearcher{madeUp("a", intro+"“The remarks made by Tomas Berg in his interview are unacceptable and biased,” Nord reports.")}
	if a := askMadeUp(t, docs, "What did Tomas Berg say about the concerts?"); strings.Contains(a.Text, "are unacceptable and biased") {
		t.Errorf("answer %q gives Varga's words about Berg as his", a.Text)
	}
}

// TestWhatChargesAreNamed: "What charges did they face?" is answered by a
// sentence that says what the charges are ("charges of fraud"), not by one
// that only says there were some ("will face charges").
func TestWhatChargesAreNamed(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The two Nord editors in Halden were jailed for four months pending trial, while five others will face criminal charges."),
		madeUp("b", "The Nord editors were arrested in Halden on Monday. The next day, Ostrian prosecutors filed charges of fraud and money laundering."),
	}
	wantOpening(t, docs, "What charges did the Nord editors face in Halden?", "The next day, Ostrian prosecutors filed charges of fraud", "the sentence naming the charges")
}

// TestWhatTheyWereAccusedOf: "What offences were X accused of?" is
// answered by the sentence that says what, in words of its own ("accused
// the union staff of fraud"), not by one that repeats the question's
// words, nor by "others accused of …", which tells of others than those
// the sentence named first.
func TestWhatTheyWereAccusedOf(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The Halden union staff were detained on Monday over offences the police did not name, the union said."),
		madeUp("b", "The arrests included several foreigners, some linked to the Halden union and others accused of drug trafficking."),
		madeUp("c", "Prosecutors later accused the Halden union staff of fraud and money laundering."),
	}
	q := "What offences were the Halden union staff accused of?"
	if a := askMadeUp(t, docs, q); !strings.HasPrefix(a.Text, "Prosecutors later accused the Halden union staff of fraud") || strings.Contains(a.Text, "drug") {
		t.Errorf("%s: answer %q, want what the staff were accused of, and only that", q, a.Text)
	}
}

// TestWhatChargesTheyFace: "What charges does Belousov face?" asks what
// he is accused of: "accused of fraud" answers, though it says no
// "charges".
func TestWhatChargesTheyFace(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Ivo Tamm, the editor who faces trial in Halden, was arrested in June and accused of fraud and money laundering."),
		madeUp("b", "The Courier's office in Halden was raided on Monday, and charges against a union were opened."),
	}
	wantOpening(t, docs, "What charges does Tamm face?", "Ivo Tamm, the editor who faces trial in Halden, was arrested in June and accused of fraud", "what he is accused of")
}

// TestWhatXAccusedThemOf: "What did Valdoria accuse the Courier's staff
// of?" asks for Valdoria's accusation: Estmark's is no answer, however
// well it matches the rest.
func TestWhatXAccusedThemOf(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Estmark's police accused the Courier's staff of fraud and money laundering after the raid on its office."),
		madeUp("b", "The Courier's office in Halden, owned by a Valdoria publisher, was raided on Monday."),
	}
	q := "What did Valdoria accuse the Courier's staff of?"
	if a := askMadeUp(t, docs, q); a.Grounded {
		t.Errorf("%s: answer %q, want none: only Estmark accused them", q, a.Text)
	}
	q = "What did Estmark accuse the Courier's staff of?"
	wantOpening(t, docs, q, "Estmark's police accused the Courier's staff of fraud", "Estmark's accusation")
}

// TestAccusedAsksNoSpeaker: "What was X accused of?" is passive: X is the
// accused, not a speaker whose words are asked for; and a charge is
// answered by any verb of charging ("suspected of").
func TestAccusedAsksNoSpeaker(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The ministry on July 1 accused Halden of taking unfriendly actions against its neighbour."),
		madeUp("b", "Local media said the arrested journalists, Ivo Marten and Lena Varga, were suspected of being undercover agents of the Ostrian security service."),
	}
	a, err := New(docs, Options{}).Ask(context.Background(), "What was Ivo Marten accused of?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "suspected of being undercover agents") {
		t.Errorf("answer %q, want what he was suspected of", a.Text)
	}
}

// TestHowDidXDescribe: "How did Brandt describe the way the miners were
// taken away?" is answered by his words on it; "the way" frames the
// question as "how" does, and no sentence need hold it.
func TestHowDidXDescribe(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Talks on the agency's work in Halden went on, according to Ola Brandt, the agency's director. He expressed that the police escorting the miners away “with their arms twisted” stunned Ostria."),
		madeUp("b", "Police in Halden detained nine miners at the agency's office."),
	}
	a := askMadeUp(t, docs, "How did Brandt describe the way the miners were taken away?")
	if !strings.Contains(a.Text, "arms twisted") {
		t.Errorf("answer %q, want Brandt's words on the arrests", a.Text)
	}
}

// TestAReasonByTheAskedSpeakerInOtherWords: "Why did Halden shut the
// Ostrian House, according to Valdorian analysts?" is answered by the
// analysts' reason in other words ("The liquidation … was the result of
// …"), not declined because only others' words hold "shut".
func TestAReasonByTheAskedSpeakerInOtherWords(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Ostrian officials stated that Halden's decision to shut the Ostrian House was a way to put pressure on Ostria."),
		madeUp("b", "The liquidation of the Ostrian House in Halden was the result of Ostria's failure to pay compensation for the ferry, Valdorian analysts noted."),
	}
	wantOpening(t, docs, "Why did Halden shut the Ostrian House, according to Valdorian analysts?", "The liquidation of the Ostrian House", "the analysts' reason")
}

// TestWhatKindOfAsksWhich: "What kind of missile hit the embassy in
// Lund?" asks which missile, and "an Arrow-class missile, which struck the
// embassy" names it; no passage need hold "kind".
func TestWhatKindOfAsksWhich(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "A strong protest was lodged over the impact of an Arrow-class missile, which struck the territory of the Valdorian embassy in Lund."),
		madeUp("b", "Relations between Dalby and Lund took a hit in December when a missile defence unit shot down a plane."),
	}
	for _, q := range []string{"What kind of missile hit the embassy in Lund?", "what sort of missile hit the embassy in lund"} {
		if a := askMadeUp(t, docs, q); !strings.HasPrefix(a.Text, "A strong protest was lodged") {
			t.Errorf("%s: answer %q, want the Arrow-class missile", q, a.Text)
		}
	}
}

// TestACapitalIsNamedByItsCountry: "Which Russian diplomat did Oslo
// summon over the embassy strike?" is named by "Norway's Foreign Ministry
// summoned Russia's ambassador …" beside the strike, before Oslo's
// summons of another Russian over another matter that writes "Oslo".
func TestACapitalIsNamedByItsCountry(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "A drone strike hit the Norwegian embassy in Lund overnight. Norway's Foreign Ministry immediately summoned Russia's ambassador, Ola Brandt, handing him a formal note of protest."),
		madeUp("b", "The deaths of two Norwegians in Russian custody angered Oslo. It summoned Russia's chargé d'affaires in Oslo, Kamal Marten, to demand a transparent probe."),
	}
	a := askMadeUp(t, docs, "Which Russian diplomat did Oslo summon over the embassy strike?")
	if !strings.HasPrefix(a.Text, "Norway's Foreign Ministry immediately summoned") {
		t.Errorf("answer %q, want Brandt's summons over the strike first", a.Text)
	}
}

// TestAReasonAfterTheActByItsPronoun: "Why was Ivo Tamm stripped of his
// citizenship?" is answered by the act and the sentence after it that
// gives its grounds with a pronoun for him ("He was accused of …").
func TestAReasonAfterTheActByItsPronoun(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Ostrian authorities have stripped Ivo Tamm, head of the Valdorian council, of his citizenship. He was accused of ties to smuggling schemes and inciting hatred. Tamm has supported the Valdorian president."),
		madeUp("b", "The Valdorian community in Halden elected a new head in March."),
	}
	a := askMadeUp(t, docs, "Why was Ivo Tamm stripped of his citizenship?")
	if !strings.Contains(a.Text, "He was accused of ties to smuggling") {
		t.Errorf("answer %q, want the grounds after the act", a.Text)
	}
}

// TestAReasonInTheArticlesNextPassage: when the passage that tells the
// act ends before the article says why, the reason is read from the
// article's next passage, when that was retrieved too; "prevents" states
// one.
func TestAReasonInTheArticlesNextPassage(t *testing.T) {
	next := madeUp("a", "Ostria's presidential office told the agency Lundpress that Tamm's busy schedule prevents his participation. The office also noted that he values the bloc.")
	next.Index, next.ID = 1, "a#1"
	docs := fixedSearcher{
		madeUp("a", "Ostrian President Ivo Tamm will not attend an informal summit of the Northern Union scheduled for Monday in Lund, according to state media."),
		next,
		madeUp("b", "The Northern Union was founded in 1991 in Lund."),
	}
	wantHolding(t, docs, "Why did Tamm stay away from the informal summit in Lund?", "busy schedule prevents his participation")
}

// TestInOrderToIsNoOrder: "Why did Ostria order the House in Lund to
// close?" is not answered by "… creating problems in order to give control
// …", whose "order" is a purpose, not the command asked about.
func TestInOrderToIsNoOrder(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Lund is deliberately creating problems in order to give control of the House to Halden, and not to the Valdorian Federation."),
		madeUp("b", "The Ostrian Foreign Ministry has ordered the closure of the Valdorian agency's activities in the country, citing non-compliance with the country's laws."),
		madeUp("c", "The Valdorian House in Lund has held concerts since 2010."),
	}
	if a := askMadeUp(t, docs, "Why did Ostria order the Valdorian House in Lund to close?"); strings.Contains(a.Text, "in order to") {
		t.Errorf("answer %q, want no purpose's \"in order to\" for the order", a.Text)
	}
	for _, tk := range tokenize("They ordered it in order to win, in order for us to see the order.") {
		if want := tk.Start == strings.Index("They ordered it in order to win, in order for us to see the order.", "order to") ||
			tk.Start == strings.Index("They ordered it in order to win, in order for us to see the order.", "order for"); strings.EqualFold(tk.Word, "order") && tk.Stop != want {
			t.Errorf("%q at %d: stop %v, want %v", tk.Word, tk.Start, tk.Stop, want)
		}
	}
}

// TestTelephoneIsPhone: "What did Brandt tell Tamm on the phone?" meets
// "held telephone talks".
func TestTelephoneIsPhone(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "On July 1, Ola Brandt confirmed that he had held telephone talks with Ivo Tamm. He also expressed clear support for Halden."),
		madeUp("b", "Tamm met the Valdorian envoy in Lund in May."),
		madeUp("c", "Brandt and Tamm disagreed over the inquiry."),
		madeUp("d", "Brandt said Tamm's ministry would answer."),
		madeUp("e", "Brandt and Tamm met in Lund in June."),
		madeUp("f", "Tamm's office declined to comment on Brandt."),
	}
	wantHolding(t, docs, "What did Brandt tell Tamm on the phone?", "telephone talks")
}
