package timeline

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/facts"
)

// TestCauseConflicts checks when the causes of death the articles of one
// event give are a conflict, on made-up countries and speakers: two
// speakers of one side are one account whatever they say; two sides with
// causes that share no word are a conflict, shown with every claim, one
// side's claims together; the accused ("allegedly by Patrian police") is
// no side.
func TestCauseConflicts(t *testing.T) {
	doc := func(id, body string) corpus.Document {
		return corpus.Document{ID: id, Title: id, Published: "2025-03-12", PublishedPrecision: "day", Body: body}
	}
	const deaths = "Two Ostrian brothers detained in a police raid on their cafe in Lorvan on March 3 died in custody.\n\n"
	docs := map[string]corpus.Document{
		"raid": doc("raid", "Police in the Patrian city of Lorvan raided a cafe on March 3 and detained two Ostrian brothers who ran it.\n\n"+
			"Both brothers later died in custody. Patrian investigators said the brothers died of heart failure.\n"),
		"ministry":   doc("ministry", deaths+"Patria's Interior Ministry said the brothers died of a drug overdose.\n"),
		"prosecutor": doc("prosecutor", deaths+"Prosecutors in Ostria said the brothers died of torture, allegedly by Patrian police.\n"),
		"accused":    doc("accused", deaths+"The brothers were tortured to death, allegedly by the Lorvan police.\n"),
	}
	tests := []struct {
		name string
		docs []string
		want []string
	}{
		{"two speakers of one side: no conflict", []string{"raid", "ministry"}, nil},
		{"the accused is no side: no conflict", []string{"raid", "accused"}, nil},
		// One side's two causes are one claim: they do not dispute each
		// other.
		{"two sides with different causes: a conflict", []string{"raid", "ministry", "prosecutor"}, []string{
			"drug overdose, per Patria's Interior Ministry; heart failure, per Patrian investigators",
			"torture, per Prosecutors in Ostria",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := NewIndex()
			for _, id := range tt.docs {
				x.Update(docs[id])
			}
			evs := x.Events()
			if len(evs) != 1 {
				t.Fatalf("%d events, want the raid alone: %+v", len(evs), evs)
			}
			var got []string
			for _, c := range evs[0].Conflicts {
				got = append(got, c.Claim)
				if !c.Account {
					t.Errorf("claim %q is not marked as an account", c.Claim)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("conflicts mismatch (-want +got):\n%s", diff)
			}
			if tt.want != nil && len(evs[0].Sources) != len(tt.docs) {
				t.Errorf("%d sources, want one per article: %+v", len(evs[0].Sources), evs[0].Sources)
			}
		})
	}
}

// TestCauseConflictRule checks the rule on claims alone: speakers that
// share a content word are one side (a demonym and its place share one),
// causes that share a content word are one account, and a cause with no
// speaker is no side.
func TestCauseConflictRule(t *testing.T) {
	claim := func(cause, side string) Cause { return causeClaim(t, cause, side) }
	tests := []struct {
		name   string
		claims []Cause
		want   bool
	}{
		{"one side in two phrasings", []Cause{claim("torture", "Ostrian prosecutors"), claim("beatings", "Ostria's Prosecutor General's Office")}, false},
		{"a demonym and its place", []Cause{claim("a heart attack", "Patrian authorities"), claim("suicide", "the government of Patria")}, false},
		{"one account from two sides", []Cause{claim("a heart attack", "Patrian authorities"), claim("heart failure", "Ostrian doctors")}, false},
		{"two sides, two accounts", []Cause{claim("a heart attack", "Patrian authorities"), claim("torture", "Ostrian prosecutors")}, true},
		{"the same words after the death are no account", []Cause{claim("tortured to death", "Ostrian prosecutors"), claim("starved to death", "Patrian authorities")}, true},
		{"no speaker is no side", []Cause{claim("a heart attack", "Patrian authorities"), claim("torture", "")}, false},
		{"a speaker with no content word is no side", []Cause{claim("a heart attack", "Patrian authorities"), claim("torture", "he")}, false},
		// Precision first: a word the speakers share makes them one side,
		// even a common noun. A missed conflict is cheaper than a false one.
		{"a shared common noun", []Cause{claim("a heart attack", "Patrian officials"), claim("torture", "Ostrian officials")}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			claims := map[causeKey]Cause{}
			for _, c := range tt.claims {
				claims[causeKey{c.Cause, c.Side}] = c
			}
			ks := causeConflict(claims)
			if got := ks != nil; got != tt.want {
				t.Errorf("conflict = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestDateConflictNeedsOneEvent: two articles dating one event differently
// conflict; two articles whose sentences share words but date different
// events (the summons on the 29th, the raids on the 27th) do not.
func TestDateConflictNeedsOneEvent(t *testing.T) {
	doc := func(id, pub, body string) corpus.Document {
		return corpus.Document{ID: id, Title: id, Published: pub, PublishedPrecision: "day", Body: body}
	}
	conflicts := func(docs ...corpus.Document) []Claim {
		x := NewIndex()
		for _, d := range docs {
			x.Update(d)
		}
		var out []Claim
		for _, e := range x.Events() {
			for _, c := range e.Conflicts {
				if c.Date != "" && !strings.Contains(c.Claim, "per ") {
					out = append(out, c)
				}
			}
		}
		return out
	}
	same := conflicts(
		doc("a", "2025-03-20", "A Nordair Airlines jet was shot down over the Dalby coast in March 2024, killing 20 passengers."),
		doc("b", "2025-03-21", "A Nordair Airlines jet was shot down over the Dalby coast in March 2023, killing 20 passengers."),
	)
	if len(same) != 2 {
		t.Errorf("one event dated two ways: conflicts %+v, want the two dates", same)
	}
	if c := conflicts(
		doc("c", "2025-03-14", "Dalby's envoy was summoned to the Estmarkian foreign ministry, where a protest was lodged over the raids on the miners' homes by Dalby police on March 12."),
		doc("d", "2025-03-15", "The ministry on March 14 summoned Dalby's envoy over the raids on the miners' homes, demanding an inquiry."),
	); len(c) != 0 {
		t.Errorf("the raids and the summons: made-up conflict %+v", c)
	}
}

// TestClaimsGroupByAccount: one side's wordings are one account, each
// wording with its own speakers ("heart attack" is not credited as "heart
// failure"); the same words are one wording across speakers ("torture");
// and causes of one manner are one account ("torture", "injuries from
// beatings"), while a shared word alone ("injuries") joins nothing.
func TestClaimsGroupByAccount(t *testing.T) {
	claim := func(cause, side string) Cause { return causeClaim(t, cause, side) }
	cs := []Cause{claim("heart failure", "Patrian authorities"), claim("a heart attack", "Patrian investigators"), claim("torture", "Ostrian prosecutors"),
		claim("torture", "a Norlandic doctor"), claim("injuries from a fall", "Patrian police"), claim("injuries from beatings", "the Ostrian ombudsman")}
	claims := map[causeKey]Cause{}
	docs := map[causeKey]map[string]bool{}
	for i, c := range cs {
		k := causeKey{c.Cause, c.Side}
		claims[k] = c
		docs[k] = map[string]bool{fmt.Sprintf("d%d", i): true}
	}
	var got []string
	for _, gs := range bySide(groupClaims(causeConflict(claims), claims, docs)) {
		text, ds := accountText(gs)
		got = append(got, text+" "+strings.Join(sortedKeys(ds), ","))
	}
	slices.Sort(got)
	want := []string{
		"heart failure, per Patrian authorities; heart attack, per Patrian investigators; injuries from a fall, per Patrian police d0,d1,d4",
		"torture, per Ostrian prosecutors and a Norlandic doctor; injuries from beatings, per the Ostrian ombudsman d2,d3,d5",
	}
	if !slices.Equal(got, want) {
		t.Errorf("accounts %q, want %q", got, want)
	}
}

// causeClaim is the claim that side gives cause of a death.
func causeClaim(t *testing.T, cause, side string) Cause {
	t.Helper()
	f := facts.Fact{Kind: facts.KindCause, Text: cause, Cause: &facts.Cause{Effect: "die", Cause: cause}, Source: side}
	c, ok := causeOf(f, nil, map[string]string{})
	if !ok {
		t.Fatalf("causeOf(%q, %q) is no cause", cause, side)
	}
	return c
}

// TestADateConflictSurvivesArticlesOnOtherMatters: the bundled articles
// date the airliner's downing to December 2023 once and December 2024
// elsewhere. An article that names the crash's date in passing, on the
// insurance payments, joins the December 2024 event but does not hide the
// disagreement: the words compared are those of the mentions that
// disagree, not the whole event's.
func TestADateConflictSurvivesArticlesOnOtherMatters(t *testing.T) {
	x, _ := bundledIndex(t)
	dated := func() bool {
		for _, e := range x.Events() {
			var ds []string
			for _, c := range e.Conflicts {
				ds = append(ds, c.Date)
			}
			if slices.Contains(ds, "2023-12") && slices.Contains(ds, "2024-12") {
				return true
			}
		}
		return false
	}
	if !dated() {
		t.Fatal("the bundled articles alone: no December 2023 / December 2024 conflict")
	}
	x.Update(corpus.Document{ID: "insurance", Title: "Insurer says it has paid for the airliner", Published: "2025-09-04", PublishedPrecision: "day",
		Body: "An insurer says it has paid out for the Azerbaijan Airlines plane that crashed near Aktau in December 2024, meeting one demand of officials in Baku, who say the aircraft was hit from the ground before it turned back.\n\n" +
			"The insurer has paid relatives since February, the ministry said on Thursday, and the airline was paid the full insured value of the plane."})
	if !dated() {
		t.Error("with an article on the insurance payments: the December 2023 / December 2024 conflict is gone")
	}
	// Articles that date the crash to its day, and others on other
	// matters, change the weights of the words; the conflict stays.
	for i, body := range []string{
		"Relations sank to their lowest point since December 25, when Russia shot down an Azerbaijani airliner over Grozny.",
		"Relations between Russia and Azerbaijan worsened after an Azerbaijan Airlines plane crashed in Kazakhstan in December 2024, and talks stalled.",
		"The tragic incident occurred on December 25, when an AZAL Embraer E190 aircraft en route from Baku to Grozny crashed near the city of Aktau.",
		"Kazakhstan said it is awaiting the findings of two foreign laboratories before the final report on the crash is published.",
	} {
		x.Update(corpus.Document{ID: fmt.Sprint("more", i), Title: "More", Published: "2025-10-10", PublishedPrecision: "day", Body: body})
	}
	if !dated() {
		t.Error("with articles dating the crash to its day: the December 2023 / December 2024 conflict is gone")
	}
}

// TestADateClaimIsWhatAllItsArticlesState: one article gives the day, one
// the month, a third another year: the claim of the first two is the
// month, which both state, not the day one of them gives.
func TestADateClaimIsWhatAllItsArticlesState(t *testing.T) {
	x := NewIndex()
	for id, when := range map[string]string{"a": "on March 5, 2024", "b": "in March 2024", "c": "in March 2023"} {
		x.Update(corpus.Document{ID: id, Title: id, Published: "2025-03-20", PublishedPrecision: "day",
			Body: "A Nordair Airlines jet was shot down over the Dalby coast " + when + ", killing 20 passengers."})
	}
	var got []string
	for _, e := range x.Events() {
		for _, c := range e.Conflicts {
			got = append(got, fmt.Sprint(c.Claim, c.Sources))
		}
	}
	if want := []string{"March 2023[c]", "March 2024[a b]"}; !slices.Equal(got, want) {
		t.Errorf("claims %q, want %q", got, want)
	}
}

// TestAMonthAndADayAYearOffAreOneApart: "December 2023" and "25 December
// 2024" may be one event with a wrong year; "November 2024" and "25
// December 2024", or "December 2022" and "25 December 2024", are not.
func TestAMonthAndADayAYearOffAreOneApart(t *testing.T) {
	month := func(y int, m time.Month) facts.Span { return facts.MonthSpan(y, m) }
	day := facts.DaySpan(time.Date(2024, 12, 25, 0, 0, 0, 0, time.UTC))
	for _, tt := range []struct {
		a    facts.Span
		want bool
	}{
		{month(2023, 12), true}, {month(2025, 12), true}, {month(2024, 11), false}, {month(2022, 12), false}, {month(2024, 12), false},
	} {
		if got := oneApart(tt.a, day) && oneApart(day, tt.a); got != tt.want {
			t.Errorf("oneApart(%v, 25 December 2024) = %v, want %v", tt.a.Lo.Format("2006-01"), got, tt.want)
		}
	}
}

// TestCausesOfAWideChainFindTheirOwnEvents: causes are grouped by their
// sentences' words, each like the next; a chain grown so wide that the
// group as a whole is like no event must not drop its causes: each then
// finds its own event, and two sides' causes there are still shown.
func TestCausesOfAWideChainFindTheirOwnEvents(t *testing.T) {
	one := func(keys ...string) map[string]float64 {
		w := map[string]float64{}
		for _, k := range keys {
			w[k] = 1
		}
		return w
	}
	idf := func(string) float64 { return 1 }
	ev := built{centroid: weighVec(one("raid", "brother", "custodi"), idf, false), quotes: map[string]bool{"a\x00q": true}}
	ev.Date = facts.Date{Value: "2025-03-03", Precision: facts.Day}
	mk := func(doc, cause, side string, keys ...string) Cause {
		c := causeClaim(t, cause, side)
		c.weights = one(keys...)
		c.termsKey = strings.Join(keys, " ")
		c.quoteKey = doc + "\x00q"
		c.Source = Source{DocID: doc}
		return c
	}
	// The ends are like the raid; the links between them are not.
	causes := []Cause{mk("a", "heart failure", "Patrian investigators", "raid", "brother", "custodi", "k0")}
	for i := range 20 {
		causes = append(causes, mk(fmt.Sprint("m", i), "a fall", "", fmt.Sprint("k", i), fmt.Sprint("k", i+1)))
	}
	causes = append(causes, mk("b", "torture", "Ostrian prosecutors", "k20", "raid", "brother", "custodi"))
	evs := []built{ev}
	attachCauses(evs, causes, idf)
	var got []string
	for _, c := range evs[0].Conflicts {
		got = append(got, c.Claim)
	}
	slices.Sort(got)
	if want := []string{"heart failure, per Patrian investigators", "torture, per Ostrian prosecutors"}; !slices.Equal(got, want) {
		t.Errorf("conflicts %q, want %q", got, want)
	}
}

// TestConflictSimIsTheClosestDisagreeingPair: a conflict is judged by the
// disagreeing pair of mentions whose words agree most, so that a mention
// of the same dates in other words does not hide it.
func TestConflictSimIsTheClosestDisagreeingPair(t *testing.T) {
	idf := func(string) float64 { return 1 }
	dated := func(value string, words ...string) *node {
		w := map[string]float64{}
		for _, k := range words {
			w[k] = 1
		}
		f := facts.Fact{Kind: facts.KindDate, DocID: value + words[0], Date: &facts.Date{Value: value, Precision: facts.Month},
			Event: facts.Event{Trigger: "shot", Participants: []string{"plane"}}}
		return &node{v: weighVec(w, idf, false), members: []*Mention{{fact: f}}}
	}
	g := &group{nodes: []*node{dated("2023-12", "plane", "shot", "missile", "airlin")}}
	h := &group{nodes: []*node{dated("2024-12", "plane", "shot", "missile", "airlin")}}
	for i := range 5 {
		// The same dates of the same event, in words of other matters.
		h.nodes = append(h.nodes, dated("2024-12", fmt.Sprint("insur", i), "payment", "compens", "ruble"))
	}
	for _, gr := range []*group{g, h} {
		for _, nd := range gr.nodes {
			gr.sum, gr.n = add(gr.sum, nd.v, 1), gr.n+1
		}
	}
	sim, ok := conflictSim(g, h)
	if !ok || sim < conflictThreshold {
		t.Errorf("conflictSim = %.3f, %v; want the alike pair's similarity, at least %.2f", sim, ok, conflictThreshold)
	}
}

// TestCausesTellOfRecentDeaths checks that undated causes of death go to
// an event their articles may report as news, not to one years before
// them: the murders a gang is accused of, told in the sentence before
// "one of the brothers died of heart failure", are not those deaths.
func TestCausesTellOfRecentDeaths(t *testing.T) {
	doc := func(id, pub, body string) corpus.Document {
		return corpus.Document{ID: id, Title: id, Published: pub, PublishedPrecision: "day", Body: body}
	}
	const deaths = "Patrian police raided a cafe in Lorvan on March 3.\n\n"
	x := NewIndex()
	for _, d := range []corpus.Document{
		doc("ministry", "2025-03-12", deaths+"Patria's Interior Ministry said the brothers died of a drug overdose.\n"),
		doc("prosecutor", "2025-03-12", deaths+"Prosecutors in Ostria said the brothers died of torture, allegedly by Patrian police.\n"),
		doc("gang", "2025-04-20", "Patrian investigators said a gang in Lorvan was involved in a number of murders in 2004, 2009 and 2012. "+
			"Patrian investigators said one of the brothers died of heart failure in custody.\n"),
	} {
		x.Update(d)
	}
	var disputed []string
	for _, e := range x.Events() {
		if len(e.Conflicts) > 0 {
			disputed = append(disputed, e.Date.Value)
		}
	}
	if want := []string{"2025-03-03"}; !slices.Equal(disputed, want) {
		t.Errorf("causes disputed on events of %v, want %v alone", disputed, want)
	}
}

// TestATiedDateDisputeIsHeadedByTheLaterDate: two articles, one date each,
// are one event whose line shows both; the later date heads it, as nearer
// the time they write in, whichever article comes first.
func TestATiedDateDisputeIsHeadedByTheLaterDate(t *testing.T) {
	doc := func(id, body string) corpus.Document {
		return corpus.Document{ID: id, Title: id, Published: "2025-07-01", PublishedPrecision: "day", Body: body}
	}
	x := NewIndex()
	x.Update(doc("a", "In December 2023, a Halden Air plane was mistakenly shot down near Lorvan, allegedly by a Patrian missile.\n"))
	x.Update(doc("b", "In December 2024, Patrian air defences mistakenly shot down a Halden Air plane near Lorvan.\n"))
	evs := x.Events()
	if len(evs) != 1 || len(evs[0].Conflicts) != 2 {
		t.Fatalf("events %+v, want one with the two dates as a conflict", evs)
	}
	if got := evs[0].Date.Value; got != "2024-12" {
		t.Errorf("the event is dated %s, want the later claim, 2024-12", got)
	}
}
