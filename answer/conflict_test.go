package answer

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/retrieval"
)

// TestNoConflictBetweenDifferentEvents: values from sentences about other
// events, or counting other things, are not a disagreement.
func TestNoConflictBetweenDifferentEvents(t *testing.T) {
	doc := func(id, text string) retrieval.Result {
		return retrieval.Result{Passage: corpus.Passage{ID: id + "#0", DocID: id, Text: text}}
	}
	tests := []struct {
		name, q string
		search  Searcher
	}{
		{
			// July 3 is Shikhlinski's arrest, June 30 the Sputnik raid.
			name:   "raid date",
			q:      "When did the Yekaterinburg raid happen?",
			search: passagesByID(t, "yekaterinburg-raid-fallout#000", "south-caucasus-power-shift#008", "south-caucasus-power-shift#007", "yekaterinburg-raid-fallout#016"),
		},
		{
			// 38 were killed, 67 were on board.
			name: "count of another thing",
			q:    "How many people were on board?",
			search: fixedSearcher{
				doc("a", "Russian air defences shot down an Azerbaijan Airlines plane over Chechnya in December 2024, killing 38 of the 67 people on board."),
				doc("b", "Russian air defences shot down the Azerbaijan Airlines plane over Chechnya, killing 38 people."),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := New(tt.search, Options{}).Ask(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if !a.Grounded || a.Disagreement != "" || strings.Contains(a.Text, "disagree") {
				t.Errorf("grounded %v, Disagreement %q; want an answer and no disagreement: %q", a.Grounded, a.Disagreement, a.Text)
			}
			checkCitations(t, a)
			checkQuotes(t, a)
		})
	}
}

// TestAirlinerConflictDoesNotDependOnWording: however the question is put,
// the December 2023 answer comes with the December 2024 accounts.
func TestAirlinerConflictDoesNotDependOnWording(t *testing.T) {
	want := regexp.MustCompile(`^Sources disagree on the date: \[\d\] says “December 2023”, while \[\d\] says “December 2024” and \[\d\] “Last December” \(December 2024\)\.$`)
	for _, fx := range fixtures {
		e := New(newBM25(loadFixture(t, fx)), Options{})
		for _, q := range []string{"When did Russia shoot down the Azerbaijani plane?", "When was the Azerbaijani airliner shot down?"} {
			a, err := e.Ask(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			if !want.MatchString(a.Disagreement) {
				t.Errorf("%s %q: Disagreement = %q, want %v; answer %q", fx, q, a.Disagreement, want, a.Text)
			}
			checkCitations(t, a)
		}
	}
}

// TestCauseAccountsAreNotSourceDisagreement: every article reports both
// Azerbaijan's and Russia's account of the deaths, so the answer gives
// both accounts (and any other wording found further down) and does not
// say the sources disagree.
func TestCauseAccountsAreNotSourceDisagreement(t *testing.T) {
	for _, fx := range fixtures {
		a, err := New(newBM25(loadFixture(t, fx)), Options{}).Ask(context.Background(), "How did the brothers die?")
		if err != nil {
			t.Fatal(err)
		}
		// Looking further may add a third wording ("tortured to death"),
		// never fewer than Azerbaijan's and Russia's.
		if !regexp.MustCompile(`^The articles report (two|three) accounts of the cause: `).MatchString(a.Disagreement) ||
			!strings.Contains(a.Disagreement, "post-traumatic shock") ||
			!strings.Contains(a.Disagreement, "according to Russian authorities") {
			t.Errorf("%s: Disagreement = %q, want the two accounts with the Russian one attributed", fx, a.Disagreement)
		}
		if regexp.MustCompile(`(?i)disagree|differ`).MatchString(a.Text) {
			t.Errorf("%s: answer says the sources disagree: %q", fx, a.Text)
		}
		checkCitations(t, a)
	}
}

// TestAccountsNameEachSpeakerOnce: a speaker whose words another of the
// same account holds ("Estmarkian" in "Estmarkian police") is not named
// again.
func TestAccountsNameEachSpeakerOnce(t *testing.T) {
	doc := madeUp
	docs := []retrieval.Result{
		doc("a", "Estmarkian police said the miner died of a heart attack in the cell."),
		doc("b", "An autopsy found broken ribs, contradicting Estmarkian claims that the miner died of a heart attack."),
		doc("c", "Doctors in Dalby said the miner died of internal bleeding after a beating."),
	}
	a, err := New(fixedSearcher(docs), Options{}).Ask(context.Background(), "How did the miner die?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Disagreement, "according to Estmarkian police") || strings.Contains(a.Disagreement, "police and Estmarkian") {
		t.Errorf("Disagreement = %q, want the Estmarkian account credited to Estmarkian police once", a.Disagreement)
	}
	checkCitations(t, a)
}

// TestCauseAccountsNotWhenOneSideIsAsked: "what did the Azerbaijani
// autopsy find" asks one side's account; the other is no answer to it,
// and the answer lists no accounts.
func TestCauseAccountsNotWhenOneSideIsAsked(t *testing.T) {
	for _, fx := range fixtures {
		e := New(newBM25(loadFixture(t, fx)), Options{})
		for _, q := range []string{"How did the brothers die according to Azerbaijani officials?", "What did Russian authorities say the brothers died of?"} {
			a, err := e.Ask(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			if !a.Grounded || a.Disagreement != "" {
				t.Errorf("%s %s: grounded %v, Disagreement = %q, want none", fx, q, a.Grounded, a.Disagreement)
			}
		}
	}
}

// TestOneSidesWordingsAreOneAccount: two causes given by speakers who share
// a name ("Estmarkian police", "Estmark's interior ministry") are one
// side's account, not two competing ones; only different sides make
// accounts, one side alone makes none, two sides that give one manner of
// death make none, and a speaker who names no side makes no account of its
// own.
func TestOneSidesWordingsAreOneAccount(t *testing.T) {
	doc := madeUp
	police := doc("a", "Estmarkian police said the miner died of a heart attack in the cell.") // "in the cell" makes no one cause
	ministry := doc("b", "Estmark's interior ministry said the miner died of an overdose in the cell.")
	dalby := doc("c", "Doctors in Dalby said the miner died of internal bleeding after a beating in the cell.")
	unnamed := doc("d", "A coroner said the miner died of suffocation in the cell.")
	halden := doc("e", "Prosecutors in Halden said the miner died of blunt trauma in the cell.")
	beaten := doc("f", "Doctors in Dalby said the miner was beaten to death in the cell.")
	reports := doc("g", "Reports indicate that the miner died of a heart attack in the cell.")
	tests := []struct {
		name string
		docs []retrieval.Result
		want *regexp.Regexp // nil: no accounts line
	}{
		{"two sides", []retrieval.Result{police, ministry, dalby},
			regexp.MustCompile(`^The articles report two accounts of the cause: (a heart attack|an overdose) in the cell, according to Estmark[^;]*, and (a heart attack|an overdose) in the cell, according to Estmark[^;]*; internal bleeding, according to Doctors in Dalby \[\d\]\.$`)},
		{"one side", []retrieval.Result{police, ministry}, nil},
		// A cause whose speaker names no side may be either side's: it is
		// listed, not counted as an account.
		{"two sides and an unnamed speaker", []retrieval.Result{police, dalby, unnamed},
			regexp.MustCompile(`^The articles report two accounts of the cause: a heart attack in the cell, according to Estmarkian police \[\d\]; internal bleeding, according to Doctors in Dalby \[\d\]\. They also give: suffocation in the cell, according to a coroner \[\d\]\.$`)},
		// Two sides that give one manner of death in other words do not
		// dispute each other.
		{"two sides, one manner", []retrieval.Result{beaten, halden}, nil},
		// A passage that names no speaker for a side's cause is cited
		// apart: "according to Estmarkian police" does not credit it.
		{"a side's cause also without a speaker", []retrieval.Result{police, dalby, reports},
			regexp.MustCompile(`^The articles report two accounts of the cause: a heart attack in the cell, according to Estmarkian police \[\d\] \(also \[\d\], which names no speaker\); internal bleeding, according to Doctors in Dalby \[\d\]\.$`)},
		{"one named side", []retrieval.Result{police, unnamed},
			regexp.MustCompile(`^The articles give these causes: a heart attack in the cell, according to Estmarkian police \[\d\]; suffocation in the cell, according to a coroner \[\d\]\.$`)},
	}
	for _, tt := range tests {
		a, err := New(fixedSearcher(tt.docs), Options{}).Ask(context.Background(), "How did the miner die?")
		if err != nil {
			t.Fatal(err)
		}
		if tt.want == nil && a.Disagreement != "" || tt.want != nil && !tt.want.MatchString(a.Disagreement) {
			t.Errorf("%s: Disagreement = %q, want %v", tt.name, a.Disagreement, tt.want)
		}
		checkCitations(t, a)
	}
}

// TestAgeDisagreementIsOfTheAskedPerson: two articles that give one person
// different ages disagree on that person's age, and the line names whom;
// a question about his brother, whose age they agree on, gets no line;
// one about "the Marten brothers" names both.
func TestAgeDisagreementIsOfTheAskedPerson(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The miners, Ivo Marten, 41, and Pavel Marten, 38, were detained on Monday."),
		madeUp("b", "Police detained two brothers, Ivo Marten (40) and Pavel Marten (38), in a raid."),
	}
	for _, tt := range []struct{ q, want string }{
		{"How old is Ivo Marten?", `^Sources disagree on the age of Ivo Marten: \[\d\] says “(41|40)”, while \[\d\] says “(41|40)”\.$`},
		{"How old is Pavel Marten?", `^$`},
		{"How old are the Marten brothers?", `^Sources disagree on the age of Ivo Marten: \[\d\] says “(41|40)”, while \[\d\] says “(41|40)”\.$`},
	} {
		a, err := New(docs, Options{}).Ask(context.Background(), tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(tt.want).MatchString(a.Disagreement) {
			t.Errorf("%s: Disagreement %q, want %s (answer %q)", tt.q, a.Disagreement, tt.want, a.Text)
		}
		checkCitations(t, a)
	}
}

// TestWhatTimeIsAnsweredWithTheTime: "at what time" asks for a time of
// day: the sentence that gives the event's time answers before one that
// only names the event, and two articles that time it differently are
// shown as disagreeing on the time.
func TestWhatTimeIsAnsweredWithTheTime(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "The activist Ola Brandt died in police custody in Halden, his lawyer said."),
		madeUp("b", "The activist Ola Brandt died at about 03:00 on March 12 in a police cell in Halden."),
		madeUp("c", "Prosecutors said the activist Ola Brandt died at about 3 pm on March 12 in Halden."),
	}
	a, err := New(docs, Options{}).Ask(context.Background(), "At what time did Ola Brandt die?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "03:00") && !strings.Contains(a.Text, "3 pm") || strings.HasPrefix(a.Text, "The activist Ola Brandt died in police custody") {
		t.Errorf("answer %q, want a sentence that gives the time first", a.Text)
	}
	if !regexp.MustCompile(`^Sources disagree on the time: \[\d\] says “about (03:00|3 pm)”, while \[\d\] says “about (03:00|3 pm)”\.$`).MatchString(a.Disagreement) {
		t.Errorf("Disagreement %q, want the two times", a.Disagreement)
	}
	checkCitations(t, a)
}

// TestWhatTimeOfNightIsTheTime: "at what time of night" asks for the
// time; "night" is the question's framing, not a word the sentence must
// hold.
func TestWhatTimeOfNightIsTheTime(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "A missile fell on the grounds of the Ostrian embassy in Dalby around 01:00 a.m. on 14 November, the ministry said."),
		madeUp("b", "The Ostrian embassy in Dalby was damaged, the ministry said."),
	}
	a, err := New(docs, Options{}).Ask(context.Background(), "At what time of night did the missile fall on the embassy in Dalby?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "A missile fell") {
		t.Errorf("answer %q, want the sentence that gives the time", a.Text)
	}
	checkCitations(t, a)
}

// TestTheTimeOfAKillingIsTheTimeOfTheMurder: one article says he was
// killed at one time, another that he was murdered at another: the
// question about his killing shows both.
func TestTheTimeOfAKillingIsTheTimeOfTheMurder(t *testing.T) {
	docs := fixedSearcher{
		madeUp("b", "The activist Ola Brandt was killed at about 03:00 on March 12 in a police cell in Halden."),
		madeUp("c", "Prosecutors said the activist Ola Brandt was murdered at about 3 pm in a police cell in Halden."),
	}
	a, err := New(docs, Options{}).Ask(context.Background(), "At what time was Ola Brandt killed?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Disagreement, "Sources disagree on the time: ") || !strings.Contains(a.Disagreement, "3 pm") || !strings.Contains(a.Disagreement, "03:00") {
		t.Errorf("Disagreement %q, want the two times (answer %q)", a.Disagreement, a.Text)
	}
	checkCitations(t, a)
}

// TestEachWordingIsCreditedToItsOwnSpeakers: "a heart attack" and "heart
// failure" are one side's account, but each is credited to those who said
// it; "a heart attack in the cell" is the same wording as "a heart
// attack".
func TestEachWordingIsCreditedToItsOwnSpeakers(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Estmarkian police said the miner died of a heart attack."),
		madeUp("b", "Estmarkian investigators said the miner died of heart failure."),
		madeUp("c", "Estmark's interior ministry said the miner died of a heart attack in the cell."),
		madeUp("d", "Doctors in Dalby said the miner was beaten to death."),
	}
	a, err := New(docs, Options{}).Ask(context.Background(), "How did the miner die?")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"a heart attack, according to Estmarkian police and Estmark's interior ministry", "heart failure, according to Estmarkian investigators"} {
		if !strings.Contains(a.Disagreement, want) {
			t.Errorf("Disagreement %q, want %q in it", a.Disagreement, want)
		}
	}
	checkCitations(t, a)
}

// TestNoCountDisagreementWhereAnArticleGivesBoth: an article among the
// retrieved that gives both counts itself, one of them in a sentence the
// answer does not quote, counts two sets; the two outlets that give one
// each are not set against each other.
func TestNoCountDisagreementWhereAnArticleGivesBoth(t *testing.T) {
	docs := fixedSearcher{
		madeUp("a", "Police detained seven employees at the agency's office in Halden on Monday."),
		madeUp("b", "Police detained two employees at the agency's office in Halden on Monday."),
		madeUp("c", "Seven employees were detained at the agency's office in Halden on Monday. The agency opened the office in 2015. Officers detained two FSB officers who worked for the agency, the ministry said."),
	}
	a := askMadeUp(t, docs, "How many employees were detained at the agency's office in Halden?")
	if !a.Grounded || a.Disagreement != "" {
		t.Errorf("answer %q, Disagreement %q: want a grounded answer with no disagreement", a.Text, a.Disagreement)
	}
	checkCitations(t, a)
	// Without the third article the two outlets disagree.
	a = askMadeUp(t, docs[:2], "How many employees were detained at the agency's office in Halden?")
	if a.Disagreement == "" {
		t.Errorf("answer %q: want the two counts set against each other", a.Text)
	}
}

// TestDisagreementCitesTheQuotedPassage: a side's value that another
// passage of a quoted article gives too is cited by the quoted passage,
// which holds the words, not listed again as "Same article as [1]".
func TestDisagreementCitesTheQuotedPassage(t *testing.T) {
	other := madeUp("a", "Ivo Marten, 59, had run a cafe in Halden for twenty years.")
	other.ID = "a#1"
	c := newCiter([]retrieval.Result{
		madeUp("a", "The raid killed two brothers, Ivo Marten (59) and Pavel Marten (54), in Halden."),
		madeUp("b", "The victims, Ivo Marten, 60, and Pavel Marten, 55, were detained in Halden."),
		other,
	})
	c.ref(0)
	c.ref(1)
	if got := c.refWith(2, "59"); got != 1 {
		t.Errorf("refWith(a#1, 59) = [%d], want [1], the quoted passage of its article that gives 59", got)
	}
	if got := c.refWith(2, "twenty years"); got != 3 {
		t.Errorf("refWith(a#1, twenty years) = [%d], want its own [3]: the quoted passage does not give it", got)
	}
	if got := c.refWith(1, "60"); got != 2 {
		t.Errorf("refWith(b#0, 60) = [%d], want [2]", got)
	}
}
