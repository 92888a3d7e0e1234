package facts

import (
	"slices"
	"testing"
)

// TestDirection reads who does an act and to whom from plain grammar:
// voice, the subject and object of a verb, and the prepositions and verbs
// around an event noun. Where the grammar says nothing, both stay empty.
func TestDirection(t *testing.T) {
	const lead = "Relations between Valdoria and Ostria soured. "
	tests := []struct {
		text, date string
		by, to     []string
	}{
		// A noun made by a giving verb, its subject's act, "to" its aim;
		// a name after a preposition in the subject is not the subject.
		{"On July 1, Valdoria's ambassador to Ostria, Erik Lund, delivered a formal protest to Ostria over the arrests.", "July 1",
			[]string{"Erik", "Lund", "Valdoria"}, []string{"Ostria"}},
		// A passive participle's subject is acted on; an infinitive's
		// receiving verb takes the subject of the finite verb before it.
		{"Valdoria's ambassador was summoned to the foreign ministry on Tuesday to receive an official protest.", "Tuesday",
			nil, []string{"Valdoria"}},
		{"Valdoria's ambassador was summoned by Ostria on Tuesday.", "Tuesday",
			[]string{"Ostria"}, []string{"Valdoria"}},
		// The date is the detention's, whose object names no one.
		{"Valdoria on Monday detained a group of reporters, drawing a protest from Ostria.", "Monday",
			[]string{"Valdoria"}, nil},
		{"Ostria on Monday released Valdoria's consul.", "Monday",
			[]string{"Ostria"}, []string{"Valdoria"}},
		// A pre-trial detention's event word is keyed "jail" (EventKey).
		{"The pre-trial detention by Ostria of the consul began on Monday.", "Monday",
			[]string{"Ostria"}, nil},
		// An irregular past tense is a verb too.
		{"Ostria on Monday shot down Valdoria's drone.", "Monday",
			[]string{"Ostria"}, []string{"Valdoria"}},
		// "After" opening a clause: the name before its verb is the
		// subject, not a preposition's object; one of a phrase after
		// "after" is not.
		{"Ties soured after Ostrian air defences on Monday shot down Valdoria's drone.", "Monday",
			[]string{"Ostria"}, []string{"Valdoria"}},
		{"After talks in Ostria, officials on Monday shot down Valdoria's drone.", "Monday",
			nil, []string{"Valdoria"}},
		// A capital's possessive stands for its country too.
		{"Valdoria on Monday summoned Oslo's envoy.", "Monday",
			[]string{"Valdoria"}, []string{"Norway"}},
		// No plain grammar: nothing read.
		{"Talks on the protests resumed on Monday.", "Monday", nil, nil},
	}
	for _, tt := range tests {
		var got *Fact
		// The lead names both sides inside a sentence: a first word is a
		// name only if the document capitalises it elsewhere too.
		for _, f := range kinds(Read(doc("a", "2025-07-02", lead+tt.text)), KindDate) {
			if f.Text == tt.date {
				got = &f
			}
		}
		if got == nil {
			t.Errorf("%q: no date %q", tt.text, tt.date)
			continue
		}
		if by, to := keys(tt.by), keys(tt.to); !slices.Equal(got.Event.By, by) || !slices.Equal(got.Event.To, to) {
			t.Errorf("%q: by %v, to %v; want by %v, to %v", tt.text, got.Event.By, got.Event.To, keys(tt.by), keys(tt.to))
		}
	}
}

// TestOppositeCountsDoNotDisagree: one side detaining seven of the other's
// citizens and the other detaining nine of the first's are two events,
// whatever day and noun they share; two counts (or times) of one way do
// disagree.
func TestOppositeCountsDoNotDisagree(t *testing.T) {
	const lead = "Relations between Valdoria and Ostria soured. "
	a := Read(doc("a", "2025-07-02", lead+"Ostrian police detained 50 Valdorian citizens on Friday in Kessel."))
	b := Read(doc("b", "2025-07-02", lead+"Valdorian police detained seven Ostrian citizens on Friday in Kessel."))
	if ds := Disagreements(append(a, b...)); len(ds) != 0 {
		t.Errorf("opposite detentions disagree: %+v", ds)
	}
	c := Read(doc("c", "2025-07-02", lead+"Ostrian police detained nine Valdorian citizens on Friday in Kessel."))
	if ds := Disagreements(append(a, c...)); len(ds) != 1 {
		t.Errorf("two counts of one detention: %d disagreements, want 1", len(ds))
	}
	// Times of day likewise.
	a = Read(doc("a", "2025-07-02", lead+"Ostrian police detained the Valdorian journalist Erik Lund at 5 am on Friday."))
	b = Read(doc("b", "2025-07-02", lead+"Valdorian police detained the Ostrian journalist Erik Lund at 9 pm on Friday."))
	if ds := Disagreements(append(a, b...)); len(ds) != 0 {
		t.Errorf("times of opposite detentions disagree: %+v", ds)
	}
	c = Read(doc("c", "2025-07-02", lead+"Ostrian police detained the Valdorian journalist Erik Lund at 9 pm on Friday."))
	if ds := Disagreements(append(a, c...)); len(ds) != 1 {
		t.Errorf("two times of one detention: %d disagreements, want 1", len(ds))
	}
}

// keys keys names as Words does, sorted.
func keys(names []string) []string {
	var out []string
	for _, n := range names {
		out = append(out, Words(n)[0].Key)
	}
	slices.Sort(out)
	return out
}

// TestQuestionActs reads a question's act as a sentence's, with an inverted
// question's subject after its auxiliary; a subject that is not one plain
// phrase is not read.
func TestQuestionActs(t *testing.T) {
	tests := []struct {
		q      string
		by, to []string
	}{
		{"Did Valdoria summon Ostria's ambassador?", []string{"Valdoria"}, []string{"Ostria"}},
		{"Why did Valdoria's foreign ministry summon the ambassador?", []string{"Valdoria"}, nil},
		{"When was Valdoria's ambassador summoned by Ostria?", []string{"Ostria"}, []string{"Valdoria"}},
		{"Who summoned Valdoria's ambassador?", nil, []string{"Valdoria"}},
		// A capital acts for its country.
		{"Did Oslo protest to Valdoria?", []string{"Norway"}, []string{"Valdoria"}},
		// A passive perfect's subject is acted on.
		{"Have any Valdorian police officers been charged?", nil, []string{"Valdoria"}},
		{"Has Valdoria's ambassador been summoned by Ostria?", []string{"Ostria"}, []string{"Valdoria"}},
		{"Has Valdoria summoned Ostria's ambassador?", []string{"Valdoria"}, []string{"Ostria"}},
		// A fronted object is acted on.
		{"Which Ostrian diplomat did Valdoria summon?", []string{"Valdoria"}, []string{"Ostrian"}},
		{"Whose ambassador did Valdoria summon?", []string{"Valdoria"}, nil},
	}
	for _, tt := range tests {
		acts := QuestionActs(tt.q)
		if len(acts) != 1 {
			t.Errorf("%q: acts %+v, want one", tt.q, acts)
			continue
		}
		if by, to := keys(tt.by), keys(tt.to); !slices.Equal(acts[0].By, by) || !slices.Equal(acts[0].To, to) {
			t.Errorf("%q: by %v, to %v; want by %v, to %v", tt.q, acts[0].By, acts[0].To, by, to)
		}
	}
	if acts := QuestionActs("When did Putin admit Russia shot down the plane?"); len(acts) != 0 {
		t.Errorf("a clause inside the subject: acts %+v, want none", acts)
	}
}

// TestActs reads an act per event word whose doer or receiver the grammar
// gives, including a relative clause's antecedent, a passive's agent
// further on in its clause, and the subject of a verb joined by "and";
// where the grammar gives neither, there is no act.
func TestActs(t *testing.T) {
	const lead = "Relations between Valdoria and Ostria soured. "
	tests := []struct {
		text, word string
		by, to     []string
		none       bool
	}{
		{text: "Ostria's police raided Valdoria's consulate and detained two employees.", word: "detained", by: []string{"Ostria"}},
		{text: "Officials spoke of the Valdoria airliner that was shot down over the sea by Ostria's air defences.", word: "shot",
			by: []string{"Ostria"}, to: []string{"Valdoria"}},
		{text: "The fact that the plane was shot down was later acknowledged by Ostria.", word: "shot", none: true},
		{text: "The two miners were flown to Halden and examined later that night.", word: "examined", none: true},
		{text: "Valdoria's president apologized to Ostria's president for the crash.", word: "apologized",
			by: []string{"Valdoria"}, to: []string{"Ostria"}},
		// A body located "in" a place is that place's; an appositive
		// says whose the named are.
		{text: "Authorities in Valdoria on Monday arrested Erik Lund and Karl Berg, two Ostrian journalists working in Kessel.", word: "arrested",
			by: []string{"Valdoria"}, to: []string{"Erik", "Lund", "Karl", "Berg", "Ostrian"}},
		// A compound's name is its first part.
		{text: "Seven people linked to a Valdoria-funded outlet were detained on Monday.", word: "detained", to: []string{"Valdoria"}},
		// A relative clause after a comma is of the name before it, not
		// of a name after a preposition.
		{text: "Officials said Ostrian envoy Erik Lund, who was summoned to the Valdorian ministry, gave explanations.", word: "summoned",
			to: []string{"Ostrian", "Erik", "Lund"}},
		{text: "Also held was Karl Berg, an editor with Valdoria Radio, who was detained at the border.", word: "detained", none: true},
	}
	for _, tt := range tests {
		var got *Fact
		for _, f := range kinds(Read(doc("a", "2025-07-02", lead+tt.text)), KindAct) {
			if f.Text == tt.word {
				got = &f
			}
		}
		switch {
		case tt.none && got != nil:
			t.Errorf("%q: act %q by %v, to %v; want none", tt.text, tt.word, got.Event.By, got.Event.To)
		case tt.none:
		case got == nil:
			t.Errorf("%q: no act %q", tt.text, tt.word)
		default:
			if by, to := keys(tt.by), keys(tt.to); !slices.Equal(got.Event.By, by) || !slices.Equal(got.Event.To, to) {
				t.Errorf("%q: by %v, to %v; want by %v, to %v", tt.text, got.Event.By, got.Event.To, by, to)
			}
		}
	}
}

// TestReversed: an act is reversed only with its doer and receiver both
// swapped; one name crossing over, the other role another name or
// unknown, is not.
func TestReversed(t *testing.T) {
	ev := func(by, to []string) Event { return Event{Trigger: "call", By: keys(by), To: keys(to)} }
	asked := ev([]string{"Ostria"}, []string{"Valdoria"})
	for _, tt := range []struct {
		read Event
		want bool
	}{
		{ev([]string{"Valdoria"}, []string{"Ostria"}), true},
		{ev([]string{"Valdoria"}, []string{"Kessel"}), false},
		{ev([]string{"Valdoria"}, nil), false},
		{ev([]string{"Ostria"}, []string{"Valdoria"}), false},
	} {
		if got := Reversed(asked, tt.read); got != tt.want {
			t.Errorf("Reversed(%v, %v) = %v, want %v", asked, tt.read, got, tt.want)
		}
	}
}

// TestActSidesWithAbbreviations: an act asked about with a short form
// ("the NWA jet") is the act the passages tell with the long form its
// articles define ("a Northland Airways flight").
func TestActSidesWithAbbreviations(t *testing.T) {
	asked := QuestionActs("Who shot down the NWA jet?")
	var told []Event
	for _, f := range kinds(Read(doc("a", "2025-07-02", "Ostrian air defences shot down a Northland Airways flight over the border in May.")), KindAct) {
		told = append(told, f.Event)
	}
	if len(asked) != 1 || len(told) != 1 || asked[0].Trigger != told[0].Trigger {
		t.Fatalf("acts asked %+v, told %+v: want one of one event word each", asked, told)
	}
	if ShareKey(asked[0].To, told[0].To) {
		t.Fatalf("receivers %v and %v in common before the abbreviation is known", asked[0].To, told[0].To)
	}
	with := asked[0].WithAbbrevs([]Abbrev{{"CSTO", "Collective Security Treaty Organization"}, {"NWA", "Northland Airways"}})
	if !ShareKey(with.To, told[0].To) {
		t.Errorf("receivers %v and %v have no key in common, want the long form's", with.To, told[0].To)
	}
	if !slices.Equal(with.By, asked[0].By) || slices.Contains(with.To, Key("collective")) {
		t.Errorf("expanded %+v: want only the defined short form's long form added", with)
	}
	// The long form is a participant as an entity of its name is: a
	// date of the NWA aircraft is one of the Northland Airways plane.
	var dated []Event
	for _, f := range kinds(Read(doc("a", "2025-07-02", "In December 2023, a Northland Airways plane was mistakenly shot down.")), KindDate) {
		dated = append(dated, f.Event)
	}
	if len(dated) != 1 || !shareOne(with.Participants, dated[0].Participants) {
		t.Errorf("participants %v and %+v: want the long form's in common", with.Participants, dated)
	}
}

// TestQuestionDoer reads whose acts a question asks without naming one.
func TestQuestionDoer(t *testing.T) {
	tests := []struct {
		q    string
		want []string
	}{
		{"Did Patria do anything about the arrests?", []string{Key("patria")}},
		{"What has Ostria done since then?", []string{Key("ostria")}},
		{"What did Patria say about the arrests?", nil},
		{"Did Patria summon the Ostrian envoy?", nil},
	}
	for _, tt := range tests {
		if got := QuestionDoer(tt.q); !slices.Equal(got, tt.want) {
			t.Errorf("QuestionDoer(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

// TestEventKeyOfACourtsMeasure keys a pre-trial detention and a house
// arrest as held by a court ("jail"), an arrest as taken in ("detain").
func TestEventKeyOfACourtsMeasure(t *testing.T) {
	tests := []struct{ text, word, want string }{
		{"The court ordered his pre-trial detention.", "detention", "jail"},
		{"He was moved from prison to house arrest.", "arrest", "jail"},
		{"Police arrested him at his house.", "arrested", "detain"},
	}
	for _, tt := range tests {
		ws := Words(tt.text)
		i := slices.IndexFunc(ws, func(w Word) bool { return w.Text == tt.word })
		if got := EventKey(ws, i); got != tt.want {
			t.Errorf("EventKey(%q) in %q = %q, want %q", tt.word, tt.text, got, tt.want)
		}
	}
}
